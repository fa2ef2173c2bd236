/**
 * Reconciliation of ShopGraph's order figures with TikTok's statements, per period (a bucket of
 * shop-local days). ShopGraph counts an order in the period it was PAID in (docs/metrics.md); TikTok
 * settles it in a statement days or weeks later. Each period puts both side by side and bridges
 * them:
 *
 *   expected   = net revenue (GMV − refunded GMV) + fees + shipping cost of the orders paid in it
 *   explained  = expected − orders paid in it but settled in another period or not yet
 *              + orders settled in it but paid in another period + statement adjustments
 *   unexplained difference = TikTok's settlement − explained
 *
 * Fees and shipping costs are TikTok's per-order figures (ShopGraph has no fee schedule of its
 * own), so what is left unexplained is where TikTok's revenue of an order differs from ShopGraph's
 * net revenue, and any statement whose total is not the sum of its transactions. An order belongs
 * to the period of the statement that first settled it; a later correction of it in another
 * statement shows as unexplained in both periods, with opposite signs.
 */
import type { SettlementFact } from '../datasources/finance-facts';
import { parseDecimal, sumDecimals, zero, type Decimal } from '../domain/money';
import { bucketize, localDate, type DateWindow, type Granularity } from '../domain/window';

/** A statement's totals (TikTok's `fee_amount` is fees and taxes on fees). */
export interface ReconciliationStatement {
  id: string;
  statementTime: number;
  currency: string;
  revenue: string;
  fees: string;
  shippingCost: string;
  adjustment: string;
  settlement: string;
}

/** An order as the reconciliation reads it: ShopGraph's figures and TikTok's settlement. */
export interface ReconciliationOrderFacts {
  id: string;
  /** null when ShopGraph cannot place it: never paid, or no longer readable */
  paidTime: number | null;
  currency: string;
  gmv: string;
  refundedGmv: string;
  settlement: SettlementFact | null;
}

/** Why an order is listed in a period. */
export type TimingKind = 'SETTLED_LATER' | 'NOT_SETTLED' | 'SETTLED_FROM_EARLIER';

/** An order settled in another period than it was paid in, with its part in the bridge. */
export interface TimingOrder {
  orderId: string;
  kind: TimingKind;
  paidTime: number | null;
  /** the statement that settled it; null while it is not settled */
  statementId: string | null;
  statementTime: number | null;
  /** net revenue + fees + shipping cost (fees unknown, so 0, while not settled) */
  expected: Decimal;
}

/** A sum of orders. */
export interface OrderSum {
  orders: number;
  amount: Decimal;
}

/** One period: ShopGraph's figures, TikTok's, and the bridge between them. */
export interface ReconciliationPeriod {
  window: DateWindow;
  statements: ReconciliationStatement[];
  gmv: Decimal;
  refundedGmv: Decimal;
  fees: Decimal;
  shippingCost: Decimal;
  expected: Decimal;
  settledLater: OrderSum;
  notSettled: OrderSum;
  settledFromEarlier: OrderSum;
  adjustments: Decimal;
  tiktok: { revenue: Decimal; fees: Decimal; shippingCost: Decimal; settlement: Decimal };
  explained: Decimal;
  unexplained: Decimal;
  timing: TimingOrder[];
  /** statements and orders in another currency than the shop's, left out of every sum */
  foreignCurrencyItems: number;
}

/** What {@link reconcile} reads. */
export interface ReconciliationInput {
  window: DateWindow;
  granularity: Granularity;
  timeZone: string;
  currency: string;
  /** every statement fetched; those generated in the window are reconciled */
  statements: readonly ReconciliationStatement[];
  /** the orders paid in the window and the orders settled by its statements */
  orders: readonly ReconciliationOrderFacts[];
}

const sum = (values: readonly (string | Decimal)[]): Decimal => sumDecimals(values.map((v) => (typeof v === 'string' ? parseDecimal(v) : v)));

function expectedOf(o: ReconciliationOrderFacts): Decimal {
  const net = parseDecimal(o.gmv).minus(parseDecimal(o.refundedGmv));
  return o.settlement ? net.plus(parseDecimal(o.settlement.feeTax)).plus(parseDecimal(o.settlement.shippingCost)) : net;
}

