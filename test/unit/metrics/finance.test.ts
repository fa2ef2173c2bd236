import { Decimal } from 'decimal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderSearchData, statementTransactionsData, type PartnerOrder } from '../../../src/datasources/partner/schemas';
import type { AdRowFact } from '../../../src/domain/facts';
import { gmvMaxRow } from './fixtures';
import { configEntries, UnitCostBook } from '../../../src/domain/finance-costs';
import { financeOrder, settlementFacts, type FinanceOrder } from '../../../src/datasources/finance-facts';
import { computeFinanceMetrics, FINANCE_METRIC_NAMES, type FinanceMetricsInput } from '../../../src/metrics/finance-metrics';

/**
 * The 100-order fixture (TikTok's JSON: orders of March 2026 and the two statements settling
 * them). Orders 1–96 are COMPLETED and settled, 97–98 IN_TRANSIT, 99–100 CANCELLED. Every order
 * has one unit of SKU A; even orders one of B; multiples of 5 one of C, cancelled before shipping;
 * order 1 one of D. Order i settles revenue 10.10 (+5.20 when even), transaction fee −1.01
 * (−0.52 more when even), affiliate commission −0.07 when a multiple of 3, shipping cost −0.30.
 * Order 10 gets a refund settled later: revenue −1.00, fee +0.10. The second statement also holds
 * a 3.33 logistics reimbursement, which is no order's money.
 */
