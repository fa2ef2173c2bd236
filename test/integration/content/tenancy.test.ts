import type { GraphContext } from '../../../src/resolvers/context';
import {
  ContentProductResolver,
  ProductPerformanceResolver,
  ShopContentResolver,
  ShopMetricsAnalyticsResolver,
  SkuPerformanceResolver,
} from '../../../src/resolvers/content.resolver';
import { ContentProduct, LiveSessionSortKey, VideoSortKey } from '../../../src/schema/types/content';
import { ShopMetrics } from '../../../src/schema/types/metric';
import { Product, Sku } from '../../../src/schema/types/product';
import { Shop } from '../../../src/schema/types/shop';
import { startStack } from '../../helpers/stack';

const HIDDEN = '7494000000000000001';
const range = { from: '2025-11-01', to: '2025-11-07' };

/**
 * A request context of a caller that may not see shop HIDDEN: the shop is neither among its
 * shops nor loadable. Any use of the analytics accessor or the product loader is recorded.
 */
function outsider(): { ctx: GraphContext; used: string[] } {
  const used: string[] = [];
  const record = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, p) => {
          used.push(`${name}.${String(p)}`);
          return () => Promise.reject(new Error('must not be called'));
        },
      },
    );
  const ctx = {
    caller: { name: 'tenant-a', kind: 'api-key', shops: new Set(['7494000000000000002']), scopes: new Set(), cost: { bucket: 1, restorePerSecond: 1 } },
    loaders: { shop: { load: async () => null }, product: record('loaders.product') },
    analytics: record('analytics'),
    shopData: record('shopData'),
    metrics: record('metrics'),
  };
  return { ctx: ctx as unknown as GraphContext, used };
}

describe('tenancy: every content field goes through requireShop', () => {
  const shop = Object.assign(new Shop(), { id: HIDDEN });
  const metrics = Object.assign(new ShopMetrics(), { shop, from: range.from, to: range.to });
  const product = Object.assign(new Product(), { id: '1729000000000000001', shopId: HIDDEN });
  const sku = Object.assign(new Sku(), { id: '1729000000000000002', productId: product.id, shopId: HIDDEN });
  const linked = Object.assign(new ContentProduct(), { id: product.id, name: 'x', shopId: HIDDEN });
  const shopMetrics = new ShopMetricsAnalyticsResolver();

  const fields: [string, (ctx: GraphContext) => Promise<unknown>][] = [
    ['Shop.videos', (ctx) => new ShopContentResolver().videos(shop, ctx, range, 20, null, VideoSortKey.GMV)],
    ['Shop.liveSessions', (ctx) => new ShopContentResolver().liveSessions(shop, ctx, range, 20, null, LiveSessionSortKey.GMV)],
    ['ShopMetrics.channels', (ctx) => shopMetrics.channels(metrics, ctx)],
    ['ShopMetrics.analyticsGmv', (ctx) => shopMetrics.analyticsGmv(metrics, ctx)],
    ['ShopMetrics.productImpressions', (ctx) => shopMetrics.productImpressions(metrics, ctx)],
    ['ShopMetrics.pageViews', (ctx) => shopMetrics.pageViews(metrics, ctx)],
    ['ShopMetrics.buyers', (ctx) => shopMetrics.buyers(metrics, ctx)],
    ['ShopMetrics.conversionRate', (ctx) => shopMetrics.conversionRate(metrics, ctx)],
    ['Product.performance', (ctx) => new ProductPerformanceResolver().performance(product, range, ctx)],
    ['Sku.performance', (ctx) => new SkuPerformanceResolver().performance(sku, range, ctx)],
    ['ContentProduct.product', (ctx) => new ContentProductResolver().product(linked, ctx)],
  ];

  it.each(fields)('%s answers NOT_FOUND for a shop the caller may not see, before any upstream read', async (_name, resolve) => {
    const { ctx, used } = outsider();
    await expect(resolve(ctx)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: `shop ${HIDDEN} not found` });
    expect(used).toEqual([]);
  });

  it("through the gateway, an unknown shop's videos, sessions and product performance are NOT_FOUND", async () => {
    const stack = await startStack({ emulator: { shops: 1, days: 3, ordersPerDay: 3 } });
    try {
      const res = await stack.gql(
        `query($r: DateRange!) {
        a: shop(id: "${HIDDEN}") { videos(range: $r) { totalCount } }
        b: shop(id: "${HIDDEN}") { liveSessions(range: $r) { totalCount } }
        c: _entities(representations: [{__typename: "Product", shopId: "${HIDDEN}", id: "1"}]) { ... on Product { performance(range: $r) { gmv { value } } } }
      }`,
        { r: range },
      );
      expect(res.data).toMatchObject({ a: null, b: null });
      expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      expect(Object.keys(await stack.calls()).filter((k) => k.includes('/analytics/'))).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
