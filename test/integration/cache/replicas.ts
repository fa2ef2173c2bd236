/**
 * Several ShopGraph instances sharing one Redis, in front of one emulator: what a scaled-out
 * deployment looks like, on loopback.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator/server';
import type { EmulatorStatsSnapshot } from '../../../src/emulator/stats';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { silentLogger, type Logger } from '../../../src/telemetry/logger';
import { configFile } from '../../helpers/config-file';

export type GqlResponse<T> = { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

/** One ShopGraph instance. */
export interface Gateway {
  server: RunningServer;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>): Promise<GqlResponse<T>>;
  readyz(): Promise<{ status: string; checks: Record<string, { ok: boolean; detail?: string }> }>;
}

/** Starts a gateway for `emulator`'s app; with `REDIS_URL` in `env` it joins the shared cache. */
export async function startGateway(emulator: EmulatorHandle, env: Record<string, string>, logger: Logger = silentLogger): Promise<Gateway> {
  const t = emulator.tokens;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    TTS_APP_KEY: t.appKey,
    TTS_APP_SECRET: t.appSecret,
    TTS_AUTH_CODE: t.authCode,
    TTS_API_BASE_URL: emulator.url,
    TTS_AUTH_BASE_URL: emulator.url,
    TT_ADS_BASE_URL: emulator.url,
    TT_ADS_ACCESS_TOKEN: t.adsToken,
    TT_ADS_APP_ID: t.appKey,
    TT_ADS_SECRET: t.appSecret,
    // Two replicas, an emulator and a backfill share two cores here: a slow Redis answer is not
    // what these tests are about (test/integration/cache/redis-link.test.ts is).
    SHOPGRAPH_CONFIG: configFile({ redis: { commandTimeoutMs: 5_000 } }),
    ...env,
  });
  const server = await startServer(config, logger);
  return {
    server,
    async gql(query, variables, extensions) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables, extensions }),
      });
      return (await res.json()) as never;
    },
    async readyz() {
      return (await (await fetch(server.url.replace('/graphql', '/readyz'))).json()) as never;
    },
  };
}

/** An emulator and `count` gateways sharing `redisUrl` (and one token-sealing key). */
export async function startReplicas(
  redisUrl: string,
  options: { count?: number; emulator?: EmulatorOptions; env?: Record<string, string>; logger?: Logger } = {},
) {
  const emulator = await startEmulator({ port: 0, seed: 'replicas', shops: 2, days: 10, ordersPerDay: 25, ...options.emulator });
  const env = { REDIS_URL: redisUrl, SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'), ...options.env };
  const gateways: Gateway[] = [];
  // One after the other: the first exchanges the auth code, the others find its sealed tokens.
  for (let i = 0; i < (options.count ?? 2); i++) gateways.push(await startGateway(emulator, env, options.logger));
  return {
    emulator,
    gateways,
    async stats(): Promise<EmulatorStatsSnapshot> {
      return (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as EmulatorStatsSnapshot;
    },
    async resetStats(): Promise<void> {
      await fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
    },
    async close(): Promise<void> {
      for (const g of gateways) await g.server.close();
      await emulator.close();
    },
  };
}

/** Polls `condition` every few ms, failing after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const giveUpAt = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
