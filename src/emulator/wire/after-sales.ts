/**
 * Wire types of returns and cancellations: Search Returns
 * (`POST /return_refund/202309/returns/search`) and Search Cancellations
 * (`POST /return_refund/202309/cancellations/search`), from TikTok's API reference
 * (docs/tiktok-api.md).
 *
 * Absence and variety that matter: a return may carry no `refund_amount` at all; each return
 * line item has its own `refund_amount`; a seller can answer with a partial refund
 * (`seller_proposed_return_type: PARTIAL_REFUND` with `partial_refund`), which the buyer may
 * reject (`buyer_rejected_partial_refund`). A cancellation of an unpaid order has no refund.
 */
import type { OpenEnum, WireCurrency, WireId, WireMoney, WireTokenPage, WireUnixSeconds } from './common';

/** A refund breakdown, on a return or cancellation and on each of their line items. */
export interface WireRefundAmount {
  currency?: WireCurrency;
  refund_total?: WireMoney;
  /** The price of the items refunded. */
  refund_subtotal?: WireMoney;
  refund_shipping_fee?: WireMoney;
  refund_tax?: WireMoney;
  /** US (Colorado) only. */
  retail_delivery_fee?: WireMoney;
  buyer_service_fee?: WireMoney;
}

/** The product image of a return or cancellation line. */
export interface WireLineImage {
  url?: string;
  width?: number;
  height?: number;
}

/** The kinds of after-sale request. */
export type WireReturnType = OpenEnum<'REFUND' | 'RETURN_AND_REFUND' | 'REPLACEMENT'>;

/** One line of a return, pointing at the order line item it is about. */
export interface WireReturnLineItem {
  return_line_item_id?: WireId;
  order_line_item_id?: WireId;
  sku_id?: WireId;
  sku_name?: string;
  product_name?: string;
  seller_sku?: string;
  product_image?: WireLineImage;
  /** What this line refunds; a partial refund refunds less than the line's price. */
  refund_amount?: WireRefundAmount;
}

/** Discounts given back with a return. */
export interface WireReturnDiscountAmount {
  currency?: WireCurrency;
  product_seller_discount?: WireMoney;
  product_platform_discount?: WireMoney;
  shipping_fee_seller_discount?: WireMoney;
  shipping_fee_platform_discount?: WireMoney;
}

/** Who paid the return shipping. */
export interface WireReturnShippingFeeAmount {
  currency?: WireCurrency;
  seller_paid_return_shipping_fee?: WireMoney;
  platform_paid_return_shipping_fee?: WireMoney;
  buyer_paid_return_shipping_fee?: WireMoney;
}

/** A deadline the seller must act by. */
export interface WireSellerNextAction {
  action?: string;
  deadline?: WireUnixSeconds;
}

/**
 * A return or refund request. `return_status` has some fifteen values and grows, e.g.
 * `RETURN_OR_REFUND_REQUEST_PENDING`, `AWAITING_BUYER_SHIP`, `AWAITING_BUYER_RESPONSE` (a
 * partial refund offered), `RETURN_OR_REFUND_REQUEST_SUCCESS`, `REFUND_OR_RETURN_REQUEST_REJECT`
 * (TikTok's own word order), `RETURN_OR_REFUND_REQUEST_COMPLETE`.
 */
export interface WireReturnOrder {
  return_id?: WireId;
  order_id?: WireId;
  return_type?: WireReturnType;
  return_status?: string;
  arbitration_status?: string;
  /** `BUYER` | `SELLER` | `OPERATOR` | `SYSTEM`. */
  role?: string;
  return_reason?: string;
  return_reason_text?: string;
  create_time?: WireUnixSeconds;
  update_time?: WireUnixSeconds;
  /** Total refund to the buyer; may be absent. */
  refund_amount?: WireRefundAmount;
  return_line_items?: WireReturnLineItem[];
  discount_amount?: WireReturnDiscountAmount[];
  shipping_fee_amount?: WireReturnShippingFeeAmount[];
  /** `PARTIAL_REFUND` when the seller proposed one. */
  seller_proposed_return_type?: OpenEnum<'PARTIAL_REFUND'>;
  /** The partial refund the seller offered. */
  partial_refund?: { currency?: WireCurrency; amount?: WireMoney };
  buyer_rejected_partial_refund?: boolean;
  can_buyer_keep_item?: boolean;
  return_method?: string;
  shipment_type?: string;
  handover_method?: string;
  return_tracking_number?: string;
  return_provider_name?: string;
  return_provider_id?: string;
  pre_return_id?: WireId;
  next_return_id?: WireId;
  is_combined_return?: boolean;
  combined_return_id?: WireId;
  seller_next_action_response?: WireSellerNextAction[];
}

/** `data` of Search Returns. */
export interface WireReturnSearchData extends WireTokenPage {
  return_orders?: WireReturnOrder[];
}

/** One line of a cancellation. */
export interface WireCancelLineItem {
  cancel_line_item_id?: WireId;
  order_line_item_id?: WireId;
  sku_id?: WireId;
  sku_name?: string;
  product_name?: string;
  seller_sku?: string;
  product_image?: WireLineImage;
  refund_amount?: WireRefundAmount;
}

/**
 * A cancellation. `cancel_type` is `CANCEL` (seller or system) or `BUYER_CANCEL`; statuses
 * include `CANCELLATION_REQUEST_PENDING`, `CANCELLATION_REQUEST_SUCCESS`,
 * `CANCELLATION_REQUEST_CANCEL` and `CANCELLATION_REQUEST_COMPLETE`.
 */
export interface WireCancellation {
  cancel_id?: WireId;
  order_id?: WireId;
  cancel_type?: OpenEnum<'CANCEL' | 'BUYER_CANCEL'>;
  cancel_status?: string;
  /** `BUYER` | `SELLER` | `SYSTEM`. */
  role?: string;
  cancel_reason?: string;
  cancel_reason_text?: string;
  create_time?: WireUnixSeconds;
  update_time?: WireUnixSeconds;
  /** Absent before a refund is computed (e.g. an unpaid order). */
  refund_amount?: WireRefundAmount;
  cancel_line_items?: WireCancelLineItem[];
  seller_next_action_response?: WireSellerNextAction[];
}

/** `data` of Search Cancellations. */
export interface WireCancellationSearchData extends WireTokenPage {
  cancellations?: WireCancellation[];
}
