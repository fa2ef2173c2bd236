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
 * LEDGER_HEAP_MB=256). Writes bench/results/<date>-ledger-scale.json; the numbers go to
 * docs/performance.md by hand.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ShopInfo } from '../src/datasources/shop-directory';
import { combineAggregates } from '../src/metrics/day-aggregate';
import { computeShopMetrics } from '../src/metrics/definitions';
import { DayCache } from '../src/metrics/ledger/day-cache';
import { OrderLedger } from '../src/metrics/ledger/order-ledger';
import { localDate } from '../src/domain/window';
import { openEmbeddedStore } from '../src/store/embedded-store';
import { silentLogger } from '../src/telemetry/logger';
import { SyntheticSource, type SyntheticShop } from './synthetic-source';

const DAYS = 90;
const HEAP_MB = Number(process.env.LEDGER_HEAP_MB ?? 256);
const WARM = 50;
const ROOT = join(__dirname, '..', '..');
const ZONE = 'America/Los_Angeles';

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
  const store = openEmbeddedStore({ dir, upstream: 'synthetic', cacheMb: 16, logger: silentLogger });
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
  const latencies: number[] = [];
  let orders = 0;
  for (let i = 0; i < WARM; i++) {
    started = Date.now();
    const w0 = performance.now();
    const answers = await all();
    orders = 0;
    for (const w of answers) {
      const totals = combineAggregates(w.days.values(), 'USD');
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
  const result = {
    phase: which,
    firstAnswerSeconds: round1(firstAnswerSeconds),
    firstAnswerErrors: first.length - answered.length,
    firstAnswerShare: Math.round(share * 1000) / 1000,
    completeSeconds: round1(completeSeconds),
    historySearches: searches,
    warmP50Ms: round1(quantile(latencies, 0.5)),
    warmP95Ms: round1(quantile(latencies, 0.95)),
    ordersInWindow: orders,
    peakRssMb: peakRssMb(),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
  };
  store.close();
  console.log(`RESULT ${JSON.stringify(result)}`);
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
      const cold = await runPhase(key, 'cold', dir, endSeconds);
      const bytes = dirBytes(dir);
      console.log('  cold', cold);
      const restart = await runPhase(key, 'restart', dir, endSeconds);
      console.log('  restart', restart);
      results.push({
        scenario: key,
        ...scenario,
        days: DAYS,
        heapMb: HEAP_MB,
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
  const file = `${date}-ledger-scale${which === 'both' ? '' : `-${which}`}.json`;
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
