/**
 * The figure issue 5 asks for, printed as a table: how many upstream calls the shared cache saves
 * on a dashboard workload repeated across two replicas. The assertions pin what must hold whatever
 * the machine: warm rounds cost no upstream call. Times (cache-hit latency per store) are
 * measured in bench/timings.ts, not here.
 */
import { print } from 'graphql';
import { DashboardOverviewDocument, DashboardPreviousPeriodDocument, DashboardShopsDocument } from '../../generated/graphql';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startReplicas } from './replicas';

// The dashboard's operations as the page sends them, their fragments included.
const shops = print(DashboardShopsDocument);
const overview = print(DashboardOverviewDocument);
const previousPeriod = print(DashboardPreviousPeriodDocument);
const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

describeWithRedis('cache figures', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('counts the upstream calls a repeated dashboard workload makes across two replicas', async () => {
    const replicas = await startReplicas(redis.url, { emulator: { shops: 2, days: 30, ordersPerDay: 20 } });
    try {
      const [a, b] = replicas.gateways;
      const shopIds = replicas.emulator.store.shops().map((s) => s.id);
      const range = { from: day(7), to: day(1) };
      const previous = { from: day(14), to: day(8) };
      // One dashboard view: the shop picker, then per shop the overview and the previous period.
      const view = async (g: typeof a) => {
        const results = [await g!.gql(shops)];
        for (const shopId of shopIds) {
          results.push(await g!.gql(overview, { shopId, range }));
          results.push(await g!.gql(previousPeriod, { shopId, range: previous }));
        }
        for (const r of results) expect(r.errors).toBeUndefined();
      };
      const rounds: Record<string, { replica: string; upstreamCalls: number }> = {};
      const order = [a, b, a, b];
      for (const [i, g] of order.entries()) {
        await replicas.resetStats();
        await view(g);
        rounds[`round ${i + 1}`] = { replica: g === a ? 'A' : 'B', upstreamCalls: (await replicas.stats()).total };
      }
      const cold = rounds['round 1']!.upstreamCalls;
      const made = Object.values(rounds).reduce((n, r) => n + r.upstreamCalls, 0);
      console.table(rounds);
      console.log(
        `dashboard workload: ${order.length} views, ${made} upstream calls instead of ${cold * order.length} uncached (${cold * order.length - made} saved, ${Math.round((1 - made / (cold * order.length)) * 100)}%)`,
      );
      expect(cold).toBeGreaterThan(0);
      for (const r of Object.values(rounds).slice(2)) expect(r.upstreamCalls).toBe(0);
    } finally {
      await replicas.close();
    }
  });
});
