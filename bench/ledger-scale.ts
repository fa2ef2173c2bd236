/**
 * Ledger scale benchmark (issue 18), past what the emulator can hold: one shop of ≥ 1M orders,
 * and 200 shops of ≥ 10k orders each, read from a computed source (bench/synthetic-source.ts)
 * paced at TikTok's allowance (45 searches a second per shop and feed), into the embedded store,
 * by the order ledger with default settings on a 256 MB heap. Each scenario runs in a process of
 * its own (its peak RSS is the ledger's, not the bench's):
 *
 * - cold: the 90-day window of every shop asked at once: time to the first answer and the share
 *   of days it covered; then time to full coverage; warm p50 / p95 of the window and its metrics
 *   (day aggregates combined, every order metric computed; the GraphQL layer adds ~4 ms, see the
 *   floor in docs/performance.md); history searches; peak RSS; bytes per order on disk;
 * - restart: a new process on the same data directory: time to the whole answer and the searches
 *   it read (zero is the goal).
 *
 * Run: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/ledger-scale.js`
 * (LEDGER_SCALE=big|many|both, BIG_ORDERS_PER_DAY=11200, MANY_SHOPS=200, MANY_ORDERS_PER_DAY=112,
 * LEDGER_HEAP_MB=256, LEDGER_WARM=50 (warm requests), LEDGER_STORE=embedded|redis: with `redis`, the ledgers go to a redis-server
 * of the bench's own (AOF on) and the bytes per order are its `used_memory` growth). Writes
 * bench/results/<date>-ledger-scale.json; the numbers go to docs/performance.md by hand.
 */
import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RedisLink } from '../src/cache/redis-link';
import type { ShopInfo } from '../src/datasources/shop-directory';
import { combineAggregates, type OrderAggregate } from '../src/metrics/day-aggregate';
import { computeShopMetrics } from '../src/metrics/definitions';
import { DayCache } from '../src/metrics/ledger/day-cache';
import { OrderLedger, type LedgerWindow } from '../src/metrics/ledger/order-ledger';
import { localDate } from '../src/domain/window';
import { openEmbeddedStore } from '../src/store/embedded-store';
import type { KvStore } from '../src/store/kv-store';
import { RedisKv } from '../src/store/redis-kv';
import { silentLogger } from '../src/telemetry/logger';
import { SyntheticSource, type SyntheticShop } from './synthetic-source';

const DAYS = 90;
const HEAP_MB = Number(process.env.LEDGER_HEAP_MB ?? 256);
const WARM = Number(process.env.LEDGER_WARM ?? 50);
const ROOT = join(__dirname, '..', '..');
const ZONE = 'America/Los_Angeles';
const REDIS = process.env.LEDGER_STORE === 'redis';

interface Scenario {
  name: string;
  shops: number;
  ordersPerDay: number;
}

const SCENARIOS: Record<string, Scenario> = {
  big: { name: 'one shop', shops: 1, ordersPerDay: Number(process.env.BIG_ORDERS_PER_DAY ?? 11_200) },
  many: { name: 'many shops', shops: Number(process.env.MANY_SHOPS ?? 200), ordersPerDay: Number(process.env.MANY_ORDERS_PER_DAY ?? 112) },
};

const shopsOf = (s: Scenario): ShopInfo[] =>
  Array.from({ length: s.shops }, (_, i) => ({
    id: String(7_000_000 + i),
    name: `Shop ${i}`,
    code: null,
    region: 'US',
    sellerType: 'LOCAL' as const,
    cipher: 'c',
    currency: 'USD',
    timezone: ZONE,
  }));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round1 = (x: number) => Math.round(x * 10) / 10;
const peakRssMb = () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024);

