/**
 * Schemas of orders (order search and detail); after-sales are in after-sale-schemas.ts.
 *
 * Every field TikTok's reference lists is optional there; these schemas require only what the
 * graph and the metrics ledger cannot do without:
 * - an order: `id`, `create_time`, `payment.currency`, and line items each with `id` and
 *   `sale_price`;
 *
 * A search page is read row by row. Rows lacking the above are not dropped: they come back in the
 * page's `rejected` list beside the good rows, each a {@link RejectedRow}
 * `{index, id, orderId, path, message}` (position in TikTok's list, the row's id and order id when
 * readable, the JSON path from `data` of the first failing field, e.g.
 * `orders[3].line_items[0].sale_price`, and what was wrong there). Order detail (`getOrders`)
 * returns its `rejected` the same way.
 *
 * Status-like fields keep values ShopGraph does not know (`Open<…>`) and count them.
 * Order search and detail share one order shape: version 202507 of order detail (TikTok's testing
 * tool's default) adds payment-method fields to the 202309 shape, which these schemas ignore.
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { blankAsAbsent, liftRejected, openEnum, rowsOf, type Open } from '../lenient';
import {
  currencyCode,
  decimalOrZero,
  decimalString,
  optionalDecimal,
  optionalFlag,
  optionalId,
  optionalTime,
  pageFields,
  partnerId,
  text,
  unixSeconds,
} from './schema-primitives';

export type { RejectedRow } from '../lenient';

/** The order statuses of the order API (webhooks say `CANCEL`; the API says `CANCELLED`). */
export const ORDER_STATUSES = [
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type PartnerOrderStatus = Open<(typeof ORDER_STATUSES)[number]>;

/**
 * An order's `payment`: decimal strings in `currency`. `sub_total` = original_total_product_price
 * − seller_discount − platform_discount; `total_amount` = sub_total + shipping_fee + taxes (+ the
 * market's buyer fees). Totals and taxes TikTok leaves out stay undefined (unknown); discounts it
 * leaves out are 0. The buyer fees exist in some markets only (retail delivery: US; small order:
 * TH; buyer service, shipping insurance: ID; item insurance: US, ID).
 */
export const partnerPayment = z.object({
  currency: currencyCode,
  original_total_product_price: optionalDecimal,
  seller_discount: decimalOrZero,
  platform_discount: decimalOrZero,
  sub_total: optionalDecimal,
  original_shipping_fee: optionalDecimal,
  shipping_fee: optionalDecimal,
  shipping_fee_seller_discount: decimalOrZero,
  shipping_fee_platform_discount: decimalOrZero,
  shipping_fee_cofunded_discount: decimalOrZero,
  tax: optionalDecimal,
  product_tax: optionalDecimal,
  shipping_fee_tax: optionalDecimal,
  total_amount: optionalDecimal,
  retail_delivery_fee: optionalDecimal,
  small_order_fee: optionalDecimal,
  buyer_service_fee: optionalDecimal,
  handling_fee: optionalDecimal,
  shipping_insurance_fee: optionalDecimal,
  item_insurance_fee: optionalDecimal,
});
export type PartnerPayment = z.output<typeof partnerPayment>;

/**
 * One order line item. There is NO quantity: one line item is one unit (community practice, not
 * stated by TikTok), so the quantity of a SKU is the number of its line items. `display_status`
 * uses the order statuses and may carry others (202507 samples show `TO_SHIP`).
 */
export const partnerLineItem = z.object({
  id: partnerId,
  sale_price: decimalString,
  product_id: optionalId,
  product_name: text,
  sku_id: optionalId,
  sku_name: text,
  seller_sku: text,
  currency: blankAsAbsent(currencyCode),
  original_price: optionalDecimal,
  seller_discount: decimalOrZero,
  platform_discount: decimalOrZero,
  display_status: blankAsAbsent(openEnum('line_item.display_status', ORDER_STATUSES)),
  is_gift: optionalFlag.transform((value) => value ?? false),
  cancel_user: blankAsAbsent(z.string()),
  package_id: optionalId,
  /** `TO_FULFILL`, `PROCESSING`, `FULFILLING`, `COMPLETED`, `CANCELLED`; absent before the package ships. */
  package_status: blankAsAbsent(z.string()),
  tracking_number: blankAsAbsent(z.string()),
  shipping_provider_id: optionalId,
  shipping_provider_name: blankAsAbsent(z.string()),
  /** When this line's package shipped. */
  rts_time: optionalTime,
});
export type PartnerLineItem = z.output<typeof partnerLineItem>;

/** A full order object, as both order search and order detail return it. */
export const partnerOrder = z.object({
  id: partnerId,
  status: blankAsAbsent(openEnum('order.status', ORDER_STATUSES)),
  create_time: unixSeconds,
  update_time: optionalTime,
  /** Absent while unpaid: a cash-on-delivery order has none until the courier collects. */
  paid_time: optionalTime,
  cancel_time: optionalTime,
  /** `SELLER` | `BUYER` | `SYSTEM` when cancelled. */
  cancellation_initiator: blankAsAbsent(z.string()),
  user_id: optionalId,
  /** `TIKTOK` | `SELLER`. */
  shipping_type: blankAsAbsent(z.string()),
  /** `FULFILLMENT_BY_SELLER` | `FULFILLMENT_BY_TIKTOK`. */
  fulfillment_type: blankAsAbsent(z.string()),
  /** Cash on delivery (only where COD exists); TikTok's default is false. */
  is_cod: optionalFlag,
  /** For display, e.g. "Cash on delivery", "CCDC". */
  payment_method_name: blankAsAbsent(z.string()),
  /** Latest time to ship (ready-to-ship SLA) and to hand over to the carrier. */
  rts_sla_time: optionalTime,
  tts_sla_time: optionalTime,
  /** When the seller shipped, the carrier collected (IN_TRANSIT), and the buyer received it. */
  rts_time: optionalTime,
  collection_time: optionalTime,
  delivery_time: optionalTime,
  /** When TikTok cancels the order automatically, and when it must be delivered by. */
  cancel_order_sla_time: optionalTime,
  delivery_sla_time: optionalTime,
  /** The delivery option's own "deliver before" time, and its id and display name. */
  delivery_option_required_delivery_time: optionalTime,
  delivery_option_id: optionalId,
  delivery_option_name: blankAsAbsent(z.string()),
  /** TikTok cancels the order when it is not AWAITING_COLLECTION, IN_TRANSIT or DELIVERED by these. */
  shipping_due_time: optionalTime,
  collection_due_time: optionalTime,
  delivery_due_time: optionalTime,
  /** `HOME_DELIVERY` | `COLLECTION_POINT` (a pick-up/drop-off point the buyer chose). */
  delivery_type: blankAsAbsent(z.string()),
  tracking_number: blankAsAbsent(z.string()),
  shipping_provider: blankAsAbsent(z.string()),
  shipping_provider_id: optionalId,
  packages: z
    .array(z.object({ id: optionalId }))
    .nullish()
    .transform((packages) => (packages ?? []).flatMap((p) => (p.id === undefined ? [] : [{ id: p.id }]))),
  payment: partnerPayment,
  line_items: z.array(partnerLineItem).min(1, 'an order has at least one line item'),
});
export type PartnerOrder = z.output<typeof partnerOrder>;

const ORDER_ROW = { id: 'id' } as const;

/** `data` of the order search: good orders, and `rejected` rows (see the top of this file). */
export const orderSearchData = z
  .object({ orders: rowsOf(partnerOrder, ORDER_ROW), ...pageFields })
  .transform(({ orders, ...page }) => ({ ...page, orders: orders.rows, rejected: liftRejected('orders', orders.rejected) }));
export type OrderSearchData = z.output<typeof orderSearchData>;

/** `data` of order detail (`GET …/orders?ids=…`). */
export const orderDetailData = z
  .object({ orders: rowsOf(partnerOrder, ORDER_ROW) })
  .transform(({ orders }) => ({ orders: orders.rows, rejected: liftRejected('orders', orders.rejected) }));
export type OrderDetailData = z.output<typeof orderDetailData>;
