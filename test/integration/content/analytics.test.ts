import { DateTime } from 'luxon';
import { divide, parseDecimal, roundRatio, sumDecimals } from '../../../src/domain/money';
import { startStack, type Stack } from '../../helpers/stack';

interface MetricJson {
  name: string;
  value: string | null;
  nullReason: string | null;
  source: string;
  asOf: string;
  provisional: boolean;
}

interface Channel {
  channel: string;
  gmv: MetricJson;
  gmvShare: MetricJson;
  skuOrders: MetricJson;
  unitsSold: MetricJson;
  series: { from: string; to: string; metrics: MetricJson[] }[];
}

interface Analytics {
  currency: string;
  timezone: string;
  unitsSold: MetricJson;
  analyticsGmv: MetricJson;
  productImpressions: MetricJson;
  pageViews: MetricJson;
  buyers: MetricJson;
  conversionRate: MetricJson;
  channels: Channel[];
}

const M = 'name value nullReason source asOf provisional';
const QUERY = `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) {
  currency timezone unitsSold { ${M} } analyticsGmv { ${M} } productImpressions { ${M} } pageViews { ${M} } buyers { ${M} } conversionRate { ${M} }
  channels { channel gmv { ${M} } gmvShare { ${M} } skuOrders { ${M} } unitsSold { ${M} } series { from to metrics { ${M} } } }
} } }`;

