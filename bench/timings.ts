/**
 * The timing figures tests used to assert (issue 19: a test asserts behaviour, a benchmark
 * measures time). Each figure is printed beside the bound the test once held it to, and the run
 * fails when one is broken, so a slowdown still shows — on a machine meant for measuring.
 *
 * - the emulator generating the default demo size (3 shops × 30 days × 40 orders): < 3 s;
 * - a cache hit per store (p50/p99 µs of a 100-order page): memory, Redis with its L1, Redis L2
 *   only; Redis L1 p50 < 1 ms;
 * - the shared Redis rate limiter: 12 acquisitions at 5 per second span ≥ 2 s, a slot is held 1 s
 *   after its call was answered, and a slot whose call never ends is held `maxHoldMs` (400) + 1 s.
 *
 * Redis figures need `redis-server` on the PATH (skipped, saying so, without it).
 * Run: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/timings.js`
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CachedFetcher } from '../src/cache/cached-fetch';
import { MemoryCacheStore, type CacheStore } from '../src/cache/cache-store';
import { SlidingWindowRateLimiter } from '../src/upstream/rate-limiter';
import { RedisLink } from '../src/cache/redis-link';
import { RedisRateLimiter } from '../src/upstream/redis-rate-limiter';
import { TieredCacheStore } from '../src/cache/tiered-store';
import { EmulatorStore } from '../src/emulator/data/store';
import { silentLogger } from '../src/telemetry/logger';

const failures: string[] = [];
function figure(name: string, value: number, unit: string, bound: { below?: number; atLeast?: number }): void {
  const broken = (bound.below !== undefined && !(value < bound.below)) || (bound.atLeast !== undefined && !(value >= bound.atLeast));
  const limit = bound.below !== undefined ? `< ${bound.below}` : `≥ ${bound.atLeast}`;
  process.stdout.write(`${broken ? 'SLOW' : 'ok  '} ${name}: ${Math.round(value)} ${unit} (bound ${limit} ${unit})\n`);
  if (broken) failures.push(name);
}

async function latency(n: number, run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)]!, p99: times[Math.floor(n * 0.99)]! };
}

function generation(): void {
  const started = performance.now();
  EmulatorStore.generate({ seed: 'timing', shops: 3, days: 30, ordersPerDay: 40, now: 1_764_000_000 });
  figure('emulator: generate 3 shops × 30 days × 40 orders', performance.now() - started, 'ms', { below: 3000 });
}

async function cacheHits(link: RedisLink | undefined): Promise<void> {
  const value = { items: Array.from({ length: 100 }, (_, i) => ({ id: String(i), status: 'COMPLETED', total: '12.34' })) };
  const stores: [string, CacheStore, number | undefined][] = [['memory', new MemoryCacheStore(), undefined]];
  if (link) stores.push(['Redis, L1 hit', new TieredCacheStore(link), 1000], ['Redis, L2 hit (L1 off)', new TieredCacheStore(link, { l1TtlMs: 0 }), undefined]);
  for (const [name, store, bound] of stores) {
    const fetcher = new CachedFetcher(store);
    await fetcher.fetch('v1:app:shop:1:orders:page', { ttlMs: 60_000 }, async () => value);
    const { p50, p99 } = await latency(1000, () => fetcher.fetch('v1:app:shop:1:orders:page', { ttlMs: 60_000 }, async () => value));
    figure(`cache hit, ${name}: p50`, p50, 'µs', { below: bound ?? Number.POSITIVE_INFINITY });
    process.stdout.write(`     cache hit, ${name}: p99 ${Math.round(p99)} µs\n`);
  }
}

async function limiter(links: [RedisLink, RedisLink]): Promise<void> {
  const at = (limit: number, extra: { maxWaitMs?: number; maxHoldMs?: number } = {}) =>
    links.map((link) => new RedisRateLimiter(link, new SlidingWindowRateLimiter(() => limit), { limitFor: () => limit, prefix: 'bench:rl:', ...extra })) as [
      RedisRateLimiter,
      RedisRateLimiter,
    ];
  const [a, b] = at(5);
  const admitted: number[] = [];
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? a : b).acquire('partner:1:/x').then((slot) => {
        admitted.push(performance.now());
        slot.done();
      }),
    ),
  );
  admitted.sort((x, y) => x - y);
  figure('Redis limiter: 12 acquisitions at 5/s span', admitted.at(-1)! - admitted[0]!, 'ms', { atLeast: 2000 });

  const [c, d] = at(1, { maxWaitMs: 5000, maxHoldMs: 400 });
  const slow = await c.acquire('partner:1:/held');
  const answeredAt = performance.now();
  slow.done();
  (await d.acquire('partner:1:/held')).done();
  // Redis's ms are truncated: 999.
  figure('Redis limiter: slot held after its answer', performance.now() - answeredAt, 'ms', { atLeast: 999 });
  const lostAt = performance.now();
  await c.acquire('partner:1:/lost');
  await d.acquire('partner:1:/lost');
  figure('Redis limiter: slot held when its call never ends', performance.now() - lostAt, 'ms', { atLeast: 1399 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  generation();
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    process.stdout.write('redis-server not found: Redis figures skipped (apt-get install -y redis-server)\n');
    await cacheHits(undefined);
  } else {
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      const url = `redis://127.0.0.1:${port}`;
      let link: RedisLink | undefined;
      for (let i = 0; i < 50 && !link; i++) {
        link = await RedisLink.connect({ url, logger: silentLogger }).catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          return undefined;
        });
      }
      if (!link) throw new Error(`redis-server on port ${port} did not answer`);
      const other = await RedisLink.connect({ url, logger: silentLogger });
      await cacheHits(link);
      await limiter([link, other]);
      await link.close();
      await other.close();
    } finally {
      redis.kill('SIGTERM');
    }
  }
  if (failures.length > 0) {
    process.stdout.write(`\n${failures.length} figure(s) past their bound: ${failures.join('; ')}\n`);
    process.exitCode = 1;
  }
}

void main();
