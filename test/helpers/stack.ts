import { loadConfig } from '../../src/config/load-config';
import type { EmulatorLauncher } from '../../src/app/demo-emulator';
import type { ServerExtras } from '../../src/app/serving';
import { startServer, type RunningServer } from '../../src/app/start-server';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../src/emulator/server';
import { silentLogger, type Logger } from '../../src/telemetry/logger';
import { configFile } from './config-file';

/** An emulator plus a gateway pointed at it, both on loopback free ports. */
export interface Stack {
  emulator: EmulatorHandle;
  server: RunningServer;
  /** POSTs a GraphQL operation and returns the parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  }>;
  /** Upstream calls by "METHOD /path/template" since the last reset. */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Demo mode's emulator started in the test's own process: ShopGraph forks the COMPILED emulator,
 * which tests running from TypeScript sources cannot rely on, so they pass this launcher in
 * `ServerExtras` instead.
 */
export const inProcessEmulator: EmulatorLauncher = async (settings) => {
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    seed: settings.seed,
    shops: settings.shops,
    days: settings.days,
    ordersPerDay: settings.ordersPerDay,
  });
  return { url: emulator.url, ...emulator.tokens, close: () => emulator.close() };
};

/** The environment that points a gateway at an emulator (test mode, free port). */
export function emulatorEnv(emulator: EmulatorHandle): Record<string, string> {
  const t = emulator.tokens;
  return {
    NODE_ENV: 'test',
    PORT: '0',
    // In memory even when a test switches NODE_ENV to production: tests never write the
    // repository's default data directory, nor share it between two servers at once.
    SHOPGRAPH_DATA_DIR: ':memory:',
    TTS_APP_KEY: t.appKey,
    TTS_APP_SECRET: t.appSecret,
    TTS_AUTH_CODE: t.authCode,
    TTS_API_BASE_URL: emulator.url,
    TTS_AUTH_BASE_URL: emulator.url,
    TT_ADS_BASE_URL: emulator.url,
    TT_ADS_ACCESS_TOKEN: t.adsToken,
    TT_ADS_APP_ID: t.appKey,
    TT_ADS_SECRET: t.appSecret,
  };
}

/**
 * Starts an emulator (small dataset by default) and a gateway using it through the env settings,
 * and `file` as its config file when given.
 */
export async function startStack(
  options: { emulator?: EmulatorOptions; env?: Record<string, string>; file?: Record<string, unknown>; logger?: Logger; extras?: ServerExtras } = {},
): Promise<Stack> {
  const emulator = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 10, ordersPerDay: 15, ...options.emulator });
  const file = options.file ? { SHOPGRAPH_CONFIG: configFile(options.file) } : {};
  const config = loadConfig({ ...emulatorEnv(emulator), ...file, ...options.env });
  const server = await startServer(config, options.logger ?? silentLogger, options.extras);
  const stats = `${emulator.url}/__emulator/stats`;
  return {
    emulator,
    server,
    async gql(query, variables, headers = {}) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async calls() {
      const body = (await (await fetch(stats)).json()) as { calls: Record<string, number> };
      return body.calls;
    },
    async resetCalls() {
      await fetch(`${stats}/reset`, { method: 'POST' });
    },
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}