const plus = (date: string, days: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;

describe("GMV by channel and the funnel, from TikTok's analytics", () => {
  let stack: Stack;
  let shopId: string;
  let latest: string;

  const analytics = async (range: { from: string; to: string }): Promise<Analytics> => {
    const res = await stack.gql<{ shop: { metrics: Analytics } }>(QUERY, { s: shopId, r: range });
    expect(res.errors).toBeUndefined();
    return res.data!.shop.metrics;
  };

  beforeAll(async () => {
    stack = await startStack();
    shopId = stack.emulator.store.shops()[0]!.id;
    const res = await stack.gql<{ shop: { videos: { latestAvailableDate: string } } }>(
      `query($s: ID!) { shop(id: $s) { videos(range: {from: "2025-01-01", to: "2025-01-01"}, first: 0) { latestAvailableDate } } }`,
      { s: shopId },
    );
    latest = res.data!.shop.videos.latestAvailableDate;
  });
  afterAll(() => stack.close());

  it("channel GMVs add up to TikTok's GMV of the same range, and channel units to the units sold", async () => {
    const range = { from: plus(latest, -6), to: latest };
    const m = await analytics(range);
    expect(m.channels.map((c) => c.channel)).toEqual(['LIVE', 'VIDEO', 'PRODUCT_CARD']);
    const total = parseDecimal(m.analyticsGmv.value!);
    expect(total.gt(0)).toBe(true);
    expect(sumDecimals(m.channels.map((c) => c.gmv.value!)).eq(total)).toBe(true);
    // The emulator's analytics are its orders: the channels' units are the orders' units.
    expect(m.channels.reduce((n, c) => n + Number(c.unitsSold.value), 0)).toBe(Number(m.unitsSold.value));
    // The data shifts daily with the clock: a week without a LIVE sale is possible, not one without sales.
    expect(m.channels.filter((c) => parseDecimal(c.gmv.value!).gt(0)).length).toBeGreaterThanOrEqual(2);
    for (const c of m.channels) {
      expect(c.gmvShare.value).toBe(roundRatio(divide(c.gmv.value!, total)!));
      expect(Number(c.skuOrders.value)).toBeGreaterThanOrEqual(0);
      for (const metric of [c.gmv, c.gmvShare, c.skuOrders, c.unitsSold]) expect(metric).toMatchObject({ source: 'ANALYTICS', provisional: false });
      // The daily series adds up to the window.
      expect(c.series.map((p) => p.from)).toEqual(Array.from({ length: 7 }, (_, i) => plus(range.from, i)));
      expect(sumDecimals(c.series.map((p) => p.metrics[0]!.value!)).eq(c.gmv.value!)).toBe(true);
    }
  });

  it('reports the funnel as ANALYTICS metrics with an exact conversion rate', async () => {
    const m = await analytics({ from: plus(latest, -6), to: latest });
    for (const metric of [m.analyticsGmv, m.productImpressions, m.pageViews, m.buyers, m.conversionRate]) {
      expect(metric).toMatchObject({ source: 'ANALYTICS', provisional: false, nullReason: null });
    }
    expect(Number(m.productImpressions.value)).toBeGreaterThan(Number(m.pageViews.value));
    expect(m.conversionRate.value).toBe(roundRatio(divide(m.buyers.value!, m.pageViews.value!)!));
    expect(m.conversionRate.value).toMatch(/^\d+\.\d{6}$/);
    // asOf: the end of the last day TikTok published, in the shop's zone.
    expect(new Date(m.buyers.asOf).getTime()).toBe(DateTime.fromISO(plus(latest, 1), { zone: m.timezone }).toMillis());
  });

  it('answers days TikTok has not published yet with provisional metrics, not an error', async () => {
    // Windows end by tomorrow at the latest (a later one is refused); TikTok publishes with a lag, so
    // the days after its latest available date up to tomorrow are not published yet.
    const zone = (await analytics({ from: latest, to: latest })).timezone;
    const tomorrow = DateTime.now().setZone(zone).plus({ days: 1 }).toISODate()!;
    const unpublished = DateTime.fromISO(tomorrow).diff(DateTime.fromISO(latest), 'days').days;
    expect(unpublished).toBeGreaterThanOrEqual(1);
    const spanning = await analytics({ from: plus(latest, -2), to: tomorrow });
    const published = await analytics({ from: plus(latest, -2), to: latest });
    expect(spanning.analyticsGmv).toMatchObject({ value: published.analyticsGmv.value, provisional: true });
    expect(spanning.analyticsGmv.asOf).toBe(published.analyticsGmv.asOf);
    const [live] = spanning.channels;
    expect(live!.gmv.provisional).toBe(true);
    const after = live!.series.filter((p) => p.from > latest);
    expect(after).toHaveLength(unpublished);
    for (const p of after)
      expect(p.metrics[0]).toMatchObject({ value: null, provisional: true, nullReason: expect.stringContaining(`latest available date ${latest}`) });
    expect(live!.series.find((p) => p.from === latest)!.metrics[0]!.provisional).toBe(false);

    const future = await analytics({ from: plus(latest, 1), to: tomorrow });
    for (const metric of [future.analyticsGmv, future.buyers, future.conversionRate, ...future.channels.map((c) => c.gmv)]) {
      expect(metric).toMatchObject({ value: null, provisional: true, nullReason: expect.stringContaining('has not published') });
    }
  });

  it('refuses analytics names in ShopMetrics.metric and series, naming the argument', async () => {
    const res = await stack.gql(`query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { metric(name: BUYERS) { value } } } }`, {
      s: shopId,
      r: { from: latest, to: latest },
    });
    expect(res.errors![0]).toMatchObject({
      message: expect.stringMatching(/^name: BUYERS is a TikTok Analytics figure/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('costs one shop performance call per granularity and one call per list page, then nothing', async () => {
    const range = { from: plus(latest, -13), to: plus(latest, -7) };
    await stack.resetCalls();
    await analytics(range);
    const calls = await stack.calls();
    // The order and ad figures of ShopMetrics cost their own calls; the analytics ones are these.
    expect(Object.fromEntries(Object.entries(calls).filter(([k]) => k.includes('/analytics/')))).toEqual({
      'GET /analytics/202405/shop/performance': 2,
      'GET /analytics/202409/shop_videos/performance': 1,
      'GET /analytics/202508/shop_lives/performance': 1,
    });
    await stack.resetCalls();
    await analytics(range);
    const again = await stack.calls();
    expect(Object.keys(again).filter((k) => k.includes('/analytics/'))).toEqual([]);
  });
});
