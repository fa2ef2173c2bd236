/**
 * The plain facts the metrics ledger stores: upstream orders, refunds and ad report rows reduced
 * to exactly what the metric definitions read. Produced from validated upstream objects
 * (`partner-facts.ts`), consumed by the pure math in this folder.
 *
 * @see docs/metrics.md
 */
import { parseDecimal, type Decimal } from './money';

/** One order line item; each line item is one unit (docs/metrics.md, "GMV"). */
export interface OrderLineFact {
  /** `order_line_item_id`, the key refunds name and dedupe on */
  id: string;
  productId: string;
  skuId: string;
  /** `sale_price`: what the buyer paid for the unit; a partial refund is a share of it */
  salePrice: string;
  /** line-item gross, `sale_price + platform_discount`, an exact decimal string ({@link lineItemGross}) */
  gross: string;
}

/** The buyer-side totals of an order's `payment`, for the like-for-like reconciliation. */
export interface OrderPaymentFact {
  /** `total_amount`: everything the buyer paid (products, shipping, taxes, fees) */
  total: string;
  /** `shipping_fee`: shipping the buyer paid, after shipping discounts */
  shipping: string;
  /** `tax`: all taxes the buyer paid */
  tax: string;
}

/**
 * What the fulfilment figures read of an order (docs/metrics.md, "Fulfilment"), unix seconds;
 * null where TikTok sent nothing (not yet, or not applicable).
 */
export interface OrderFulfilmentFact {
  /** `rts_sla_time`: ship by */
  shipBy: number | null;
  /** `rts_time`: when the seller shipped */
  shippedAt: number | null;
  /** `delivery_sla_time`, else `delivery_option_required_delivery_time`: delivered on time by */
  deliverBy: number | null;
  /** `delivery_time`: when the order became DELIVERED */
  deliveredAt: number | null;
}

/** One order, with its times as unix seconds. */
export interface OrderFact {
  id: string;
  /** upstream order status: counted orders stay counted whatever it becomes (a COD order that ends `CANCELLED` is refunded) */
  status: string;
  createTime: number;
  updateTime: number;
  /** `paid_time`; null while unpaid (and for cash-on-delivery orders until the courier collects) */
  paidTime: number | null;
  /** `is_cod`: cash on delivery, committed when placed (docs/metrics.md, "The window") */
  cod: boolean;
  currency: string;
  /** null when TikTok sent no payment totals */
  payment: OrderPaymentFact | null;
  lines: OrderLineFact[];
  /** absent in facts filed before fulfilment was read: such an order is in no fulfilment figure */
  fulfilment?: OrderFulfilmentFact;
}

/** What kind of after-sales request a refund came from. */
export type RefundKind = 'REFUND' | 'RETURN_AND_REFUND' | 'REPLACEMENT' | 'CANCELLATION';

/** One line a refund names, with the subtotal it refunds for that line when TikTok says. */
export interface RefundLineFact {
  /** the `order_line_item_id` */
  id: string;
  /** the line's own `refund_amount.refund_subtotal`; null when the line carries none */
  refundSubtotal: string | null;
}

/** One return, refund, replacement or cancellation request of an order. */
export interface RefundFact {
  id: string;
  orderId: string;
  /** `return_type` as TikTok sent it (a type it adds later passes through), or `CANCELLATION` */
  kind: string;
  /** `return_status` for returns/refunds/replacements, `cancel_status` for cancellations */
  status: string;
  createTime: number;
  updateTime: number;
  /** the order lines the request names; may be empty */
  lines: RefundLineFact[];
  /** the request's `refund_amount.refund_subtotal`, used only when it names no line; null when absent */
  refundSubtotal: string | null;
  currency: string;
}

/** One Marketing API report row: a campaign on one day. */
export interface AdRowFact {
  advertiserId: string;
  campaignId: string;
  /** YYYY-MM-DD, labelled in the advertiser's time zone */
  date: string;
  currency: string;
  spend: string | null;
  /** `total_onsite_shopping_value` */
  attributedRevenue: string | null;
  impressions: number | null;
  clicks: number | null;
  /** deleted campaigns still count towards ad spend (docs/metrics.md, "Ad spend") */
  campaignDeleted: boolean;
}

/**
 * A row TikTok sent that could not be read (it lacked what a metric needs), with the shop-local
 * days it may count on: a window touching them cannot be exact (docs/metrics.md).
 */
export interface UnreadableFact {
  /** an order (its whole value is unknown) or a return/cancellation (its refund is unknown) */
  kind: 'order' | 'refund';
  /** first and last shop-local date it may count on; null: unknown on that side */
  from: string | null;
  to: string | null;
  /** what it is and what was wrong, e.g. `order 57…: orders[3].line_items[0].sale_price: Required` */
  detail: string;
}

/** Whether an unreadable row may count in a window. */
export function mayCountIn(fact: UnreadableFact, window: { from: string; to: string }): boolean {
  return (fact.from === null || fact.from <= window.to) && (fact.to === null || fact.to >= window.from);
}

/**
 * One GMV Max report row: a GMV Max campaign of one advertiser on one day, for the shop's store.
 * GMV Max campaigns are absent from the BASIC report; their cost is ad spend all the same
 * (docs/metrics.md, "Ad spend").
 */
export interface GmvMaxRowFact {
  advertiserId: string;
  campaignId: string;
  /** YYYY-MM-DD, labelled in the advertiser's time zone */
  date: string;
  currency: string;
  cost: string | null;
  /** `gross_revenue`: all orders of the promoted products, organic ones included */
  grossRevenue: string | null;
}