/** Child mode: one phase of one scenario, its measures printed as JSON. */
async function phase(scenario: Scenario, which: 'cold' | 'restart', dir: string, endSeconds: number): Promise<void> {
  const shops = shopsOf(scenario);
  const source = new SyntheticSource(
    new Map(shops.map((s) => [s.id, { ordersPerDay: scenario.ordersPerDay, days: DAYS + 10 } satisfies SyntheticShop])),
    endSeconds,
    45,
  );
  // With Redis, `dir` is its URL.
  const store = REDIS ? await redisStore(dir) : openEmbeddedStore({ dir, upstream: 'synthetic', cacheMb: 16, logger: silentLogger });
  const ledger = new OrderLedger(store.ledger, source, {
    namespace: 'bench',
    dayCache: new DayCache(32 * 1_048_576),
    concurrentBackfills: 4,
    firstAnswerMs: 3_000,
    // The restart is measured within the hour: no delta sync is due (one search per feed and shop when it is).
    maxStalenessMs: 3_600_000,
  });
  const window = { from: localDate(endSeconds - (DAYS - 1) * 86_400, ZONE), to: localDate(endSeconds, ZONE) };
  let started = Date.now();
  const windows = () => shops.map((shop) => ledger.window(shop, window, started));
  const all = () => Promise.all(windows());
  const t0 = performance.now();
  const first = await Promise.allSettled(windows());
  const firstAnswerSeconds = (performance.now() - t0) / 1000;
  const answered = first.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const share = answered.reduce((n, w) => n + w.coverage.share, 0) / shops.length;
  await Promise.all(shops.map((shop) => ledger.complete(shop, window)));
  const completeSeconds = (performance.now() - t0) / 1000;
  const searches = source.calls.orders + source.calls.returns + source.calls.cancellations;
  // Warm, twice: the days summed on each request (combineAggregates, as the resolvers do today),
  // then the window's total the ledger keeps per revision (LedgerWindow.total).
  const warm = async (sum: (w: LedgerWindow) => OrderAggregate) => {
    const latencies: number[] = [];
    let orders = 0;
    for (let i = 0; i < WARM; i++) {
      started = Date.now();
      const w0 = performance.now();
      const answers = await all();
      orders = 0;
      for (const w of answers) {
        const totals = sum(w);
        computeShopMetrics({
          orders: totals,
          adRows: [],
          gmvMax: [],
          unreadable: w.unreadable,
          currency: 'USD',
          rates: {},
          timeZones: { shop: ZONE, advertisers: [] },
          adsUnknown: null,
        });
        orders += totals.orders;
      }
      latencies.push(performance.now() - w0);
    }
    latencies.sort((a, b) => a - b);
    return { latencies, orders };
  };
  const { latencies, orders } = await warm((w) => combineAggregates(w.days.values(), 'USD'));
  const memo = await warm((w) => w.total());
  const result = {
    phase: which,
    firstAnswerSeconds: round1(firstAnswerSeconds),
    firstAnswerErrors: first.length - answered.length,
    firstAnswerShare: Math.round(share * 1000) / 1000,
    completeSeconds: round1(completeSeconds),
    historySearches: searches,
    warmP50Ms: round1(quantile(latencies, 0.5)),
    warmP95Ms: round1(quantile(latencies, 0.95)),
    warmTotalP50Ms: round1(quantile(memo.latencies, 0.5)),
    warmTotalP95Ms: round1(quantile(memo.latencies, 0.95)),
    ordersInWindow: orders,
    peakRssMb: peakRssMb(),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
  };
  await ledger.settle(10_000);
  await store.close();
  console.log(`RESULT ${JSON.stringify(result)}`);
}

async function redisStore(url: string): Promise<{ ledger: KvStore; close(): Promise<void> }> {
  const link = await RedisLink.connect({ url, logger: silentLogger, maxReconnectDelayMs: 100, connectTimeoutMs: 5_000, commandTimeoutMs: 5_000 });
  return { ledger: new RedisKv(link), close: () => link.close() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A redis-server with AOF in a directory of its own, and how to read its memory. */
async function startRedisServer(dir: string): Promise<{ url: string; usedMemory(): number; stop(): void }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--save', '', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (c: Buffer) => c.toString().includes('Ready to accept') && resolve()));
  child.stdout!.resume();
  const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout;
  return {
    url: `redis://127.0.0.1:${port}`,
    usedMemory: () => Number(/used_memory:(\d+)/.exec(cli('INFO', 'memory'))?.[1]),
    stop: () => child.kill('SIGTERM'),
  };
}

function runPhase(key: string, which: 'cold' | 'restart', dir: string, endSeconds: number): Promise<Record<string, number | string>> {
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, __filename, '--phase', key, which, dir, String(endSeconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => void (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const line = /RESULT (.*)/.exec(out);
      if (code !== 0 || !line) reject(new Error(`${key} ${which}: exited ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line[1]!) as Record<string, number | string>);
    }),
  );
}

const dirBytes = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
const storeTag = REDIS ? '-redis' : '';

async function main(): Promise<void> {
  const which = process.env.LEDGER_SCALE ?? 'both';
  const keys = which === 'both' ? ['big', 'many'] : [which];
  const endSeconds = Math.floor(Date.now() / 1000);
  const results: Record<string, unknown>[] = [];
  for (const key of keys) {
    const scenario = SCENARIOS[key]!;
    const dir = mkdtempSync(join(tmpdir(), `shopgraph-ledger-scale-${key}-`));
    try {
      const held = scenario.shops * scenario.ordersPerDay * (DAYS + 7);
      console.log(
        `${scenario.name}: ${scenario.shops} × ${scenario.ordersPerDay}/day over ${DAYS} days (+7 of lookback): ~${held.toLocaleString('en-US')} orders read`,
      );
      const redis = REDIS ? await startRedisServer(dir) : null;
      const baseline = redis?.usedMemory() ?? 0;
      const where = redis?.url ?? dir;
      let cold: Record<string, number | string>;
      let restart: Record<string, number | string>;
      let bytes: number;
      try {
        cold = await runPhase(key, 'cold', where, endSeconds);
        bytes = redis ? redis.usedMemory() - baseline : dirBytes(dir);
        console.log('  cold', cold);
        restart = await runPhase(key, 'restart', where, endSeconds);
        console.log('  restart', restart);
      } finally {
        redis?.stop();
      }
      results.push({
        scenario: key,
        ...scenario,
        days: DAYS,
        heapMb: HEAP_MB,
        store: REDIS ? 'redis' : 'embedded',
        ordersRead: held,
        storeBytes: bytes,
        bytesPerOrder: Math.round(bytes / held),
        cold,
        restart,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = `${date}-ledger-scale${storeTag}${which === 'both' ? '' : `-${which}`}.json`;
  writeFileSync(join(ROOT, 'bench', 'results', file), `${JSON.stringify({ date, results }, null, 2)}\n`);
  console.log(`wrote bench/results/${file}`);
}

if (process.argv[2] === '--phase') {
  const [, , , key, which, dir, end] = process.argv;
  phase(SCENARIOS[key!]!, which as 'cold' | 'restart', dir!, Number(end)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
