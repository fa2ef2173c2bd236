import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { CampaignPerformanceDocument, MetricsSeriesDocument, OrderListDocument, ShopOverviewDocument, type MetricFieldsFragment } from '../generated/graphql';
import { startStack, type Stack } from '../helpers/stack';

// The dashboard operations in operations/ are the examples frontends copy: each must run against
// the real server without errors and give answers a dashboard can render.

let stack: Stack | undefined;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

/** Runs a generated typed document and returns its data, failing on any error. */
async function run<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const body = await stack!.gql<R>(print(document), variables);
  expect(body.errors).toBeUndefined();
  return body.data as R;
}

/** The UTC calendar day `daysAgo` days before now (the emulator's data ends now). */
const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const RANGE = { from: day(7), to: day(1) };

/** What the Metric type promises: money exactly when a MONEY value exists, a reason exactly when there is no value. */
function expectRenderable(metric: MetricFieldsFragment): void {
  expect({ name: metric.name, hasReason: metric.nullReason !== null }).toEqual({ name: metric.name, hasReason: metric.value === null });
  expect({ name: metric.name, money: metric.money?.amount ?? null }).toEqual({
    name: metric.name,
    money: metric.unit === 'MONEY' ? metric.value : null,
  });
  expect(Number.isNaN(Date.parse(metric.asOf))).toBe(false);
}

const firstShopId = (): string => {
  const shop = stack!.emulator.store.shops()[0];
  if (!shop) throw new Error('the emulator has no shop');
  return shop.id;
};

describe('dashboard operations', () => {
  it('ShopOverview gives every headline metric for the window', async () => {
    const { shop } = await run(ShopOverviewDocument, { shopId: firstShopId(), range: RANGE });
    expect(shop?.metrics).toMatchObject({ from: RANGE.from, to: RANGE.to, currency: shop?.currency });
    const { gmv, orders, aov, refundRate, adSpend, roas, blendedRoas } = shop!.metrics;
    expect([gmv, orders, aov, refundRate, adSpend, roas, blendedRoas].map((m) => m.name)).toEqual([
      'GMV',
      'ORDERS',
      'AOV',
      'REFUND_RATE',
      'AD_SPEND',
      'ROAS',
      'BLENDED_ROAS',
    ]);
    for (const metric of [gmv, orders, aov, refundRate, adSpend, roas, blendedRoas]) expectRenderable(metric);
  });

  it('OrderList pages through orders with their products', async () => {
    const shopId = firstShopId();
    const first = await run(OrderListDocument, { shopId, first: 5 });
    const page = first.shop!.orders;
    expect(page.nodes).toHaveLength(5);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, endCursor: expect.any(String) });
    // run() refused any error, so no row is null here (a null row comes with an error).
    for (const order of page.nodes.map((o) => o!)) {
      expect(order.shopId).toBe(shopId);
      expect(order.lineItems.length).toBeGreaterThan(0);
      for (const item of order.lineItems) expect(item.product?.title).toEqual(expect.any(String));
    }

    const next = await run(OrderListDocument, { shopId, first: 5, after: page.pageInfo.endCursor });
    const seen = new Set(page.nodes.map((o) => o!.id));
    expect(next.shop!.orders.nodes.filter((o) => seen.has(o!.id))).toEqual([]);
  });

  it('CampaignPerformance gives each spending campaign a daily series', async () => {
    const { shop } = await run(CampaignPerformanceDocument, { shopId: firstShopId(), range: RANGE });
    const campaignIds = new Set(shop!.campaigns.map((c) => c!.id));
    expect(shop!.metrics.campaigns.length).toBeGreaterThan(0);
    for (const row of shop!.metrics.campaigns) {
      expect(campaignIds.has(row.campaignId)).toBe(true);
      expectRenderable(row.spend);
      expectRenderable(row.roas);
      expect(row.series.map((p) => p.from)).toEqual(days(RANGE.from, RANGE.to));
    }
  });

  it('MetricsSeries gives every shop buckets that tile the window', async () => {
    const { metrics } = await run(MetricsSeriesDocument, { range: RANGE, granularity: 'WEEK', names: ['GMV', 'ORDERS', 'ROAS'] });
    expect(metrics.map((m) => m.shop.id)).toEqual(stack!.emulator.store.shops().map((s) => s.id));
    for (const { series } of metrics) {
      expect(series[0]?.from).toBe(RANGE.from);
      expect(series.at(-1)?.to).toBe(RANGE.to);
      for (const point of series) {
        expect(point.metrics.map((m) => m.name)).toEqual(['GMV', 'ORDERS', 'ROAS']);
        point.metrics.forEach(expectRenderable);
      }
    }
  });
});

/** Every calendar day from `from` to `to`, both inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
