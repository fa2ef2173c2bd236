import { Decimal } from 'decimal.js';
import { startStack, type Stack } from '../../helpers/stack';

const SEARCH = 'POST /order/202309/orders/search';
const DETAIL = 'GET /order/202507/orders';
const PRODUCT = 'GET /product/202309/products/:id';

/** The shop-local day (YYYY-MM-DD) of a Unix time, by Intl rather than ShopGraph's own helper. */
const dayIn = (seconds: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(seconds * 1000);

/** The moment docs/metrics.md counts an order at: `create_time` for cash on delivery, else `paid_time` (none: not counted). */
const countedAt = (o: { is_cod?: boolean; create_time: number; paid_time?: number }): number | undefined => (o.is_cod ? o.create_time : o.paid_time);

describe('the graph against the emulator', () => {
  let stack: Stack;
  let shopId: string;

  beforeAll(async () => {
    // 2 shops × 10 days × 30 orders/day: enough for three upstream pages of orders.
    stack = await startStack({ emulator: { ordersPerDay: 30 } });
    const res = await stack.gql<{ shops: { id: string; currency: string }[] }>('{ shops { id currency } }');
    shopId = res.data!.shops[0]!.id;
  });
  afterAll(() => stack.close());

  it('lists the authorized shops with currency and time zone', async () => {
    const res = await stack.gql<{ shops: { id: string; region: string; timezone: string }[] }>('{ shops { id region timezone } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.shops.length).toBe(2);
    for (const s of res.data!.shops) expect(s.id).toMatch(/^\d+$/);
  });

  it('a page of 100 orders with their products costs one search plus one call per distinct product, then nothing', async () => {
    const query = `query($id: ID!) { shop(id: $id) { orders(first: 100) { nodes { id lineItems { productId product { title } } } } } }`;
    await stack.resetCalls();
    const res = await stack.gql<{ shop: { orders: { nodes: { lineItems: { productId: string; product: { title: string } | null }[] }[] } } }>(query, {
      id: shopId,
    });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.shop.orders.nodes;
    expect(nodes).toHaveLength(100);
    const distinct = new Set(nodes.flatMap((n) => n.lineItems.map((l) => l.productId)));
    const calls = await stack.calls();
    expect(calls[SEARCH]).toBe(1);
    expect(calls[DETAIL]).toBeUndefined();
    expect(calls[PRODUCT]).toBe(distinct.size);
    expect(nodes.every((n) => n.lineItems.every((l) => l.product?.title))).toBe(true);

    await stack.resetCalls();
    const again = await stack.gql(query, { id: shopId });
    expect(again).toEqual(res);
    expect(await stack.calls()).toEqual({});
  });

  it('first: 250 pages through three upstream pages, and cursors continue where they stopped', async () => {
    const query = `query($id: ID!, $after: String) { shop(id: $id) { orders(first: 250, after: $after, sortKey: UPDATED_AT, reverse: false) { totalCount pageInfo { hasNextPage endCursor } nodes { id updatedAt } } } }`;
    await stack.resetCalls();
    type Page = { shop: { orders: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string; updatedAt: string }[] } } };
    const first = await stack.gql<Page>(query, { id: shopId });
    expect(first.errors).toBeUndefined();
    expect(first.data!.shop.orders.nodes).toHaveLength(250);
    expect((await stack.calls())[SEARCH]).toBe(3);
    const total = first.data!.shop.orders.totalCount;
    expect(total).toBeGreaterThan(250);

    const seen = new Set(first.data!.shop.orders.nodes.map((n) => n.id));
    let after: string | null = first.data!.shop.orders.pageInfo.endCursor;
    while (after) {
      const next: { data?: Page } = await stack.gql<Page>(query, { id: shopId, after });
      const conn = next.data!.shop.orders;
      for (const n of conn.nodes) {
        expect(seen.has(n.id)).toBe(false);
        seen.add(n.id);
      }
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    }
    expect(seen.size).toBe(total);
  });

  it('answers NOT_FOUND for unknown shops, orders and products with a null field', async () => {
    const res = await stack.gql(`query($s: ID!) { a: shop(id: "1") { id } b: order(shopId: $s, id: "2") { id } c: product(shopId: $s, id: "3") { id } }`, {
      s: shopId,
    });
    expect(res.data).toEqual({ a: null, b: null, c: null });
    expect(res.errors!.map((e) => [e.path?.[0], e.extensions?.code])).toEqual(
      expect.arrayContaining([
        ['a', 'NOT_FOUND'],
        ['b', 'NOT_FOUND'],
        ['c', 'NOT_FOUND'],
      ]),
    );
  });

  it('refuses first: 1000 and a range with from after to as BAD_USER_INPUT naming the argument', async () => {
    const big = await stack.gql(`query($s: ID!) { shop(id: $s) { orders(first: 1000) { nodes { id } } } }`, { s: shopId });
    expect(big.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(big.errors![0]!.message).toMatch(/^first:/);
    const range = await stack.gql(`query($s: ID!) { shop(id: $s) { metrics(range: {from: "2026-11-10", to: "2026-11-01"}) { gmv { value } } } }`, {
      s: shopId,
    });
    expect(range.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(range.errors![0]!.message).toMatch(/^range:/);
    const literal = await stack.gql(`{ metrics(range: {from: "2026-13-01", to: "2026-11-01"}) { from } }`);
    expect(literal.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(literal.errors![0]!.message).toMatch(/^range: Expected value of type "Date!"/);
  });

  it("computes shop metrics that match a recomputation from the emulator's orders", async () => {
    const shops = await stack.gql<{ shops: { id: string; timezone: string; currency: string }[] }>('{ shops { id timezone currency } }');
    const shop = shops.data!.shops.find((s) => s.id === shopId)!;
    // docs/metrics.md by hand: an order counts on its counted day; GMV is Σ (sale_price +
    // platform_discount) over its line items, one unit each; money rounds half-even to the currency.
    const counted = stack.emulator.store.raw(shopId).orders.filter((o) => countedAt(o) !== undefined);
    const dates = counted.map((o) => dayIn(countedAt(o)!, shop.timezone)).sort();
    const range = { from: dates[0]!, to: dates.at(-1)! };
    const res = await stack.gql<{
      shop: {
        metrics: {
          orders: { value: string };
          unitsSold: { value: string };
          gmv: { value: string; money: { currency: string } };
          series: { metrics: { value: string }[] }[];
        };
      };
    }>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { orders { value } unitsSold { value } gmv { value money { currency } } series(names: [ORDERS]) { metrics { value } } } } }`,
      { s: shopId, r: range },
    );
    expect(res.errors).toBeUndefined();
    const m = res.data!.shop.metrics;
    expect(m.orders.value).toBe(String(counted.length));
    expect(m.unitsSold.value).toBe(String(counted.reduce((n, o) => n + o.line_items.length, 0)));
    const gmv = counted.flatMap((o) => o.line_items).reduce((sum, l) => sum.plus(l.sale_price).plus(l.platform_discount), new Decimal(0));
    const minorUnits = new Intl.NumberFormat('en', { style: 'currency', currency: shop.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    expect(m.gmv.value).toBe(gmv.toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_EVEN).toFixed(minorUnits));
    expect(Number(m.gmv.value)).toBeGreaterThan(0);
    expect(m.gmv.money.currency).toBe(shop.currency);
    expect(m.series.reduce((n, p) => n + Number(p.metrics[0]!.value), 0)).toBe(counted.length);
  });

  it('refuses windows longer than three years, naming the argument', async () => {
    const res = await stack.gql(`query($s: ID!) { shop(id: $s) { metrics(range: {from: "2020-01-01", to: "2030-12-31"}) { gmv { value } } } }`, { s: shopId });
    expect(res.errors![0]!.message).toMatch(/^range: covers 4018 days; at most 1096/);
  });
  it("reconciles ShopGraph's GMV and orders with TikTok's analytics per day", async () => {
    const shops = await stack.gql<{ shops: { id: string; timezone: string }[] }>('{ shops { id timezone } }');
    const shop = shops.data!.shops.find((s) => s.id === shopId)!;
    const counted = stack.emulator.store.raw(shopId).orders.filter((o) => countedAt(o) !== undefined);
    const dates = counted.map((o) => dayIn(countedAt(o)!, shop.timezone)).sort();
    const range = { from: dates[0]!, to: dates.at(-1)! };
    type M = { amount: string } | null;
    type Day = {
      date: string;
      shopGraphGmv: { amount: string };
      shopGraphGmvTikTokBasis: M;
      tiktokGmv: M;
      unexplainedGmvDifference: M;
      gmvDifference: M;
      shopGraphOrders: number;
      tiktokOrders: number | null;
      published: boolean;
    };
    const res = await stack.gql<{ shop: { metrics: { reconciliation: Day[] } } }>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { reconciliation { date shopGraphGmv { amount } shopGraphGmvTikTokBasis { amount } tiktokGmv { amount } unexplainedGmvDifference { amount } gmvDifference { amount } shopGraphOrders tiktokOrders published } } } }`,
      { s: shopId, r: range },
    );
    expect(res.errors).toBeUndefined();
    const days = res.data!.shop.metrics.reconciliation;
    const published = days.filter((d) => d.published);
    expect(published.length).toBeGreaterThan(0);
    // The emulator computes TikTok's GMV by TikTok's definition (what buyers paid: tax, shipping and
    // fees in, platform discounts out): like for like, published days agree exactly...
    for (const d of published) {
      expect(d.tiktokGmv!.amount).toBe(d.shopGraphGmvTikTokBasis!.amount);
      expect(Number(d.unexplainedGmvDifference!.amount)).toBe(0);
      expect(d.tiktokOrders).toBe(d.shopGraphOrders);
    }
    // ...while the raw figures differ by the bridge (US sales tax and shipping), so the check proves something.
    expect(published.some((d) => Number(d.gmvDifference!.amount) !== 0)).toBe(true);
    for (const d of days.filter((x) => !x.published)) expect(d.tiktokGmv).toBeNull();
  });
});
