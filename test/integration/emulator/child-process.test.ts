import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { emulatorArgs, emulatorProcess, type DemoEmulator } from '../../../src/app/demo-emulator';

/**
 * Demo mode's emulator as a separate process, with the product's real launcher: here it forks
 * the TypeScript child entry through a require hook (`ts-register.js`) instead of the compiled one.
 */
const ENTRY = join(__dirname, '../../../src/emulator/child.ts');
const EXEC_ARGV = ['-r', join(__dirname, 'ts-register.js')];
const SETTINGS = { seed: 'child', shops: 1, days: 1, ordersPerDay: 1, logLevel: 'silent' };

describe('the emulator as a child process', () => {
  it('tells its parent its URL and credentials once listening, and stops when closed', async () => {
    const emulator: DemoEmulator = await emulatorProcess({ entry: ENTRY, execArgv: EXEC_ARGV })(SETTINGS);
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator).toMatchObject({ appKey: 'demo-app-key', appSecret: 'demo-app-secret', authCode: 'demo', adsToken: 'demo-ads-token' });
      const stats = await fetch(`${emulator.url}/__emulator/stats`);
      expect(stats.status).toBe(200);
    } finally {
      await emulator.close();
    }
    await expect(fetch(`${emulator.url}/__emulator/stats`)).rejects.toThrow();
  });

  it('exits when its parent goes away (the IPC channel closes)', async () => {
    const child = fork(ENTRY, emulatorArgs(SETTINGS), { execArgv: EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const [ready] = (await once(child, 'message')) as [{ type: string; url: string }];
    expect(ready.type).toBe('ready');
    const exit = once(child, 'exit');
    child.disconnect();
    const [code] = (await exit) as [number | null];
    expect(code).toBe(0);
    await expect(fetch(`${ready.url}/__emulator/stats`)).rejects.toThrow();
  });

  it('reports a failure to start and an entry that was never built', async () => {
    await expect(emulatorProcess({ entry: ENTRY, execArgv: EXEC_ARGV })({ ...SETTINGS, logLevel: 'loud' })).rejects.toThrow(
      /the demo emulator failed to start: .*--log-level/,
    );
    await expect(emulatorProcess({ entry: join(__dirname, 'no-such-entry.js') })(SETTINGS)).rejects.toThrow(/npm run build/);
  });
});
