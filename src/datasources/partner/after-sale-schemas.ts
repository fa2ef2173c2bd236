/**
 * Schemas of after-sales: returns (refunds, returns, replacements) and cancellations. A return
 * needs its `return_id` and `order_id`, a cancellation its `cancel_id` and `order_id`; a search page
 * returns the others in `rejected` (see order-schemas.ts). Status-like fields keep values
 * ShopGraph does not know and count them.
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { blankAsAbsent, liftRejected, openEnum, rowsOf } from '../lenient';
import { currencyCode, decimalString, optionalDecimal, optionalFlag, optionalId, optionalTime, pageFields, partnerId } from './schema-primitives';

/** A refund breakdown, on returns, cancellations and their line items; parts left out are unknown. */
export const partnerRefundAmount = z.object({
  currency: currencyCode,
  refund_total: optionalDecimal,
  refund_subtotal: optionalDecimal,
  refund_shipping_fee: optionalDecimal,
  refund_tax: optionalDecimal,
  retail_delivery_fee: optionalDecimal,
  buyer_service_fee: optionalDecimal,
});
export type PartnerRefundAmount = z.output<typeof partnerRefundAmount>;

/** The kinds of after-sale request a return can be. */
export const RETURN_TYPES = ['REFUND', 'RETURN_AND_REFUND', 'REPLACEMENT'] as const;
/** What a seller may propose instead of the buyer's request. */
export const SELLER_PROPOSED_RETURN_TYPES = ['PARTIAL_REFUND'] as const;
/** Return statuses in TikTok's reference, plus `AWAITING_BUYER_RESPONSE` (a partial-refund offer). */
export const RETURN_STATUSES = [
  'RETURN_OR_REFUND_REQUEST_PENDING',
  'REFUND_OR_RETURN_REQUEST_REJECT',
  'AWAITING_BUYER_SHIP',
  'BUYER_SHIPPED_ITEM',
  'REJECT_RECEIVE_PACKAGE',
  'RETURN_OR_REFUND_REQUEST_SUCCESS',
  'RETURN_OR_REFUND_REQUEST_CANCEL',
  'RETURN_OR_REFUND_REQUEST_COMPLETE',
  'REPLACEMENT_REQUEST_PENDING',
  'REPLACEMENT_REQUEST_REJECT',
  'REPLACEMENT_REQUEST_REFUND_SUCCESS',
  'REPLACEMENT_REQUEST_CANCEL',
  'REPLACEMENT_REQUEST_COMPLETE',
  'AWAITING_BUYER_RESPONSE',
] as const;

/** One line of a return, naming the order line it refunds, with that line's own refund. */
export const partnerReturnLineItem = z.object({
  return_line_item_id: optionalId,
  order_line_item_id: partnerId,
  sku_id: optionalId,
  refund_amount: blankAsAbsent(partnerRefundAmount),
});
export type PartnerReturnLineItem = z.output<typeof partnerReturnLineItem>;

/**
 * A return, refund or replacement request. `refund_amount` may be absent (before TikTok computed
 * it); a seller's partial-refund offer shows as `seller_proposed_return_type: PARTIAL_REFUND`
 * with `partial_refund` and, once the buyer answered, `buyer_rejected_partial_refund`.
 */
export const partnerReturnOrder = z.object({
  return_id: partnerId,
  order_id: partnerId,
  return_type: blankAsAbsent(openEnum('return.return_type', RETURN_TYPES)),
  return_status: blankAsAbsent(openEnum('return.return_status', RETURN_STATUSES)),
  seller_proposed_return_type: blankAsAbsent(openEnum('return.seller_proposed_return_type', SELLER_PROPOSED_RETURN_TYPES)),
  partial_refund: blankAsAbsent(z.object({ currency: currencyCode, amount: decimalString })),
  buyer_rejected_partial_refund: optionalFlag,
  create_time: optionalTime,
  update_time: optionalTime,
  refund_amount: blankAsAbsent(partnerRefundAmount),
  return_line_items: z
    .array(partnerReturnLineItem)
    .nullish()
    .transform((lines) => lines ?? []),
});
export type PartnerReturnOrder = z.output<typeof partnerReturnOrder>;

const AFTER_SALE_ROW = { id: 'return_id', orderId: 'order_id' } as const;

/** `data` of the returns search: good returns, and `rejected` rows (see the top of this file). */
export const returnSearchData = z
  .object({ return_orders: rowsOf(partnerReturnOrder, AFTER_SALE_ROW), ...pageFields })
  .transform(({ return_orders: rows, ...page }) => ({
    ...page,
    return_orders: rows.rows,
    rejected: liftRejected('return_orders', rows.rejected),
  }));
export type ReturnSearchData = z.output<typeof returnSearchData>;

/** Cancellation types and statuses in TikTok's reference (it lists both `…_CANCEL` and `…_CANCELLED`). */
export const CANCEL_TYPES = ['CANCEL', 'BUYER_CANCEL'] as const;
export const CANCEL_STATUSES = [
  'CANCELLATION_REQUEST_PENDING',
  'CANCELLATION_REQUEST_SUCCESS',
  'CANCELLATION_REQUEST_CANCEL',
  'CANCELLATION_REQUEST_CANCELLED',
  'CANCELLATION_REQUEST_COMPLETE',
] as const;

/** One line of a cancellation. */
export const partnerCancelLineItem = z.object({
  cancel_line_item_id: optionalId,
  order_line_item_id: partnerId,
  sku_id: optionalId,
  refund_amount: blankAsAbsent(partnerRefundAmount),
});
export type PartnerCancelLineItem = z.output<typeof partnerCancelLineItem>;

/** A cancellation. `refund_amount` is absent before a refund is computed (e.g. an unpaid order). */
export const partnerCancellation = z.object({
  cancel_id: partnerId,
  order_id: partnerId,
  /** `CANCEL` (seller/system) | `BUYER_CANCEL`. */
  cancel_type: blankAsAbsent(openEnum('cancellation.cancel_type', CANCEL_TYPES)),
  cancel_status: blankAsAbsent(openEnum('cancellation.cancel_status', CANCEL_STATUSES)),
  refund_amount: blankAsAbsent(partnerRefundAmount),
  cancel_line_items: z
    .array(partnerCancelLineItem)
    .nullish()
    .transform((lines) => lines ?? []),
  create_time: optionalTime,
  update_time: optionalTime,
});
export type PartnerCancellation = z.output<typeof partnerCancellation>;

/** `data` of the cancellations search: good cancellations, and `rejected` rows. */
export const cancellationSearchData = z
  .object({ cancellations: rowsOf(partnerCancellation, { id: 'cancel_id', orderId: 'order_id' }), ...pageFields })
  .transform(({ cancellations, ...page }) => ({
    ...page,
    cancellations: cancellations.rows,
    rejected: liftRejected('cancellations', cancellations.rejected),
  }));
export type CancellationSearchData = z.output<typeof cancellationSearchData>;
