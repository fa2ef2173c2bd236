/**
 * Exact running sums of order figures, one set per currency, behind `aggregateDay` and
 * `combineAggregates` (day-aggregate.ts): keying every sum by currency is what makes adding two currencies
 * impossible rather than merely avoided.
 *
 * @see /work/shared/spec/metrics.md
 */
import type { CurrencyTotals, OrderAggregate, Totals } from './day-aggregate';
import { parseDecimal, zero, type Decimal } from './money';

/** Running exact sums of one currency, or of one product in it. */
export interface Sums {
  gmv: Decimal;
  orders: number;
  units: number;
  refundedGmv: Decimal;
}

/** {@link Sums} with their per-product split. */
export interface Accumulator extends Sums {
  products: Map<string, Sums>;
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
  return slot(byCurrency, currency, () => ({ ...emptySums(), products: new Map() }));
}

/** Adds finished {@link Totals} (exact decimal strings) into running sums. */
export function addTotals(into: Sums, totals: Totals): void {
  into.gmv = into.gmv.plus(parseDecimal(totals.gmv));
  into.orders += totals.orders;
  into.units += totals.units;
  into.refundedGmv = into.refundedGmv.plus(parseDecimal(totals.refundedGmv));
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
  return { ...toTotals(acc), products };
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