/**
 * Line-item gross of a line item: `sale_price + platform_discount` (docs/metrics.md), i.e. what
 * the buyer paid for the unit plus TikTok's product subsidy, without shipping or tax.
 *
 * @param salePrice - upstream `sale_price`, a decimal string
 * @param platformDiscount - upstream `platform_discount`, a decimal string
 * @returns the exact sum as a plain decimal string
 * @throws InvalidDecimalError when either input is not a plain decimal
 */
export function lineItemGross(salePrice: string, platformDiscount: string): string {
  return parseDecimal(salePrice).plus(parseDecimal(platformDiscount)).toString();
}

/**
 * The moment an order is counted at, or null when it belongs to no window: its `paid_time`, or,
 * for a cash-on-delivery order, its `create_time` always (committed when placed; a later
 * `paid_time` does not move it).
 */
export function countedTime(order: Pick<OrderFact, 'cod' | 'createTime' | 'paidTime'>): number | null {
  return order.cod ? order.createTime : order.paidTime;
}

/** Return/refund/replacement statuses that mean money went back to the buyer (docs/metrics.md). */
const SUCCESSFUL_RETURN_STATUSES: ReadonlySet<string> = new Set([
  'RETURN_OR_REFUND_REQUEST_SUCCESS',
  'RETURN_OR_REFUND_REQUEST_COMPLETE',
  'REPLACEMENT_REQUEST_REFUND_SUCCESS',
]);

/** Cancellation statuses that mean the cancellation went through (docs/metrics.md). */
const SUCCESSFUL_CANCELLATION_STATUSES: ReadonlySet<string> = new Set(['CANCELLATION_REQUEST_SUCCESS', 'CANCELLATION_REQUEST_COMPLETE']);

/**
 * Whether a refund counts towards Refunded GMV (docs/metrics.md, "Refunded GMV").
 *
 * A cancellation only counts when made at or after the moment the order is counted at (payment;
 * placement for cash on delivery): one made before payment refunded nothing, and such orders are
 * not counted in GMV either.
 *
 * @param refund - the request
 * @param order - the order it belongs to; a refund of another order never counts
 */
export function isSuccessfulRefund(refund: RefundFact, order: OrderFact): boolean {
  if (refund.orderId !== order.id) return false;
  if (refund.kind === 'CANCELLATION') {
    const counted = countedTime(order);
    return SUCCESSFUL_CANCELLATION_STATUSES.has(refund.status) && counted !== null && refund.createTime >= counted;
  }
  return SUCCESSFUL_RETURN_STATUSES.has(refund.status);
}

/** A counted cash-on-delivery order that ended `CANCELLED` (failed delivery, refused parcel) is refunded whole. */
export function isFailedCashOnDelivery(order: OrderFact): boolean {
  return order.cod && order.status === 'CANCELLED';
}

/**
 * What a successful refund takes back of a named line: its gross × min(1, r / sale_price), where
 * `r` is the line's own `refund_subtotal` (docs/metrics.md, "Partial refunds"); the whole gross
 * when the line carries no subtotal or its sale price is not positive. Multiplied before divided,
 * so a share that divides evenly stays exact (18.00 × 5.00 / 15.00 is 6, not 5.999…).
 */
export function refundedAmount(line: Pick<OrderLineFact, 'salePrice' | 'gross'>, named: RefundLineFact): Decimal {
  const gross = parseDecimal(line.gross);
  if (named.refundSubtotal === null) return gross;
  const sale = parseDecimal(line.salePrice);
  if (sale.lte(0)) return gross;
  const r = parseDecimal(named.refundSubtotal);
  if (r.gte(sale)) return gross;
  return r.lte(0) ? parseDecimal('0') : gross.times(r).div(sale);
}

/** Statuses of an order still to ship (docs/metrics.md, "Fulfilment": orders at risk). */
export const TO_SHIP_STATUSES: ReadonlySet<string> = new Set(['ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);

/** How a counted order stands for the fulfilment figures (docs/metrics.md, "Fulfilment"). */
export interface FulfilmentStanding {
  /** shipped with a ship-by time: late or on time; `no_sla`: shipped without one; null: not shipped */
  shipment: 'late' | 'on_time' | 'no_sla' | null;
  /** delivered with a deadline: on time or late; `no_deadline`: delivered without one; null: not delivered */
  delivery: 'on_time' | 'late' | 'no_deadline' | null;
  /** still to ship: its ship-by time, or `no_sla`; null when not to ship */
  toShip: number | 'no_sla' | null;
}

/** Classifies an order for the fulfilment figures; an order without fulfilment facts is in none. */
export function fulfilmentStanding(order: Pick<OrderFact, 'status' | 'fulfilment'>): FulfilmentStanding {
  const f = order.fulfilment;
  if (f === undefined) return { shipment: null, delivery: null, toShip: null };
  const shipment = f.shippedAt === null ? null : f.shipBy === null ? 'no_sla' : f.shippedAt > f.shipBy ? 'late' : 'on_time';
  const delivery = f.deliveredAt === null ? null : f.deliverBy === null ? 'no_deadline' : f.deliveredAt <= f.deliverBy ? 'on_time' : 'late';
  const toShip = TO_SHIP_STATUSES.has(order.status) ? (f.shipBy ?? 'no_sla') : null;
  return { shipment, delivery, toShip };
}
