import { CachedFetcher } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { AnalyticsData, DEFAULT_ANALYTICS_TTLS, type AnalyticsReader } from '../../../src/datasources/analytics-data';
import type { ShopInfo } from '../../../src/datasources/shop-directory';

const SHOP: ShopInfo = {
  id: '7494000000000000001',
  name: 'x',
  code: null,
  region: 'US',
  sellerType: 'LOCAL',
  cipher: 'c',
  currency: 'USD',
  timezone: 'America/Los_Angeles',
};
/** 2025-11-24T20:00:00Z: 12:00 on 2025-11-24 in Los Angeles. */
const NOON = Date.parse('2025-11-24T20:00:00Z');
const MINUTE = 60_000;

function setup() {
  let now = NOON;
  const asked: Record<string, unknown>[] = [];
  const interval = {
    start_date: '2025-11-01',
    end_date: '2025-11-08',
    gmv: { amount: '10.00', currency: 'USD' },
    orders: 1,
    units_sold: 1,
    avg_order_value: { amount: '10.00', currency: 'USD' },
    buyers: 1,
    product_impressions: 5,
    product_page_views: 2,
    gmv_breakdowns: [],
  };
  const reader = {
    getShopPerformance: async (_shop: unknown, query: Record<string, unknown>) => {
      asked.push(query);
      return { performance: { intervals: [interval] }, latest_available_date: '2025-11-23' };
    },
  } as unknown as AnalyticsReader;
  const clock = () => now;
  const data = new AnalyticsData(reader, new CachedFetcher(new MemoryCacheStore(), { now: clock }), { appKey: 'app', now: clock });
  return {
    data,
    asked,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('AnalyticsData: lag and caching', () => {
  it('caches windows TikTok no longer revises long, and recent ones briefly', async () => {
    const { data, asked, advance } = setup();
    const closed = { from: '2025-11-01', to: '2025-11-07' };
    const recent = { from: '2025-11-20', to: '2025-11-23' };
    await data.shopPerformance(SHOP, closed, 'ALL');
    await data.shopPerformance(SHOP, recent, 'ALL');
    expect(asked).toHaveLength(2);
    advance(DEFAULT_ANALYTICS_TTLS.open + MINUTE);
    await data.shopPerformance(SHOP, closed, 'ALL');
    await data.shopPerformance(SHOP, recent, 'ALL');
    expect(asked.map((q) => q.start_date_ge)).toEqual(['2025-11-01', '2025-11-20', '2025-11-20']);
    advance(DEFAULT_ANALYTICS_TTLS.closed);
    await data.shopPerformance(SHOP, closed, 'ALL');
    expect(asked).toHaveLength(4);
  });

  it("never asks past the shop's today, and answers a future window with no rows but the latest date", async () => {
    const { data, asked } = setup();
    const spanning = await data.shopPerformance(SHOP, { from: '2025-11-20', to: '2025-12-31' }, '1D');
    expect(asked[0]).toEqual({ start_date_ge: '2025-11-20', end_date_lt: '2025-11-25', granularity: '1D' });
    expect(spanning.value).toHaveLength(1);
    const future = await data.shopPerformance(SHOP, { from: '2025-12-01', to: '2025-12-31' }, 'ALL');
    expect(asked[1]).toEqual({ start_date_ge: '2025-11-24', end_date_lt: '2025-11-25', granularity: 'ALL' });
    expect(future).toMatchObject({ value: [], latestAvailableDate: '2025-11-23', stale: false });
  });
});