interface Fixture {
  shop: { currency: string; timezone: string };
  window: { from: string; to: string };
  adRows: { date: string; spend: string }[];
  orders: unknown[];
  statements: { id: string; statement_time: number; data: Record<string, unknown>; transactions: unknown[] }[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/finance/hundred-orders.json'), 'utf8')) as Fixture;

const SKU = { A: '1729000000000000001', B: '1729000000000000002', C: '1729000000000000003', D: '1729000000000000004' };
const COSTS = {
  [SKU.A]: '4.105',
  [SKU.B]: [
    { amount: '2.10', from: '2026-03-01' },
    { amount: '2.20', from: '2026-03-16' },
  ],
  [SKU.C]: '9.99',
  [SKU.D]: { amount: '0.005' },
};

const adRow = (date: string, spend: string): AdRowFact => ({
  advertiserId: '1',
  campaignId: '2',
  date,
  currency: 'USD',
  spend,
  attributedRevenue: '0',
  impressions: null,
  clicks: null,
  campaignDeleted: false,
});

/** The fixture through the same parsing and reduction the gateway applies to TikTok's answers. */
function input(costs: Record<string, unknown> = COSTS): FinanceMetricsInput {
  const { orders } = orderSearchData.parse({ orders: fixture.orders });
  const settled = settlementFacts(
    fixture.statements.map((s) => ({
      statement: { id: s.id, statementTime: s.statement_time, currency: 'USD' },
      transactions: statementTransactionsData.parse({ ...s.data, transactions: s.transactions }).transactions,
    })),
  );
  return {
    currency: 'USD',
    orders: orders.map((o: PartnerOrder) => financeOrder(o, fixture.shop.timezone, settled.get(o.id))).filter((o): o is FinanceOrder => o !== null),
    adRows: fixture.adRows.map((r) => adRow(r.date, r.spend)),
    gmvMax: [],
    adsLinked: true,
    costs: new UnitCostBook(configEntries(costs as never, 'USD')),
  };
}

const values = (i: FinanceMetricsInput) => Object.fromEntries(Object.entries(computeFinanceMetrics(i).values).map(([k, v]) => [k, v.value]));

describe('profit metrics over the 100-order fixture', () => {
  it('add up exactly to the hand-computed totals, rounded half-even only at the end', () => {
    const result = computeFinanceMetrics(input());
    expect(result.settledOrders).toBe(96);
    // 97 and 98 are in transit; the cancelled 99 and 100 will never settle.
    expect(result.awaitingSettlement).toBe(2);
    expect(values(input())).toEqual({
      // 96 × 1.01 + 48 × 0.52 + 32 × 0.07 − 0.10 = 96.96 + 24.96 + 2.24 − 0.10
      FEES: '124.06',
      // revenue 96 × 10.10 + 48 × 5.20 − 1.00 = 1218.20; − 124.06 − 96 × 0.30 (28.80)
      SETTLEMENT: '1065.34',
      // 124.06 / 1218.20 = 0.1018387…
      TAKE_RATE: '0.101839',
      // 96 × 4.105 + 24 × 2.10 + 24 × 2.20 + 1 × 0.005 = 394.08 + 50.40 + 52.80 + 0.005 = 497.285 → half-even 497.28
      // (the even orders 2…96 fall 24 on March 1–15 and 24 on 16–31; C's units were cancelled, never shipped)
      COGS: '497.28',
      // 1065.34 − 497.285 − (100.10 + 200.20 + 0.30) = 267.455 → 267.46
      CONTRIBUTION_MARGIN: '267.46',
      // (1065.34 − 497.285) / 300.60 = 568.055 / 300.60 = 1.8897371…
      PROFIT_ROAS: '1.889737',
    });
  });

  it('a float sum of the same amounts would not be exact', () => {
    const revenues = input().orders.flatMap((o) => (o.settlement ? [Number(o.settlement.revenue)] : []));
    expect(revenues.reduce((a, b) => a + b, 0)).not.toBe(1218.2);
  });

  it('says which SKUs lack a unit cost instead of counting them as free, and nulls what needs COGS', () => {
    const { [SKU.B]: _b, [SKU.D]: _d, ...partial } = COSTS;
    const result = computeFinanceMetrics(input(partial)).values;
    const reason = `2 SKUs sold in the window have no unit cost (${SKU.B}, ${SKU.D}): set them with setUnitCosts or the config file's costs`;
    expect(result.COGS).toMatchObject({ value: null, nullReason: reason });
    expect(result.CONTRIBUTION_MARGIN).toMatchObject({ value: null, nullReason: reason });
    expect(result.PROFIT_ROAS).toMatchObject({ value: null, nullReason: reason });
    // What needs no cost is still there.
    expect(result.SETTLEMENT.value).toBe('1065.34');
    // A cost that starts after the sales does not cover them: B is missing for March 1–15 only.
    const late = computeFinanceMetrics(input({ ...COSTS, [SKU.B]: { amount: '2.20', from: '2026-03-16' } })).values.COGS;
    expect(late.nullReason).toMatch(/^1 SKU sold in the window has no unit cost \(1729000000000000002\)/);
  });

  it('is null with a reason, never a silent zero, for spend 0 or money in a currency without a rate', () => {
    expect(computeFinanceMetrics({ ...input(), adRows: [] }).values.PROFIT_ROAS).toMatchObject({ value: null, nullReason: 'no ad spend in the window' });
    // GMV Max cost is ad spend too (docs/metrics.md, "Ad spend"): 10.00 of it alone makes POAS defined.
    const gmvMaxOnly = computeFinanceMetrics({ ...input(), adRows: [], gmvMax: [gmvMaxRow('2026-03-16', '10.00', '0')] }).values;
    expect(gmvMaxOnly.PROFIT_ROAS.value).not.toBeNull();
    expect(new Decimal(gmvMaxOnly.CONTRIBUTION_MARGIN.value!).plus('10.00').toFixed(2)).toBe(
      computeFinanceMetrics({ ...input(), adRows: [] }).values.CONTRIBUTION_MARGIN.value,
    );
    const noAds = computeFinanceMetrics({ ...input(), adRows: [], adsLinked: false }).values.CONTRIBUTION_MARGIN;
    expect(noAds.value).toBe('568.06');
    expect(noAds.formula).toContain('no ad account linked to the shop: AD_SPEND is 0');
    const euroCosts = { ...COSTS, [SKU.A]: { amount: '4.105', currency: 'EUR' } };
    expect(computeFinanceMetrics(input(euroCosts)).values.COGS.nullReason).toBe('unit costs in EUR cannot be combined with USD without a fixed rate table');
    const converted = computeFinanceMetrics({ ...input(euroCosts), rates: { 'EUR/USD': '2' } }).values.COGS;
    // 96 × 4.105 × 2 + 103.205 = 891.365 → half-even 891.36
    expect(converted).toMatchObject({ value: '891.36', formula: expect.stringContaining('converted at 1 EUR = 2 USD (fixed rate table)') });
  });

  it('says how many orders still await settlement, and nothing when none do', () => {
    const all = input();
    expect(computeFinanceMetrics(all).values.FEES.formula).toContain('2 orders paid in the window are not settled yet');
    const settledOnly = { ...all, orders: all.orders.filter((o) => o.settlement !== null || o.status === 'CANCELLED') };
    for (const name of FINANCE_METRIC_NAMES) expect(computeFinanceMetrics(settledOnly).values[name].formula).not.toContain('not settled yet');
    const none = computeFinanceMetrics({ ...all, orders: [] }).values;
    expect(none.SETTLEMENT.value).toBe('0.00');
    expect(none.TAKE_RATE).toMatchObject({ value: null, nullReason: 'no settled revenue in the window' });
  });
});
