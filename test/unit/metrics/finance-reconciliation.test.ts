import type { SettlementFact } from '../../../src/datasources/finance-facts';
import { sumDecimals } from '../../../src/domain/money';
import { reconcile, type ReconciliationOrderFacts, type ReconciliationStatement } from '../../../src/metrics/finance-reconciliation';

const at = (iso: string) => Date.parse(iso) / 1000;

function settled(orderId: string, statementId: string, time: string, revenue: string, feeTax: string, shippingCost: string): SettlementFact {
  const settlement = sumDecimals([revenue, feeTax, shippingCost]).toString();
  const amounts = { revenue, feeTax, shippingCost, adjustment: '0', settlement };
  return { orderId, currency: 'USD', parts: [{ statementId, statementTime: at(time), ...amounts }], ...amounts };
}

const statement = (
  id: string,
  time: string,
  revenue: string,
  fees: string,
  shippingCost: string,
  adjustment: string,
  settlement: string,
): ReconciliationStatement => ({ id, statementTime: at(time), currency: 'USD', revenue, fees, shippingCost, adjustment, settlement });

const order = (
  id: string,
  paid: string | null,
  gmv: string,
  refundedGmv: string,
  settlement: SettlementFact | null,
  currency = 'USD',
): ReconciliationOrderFacts => ({ id, paidTime: paid === null ? null : at(paid), currency, gmv, refundedGmv, settlement });

describe('reconciliation with statements', () => {
  // X was paid before the window and settled on day 1; Y paid on day 1, settled on day 2 for
  // 0.10 more revenue than ShopGraph's net; Z paid on day 2, not settled; W paid and cancelled.
  const X = order('X', '2026-02-25T10:00:00Z', '10', '0', settled('X', 'S1', '2026-03-01T00:00:00Z', '10', '-1', '-0.5'));
  const Y = order('Y', '2026-03-01T09:00:00Z', '20', '5', settled('Y', 'S2', '2026-03-02T00:00:00Z', '15.10', '-2', '-0.5'));
  const Z = order('Z', '2026-03-02T09:00:00Z', '5', '0', null);
  const W = order('W', '2026-03-02T10:00:00Z', '7', '7', null);
  const periods = reconcile({
    window: { from: '2026-03-01', to: '2026-03-02' },
    granularity: 'DAY',
    timeZone: 'UTC',
    currency: 'USD',
    statements: [
      statement('S1', '2026-03-01T00:00:00Z', '10', '-1', '-0.5', '1', '9.5'),
      statement('S2', '2026-03-02T00:00:00Z', '15.10', '-2', '-0.5', '0', '12.60'),
    ],
    orders: [X, Y, Z, W, order('F', '2026-03-01T12:00:00Z', '3', '0', null, 'EUR')],
  });
  const plain = (p: (typeof periods)[number]) => ({
    from: p.window.from,
    statements: p.statements.map((s) => s.id),
    gmv: p.gmv.toString(),
    refundedGmv: p.refundedGmv.toString(),
    fees: p.fees.toString(),
    expected: p.expected.toString(),
    settledLater: [p.settledLater.orders, p.settledLater.amount.toString()],
    notSettled: [p.notSettled.orders, p.notSettled.amount.toString()],
    settledFromEarlier: [p.settledFromEarlier.orders, p.settledFromEarlier.amount.toString()],
    adjustments: p.adjustments.toString(),
    explained: p.explained.toString(),
    settlement: p.tiktok.settlement.toString(),
    unexplained: p.unexplained.toString(),
    timing: p.timing.map((t) => `${t.orderId}:${t.kind}`),
    foreign: p.foreignCurrencyItems,
  });

  it("bridges ShopGraph's paid-day figures to the statements, showing orders settled in another period than paid", () => {
    expect(periods.map(plain)).toEqual([
      {
        from: '2026-03-01',
        statements: ['S1'],
        // Y: 20 − 5 − 2 − 0.5
        gmv: '20',
        refundedGmv: '5',
        fees: '-2',
        expected: '12.5',
        settledLater: [1, '12.5'],
        notSettled: [0, '0'],
        settledFromEarlier: [1, '8.5'],
        // 12.5 − 12.5 + 8.5 (X) + 1 (adjustment) = 9.5 = S1
        adjustments: '1',
        explained: '9.5',
        settlement: '9.5',
        unexplained: '0',
        timing: ['X:SETTLED_FROM_EARLIER', 'Y:SETTLED_LATER'],
        foreign: 1,
      },
      {
        from: '2026-03-02',
        statements: ['S2'],
        // Z and W; W's refund nets it to nothing, so it is not awaited
        gmv: '12',
        refundedGmv: '7',
        fees: '0',
        expected: '5',
        settledLater: [0, '0'],
        notSettled: [1, '5'],
        settledFromEarlier: [1, '12.5'],
        // 5 − 5 + 12.5 = 12.5; TikTok's revenue of Y was 0.10 above ShopGraph's net
        adjustments: '0',
        explained: '12.5',
        settlement: '12.6',
        unexplained: '0.1',
        timing: ['Y:SETTLED_FROM_EARLIER', 'Z:NOT_SETTLED'],
        foreign: 0,
      },
    ]);
  });

  it("puts a statement in the period of its statement time in the shop's zone, once", () => {
    // 00:00 UTC on March 2 is March 1, 16:00 in Los Angeles: S2 covers a UTC day spanning two shop days.
    const la = reconcile({
      window: { from: '2026-03-01', to: '2026-03-02' },
      granularity: 'DAY',
      timeZone: 'America/Los_Angeles',
      currency: 'USD',
      statements: [statement('S2', '2026-03-02T00:00:00Z', '1', '0', '0', '0', '1')],
      orders: [],
    });
    expect(la.map((p) => p.statements.map((s) => s.id))).toEqual([['S2'], []]);
  });
});
