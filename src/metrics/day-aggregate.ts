/**
 * Per-shop-day partial aggregates of orders. A window's order metrics are the sum of its days'
 * aggregates, so a 90-day query adds at most 90 small objects instead of rereading every order.
 *
 * Amounts are exact, unrounded decimal strings (ratios are later taken from these exact sums,
 * docs/metrics.md: "rounded only at the end"), and kept per currency: an order in a currency other
 * than the shop's goes to `otherCurrencies`, never into the shop-currency sums.
 *
 * @see docs/metrics.md
 */
import { addFulfilment, addFulfilmentTotals, emptyFulfilment, type FulfilmentTotals } from './fulfilment-totals';
import { countedTime, isFailedCashOnDelivery, isSuccessfulRefund, refundedAmount, type OrderFact, type RefundFact } from '../domain/facts';
import { accumulator, addCurrencyTotals, emptySums, finish, slot, type Accumulator } from './currency-sums';
import { parseDecimal, zero, type Decimal } from '../domain/money';
export { ordersToShipBy, type FulfilmentTotals } from './fulfilment-totals';
import { assertValidWindow, dateInWindow, localDate, windowDays, type DateWindow } from '../domain/window';

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
 * What separates ShopGraph's GMV from TikTok's own shop GMV (which is what buyers paid: taxes,
 * shipping and fees in, platform discounts out; docs/metrics.md, "Reconciliation"), summed over the
 * counted orders that carry payment totals. Exact decimal strings.
 */
export interface BridgeTotals {
  /** Σ `payment.total_amount`: the counted orders' GMV on TikTok's definition */
  buyerPaid: string;
  /** Σ `payment.shipping_fee` */
  shipping: string;
  /** Σ `payment.tax` */
  tax: string;
  /** Σ line `platform_discount` (gross − sale price), part of ShopGraph's GMV but not of what buyers paid */
  platformDiscount: string;
  /** counted orders TikTok sent without payment totals: while any, the bridge is incomplete */
  unknown: number;
}

/**
 * {@link Totals} plus a per-product split. A product's `orders` counts each order containing it
 * once. A product's `refundedGmv` only covers refunds naming line items: a refund naming none
 * cannot be attributed to a product, so product refunds may add up to less than the total.
 */
export interface CurrencyTotals extends Totals {
  products: Record<string, Totals>;
  bridge: BridgeTotals;
  /** successful refunds naming no line and carrying no refund amount: counted as nothing, said in the formula */
  unpricedRefunds: number;
}

/** Order figures of a set of days: shop-currency sums at the top, others kept apart. */
export interface OrderAggregate extends CurrencyTotals {
  /** the shop's currency, the currency of the top-level sums */
  currency: string;
  /** sums of orders (or refunds) in any other currency, by ISO code; normally empty */
  otherCurrencies: Record<string, CurrencyTotals>;
  /** fulfilment counts of the orders; absent: nothing known (an aggregate built without them) */
  fulfilment?: FulfilmentTotals;
  /**
   * Units (line items) per SKU id of the orders that are not CANCELLED now: the sales pace behind
   * a SKU's days of cover (docs/metrics.md, "Inventory"). Lines without a SKU id are left out.
   */
  skuUnits?: Record<string, number>;
}

/** The {@link OrderAggregate} of the orders counted on one shop-local date. */
export interface DayAggregate extends OrderAggregate {
  /** `YYYY-MM-DD` in the shop's time zone */
  date: string;
}

