/**
 * The figures issue 5 asks for, printed as a table: cache-hit latency of each store, and how many
 * upstream calls the shared cache saves on a dashboard workload repeated across two replicas.
 * The assertions only pin what must hold whatever the machine: warm rounds cost no upstream call.
 */
import { print } from 'graphql';
import { CachedFetcher } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore, type CacheStore } from '../../../src/cache/cache-store';
import { RedisLink } from '../../../src/cache/redis-link';
import { TieredCacheStore } from '../../../src/cache/tiered-store';
import { silentLogger } from '../../../src/telemetry/logger';
import { DashboardOverviewDocument, DashboardPreviousPeriodDocument, DashboardShopsDocument } from '../../generated/graphql';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startReplicas } from './replicas';

// The dashboard's operations as the page sends them, their fragments included.
const shops = print(DashboardShopsDocument);
const overview = print(DashboardOverviewDocument);
const previousPeriod = print(DashboardPreviousPeriodDocument);
const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** p50 and p99 in microseconds of `n` sequential runs. */
async function latency(n: number, run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(times[Math.floor(n / 2)]!), p99: Math.round(times[Math.floor(n * 0.99)]!) };
}

describeWithRedis('cache figures', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('measures cache-hit latency per store', async () => {
    const link = await RedisLink.connect({ url: redis.url, logger: silentLogger });
    const value = { items: Array.from({ length: 100 }, (_, i) => ({ id: String(i), status: 'COMPLETED', total: '12.34' })) };
    const stores: [string, CacheStore][] = [
      ['memory (default)', new MemoryCacheStore()],
      ['Redis, L1 hit', new TieredCacheStore(link)],
      ['Redis, L2 hit (L1 off)', new TieredCacheStore(link, { l1TtlMs: 0 })],
    ];
    const rows: Record<string, { p50: number; p99: number }> = {};
    for (const [name, store] of stores) {
      const fetcher = new CachedFetcher(store);
      await fetcher.fetch('v1:app:shop:1:orders:page', { ttlMs: 60_000 }, async () => value);
      rows[`${name} — µs per hit (100-order page)`] = await latency(1000, () => fetcher.fetch('v1:app:shop:1:orders:page', { ttlMs: 60_000 }, async () => value));
    }
    console.table(rows);
    expect(rows['Redis, L1 hit — µs per hit (100-order page)']!.p50).toBeLessThan(1000);
    await link.close();
  });

  it('counts the upstream calls a repeated dashboard workload makes across two replicas', async () => {
    const replicas = await startReplicas(redis.url, { emulator: { shops: 2, days: 30, ordersPerDay: 20 } });
    try {
      const [a, b] = replicas.gateways;
      const shopIds = replicas.emulator.store.shops().map((s) => s.id);
      const range = { from: day(7), to: day(1) };
      const previous = { from: day(14), to: day(8) };
      // One dashboard view: the shop picker, then per shop the overview and the previous period.
      const view = async (g: typeof a) => {
        const started = performance.now();
        const results = [await g!.gql(shops)];
        for (const shopId of shopIds) {
          results.push(await g!.gql(overview, { shopId, range }));
          results.push(await g!.gql(previousPeriod, { shopId, range: previous }));
        }
        for (const r of results) expect(r.errors).toBeUndefined();
        return performance.now() - started;
      };
      const rounds: Record<string, { replica: string; upstreamCalls: number; ms: number }> = {};
      const order = [a, b, a, b];
      for (const [i, g] of order.entries()) {
        await replicas.resetStats();
        const ms = await view(g);
        rounds[`round ${i + 1}`] = { replica: g === a ? 'A' : 'B', upstreamCalls: (await replicas.stats()).total, ms: Math.round(ms) };
      }
      const cold = rounds['round 1']!.upstreamCalls;
      const made = Object.values(rounds).reduce((n, r) => n + r.upstreamCalls, 0);
      console.table(rounds);
      console.log(`dashboard workload: ${order.length} views, ${made} upstream calls instead of ${cold * order.length} uncached (${cold * order.length - made} saved, ${Math.round((1 - made / (cold * order.length)) * 100)}%)`);
      for (const r of Object.values(rounds).slice(2)) expect(r.upstreamCalls).toBe(0);
    } finally {
      await replicas.close();
    }
  });
});
