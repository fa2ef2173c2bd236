import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { runCompose } from '../../../src/gateway/compose';
import { startGateway } from '../../../src/app/gateway-server';
import { startServer } from '../../../src/app/start-server';
import { emulatorEnv } from '../../helpers/stack';
import { ALL_SCOPES, apiClient, captureLogs, writeConfigFile, type CapturedLogs, type GqlAnswer } from '../security/helpers';

/** The clients every target is configured with: a tenant with every scope, one with shops:read only, an operator. */
export const KEYS = {
  full: apiClient('full', [], [...ALL_SCOPES, 'finance:write', 'alerts:write']),
  shopsOnly: apiClient('shops-only', [], ['shops:read']),
  operator: apiClient('operator', '*', ['operator']),
};
export type KeyName = keyof typeof KEYS;

/** A ShopGraph listener under attack, as a production deployment runs it. */
export interface Target {
  mode: 'serve' | 'gateway';
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** The tenants' shop, and one they may not see. */
  shopA: string;
  shopB: string;
  emulator: EmulatorHandle;
  /** Trace-level logs of the listener. */
  logs: CapturedLogs;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, key?: KeyName | null): Promise<GqlAnswer<T>>;
  close(): Promise<void>;
}

/**
 * Starts `serve` or `gateway` (ShopGraph in its process, the supergraph composed ahead of time as
 * production requires) over a fresh emulator, in production mode, logging at trace.
 */
export async function startTarget(mode: Target['mode']): Promise<Target> {
  const emulator = await startEmulator({ port: 0, seed: 'hostile', shops: 2, days: 10, ordersPerDay: 10 });
  const [shopA = '', shopB = ''] = emulator.store.shops().map((s) => s.id);
  const logs = captureLogs();
  const supergraphFile = join(mkdtempSync(join(tmpdir(), 'sg-hostile-')), 'supergraph.graphql');
  const environment = {
    ...emulatorEnv(emulator),
    NODE_ENV: 'production',
    LOG_LEVEL: 'trace',
    SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SHOPGRAPH_CONFIG: writeConfigFile({
      clients: [{ ...KEYS.full.entry, shops: [shopA] }, { ...KEYS.shopsOnly.entry, shops: [shopA] }, KEYS.operator.entry],
      // No start-up backfill: the cases count the ledger's reads.
      storage: { backfillOnStart: false },
      ...(mode === 'gateway' ? { supergraph: { subgraphs: [], file: supergraphFile } } : {}),
    }),
  };
  let running: { url: string; close(): Promise<void> };
  try {
    if (mode === 'gateway') {
      const out: string[] = [];
      const code = await runCompose([], { environment, stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
      if (code !== 0) throw new Error(`compose failed: ${out.join('')}`);
      running = await startGateway(loadConfig(environment), logs.logger);
    } else {
      running = await startServer(loadConfig(environment), logs.logger);
    }
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    mode,
    base: running.url.replace(/\/graphql$/, ''),
    shopA,
    shopB,
    emulator,
    logs,
    async gql(query, variables = {}, key = 'full') {
      const res = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${KEYS[key].key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as never };
    },
    async close() {
      await running.close();
      await emulator.close();
    },
  };
}

/** Upstream calls the emulator answered, by "METHOD /path/template". */
export async function upstreamCalls(target: Target): Promise<Record<string, number>> {
  return ((await (await fetch(`${target.emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> }).calls;
}

/** How long `/healthz` takes to answer, by the monotonic clock (ms). */
export async function healthzLatency(target: Target): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${target.base}/healthz`);
  await res.text();
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  return performance.now() - started;
}

/** `/metrics` as the operator reads it. */
export async function scrape(target: Target): Promise<string> {
  return (await fetch(`${target.base}/metrics`, { headers: { authorization: `Bearer ${KEYS.operator.key}` } })).text();
}
