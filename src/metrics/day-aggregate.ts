/**
 * Per-shop-day partial aggregates of orders. A window's order metrics are the sum of its days'
 * aggregates, so a 90-day query adds at most 90 small objects instead of rereading every order.
 *
 * Amounts are exact, unrounded decimal strings (ratios are later taken from these exact sums,
 * metrics.md: "rounded only at the end"), and kept per currency: an order in a currency other
 * than the shop's goes to `otherCurrencies`, never into the shop-currency sums.
 *
 * @see /work/shared/spec/metrics.md
 */
import { isSuccessfulRefund, type OrderFact, type RefundFact } from './facts';
import { accumulator, addTotals, emptySums, finish, slot, type Accumulator } from './currency-sums';
import { parseDecimal } from './money';
import { assertValidWindow, dateInWindow, localDate, windowDays, type DateWindow } from './window';

/** Order figures in one currency; amounts are exact decimal strings. */
export interface Totals {
  /** Σ line-item gross of counted orders */
  gmv: string;
  /** number of counted orders */
  orders: number;
  /** number of line items of counted orders */
  units: number;
  /** Σ line-item gross refunded by successful refunds of counted orders */
  refundedGmv: string;
}

/**
 * {@link Totals} plus a per-product split. A product's `orders` counts each order containing it
 * once. A product's `refundedGmv` only covers refunds naming line items: a refund naming none
 * cannot be attributed to a product, so product refunds may add up to less than the total.
 */
export interface CurrencyTotals extends Totals {
  products: Record<string, Totals>;
}

/** Order figures of a set of days: shop-currency sums at the top, others kept apart. */
export interface OrderAggregate extends CurrencyTotals {
  /** the shop's currency, the currency of the top-level sums */
  currency: string;
  /** sums of orders (or refunds) in any other currency, by ISO code; normally empty */
  otherCurrencies: Record<string, CurrencyTotals>;
}

/** The {@link OrderAggregate} of the orders paid on one shop-local date. */
export interface DayAggregate extends OrderAggregate {
  /** `YYYY-MM-DD` in the shop's time zone */
  date: string;
}

function addOrder(byCurrency: Map<string, Accumulator>, order: OrderFact, refunds: readonly RefundFact[]): void {
  const acc = accumulator(byCurrency, order.currency);
  acc.orders += 1;
  const productsInOrder = new Set<string>();
  for (const line of order.lines) {
    const gross = parseDecimal(line.gross);
    const product = slot(acc.products, line.productId, emptySums);
    acc.gmv = acc.gmv.plus(gross);
    acc.units += 1;
    product.gmv = product.gmv.plus(gross);
    product.units += 1;
    if (!productsInOrder.has(line.productId)) {
      productsInOrder.add(line.productId);
      product.orders += 1;
    }
  }

  const linesById = new Map(order.lines.map((line) => [line.id, line]));
  const refundedLines = new Set<string>();
  const seenRefunds = new Set<string>();
  for (const refund of refunds) {
    // The same refund listed twice must not count twice.
    if (seenRefunds.has(refund.id) || !isSuccessfulRefund(refund, order)) continue;
    seenRefunds.add(refund.id);
    if (refund.lineItemIds.length === 0) {
      // metrics.md: "A refund that names no line items counts its refund_subtotal". It is in the
      // refund's own currency, so it is summed there, never converted implicitly.
      if (refund.refundSubtotal !== null) {
        const into = accumulator(byCurrency, refund.currency);
        into.refundedGmv = into.refundedGmv.plus(parseDecimal(refund.refundSubtotal));
      }
      continue;
    }
    for (const lineId of refund.lineItemIds) {
      const line = linesById.get(lineId);
      // metrics.md: "A line item is never refunded twice", across all refunds of the order.
      if (line === undefined || refundedLines.has(lineId)) continue;
      refundedLines.add(lineId);
      const gross = parseDecimal(line.gross);
      acc.refundedGmv = acc.refundedGmv.plus(gross);
      const product = slot(acc.products, line.productId, emptySums);
      product.refundedGmv = product.refundedGmv.plus(gross);
    }
  }
}

/**
 * Aggregates the orders paid on one shop-local date.
 *
 * @param orders - the orders whose `paid_time` falls on `date` in the shop's zone; unpaid
 *   orders are skipped, as they belong to no window (metrics.md, "The window")
 * @param refundsByOrder - every known refund of those orders, by order id, whenever it happened
 *   (Refunded GMV is a cohort figure)
 * @param date - the shop-local date, `YYYY-MM-DD`
 * @param currency - the shop's currency
 */
export function aggregateDay(
  orders: readonly OrderFact[],
  refundsByOrder: ReadonlyMap<string, readonly RefundFact[]>,
  date: string,
  currency: string,
): DayAggregate {
  const byCurrency = new Map<string, Accumulator>();
  for (const order of orders) {
    if (order.paidTime === null) continue;
    addOrder(byCurrency, order, refundsByOrder.get(order.id) ?? []);
  }
  return { date, ...finish(byCurrency, currency) };
}

/**
 * Adds up aggregates (typically the days of a window) without ever adding two currencies.
 *
 * @param aggregates - day or window aggregates
 * @param currency - the shop's currency, the currency of the result's top-level sums
 * @returns the totals; sums in any other currency, including aggregates whose own `currency`
 *   differs, land in `otherCurrencies`
 */
export function combineAggregates(aggregates: Iterable<OrderAggregate>, currency: string): OrderAggregate {
  const byCurrency = new Map<string, Accumulator>();
  const add = (code: string, totals: CurrencyTotals): void => {
    const acc = accumulator(byCurrency, code);
    addTotals(acc, totals);
    for (const [productId, product] of Object.entries(totals.products)) {
      addTotals(slot(acc.products, productId, emptySums), product);
    }
  };
  for (const aggregate of aggregates) {
    add(aggregate.currency, aggregate);
    for (const [code, totals] of Object.entries(aggregate.otherCurrencies)) add(code, totals);
  }
  return finish(byCurrency, currency);
}

/**
 * Groups orders by the shop-local date of their `paid_time` and aggregates every day of a window,
 * including days without orders, so a stored day is known to be empty rather than missing.
 *
 * @param orders - any orders; unpaid ones and those paid outside the window are ignored
 * @param refundsByOrder - every known refund, by order id
 * @param window - the dates to aggregate
 * @param timeZone - the shop's IANA time zone
 * @param currency - the shop's currency
 * @returns one aggregate per date of the window, in date order
 * @throws InvalidWindowError, or RangeError for an unknown time zone
 */
export function aggregateDays(
  orders: readonly OrderFact[],
  refundsByOrder: ReadonlyMap<string, readonly RefundFact[]>,
  window: DateWindow,
  timeZone: string,
  currency: string,
): Map<string, DayAggregate> {
  assertValidWindow(window);
  const byDate = new Map<string, OrderFact[]>();
  for (const order of orders) {
    if (order.paidTime === null) continue;
    const date = localDate(order.paidTime, timeZone);
    if (dateInWindow(date, window)) slot(byDate, date, () => []).push(order);
  }
  return new Map(
    windowDays(window).map((date) => [date, aggregateDay(byDate.get(date) ?? [], refundsByOrder, date, currency)]),
  );
}