const orderSum = (orders: readonly TimingOrder[]): OrderSum => ({ orders: orders.length, amount: sum(orders.map((o) => o.expected)) });

/** The periods of the window, oldest first. */
export function reconcile(input: ReconciliationInput): ReconciliationPeriod[] {
  const { timeZone, currency } = input;
  // luxon costs ~50µs a call: each instant is dated once, not once per period.
  const dates = new Map<number, string>();
  const dateOf = (time: number | null | undefined): string | null => {
    if (time === null || time === undefined) return null;
    let date = dates.get(time);
    if (date === undefined) dates.set(time, (date = localDate(time, timeZone)));
    return date;
  };
  const foreignOrders = new Set(input.orders.filter((o) => o.currency !== currency || (o.settlement && o.settlement.currency !== currency)));
  const orders = input.orders.filter((o) => !foreignOrders.has(o));
  const firstStatement = (o: ReconciliationOrderFacts) => o.settlement?.parts[0];
  return bucketize(input.window, input.granularity).map((period): ReconciliationPeriod => {
    const inPeriod = (time: number | null | undefined) => {
      const date = dateOf(time);
      return date !== null && period.from <= date && date <= period.to;
    };
    const allStatements = input.statements.filter((s) => inPeriod(s.statementTime));
    const statements = allStatements.filter((s) => s.currency === currency);
    const paid = orders.filter((o) => inPeriod(o.paidTime));
    const timing: TimingOrder[] = [];
    const listed = (o: ReconciliationOrderFacts, kind: TimingKind) => {
      const first = firstStatement(o);
      timing.push({
        orderId: o.id,
        kind,
        paidTime: o.paidTime,
        statementId: first?.statementId ?? null,
        statementTime: first?.statementTime ?? null,
        expected: expectedOf(o),
      });
    };
    for (const o of paid) {
      const first = firstStatement(o);
      if (!first) {
        // An order cancelled before shipping nets to nothing and is never settled: nothing to bridge.
        if (!expectedOf(o).isZero()) listed(o, 'NOT_SETTLED');
      } else if (!inPeriod(first.statementTime)) {
        listed(o, 'SETTLED_LATER');
      }
    }
    for (const o of orders) {
      const first = firstStatement(o);
      if (first && inPeriod(first.statementTime) && !inPeriod(o.paidTime)) listed(o, 'SETTLED_FROM_EARLIER');
    }
    const of = (kind: TimingKind) => orderSum(timing.filter((t) => t.kind === kind));
    const gmv = sum(paid.map((o) => o.gmv));
    const refundedGmv = sum(paid.map((o) => o.refundedGmv));
    const expected = sum(paid.map(expectedOf));
    const [settledLater, notSettled, settledFromEarlier] = [of('SETTLED_LATER'), of('NOT_SETTLED'), of('SETTLED_FROM_EARLIER')];
    const adjustments = sum(statements.map((s) => s.adjustment));
    const settlement = sum(statements.map((s) => s.settlement));
    const explained = expected.minus(settledLater.amount).minus(notSettled.amount).plus(settledFromEarlier.amount).plus(adjustments);
    return {
      window: period,
      statements,
      gmv,
      refundedGmv,
      fees: sum(paid.map((o) => o.settlement?.feeTax ?? zero())),
      shippingCost: sum(paid.map((o) => o.settlement?.shippingCost ?? zero())),
      expected,
      settledLater,
      notSettled,
      settledFromEarlier,
      adjustments,
      tiktok: {
        revenue: sum(statements.map((s) => s.revenue)),
        fees: sum(statements.map((s) => s.fees)),
        shippingCost: sum(statements.map((s) => s.shippingCost)),
        settlement,
      },
      explained,
      unexplained: settlement.minus(explained),
      timing: timing.sort((a, b) => (a.paidTime ?? 0) - (b.paidTime ?? 0) || (a.orderId < b.orderId ? -1 : 1)),
      foreignCurrencyItems:
        allStatements.length - statements.length + [...foreignOrders].filter((o) => inPeriod(o.paidTime) || inPeriod(firstStatement(o)?.statementTime)).length,
    };
  });
}
