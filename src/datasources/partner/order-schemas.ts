/**
 * Schemas of orders (202309): order search and detail, returns and cancellations.
 * @see ../../../../shared/spec/upstream-partner-api.md (Endpoints ShopGraph reads)
 */
import { z } from 'zod';
import { currencyCode, decimalOrZero, decimalString, pageFields, partnerId, unixSeconds } from './schema-primitives';

/** The order statuses of the 202309 order API (webhooks say `CANCEL`; the API says `CANCELLED`). */
export const orderStatus = z.enum([
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
]);
export type PartnerOrderStatus = z.output<typeof orderStatus>;

/**
 * An order's `payment`. All amounts are decimal strings in `currency`.
 * `sub_total` = original_total_product_price − seller_discount − platform_discount;
 * `total_amount` = sub_total + shipping_fee + taxes. Discounts and taxes TikTok leaves out are 0.
 */
export const partnerPayment = z
  .object({
    currency: currencyCode,
    original_total_product_price: decimalString,
    seller_discount: decimalOrZero,
    platform_discount: decimalOrZero,
    sub_total: decimalString,
    original_shipping_fee: decimalString.optional(),
    shipping_fee: decimalString,
    shipping_fee_seller_discount: decimalOrZero,
    shipping_fee_platform_discount: decimalOrZero,
    tax: decimalOrZero,
    product_tax: decimalOrZero,
    shipping_fee_tax: decimalOrZero,
    total_amount: decimalString,
  })
  // Without a shipping discount the original fee IS the fee; filling it keeps consumers branch-free.
  .transform(({ original_shipping_fee, ...rest }) => ({
    ...rest,
    original_shipping_fee: original_shipping_fee ?? rest.shipping_fee,
  }));
export type PartnerPayment = z.output<typeof partnerPayment>;

/**
 * One order line item. There is NO quantity: one line item is one unit (community practice, not
 * stated by TikTok), so the quantity of a SKU is the number of its line items.
 */
export const partnerLineItem = z.object({
  id: partnerId,
  product_id: partnerId,
  product_name: z.string(),
  sku_id: partnerId,
  sku_name: z.string().default(''),
  seller_sku: z.string().default(''),
  currency: currencyCode,
  original_price: decimalString,
  sale_price: decimalString,
  seller_discount: decimalOrZero,
  platform_discount: decimalOrZero,
  display_status: z.string(),
  is_gift: z.boolean().default(false),
  cancel_user: z.string().optional(),
});
export type PartnerLineItem = z.output<typeof partnerLineItem>;

/** A full order object, as both order search and order detail return it. */
export const partnerOrder = z.object({
  id: partnerId,
  status: orderStatus,
  create_time: unixSeconds,
  update_time: unixSeconds,
  paid_time: unixSeconds.optional(),
  cancel_time: unixSeconds.optional(),
  /** `SELLER` | `BUYER` | `SYSTEM` when cancelled. */
  cancellation_initiator: z.string().optional(),
  user_id: partnerId,
  /** `TIKTOK` | `SELLER`. */
  shipping_type: z.string().optional(),
  /** `FULFILLMENT_BY_SELLER` | `FULFILLMENT_BY_TIKTOK`. */
  fulfillment_type: z.string().optional(),
  payment: partnerPayment,
  line_items: z.array(partnerLineItem),
});
export type PartnerOrder = z.output<typeof partnerOrder>;

/** `data` of `POST /order/202309/orders/search`. */
export const orderSearchData = z.object({ orders: z.array(partnerOrder).default([]), ...pageFields });
export type OrderSearchData = z.output<typeof orderSearchData>;

/** `data` of `GET /order/202309/orders?ids=...`. */
export const orderDetailData = z.object({ orders: z.array(partnerOrder).default([]) });
export type OrderDetailData = z.output<typeof orderDetailData>;

/** A refund breakdown, on return orders, cancellations and their line items. */
export const partnerRefundAmount = z.object({
  currency: currencyCode,
  refund_total: decimalString,
  refund_subtotal: decimalOrZero,
  refund_shipping_fee: decimalOrZero,
  refund_tax: decimalOrZero,
});
export type PartnerRefundAmount = z.output<typeof partnerRefundAmount>;

/** The kinds of after-sale request a return order can be. */
export const returnType = z.enum(['REFUND', 'RETURN_AND_REFUND', 'REPLACEMENT']);

/** One line of a return order, pointing at the order line item it refunds. */
export const partnerReturnLineItem = z.object({
  return_line_item_id: partnerId,
  order_line_item_id: partnerId,
  sku_id: partnerId,
  refund_amount: partnerRefundAmount,
});
export type PartnerReturnLineItem = z.output<typeof partnerReturnLineItem>;

/**
 * A return order (`POST /return_refund/202309/returns/search`). `return_status` stays a string:
 * TikTok has ~15 values and adds more; consumers compare against the ones they care about.
 */
export const partnerReturnOrder = z.object({
  return_id: partnerId,
  order_id: partnerId,
  return_type: returnType,
  return_status: z.string().min(1),
  create_time: unixSeconds,
  update_time: unixSeconds,
  refund_amount: partnerRefundAmount,
  return_line_items: z.array(partnerReturnLineItem).default([]),
});
export type PartnerReturnOrder = z.output<typeof partnerReturnOrder>;

/** `data` of the returns search. */
export const returnSearchData = z.object({ return_orders: z.array(partnerReturnOrder).default([]), ...pageFields });
export type ReturnSearchData = z.output<typeof returnSearchData>;

/** One line of a cancellation. */
export const partnerCancelLineItem = z.object({
  cancel_line_item_id: partnerId,
  order_line_item_id: partnerId,
  sku_id: partnerId,
  refund_amount: partnerRefundAmount.optional(),
});
export type PartnerCancelLineItem = z.output<typeof partnerCancelLineItem>;

/** A cancellation (`POST /return_refund/202309/cancellations/search`). */
export const partnerCancellation = z.object({
  cancel_id: partnerId,
  order_id: partnerId,
  /** `CANCEL` (seller/system) | `BUYER_CANCEL`. */
  cancel_type: z.string().min(1),
  cancel_status: z.string().min(1),
  /** Absent before a refund is computed (e.g. an unpaid order). */
  refund_amount: partnerRefundAmount.optional(),
  cancel_line_items: z.array(partnerCancelLineItem).default([]),
  create_time: unixSeconds,
  update_time: unixSeconds,
});
export type PartnerCancellation = z.output<typeof partnerCancellation>;

/** `data` of the cancellations search. */
export const cancellationSearchData = z.object({
  cancellations: z.array(partnerCancellation).default([]),
  ...pageFields,
});
export type CancellationSearchData = z.output<typeof cancellationSearchData>;
