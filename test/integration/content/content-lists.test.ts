import { DateTime } from 'luxon';
import { divide, parseDecimal, roundMoney } from '../../../src/domain/money';
import { startStack, type Stack } from '../../helpers/stack';

const VIDEOS = 'GET /analytics/202409/shop_videos/performance';
const LIVES = 'GET /analytics/202508/shop_lives/performance';
const PRODUCT = 'GET /product/202309/products/:id';
const PRODUCTS = 'GET /analytics/202405/shop_products/performance';
const SKUS = 'GET /analytics/202406/shop_skus/performance';

interface Page<N> {
  totalCount: number | null;
  latestAvailableDate: string;
  provisional: boolean;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: N[];
}
interface VideoNode {
  id: string;
  views: number;
  gmv: { amount: string };
  postedAt: string | null;
  clickThroughRate: string | null;
  products: { id: string; name: string; product: { id: string; title: string } | null }[];
}
interface LiveNode {
  id: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  gmv: { amount: string; currency: string };
  gmvPerHour: { amount: string } | null;
  unitsSold: number | null;
  productsAdded: number | null;
  differentProductsSold: number | null;
}

const plus = (date: string, days: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;

describe('videos, LIVE sessions and product performance', () => {
  let stack: Stack;
  let shopId: string;
  let range: { from: string; to: string };

  const videos = async (vars: Record<string, unknown>, fields = 'id views gmv { amount } postedAt clickThroughRate products { id name }') => {
    const res = await stack.gql<{ shop: { videos: Page<VideoNode> } }>(
      `query($s: ID!, $r: DateRange!, $first: Int, $after: String, $sort: VideoSortKey) { shop(id: $s) {
        videos(range: $r, first: $first, after: $after, sortKey: $sort) { totalCount latestAvailableDate provisional pageInfo { hasNextPage endCursor } nodes { ${fields} } } } }`,
      { s: shopId, r: range, ...vars },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.shop.videos;
  };

  beforeAll(async () => {
    stack = await startStack();
    shopId = stack.emulator.store.shops()[0]!.id;
    const latest = DateTime.fromSeconds(stack.emulator.store.now(), { zone: stack.emulator.store.shops()[0]!.timezone }).minus({ days: 1 }).toISODate()!;
    range = { from: plus(latest, -8), to: latest };
  });
  afterAll(() => stack.close());

  it('pages through every video once, in the order asked, with cursors that continue the list', async () => {
    const all = await videos({ first: 250, sort: 'VIEWS' });
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.nodes.length).toBeGreaterThan(20);
    expect(all.provisional).toBe(false);
    const views = all.nodes.map((n) => n.views);
    expect(views).toEqual([...views].sort((a, b) => b - a));
    for (const v of all.nodes) {
      expect(v.postedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(v.clickThroughRate).toMatch(/^0\.\d{6}$/);
      expect(v.products.length).toBeGreaterThan(0);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page<VideoNode> = await videos({ first: 7, after, sort: 'VIEWS' });
      seen.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.nodes.map((n) => n.id));

    const first = await videos({ first: 3, sort: 'VIEWS' });
    const res = await stack.gql(`query($s: ID!, $r: DateRange!, $a: String) { shop(id: $s) { videos(range: $r, after: $a, sortKey: GMV) { nodes { id } } } }`, {
      s: shopId,
      r: range,
      a: first.pageInfo.endCursor,
    });
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/^after:/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('a page of 20 videos with their products costs one list call plus one call per distinct product, then nothing', async () => {
    await stack.resetCalls();
    const page = await videos({ first: 20, sort: 'GMV' }, 'id products { id product { id title } }');
    expect(page.nodes).toHaveLength(20);
    const distinct = new Set(page.nodes.flatMap((n) => n.products.map((p) => p.id)));
    expect(distinct.size).toBeLessThan(page.nodes.reduce((n, v) => n + v.products.length, 0));
    for (const p of page.nodes.flatMap((n) => n.products)) expect(p.product).toMatchObject({ id: p.id, title: expect.any(String) });
    const calls = await stack.calls();
    expect(calls[VIDEOS]).toBe(1);
    expect(calls[PRODUCT]).toBe(distinct.size);

    await stack.resetCalls();
    await videos({ first: 20, sort: 'GMV' }, 'id products { id product { id title } }');
    expect(await stack.calls()).toEqual({});
  });

  it('lists LIVE sessions with duration and GMV per hour, paging like any connection', async () => {
    type Res = { shop: { liveSessions: Page<LiveNode> } };
    const query = `query($s: ID!, $r: DateRange!, $first: Int, $after: String) { shop(id: $s) { liveSessions(range: $r, first: $first, after: $after, sortKey: GMV) {
      totalCount latestAvailableDate provisional pageInfo { hasNextPage endCursor }
      nodes { id startedAt endedAt durationSeconds gmv { amount currency } gmvPerHour { amount } unitsSold productsAdded differentProductsSold } } } }`;
    await stack.resetCalls();
    const all = (await stack.gql<Res>(query, { s: shopId, r: range, first: 250 })).data!.shop.liveSessions;
    expect(all.nodes.length).toBeGreaterThan(1);
    for (const l of all.nodes) {
      expect(l.durationSeconds).toBe((Date.parse(l.endedAt) - Date.parse(l.startedAt)) / 1000);
      expect(l.gmvPerHour!.amount).toBe(roundMoney(divide(parseDecimal(l.gmv.amount).times(3600), String(l.durationSeconds))!, l.gmv.currency));
      expect(l.productsAdded).toBeGreaterThanOrEqual(l.differentProductsSold!);
    }
    const gmvs = all.nodes.map((n) => parseDecimal(n.gmv.amount));
    expect(gmvs.every((g, i) => i === 0 || g.lte(gmvs[i - 1]!))).toBe(true);
    const first = (await stack.gql<Res>(query, { s: shopId, r: range, first: 1 })).data!.shop.liveSessions;
    const rest = (await stack.gql<Res>(query, { s: shopId, r: range, first: 250, after: first.pageInfo.endCursor })).data!.shop.liveSessions;
    expect([...first.nodes, ...rest.nodes].map((n) => n.id)).toEqual(all.nodes.map((n) => n.id));
    expect(rest.pageInfo.hasNextPage).toBe(false);
    // Every page above was cut from the one upstream page, fetched once.
    expect((await stack.calls())[LIVES]).toBe(1);
  });

  it("a page of 20 products with their own and their SKUs' TikTok figures costs one list call each", async () => {
    type Perf = { gmv: { value: string; source: string }; orders: { value: string }; unitsSold: { value: string }; clickThroughRate: { value: string | null } };
    type Res = {
      shop: {
        products: { nodes: { id: string; performance: Perf; skus: { id: string; performance: { productId: string; unitsSold: { value: string } } }[] }[] };
      };
    };
    await stack.resetCalls();
    const res = await stack.gql<Res>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { products(first: 20) { nodes { id
      performance(range: $r) { gmv { value source } orders { value } unitsSold { value } clickThroughRate { value } }
      skus { id performance(range: $r) { productId unitsSold { value } } } } } } }`,
      { s: shopId, r: range },
    );
    expect(res.errors).toBeUndefined();
    const calls = await stack.calls();
    expect([calls[PRODUCTS], calls[SKUS]]).toEqual([1, 1]);
    const truth = stack.emulator.store.productPerformance(shopId, {
      start_date_ge: range.from,
      end_date_lt: plus(range.to, 1),
      sortField: 'gmv',
      sortOrder: 'DESC',
      pageSize: 100,
    }).items;
    const nodes = res.data!.shop.products.nodes;
    for (const row of truth) {
      const node = nodes.find((n) => n.id === row.id)!;
      expect(node.performance).toEqual({
        gmv: { value: row.gmv.amount, source: 'ANALYTICS' },
        orders: { value: String(row.orders) },
        unitsSold: { value: String(row.units_sold) },
        clickThroughRate: { value: `${row.click_through_rate}00` },
      });
      expect(node.skus.reduce((n, s) => n + Number(s.performance.unitsSold.value), 0)).toBe(row.units_sold);
      for (const s of node.skus) expect(s.performance.productId).toBe(node.id);
    }
    const unsold = nodes.find((n) => !truth.some((t) => t.id === n.id))!;
    expect(unsold.performance).toMatchObject({ gmv: { value: '0.00' }, orders: { value: '0' }, clickThroughRate: { value: null } });
  });
});
