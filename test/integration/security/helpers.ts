import { emulatorEnv } from '../../helpers/stack';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator/server';
import type { ServerExtras } from '../../../src/app/serving';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { apiKeySha256 } from '../../../src/security/api-keys';
import { createLogger, type Logger } from '../../../src/telemetry/logger';

/** Every line a logger wrote, for assertions (and for the no-secrets check). */
export interface CapturedLogs {
  logger: Logger;
  text(): string;
  /** Parsed lines. */
  lines(): Record<string, unknown>[];
  /** Resolves once a line matches (no sleeping on a guess). */
  waitFor(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** A trace-level logger whose output is kept in memory. */
export function captureLogs(): CapturedLogs {
  let text = '';
  const waiters: (() => void)[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      waiters.splice(0).forEach((wake) => wake());
      done();
    },
  });
  const lines = () =>
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    logger: createLogger({ level: 'trace', destination }),
    text: () => text,
    lines,
    async waitFor(match) {
      for (;;) {
        const found = lines().find(match);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

/**
 * Fails on any secret in the logs: the given values verbatim, and any secret-named field whose
 * value is not redacted.
 */
export function expectNoSecrets(logs: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect({ leaked: secret.length > 0 && logs.includes(secret) ? secret : null }).toEqual({ leaked: null });
  const unredacted = /"([\w-]*token|[\w-]*secret|sign|authorization|x-api-key|api_?key|password)":"(?!\[redacted\])[^"]+"/gi;
  expect(logs.match(unredacted) ?? []).toEqual([]);
  // Seller tokens the emulator issues, and credentials carried in a URL.
  expect(logs.match(/ROW_[0-9a-f]{48}|[?&](sign|access_token|app_secret|auth_code|refresh_token)=[^&"\s]+/g) ?? []).toEqual([]);
}

/** An API key, and its config entry. */
export function apiClient(name: string, shops: string[] | '*', scopes: string[], cost = { bucket: 2000, restorePerSecond: 100 }) {
  const key = `sg_test_${name}_${'k'.repeat(24)}`;
  return { key, entry: { name, apiKeySha256: apiKeySha256(key), shops, scopes, cost } };
}

export const ALL_SCOPES = ['shops:read', 'orders:read', 'products:read', 'ads:read', 'finance:read', 'metrics:read'];

export interface GqlAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** An emulator and a gateway configured with a config file written from the emulator's shops. */
export interface SecuredStack {
  emulator: EmulatorHandle;
  server: RunningServer;
  shopIds: string[];
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlAnswer<T>>;
  close(): Promise<void>;
}

/** Writes a JSON config file in a fresh temporary directory and returns its path. */
export function writeConfigFile(config: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sg-sec-')), 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/**
 * Starts the emulator, then the gateway with `config(shopIds)` as its config file: the file can
 * name the emulator's shops. Loopback only.
 */
export async function startSecuredStack(options: {
  config?: (shopIds: string[]) => unknown;
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  logger: Logger;
  extras?: ServerExtras;
}): Promise<SecuredStack> {
  const emulator = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 10, ordersPerDay: 15, ...options.emulator });
  const shopIds = emulator.store.shops().map((s) => s.id);
  let server: RunningServer;
  try {
    server = await startServer(
      loadConfig({
        ...emulatorEnv(emulator),
        ...(options.config ? { SHOPGRAPH_CONFIG: writeConfigFile(options.config(shopIds)) } : {}),
        ...options.env,
      }),
      options.logger,
      options.extras,
    );
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    emulator,
    server,
    shopIds,
    async gql(query, variables, headers = {}) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as never };
    },
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}
