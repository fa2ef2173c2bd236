/**
 * Gathers what `Shop.reconciliation` compares: the orders paid in the window with their refunds
 * (ShopGraph's side), the statements generated in it and the orders they settled (TikTok's), and
 * the orders settled in the window but paid before it, which ShopGraph counted in another window.
 */
import type { PartnerCancellation, PartnerOrder, PartnerReturnOrder, PartnerStatement } from '../datasources/partner/schemas';
import type { ShopInfo } from '../datasources/shop-directory';
import { aggregateDay } from '../metrics/day-aggregate';
import { reconcile, type ReconciliationOrderFacts, type ReconciliationPeriod as CorePeriod } from '../metrics/finance-reconciliation';
import type { SettlementFact } from '../datasources/finance-facts';
import { countedTime } from '../domain/facts';
import { cancellationFact, orderFact, returnFact } from '../datasources/partner-facts';
import { dateInWindow, localDate, windowBounds, type DateWindow } from '../domain/window';
import type { Granularity } from '../schema/types/common';
import { FinanceReconciliation, FinanceReconciliationOrder, FinanceReconciliationPeriod, OrderSum, SettlementTiming } from '../schema/types/finance';
import type { Decimal } from '../domain/money';
import { fromUnixSeconds } from '../schema/scalars';
import type { GraphContext } from './context';
import { amount, toStatement } from './map-finance';

/** Refunds of orders paid in the window were created after the order, at most this long before the window (as the ledger reaches back). */
const LOOKBACK_SECONDS = 7 * 86_400;

interface Refunds {
  returns: readonly PartnerReturnOrder[];
  cancellations: readonly PartnerCancellation[];
}

/** ShopGraph's GMV and refunded GMV of one order (docs/metrics.md definitions), with TikTok's settlement. */
function orderFacts(order: PartnerOrder, refunds: Refunds, settlement: SettlementFact | undefined): ReconciliationOrderFacts {
  const fact = orderFact(order);
  const refundFacts = [...refunds.returns.map((r) => returnFact(r, fact.currency)), ...refunds.cancellations.map((c) => cancellationFact(c, fact.currency))];
  const totals = aggregateDay([fact], new Map([[fact.id, refundFacts]]), '', fact.currency);
  return {
    id: order.id,
    paidTime: countedTime(fact),
    currency: fact.currency,
    gmv: totals.gmv,
    refundedGmv: totals.refundedGmv,
    settlement: settlement ?? null,
  };
}

/** The reconciliation of one shop's window. */
export async function reconciliation(ctx: GraphContext, shop: ShopInfo, window: DateWindow, granularity: Granularity): Promise<FinanceReconciliation> {
  const { start } = windowBounds(window, shop.timezone);
  const [settled, paid, since] = await Promise.all([
    ctx.finance.settlements(shop, window),
    ctx.finance.countedOrders(shop, window),
    ctx.shopData.refundsSince(shop, start - LOOKBACK_SECONDS),
  ]);
  const { statements, byOrder } = settled.value;
  const inWindow = new Set(statements.filter((s) => dateInWindow(localDate(s.statement_time, shop.timezone), window)).map((s) => s.id));
  const paidIds = new Set(paid.value.map((o) => o.id));
  const earlierIds = [...byOrder.values()]
    .filter((f) => f.parts[0] !== undefined && inWindow.has(f.parts[0].statementId) && !paidIds.has(f.orderId))
    .map((f) => f.orderId);
  const earlier = await Promise.all(
    earlierIds.map(async (id) => {
      const key = { shopId: shop.id, id };
      const [order, refunds] = await Promise.all([ctx.loaders.order.load(key), ctx.loaders.refunds.load(key)]);
      // An order TikTok settled that ShopGraph can no longer read still shows, unplaced.
      return order
        ? orderFacts(order, refunds, byOrder.get(id))
        : { id, paidTime: null, currency: byOrder.get(id)?.currency ?? shop.currency, gmv: '0', refundedGmv: '0', settlement: byOrder.get(id) ?? null };
    }),
  );
  const refundsByOrder = new Map<string, { returns: PartnerReturnOrder[]; cancellations: PartnerCancellation[] }>();
  const slot = (id: string) => refundsByOrder.get(id) ?? refundsByOrder.set(id, { returns: [], cancellations: [] }).get(id)!;
  for (const r of since.value.returns) slot(r.order_id).returns.push(r);
  for (const c of since.value.cancellations) slot(c.order_id).cancellations.push(c);
  const refundsOf = (id: string): Refunds => refundsByOrder.get(id) ?? { returns: [], cancellations: [] };
  const periods = reconcile({
    window,
    granularity,
    timeZone: shop.timezone,
    currency: shop.currency,
    statements: statements.map((s) => ({
      // Absent where TikTok does not report them (revenue: UK, US; shipping cost: SEA, cross-border).
      id: s.id,
      statementTime: s.statement_time,
      currency: s.currency,
      revenue: s.revenue_amount ?? '0',
      fees: s.fee_amount,
      shippingCost: s.shipping_cost_amount ?? '0',
      adjustment: s.adjustment_amount,
      settlement: s.settlement_amount,
    })),
    orders: [...paid.value.map((o) => orderFacts(o, refundsOf(o.id), byOrder.get(o.id))), ...earlier],
  });
  const byId = new Map(statements.map((s) => [s.id, s]));
  return Object.assign(new FinanceReconciliation(), {
    from: window.from,
    to: window.to,
    timezone: shop.timezone,
    currency: shop.currency,
    periods: periods.map((p) => toReconciliationPeriod(p, shop, byId)),
    asOf: new Date(Math.min(settled.fetchedAt, paid.fetchedAt, since.fetchedAt)),
    stale: settled.stale || paid.stale || since.stale,
  });
}

/** One reconciliation period. */
function toReconciliationPeriod(p: CorePeriod, shop: ShopInfo, statements: ReadonlyMap<string, PartnerStatement>): FinanceReconciliationPeriod {
  const currency = shop.currency;
  const m = (value: Decimal) => amount(value, currency);
  const sum = (s: { orders: number; amount: Decimal }) => Object.assign(new OrderSum(), { orders: s.orders, amount: m(s.amount) });
  return Object.assign(new FinanceReconciliationPeriod(), {
    from: p.window.from,
    to: p.window.to,
    statements: p.statements.flatMap((s) => {
      const raw = statements.get(s.id);
      return raw ? [toStatement(raw, shop)] : [];
    }),
    gmv: m(p.gmv),
    refundedGmv: m(p.refundedGmv),
    fees: m(p.fees),
    shippingCost: m(p.shippingCost),
    expectedSettlement: m(p.expected),
    settledLater: sum(p.settledLater),
    notSettled: sum(p.notSettled),
    settledFromEarlier: sum(p.settledFromEarlier),
    adjustments: m(p.adjustments),
    explainedSettlement: m(p.explained),
    statementRevenue: m(p.tiktok.revenue),
    statementFees: m(p.tiktok.fees),
    statementShippingCost: m(p.tiktok.shippingCost),
    settlement: m(p.tiktok.settlement),
    unexplainedDifference: m(p.unexplained),
    orders: p.timing.map((t) =>
      Object.assign(new FinanceReconciliationOrder(), {
        orderId: t.orderId,
        timing: t.kind as SettlementTiming,
        paidAt: t.paidTime === null ? null : fromUnixSeconds(t.paidTime),
        settledAt: t.statementTime === null ? null : fromUnixSeconds(t.statementTime),
        statementId: t.statementId,
        amount: m(t.expected),
      }),
    ),
    foreignCurrencyItems: p.foreignCurrencyItems,
  });
}