function addOrder(byCurrency: Map<string, Accumulator>, order: OrderFact, refunds: readonly RefundFact[]): void {
  const acc = accumulator(byCurrency, order.currency);
  acc.orders += 1;
  const productsInOrder = new Set<string>();
  let platformDiscount = zero();
  for (const line of order.lines) {
    const gross = parseDecimal(line.gross);
    const product = slot(acc.products, line.productId, emptySums);
    acc.gmv = acc.gmv.plus(gross);
    acc.units += 1;
    platformDiscount = platformDiscount.plus(gross.minus(parseDecimal(line.salePrice)));
    product.gmv = product.gmv.plus(gross);
    product.units += 1;
    if (!productsInOrder.has(line.productId)) {
      productsInOrder.add(line.productId);
      product.orders += 1;
    }
  }
  addBridge(acc, order, platformDiscount);

  // What is taken back of each line; a line is never refunded more than once (docs/metrics.md):
  // when several successful refunds name it, the largest amount stands, whatever their order.
  const taken = new Map<string, Decimal>();
  const take = (lineId: string, amount: Decimal): void => {
    const had = taken.get(lineId);
    if (had === undefined || amount.gt(had)) taken.set(lineId, amount);
  };
  const linesById = new Map(order.lines.map((line) => [line.id, line]));
  if (isFailedCashOnDelivery(order)) for (const line of order.lines) take(line.id, parseDecimal(line.gross));
  const seenRefunds = new Set<string>();
  for (const refund of refunds) {
    // The same refund listed twice must not count twice.
    if (seenRefunds.has(refund.id) || !isSuccessfulRefund(refund, order)) continue;
    seenRefunds.add(refund.id);
    if (refund.lines.length === 0) {
      // docs/metrics.md: "A refund that names no line items counts its refund_subtotal". It is in
      // the refund's own currency, so it is summed there, never converted implicitly.
      if (refund.refundSubtotal === null) acc.unpricedRefunds += 1;
      else {
        const into = accumulator(byCurrency, refund.currency);
        into.refundedGmv = into.refundedGmv.plus(parseDecimal(refund.refundSubtotal));
      }
      continue;
    }
    for (const named of refund.lines) {
      const line = linesById.get(named.id);
      if (line !== undefined) take(named.id, refundedAmount(line, named));
    }
  }
  for (const [lineId, refunded] of taken) {
    const line = linesById.get(lineId)!;
    acc.refundedGmv = acc.refundedGmv.plus(refunded);
    const product = slot(acc.products, line.productId, emptySums);
    product.refundedGmv = product.refundedGmv.plus(refunded);
  }
}

/** The order's part of the bridge to TikTok's GMV definition, or a note that it has none. */
function addBridge(acc: Accumulator, order: OrderFact, platformDiscount: Decimal): void {
  if (order.payment === null) {
    acc.bridge.unknown += 1;
    return;
  }
  acc.bridge.buyerPaid = acc.bridge.buyerPaid.plus(parseDecimal(order.payment.total));
  acc.bridge.shipping = acc.bridge.shipping.plus(parseDecimal(order.payment.shipping));
  acc.bridge.tax = acc.bridge.tax.plus(parseDecimal(order.payment.tax));
  acc.bridge.platformDiscount = acc.bridge.platformDiscount.plus(platformDiscount);
}

/**
 * Aggregates the orders counted on one shop-local date.
 *
 * @param orders - the orders counted on `date` in the shop's zone (paid then; cash on delivery:
 *   placed then); orders never paid are skipped, as they belong to no window (docs/metrics.md,
 *   "The window")
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
  const fulfilment = emptyFulfilment();
  const skuUnits: Record<string, number> = {};
  for (const order of orders) {
    if (countedTime(order) === null) continue;
    addOrder(byCurrency, order, refundsByOrder.get(order.id) ?? []);
    addFulfilment(fulfilment, order);
    if (order.status !== 'CANCELLED') {
      for (const line of order.lines) if (line.skuId !== '') skuUnits[line.skuId] = (skuUnits[line.skuId] ?? 0) + 1;
    }
  }
  fulfilment.toShipBy.sort((a, b) => a - b);
  return { date, ...finish(byCurrency, currency), fulfilment, skuUnits };
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
  const add = (code: string, totals: CurrencyTotals): void => addCurrencyTotals(accumulator(byCurrency, code), totals);
  const fulfilment = emptyFulfilment();
  const skuUnits: Record<string, number> = {};
  for (const aggregate of aggregates) {
    add(aggregate.currency, aggregate);
    for (const [code, totals] of Object.entries(aggregate.otherCurrencies)) add(code, totals);
    addFulfilmentTotals(fulfilment, aggregate.fulfilment);
    for (const [sku, units] of Object.entries(aggregate.skuUnits ?? {})) skuUnits[sku] = (skuUnits[sku] ?? 0) + units;
  }
  fulfilment.toShipBy.sort((a, b) => a - b);
  // Every stored aggregate has the counts (ledger v5); a missing day is a day without orders.
  return { ...finish(byCurrency, currency), fulfilment, skuUnits };
}

/**
 * Groups orders by the shop-local date they are counted on (`paid_time`; `create_time` for cash
 * on delivery) and aggregates every day of a window,
 * including days without orders, so a stored day is known to be empty rather than missing.
 *
 * @param orders - any orders; those never paid and those counted outside the window are ignored
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
    const counted = countedTime(order);
    if (counted === null) continue;
    const date = localDate(counted, timeZone);
    if (dateInWindow(date, window)) slot(byDate, date, () => []).push(order);
  }
  return new Map(windowDays(window).map((date) => [date, aggregateDay(byDate.get(date) ?? [], refundsByOrder, date, currency)]));
}
