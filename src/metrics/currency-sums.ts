/**
 * Exact running sums of order figures, one set per currency, behind `aggregateDay` and
 * `combineAggregates` (day-aggregate.ts): keying every sum by currency is what makes adding two currencies
 * impossible rather than merely avoided.
 *
 * @see docs/metrics.md
 */
import type { BridgeTotals, CurrencyTotals, OrderAggregate, Totals } from './day-aggregate';
import { parseDecimal, zero, type Decimal } from '../domain/money';

/** Running exact sums of one currency, or of one product in it. */
export interface Sums {
  gmv: Decimal;
  orders: number;
  units: number;
  refundedGmv: Decimal;
}

/** Running exact sums of the bridge to TikTok's GMV definition ({@link BridgeTotals}). */
export interface BridgeSums {
  buyerPaid: Decimal;
  shipping: Decimal;
  tax: Decimal;
  platformDiscount: Decimal;
  unknown: number;
}

/** {@link Sums} of one currency with their per-product split, the bridge and the unpriced refunds. */
export interface Accumulator extends Sums {
  products: Map<string, Sums>;
  bridge: BridgeSums;
  unpricedRefunds: number;
}

/** Sums of nothing. */
export function emptySums(): Sums {
  return { gmv: zero(), orders: 0, units: 0, refundedGmv: zero() };
}

/** The value under `key`, created on first use. */
export function slot<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** The sums of `currency`, created on first use. */
export function accumulator(byCurrency: Map<string, Accumulator>, currency: string): Accumulator {
  return slot(byCurrency, currency, () => ({
    ...emptySums(),
    products: new Map(),
    bridge: { buyerPaid: zero(), shipping: zero(), tax: zero(), platformDiscount: zero(), unknown: 0 },
    unpricedRefunds: 0,
  }));
}

/** Adds finished {@link Totals} (exact decimal strings) into running sums. */
export function addTotals(into: Sums, totals: Totals): void {
  into.gmv = into.gmv.plus(parseDecimal(totals.gmv));
  into.orders += totals.orders;
  into.units += totals.units;
  into.refundedGmv = into.refundedGmv.plus(parseDecimal(totals.refundedGmv));
}

/** Adds finished {@link CurrencyTotals} into a currency's running sums, products and bridge included. */
export function addCurrencyTotals(into: Accumulator, totals: CurrencyTotals): void {
  addTotals(into, totals);
  for (const [productId, product] of Object.entries(totals.products)) addTotals(slot(into.products, productId, emptySums), product);
  const { bridge } = totals;
  into.bridge.buyerPaid = into.bridge.buyerPaid.plus(parseDecimal(bridge.buyerPaid));
  into.bridge.shipping = into.bridge.shipping.plus(parseDecimal(bridge.shipping));
  into.bridge.tax = into.bridge.tax.plus(parseDecimal(bridge.tax));
  into.bridge.platformDiscount = into.bridge.platformDiscount.plus(parseDecimal(bridge.platformDiscount));
  into.bridge.unknown += bridge.unknown;
  into.unpricedRefunds += totals.unpricedRefunds;
}

function toBridge(sums: BridgeSums): BridgeTotals {
  return {
    buyerPaid: sums.buyerPaid.toString(),
    shipping: sums.shipping.toString(),
    tax: sums.tax.toString(),
    platformDiscount: sums.platformDiscount.toString(),
    unknown: sums.unknown,
  };
}

function toTotals(sums: Sums): Totals {
  return {
    gmv: sums.gmv.toString(),
    orders: sums.orders,
    units: sums.units,
    refundedGmv: sums.refundedGmv.toString(),
  };
}

function toCurrencyTotals(acc: Accumulator): CurrencyTotals {
  const products = Object.fromEntries([...acc.products].map(([id, sums]) => [id, toTotals(sums)]));
  return { ...toTotals(acc), products, bridge: toBridge(acc.bridge), unpricedRefunds: acc.unpricedRefunds };
}

/**
 * Turns running sums into an {@link OrderAggregate}: `currency`'s sums at the top, every other
 * currency's under `otherCurrencies`, sorted by code so equal inputs give equal output.
 */
export function finish(byCurrency: Map<string, Accumulator>, currency: string): OrderAggregate {
  const own = toCurrencyTotals(accumulator(byCurrency, currency));
  const otherCurrencies = Object.fromEntries(
    [...byCurrency]
      .filter(([code]) => code !== currency)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, acc]) => [code, toCurrencyTotals(acc)]),
  );
  return { currency, ...own, otherCurrencies };
}
