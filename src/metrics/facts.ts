/**
 * The plain facts the metrics ledger stores: upstream orders, refunds and ad report rows reduced
 * to exactly what metrics.md's definitions read. Produced by the datasources (already validated
 * with zod), consumed by the pure math in this folder.
 *
 * @see /work/shared/spec/metrics.md
 */
import { parseDecimal } from './money';

/** One order line item; each line item is one unit (metrics.md, "GMV"). */
export interface OrderLineFact {
  /** `order_line_item_id`, the key refunds name and dedupe on */
  id: string;
  productId: string;
  skuId: string;
  /** line-item gross, `sale_price + platform_discount`, an exact decimal string ({@link lineItemGross}) */
  gross: string;
}

/** One order, with its times as unix seconds. */
export interface OrderFact {
  id: string;
  /** upstream order status, informative only: counted orders stay counted whatever it becomes */
  status: string;
  createTime: number;
  updateTime: number;
  /** `paid_time`; null for orders never paid, which belong to no window */
  paidTime: number | null;
  currency: string;
  lines: OrderLineFact[];
}

/** What kind of after-sales request a refund came from. */
export type RefundKind = 'REFUND' | 'RETURN_AND_REFUND' | 'REPLACEMENT' | 'CANCELLATION';

/** One return, refund, replacement or cancellation request of an order. */
export interface RefundFact {
  id: string;
  orderId: string;
  kind: RefundKind;
  /** `return_status` for returns/refunds/replacements, `cancel_status` for cancellations */
  status: string;
  createTime: number;
  updateTime: number;
  /** the `order_line_item_id`s the request names; may be empty */
  lineItemIds: string[];
  /** `refund_amount.refund_subtotal`, used only when no line items are named */
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
  /** deleted campaigns still count towards ad spend (metrics.md, "Ad spend") */
  campaignDeleted: boolean;
}

/**
 * Line-item gross of a line item: `sale_price + platform_discount` (metrics.md), i.e. what the
 * buyer paid for the unit plus TikTok's product subsidy, without shipping or tax.
 *
 * @param salePrice - upstream `sale_price`, a decimal string
 * @param platformDiscount - upstream `platform_discount`, a decimal string
 * @returns the exact sum as a plain decimal string
 * @throws InvalidDecimalError when either input is not a plain decimal
 */
export function lineItemGross(salePrice: string, platformDiscount: string): string {
  return parseDecimal(salePrice).plus(parseDecimal(platformDiscount)).toString();
}

/** Return/refund/replacement statuses that mean money went back to the buyer (metrics.md). */
const SUCCESSFUL_RETURN_STATUSES: ReadonlySet<string> = new Set([
  'RETURN_OR_REFUND_REQUEST_SUCCESS',
  'RETURN_OR_REFUND_REQUEST_COMPLETE',
  'REPLACEMENT_REQUEST_REFUND_SUCCESS',
]);

/** Cancellation statuses that mean the cancellation went through (metrics.md). */
const SUCCESSFUL_CANCELLATION_STATUSES: ReadonlySet<string> = new Set([
  'CANCELLATION_REQUEST_SUCCESS',
  'CANCELLATION_REQUEST_COMPLETE',
]);

/**
 * Whether a refund counts towards Refunded GMV (metrics.md, "Refunded GMV").
 *
 * A cancellation only counts when made at or after payment: one made before payment refunded
 * nothing, and such orders are not counted in GMV either.
 *
 * @param refund - the request
 * @param order - the order it belongs to; a refund of another order never counts
 */
export function isSuccessfulRefund(refund: RefundFact, order: OrderFact): boolean {
  if (refund.orderId !== order.id) return false;
  if (refund.kind === 'CANCELLATION') {
    return (
      SUCCESSFUL_CANCELLATION_STATUSES.has(refund.status) &&
      order.paidTime !== null &&
      refund.createTime >= order.paidTime
    );
  }
  return SUCCESSFUL_RETURN_STATUSES.has(refund.status);
}
