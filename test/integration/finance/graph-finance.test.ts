import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import { localDate } from '../../../src/domain/window';
import { startStack, type Stack } from '../../helpers/stack';

type M = { amount: string; currency: string };
interface Settlement {
  revenue: M;
  platformCommission: M;
  transactionFee: M;
  affiliateCommission: M;
  referralFee: M;
  otherFees: M;
  fees: M;
  taxes: M;
  shippingCost: M;
  settlement: M;
  feeLines: { type: string; name: string; amount: M }[];
}
interface Line extends Settlement {
  skuId: string;
  quantity: number | null;
  statementId: string | null;
}
interface OrderNode {
  id: string;
  status: string;
  gross: M;
  refundedGross: M;
  settlementNullReason: string | null;
  settlement: (Settlement & { orderId: string; statementIds: string[]; lines: Line[] }) | null;
}

const AMOUNTS =
  'revenue { amount currency } platformCommission { amount currency } transactionFee { amount currency } affiliateCommission { amount currency } referralFee { amount currency } otherFees { amount currency } fees { amount currency } taxes { amount currency } shippingCost { amount currency } settlement { amount currency } feeLines { type name amount { amount currency } }';
const ORDERS = `query($s: ID!, $after: String) { shop(id: $s) { orders(first: 30, after: $after) { pageInfo { hasNextPage endCursor } nodes {
  id status gross { amount currency } refundedGross { amount currency } settlementNullReason
  settlement { orderId statementIds ${AMOUNTS} lines { skuId quantity statementId ${AMOUNTS} } }
} } } }`;

const d = (m: M | string) => new Decimal(typeof m === 'string' ? m : m.amount);
const total = (ms: (M | string)[]) => ms.reduce<Decimal>((acc, m) => acc.plus(d(m)), new Decimal(0));
const ZONE = 'America/Los_Angeles';
const plusDays = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

/** revenue + fees + taxes + shipping cost = settlement; the fee types and the fee lines add up. */
function expectIdentity(s: Settlement): void {
  expect(d(s.revenue).plus(d(s.fees)).plus(d(s.taxes)).plus(d(s.shippingCost)).eq(d(s.settlement))).toBe(true);
  expect(total([s.platformCommission, s.transactionFee, s.affiliateCommission, s.referralFee, s.otherFees]).eq(d(s.fees))).toBe(true);
  expect(total(s.feeLines.map((l) => l.amount)).eq(d(s.fees).plus(d(s.taxes)))).toBe(true);
}

