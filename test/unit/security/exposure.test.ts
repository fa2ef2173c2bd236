import { checkExposure, isLoopback } from '../../../src/security/exposure';
import { silentLogger } from '../../../src/telemetry/logger';

describe('exposure rules', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com', '::ffff:10.0.0.1']) expect(isLoopback(host)).toBe(false);
  });

  it('says authentication is off on loopback, and refuses any other address without clients', () => {
    const warnings: unknown[] = [];
    const logger = { ...silentLogger, warn: (...args: unknown[]) => warnings.push(args) } as unknown as typeof silentLogger;
    checkExposure({ host: '127.0.0.1', authEnabled: false, production: false, tokenKeySet: false }, logger);
    expect(JSON.stringify(warnings)).toMatch(/authentication is off/);
    expect(() => checkExposure({ host: '0.0.0.0', authEnabled: false, production: false, tokenKeySet: false }, silentLogger)).toThrow(
      /HOST=0\.0\.0\.0.*authentication is off/,
    );
    expect(() => checkExposure({ host: '0.0.0.0', authEnabled: true, production: false, tokenKeySet: false }, silentLogger)).not.toThrow();
  });

  it('refuses production without a token encryption key', () => {
    expect(() => checkExposure({ host: '0.0.0.0', authEnabled: true, production: true, tokenKeySet: false }, silentLogger)).toThrow(/SHOPGRAPH_ENCRYPTION_KEY/);
    expect(() => checkExposure({ host: '0.0.0.0', authEnabled: true, production: true, tokenKeySet: true }, silentLogger)).not.toThrow();
  });
});
