import { isIP } from 'node:net';
import type { Logger } from '../telemetry/logger';

/** Whether a listen address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}

/**
 * Start-up rules of a gateway that holds sellers' data: without clients it is open to whoever
 * reaches it, so it listens on loopback only and says so; production keeps seller tokens sealed.
 * @throws Error naming the setting to change
 */
export function checkExposure(settings: { host: string; authEnabled: boolean; production: boolean; tokenKeySet: boolean }, logger: Logger): void {
  if (!settings.authEnabled) {
    if (!isLoopback(settings.host)) {
      throw new Error(
        `HOST=${settings.host}: authentication is off (no clients in SHOPGRAPH_CONFIG), so ShopGraph listens on loopback only; declare clients or a JWT issuer, or listen on 127.0.0.1`,
      );
    }
    logger.warn({ host: settings.host }, 'authentication is off: no clients configured, serving loopback only');
  }
  if (settings.production && !settings.tokenKeySet) {
    throw new Error('SHOPGRAPH_ENCRYPTION_KEY: required in production, where seller tokens are stored sealed (generate one: openssl rand -base64 32)');
  }
}