describe('finance through the graph', () => {
  let stack: Stack;
  let shopId: string;
  let orders: OrderNode[];
  const today = localDate(Math.floor(Date.now() / 1000), ZONE);
  const month = { from: plusDays(today, -29), to: today };

  beforeAll(async () => {
    stack = await startStack({ emulator: { shops: 1, days: 30, ordersPerDay: 6 } });
    shopId = stack.emulator.store.shops()[0]!.id;
    orders = [];
    let after: string | null = null;
    type Page = { shop: { orders: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: OrderNode[] } } };
    do {
      const res: Awaited<ReturnType<Stack['gql']>> & { data?: Page } = await stack.gql<Page>(ORDERS, { s: shopId, after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.shop.orders;
      orders.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  }, 120_000);
  afterAll(() => stack.close());

  it('holds the settlement identity on every generated order, and gives the reason for every unsettled one', () => {
    const store = stack.emulator.store;
    expect(orders).toHaveLength(store.raw(shopId).orders.length);
    let settled = 0;
    for (const o of orders) {
      const tx = store.orderStatementTransactions(shopId, o.id);
      if (!tx) {
        expect(o.settlement).toBeNull();
        expect(o.settlementNullReason).toEqual(expect.any(String));
        if (o.status === 'CANCELLED') expect(o.settlementNullReason).toBe('the order was cancelled: TikTok settles nothing for it');
        continue;
      }
      settled += 1;
      const s = o.settlement!;
      expect(o.settlementNullReason).toBeNull();
      expect(s.settlement.amount).toBe(tx.settlement_amount);
      expect(s.statementIds).toEqual([tx.sku_transactions[0]!.statement_id]);
      expectIdentity(s);
      for (const line of s.lines) expectIdentity(line);
      for (const key of ['revenue', 'fees', 'taxes', 'shippingCost', 'settlement', 'transactionFee', 'referralFee'] as const) {
        expect(total(s.lines.map((l) => l[key])).eq(d(s[key]))).toBe(true);
      }
    }
    expect(settled).toBeGreaterThan(20);
  });

  it("charges a refunded order's fees on what it kept: revenue is gross − refunded gross, fees follow it", () => {
    const refunded = orders.filter((o) => o.settlement && d(o.refundedGross).gt(0) && d(o.settlement.revenue).gt(0));
    expect(refunded.length).toBeGreaterThan(0);
    for (const o of refunded) {
      const s = o.settlement!;
      // ShopGraph's own refund figure and TikTok's settlement agree on what the seller kept.
      expect(d(s.revenue).eq(d(o.gross).minus(d(o.refundedGross)))).toBe(true);
      // The emulator's 3% transaction fee is charged per SKU on the revenue after refunds, not on the gross.
      for (const line of s.lines) {
        const base = Decimal.max(d(line.revenue), 0);
        expect(d(line.transactionFee).eq(base.times('0.03').toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).negated())).toBe(true);
      }
      expect(d(s.transactionFee).abs().lt(d(o.gross).times('0.03'))).toBe(true);
    }
  });

  it('counts a statement that spans two shop days of two windows in one of them, and the windows add up', async () => {
    // A statement covers a UTC day; in Los Angeles that is 16:00/17:00 of one day to the same hour
    // of the next, and it counts in the shop day of its statement time.
    const { statements } = stack.emulator.store.raw(shopId);
    const spanning = statements.find((s) => s.statement_time < Date.now() / 1000 - 5 * 86400)!;
    const day = localDate(spanning.statement_time, ZONE);
    expect(localDate(spanning.statement_time - 86400, ZONE)).toBe(plusDays(day, -1));
    const w1 = { from: plusDays(day, -3), to: plusDays(day, -1) };
    const w2 = { from: day, to: plusDays(day, 2) };
    const both = { from: w1.from, to: w2.to };
    const q = `query($s: ID!, $r: DateRange!) { shop(id: $s) {
      statements(range: $r, first: 250) { nodes { id settlement { amount } } }
      metrics(range: $r) { settlement { value } fees { value } }
      financeReconciliation(range: $r) { periods { from statements { id } settlement { amount } unexplainedDifference { amount } } }
    } }`;
    type Answer = Awaited<ReturnType<Stack['gql']>> & { data?: R };
    type R = {
      shop: {
        statements: { nodes: { id: string; settlement: M }[] };
        metrics: { settlement: { value: string }; fees: { value: string } };
        financeReconciliation: { periods: { from: string; statements: { id: string }[]; settlement: M; unexplainedDifference: M }[] };
      };
    };
    const [a, b, u] = (await Promise.all([w1, w2, both].map((r) => stack.gql<R>(q, { s: shopId, r })))) as [Answer, Answer, Answer];
    for (const res of [a, b, u]) expect(res.errors).toBeUndefined();
    const ids = (res: Answer) => res.data!.shop.statements.nodes.map((n) => n.id);
    expect(ids(a)).not.toContain(spanning.id);
    expect(ids(b)).toContain(spanning.id);
    expect([...ids(b), ...ids(a)]).toEqual(ids(u));
    const metric = (res: Answer, name: 'settlement' | 'fees') => d(res.data!.shop.metrics[name].value);
    for (const name of ['settlement', 'fees'] as const) expect(metric(a, name).plus(metric(b, name)).eq(metric(u, name))).toBe(true);
    const periods = u.data!.shop.financeReconciliation.periods;
    expect(periods.filter((p) => p.statements.some((s) => s.id === spanning.id)).map((p) => p.from)).toEqual([day]);
    expect(periods.every((p) => d(p.unexplainedDifference).isZero())).toBe(true);
    expect(total(periods.map((p) => p.settlement)).eq(total(u.data!.shop.statements.nodes.map((n) => n.settlement)))).toBe(true);
  });

  it('lists payouts with the last 4 digits of the bank account only', async () => {
    const res = await stack.gql<{
      shop: { payouts: { totalCount: number | null; nodes: { status: string; amount: M; paidAt: string | null; bankAccountLast4: string }[] } };
    }>(
      'query($s: ID!, $r: DateRange!) { shop(id: $s) { payouts(range: $r, first: 250) { totalCount nodes { status amount { amount currency } paidAt bankAccountLast4 } } } }',
      { s: shopId, r: month },
    );
    const { nodes, totalCount } = res.data!.shop.payouts;
    // TikTok's payments list carries no total_count: the graph does not invent one.
    expect(totalCount).toBeNull();
    expect(nodes.length).toBeGreaterThan(5);
    for (const p of nodes) {
      expect(p.bankAccountLast4).toMatch(/^\d{4}$/);
      expect(p.paidAt !== null).toBe(p.status === 'PAID');
    }
    expect(JSON.stringify(res)).not.toContain('*');
  });

  it('nulls COGS and what needs it with how many SKUs lack a cost, until setUnitCosts covers them', async () => {
    const q = `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) {
      settlement { value } adSpend { value } cogs { value nullReason } contributionMargin { value nullReason } profitRoas { value nullReason }
    } } }`;
    type Q = {
      shop: { metrics: Record<'settlement' | 'adSpend' | 'cogs' | 'contributionMargin' | 'profitRoas', { value: string | null; nullReason: string | null }> };
    };
    const set = (costs: unknown[]) =>
      stack.gql<{ setUnitCosts: { unitCosts: { skuId: string; amount: M; effectiveFrom: string }[] } }>(
        'mutation($s: ID!, $c: [UnitCostInput!]!) { setUnitCosts(shopId: $s, costs: $c) { unitCosts { skuId amount { amount currency } effectiveFrom } } }',
        { s: shopId, c: costs },
      );
    const store = stack.emulator.store;
    const { start } = { start: DateTime.fromISO(month.from, { zone: ZONE }).toSeconds() };
    // Units of the settled orders paid in the window, by SKU (line items not cancelled).
    const units = new Map<string, number>();
    for (const o of store.raw(shopId).orders) {
      if (o.paid_time === undefined || o.paid_time < start || !store.orderStatementTransactions(shopId, o.id)) continue;
      for (const l of o.line_items) if (l.display_status !== 'CANCELLED') units.set(l.sku_id, (units.get(l.sku_id) ?? 0) + 1);
    }
    const skus = [...units.keys()].sort();
    expect(skus.length).toBeGreaterThan(2);

    const before = (await stack.gql<Q>(q, { s: shopId, r: month })).data!.shop.metrics;
    expect(before.cogs.value).toBeNull();
    expect(before.cogs.nullReason).toMatch(new RegExp(`^${skus.length} SKUs sold in the window have no unit cost \\(`));
    expect(before.contributionMargin).toEqual(before.cogs);
    expect(before.profitRoas).toEqual(before.cogs);
    expect(before.settlement.value).not.toBeNull();

    const cost = (i: number) => `${i + 1}.125`;
    const saved = await set(skus.slice(1).map((skuId, i) => ({ skuId, amount: cost(i + 1), effectiveFrom: '2020-01-01' })));
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.setUnitCosts.unitCosts[0]).toEqual({ skuId: skus[1], amount: { amount: cost(1), currency: 'USD' }, effectiveFrom: '2020-01-01' });
    const partly = (await stack.gql<Q>(q, { s: shopId, r: month })).data!.shop.metrics;
    expect(partly.cogs.nullReason).toBe(`1 SKU sold in the window has no unit cost (${skus[0]}): set them with setUnitCosts or the config file's costs`);

    await set([{ skuId: skus[0], amount: cost(0), effectiveFrom: '2020-01-01' }]);
    // A new cost from today on leaves the past as it was.
    await set([{ skuId: skus[0], amount: '999' }]);
    const after = (await stack.gql<Q>(q, { s: shopId, r: { from: month.from, to: plusDays(today, -1) } })).data!.shop.metrics;
    const settledBeforeToday = new Map<string, number>();
    const end = DateTime.fromISO(today, { zone: ZONE }).toSeconds();
    for (const o of store.raw(shopId).orders) {
      if (o.paid_time === undefined || o.paid_time < start || o.paid_time >= end || !store.orderStatementTransactions(shopId, o.id)) continue;
      for (const l of o.line_items) if (l.display_status !== 'CANCELLED') settledBeforeToday.set(l.sku_id, (settledBeforeToday.get(l.sku_id) ?? 0) + 1);
    }
    const cogs = skus.reduce((acc, sku, i) => acc.plus(new Decimal(cost(i)).times(settledBeforeToday.get(sku) ?? 0)), new Decimal(0));
    expect(after.cogs).toEqual({ value: cogs.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2), nullReason: null });
    expect(
      d(after.contributionMargin.value!).eq(d(after.settlement.value!).minus(cogs).minus(d(after.adSpend.value!)).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN)),
    ).toBe(true);

    const rewrite = await set([{ skuId: skus[0], amount: '1', effectiveFrom: '2021-01-01' }]);
    expect(rewrite.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('costs are never rewritten') });
  });
});
