import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startEmulator } from '../../../src/emulator/server';
import { emulatorEnv } from '../../helpers/stack';
import { writeConfigFile, type CapturedLogs } from '../security/helpers';
import { KEYS, type Target } from './targets';

const ROOT = join(__dirname, '../../..');

/** Resolves once `test` holds for the text written so far (checked on every write, never by sleeping). */
function watch(stream: NodeJS.ReadableStream): { text(): string; until(test: (text: string) => boolean): Promise<string> } {
  let text = '';
  const waiters = new Set<() => void>();
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const wake of [...waiters]) wake();
  });
  return {
    text: () => text,
    until: (test) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (test(text)) {
            waiters.delete(check);
            resolve(text);
          }
        };
        waiters.add(check);
        stream.once('end', () => waiters.has(check) && reject(new Error(`the process ended first:\n${text.slice(-2000)}`)));
        check();
      }),
  };
}

/** The running `shopgraph serve` child, as a {@link Target}, plus the process itself. */
export interface ChildTarget extends Target {
  child: ChildProcess;
}

/**
 * Starts the real `shopgraph serve` entry (`main(['serve'])`, its process policy included) from
 * the TypeScript sources in a child node process with a 256 MB heap, production mode, logging at
 * trace to stdout, over an emulator in this process.
 */
export async function startChildTarget(): Promise<ChildTarget> {
  const emulator = await startEmulator({ port: 0, seed: 'hostile', shops: 2, days: 10, ordersPerDay: 10 });
  const [shopA = '', shopB = ''] = emulator.store.shops().map((s) => s.id);
  const env = {
    PATH: process.env.PATH ?? '',
    ...emulatorEnv(emulator),
    NODE_ENV: 'production',
    LOG_LEVEL: 'trace',
    SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    // No start-up backfill: the cases count the ledger's reads.
    SHOPGRAPH_CONFIG: writeConfigFile({
      clients: [{ ...KEYS.full.entry, shops: [shopA] }, { ...KEYS.shopsOnly.entry, shops: [shopA] }, KEYS.operator.entry],
      storage: { backfillOnStart: false },
    }),
  };
  const entry = `require('reflect-metadata'); require(${JSON.stringify(join(ROOT, 'src/app/main.ts'))}).main(['serve']).catch((e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['--max-old-space-size=256', '-r', join(__dirname, 'ts-register.js'), '-e', entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = watch(child.stdout!);
  const stderr = watch(child.stderr!);
  let url: string;
  try {
    const banner = await stdout.until((text) => /ShopGraph is ready at (\S+)/.test(text));
    url = /ShopGraph is ready at (\S+)/.exec(banner)![1]!;
  } catch (error) {
    child.kill('SIGKILL');
    await emulator.close();
    throw new Error(`${(error as Error).message}\n${stderr.text()}`);
  }
  const lines = () =>
    stdout
      .text()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const logs: CapturedLogs = {
    logger: undefined as never,
    text: stdout.text,
    lines,
    async waitFor(match) {
      await stdout.until(() => lines().some(match));
      return lines().find(match)!;
    },
  };
  return {
    mode: 'serve',
    child,
    base: url.replace(/\/graphql$/, ''),
    shopA,
    shopB,
    emulator,
    logs,
    async gql(query, variables = {}, key = 'full') {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${KEYS[key].key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as never };
    },
    async close() {
      if (child.exitCode === null) {
        const exit = once(child, 'exit');
        child.kill('SIGTERM');
        await exit;
      }
      await emulator.close();
    },
  };
}
