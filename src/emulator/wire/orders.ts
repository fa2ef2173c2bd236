/**
 * Wire types of orders as Get Order List (`POST /order/202309/orders/search`) and Get Order
 * Detail (`GET /order/{version}/orders?ids=`) return them, from TikTok's API reference
 * (docs/tiktok-api.md). Search and detail return the same order object.
 *
 * Absence that matters: `paid_time` is absent until the buyer paid — a cash-on-delivery order
 * (`is_cod: true`) has none while unpaid, shipped ones included, and a cancelled COD order never
 * gets one. Zero discounts and taxes may be left out. `recipient_address` is absent while
 * `UNPAID` or `ON_HOLD`.
 */
import type { OpenEnum, WireCurrency, WireId, WireMoney, WireTokenPage, WireUnixSeconds } from './common';

/** Order statuses of the 202309 order API (webhooks write `CANCEL` where the API writes `CANCELLED`). */
export type WireOrderStatus = OpenEnum<
  'UNPAID' | 'ON_HOLD' | 'AWAITING_SHIPMENT' | 'PARTIALLY_SHIPPING' | 'AWAITING_COLLECTION' | 'IN_TRANSIT' | 'DELIVERED' | 'COMPLETED' | 'CANCELLED'
>;

/**
 * An order's `payment`, all amounts in `currency`:
 * `sub_total` = original_total_product_price − seller_discount − platform_discount;
 * `shipping_fee` = original_shipping_fee − shipping_fee_seller_discount − shipping_fee_platform_discount;
 * `total_amount` = sub_total + shipping_fee + taxes (+ retail_delivery_fee in the US, and the
 * buyer fees of other markets: small_order_fee, buyer_service_fee, ...).
 */
export interface WireOrderPayment {
  currency?: WireCurrency;
  /** Before discounts; VAT included for cross-border shops, pre-tax in the US. */
  original_total_product_price?: WireMoney;
  seller_discount?: WireMoney;
  platform_discount?: WireMoney;
  sub_total?: WireMoney;
  original_shipping_fee?: WireMoney;
  shipping_fee?: WireMoney;
  shipping_fee_seller_discount?: WireMoney;
  shipping_fee_platform_discount?: WireMoney;
  shipping_fee_cofunded_discount?: WireMoney;
  /** Total taxes the buyer paid (cross-border shops and the US). */
  tax?: WireMoney;
  product_tax?: WireMoney;
  shipping_fee_tax?: WireMoney;
  total_amount?: WireMoney;
  /** US only. */
  retail_delivery_fee?: WireMoney;
  /** Thailand only. */
  small_order_fee?: WireMoney;
  /** Indonesia only. */
  buyer_service_fee?: WireMoney;
  handling_fee?: WireMoney;
  /** Indonesia only. */
  shipping_insurance_fee?: WireMoney;
  item_insurance_fee?: WireMoney;
  item_insurance_tax?: WireMoney;
}

/** Tax detail of a line item (US sales tax). */
export interface WireItemTax {
  tax_type?: string;
  tax_amount?: WireMoney;
  tax_rate?: string;
}

/**
 * One order line item. There is no quantity field: a line item is one unit, so a SKU bought
 * three times is three line items.
 */
export interface WireOrderLineItem {
  id?: WireId;
  product_id?: WireId;
  product_name?: string;
  sku_id?: WireId;
  sku_name?: string;
  sku_image?: string;
  seller_sku?: string;
  currency?: WireCurrency;
  original_price?: WireMoney;
  sale_price?: WireMoney;
  seller_discount?: WireMoney;
  platform_discount?: WireMoney;
  /** The line's own status (`UNPAID`, `AWAITING_SHIPMENT`, ..., `CANCELLED`). */
  display_status?: OpenEnum<WireOrderStatus | 'TO_SHIP'>;
  package_id?: WireId;
  /** `TO_FULFILL` | `PROCESSING` | `FULFILLING` | `COMPLETED` | `CANCELLED`. */
  package_status?: string;
  /** When the seller shipped the line. */
  rts_time?: WireUnixSeconds;
  is_gift?: boolean;
  /** `BUYER` | `SELLER` | `OPERATOR` | `SYSTEM` when the line was cancelled. */
  cancel_user?: string;
  cancel_reason?: string;
  tracking_number?: string;
  shipping_provider_id?: WireId;
  shipping_provider_name?: string;
  item_tax?: WireItemTax[];
  /** Retail price of a free item (LIVE giveaway, sample, gift with purchase). */
  gift_retail_price?: WireMoney;
  /** Deprecated by TikTok in favour of the order's `order_type`. */
  sku_type?: string;
  is_dangerous_good?: boolean;
}

/** A package of the order. */
export interface WireOrderPackage {
  id?: WireId;
}

/** The parts of `recipient_address` the emulator sends (TikTok masks most of it anyway). */
export interface WireRecipientAddress {
  full_address?: string;
  region_code?: string;
  postal_code?: string;
  name?: string;
  phone_number?: string;
}

/** A full order object. */
export interface WireOrder {
  id?: WireId;
  status?: WireOrderStatus;
  create_time?: WireUnixSeconds;
  update_time?: WireUnixSeconds;
  /** Absent until paid; see the file comment for cash on delivery. */
  paid_time?: WireUnixSeconds;
  /** When the status became `CANCELLED`. */
  cancel_time?: WireUnixSeconds;
  /** `SELLER` | `BUYER` | `SYSTEM`. */
  cancellation_initiator?: string;
  cancel_reason?: string;
  request_cancel_time?: WireUnixSeconds;
  is_buyer_request_cancel?: boolean;
  user_id?: WireId;
  buyer_email?: string;
  buyer_message?: string;
  seller_note?: string;
  /** `TIKTOK` (platform shipping label) | `SELLER`. */
  shipping_type?: OpenEnum<'TIKTOK' | 'SELLER'>;
  /** `FULFILLMENT_BY_SELLER` | `FULFILLMENT_BY_TIKTOK`. */
  fulfillment_type?: OpenEnum<'FULFILLMENT_BY_SELLER' | 'FULFILLMENT_BY_TIKTOK'>;
  delivery_type?: string;
  delivery_option_id?: WireId;
  delivery_option_name?: string;
  shipping_provider?: string;
  shipping_provider_id?: WireId;
  tracking_number?: string;
  warehouse_id?: WireId;
  /** For display only, e.g. `CCDC`, `Cash on delivery`. */
  payment_method_name?: string;
  /** Cash on delivery: the buyer pays the courier on receipt. */
  is_cod?: boolean;
  is_sample_order?: boolean;
  is_on_hold_order?: boolean;
  is_replacement_order?: boolean;
  replaced_order_id?: WireId;
  is_exchange_order?: boolean;
  /** `NORMAL`, `PRE_ORDER`, `ZERO_LOTTERY`, ... by region. */
  order_type?: string;
  /** `TIKTOK_SHOP` | `TOKOPEDIA` (Indonesia). */
  commerce_platform?: string;
  split_or_combine_tag?: string;
  /** Latest time to ship set by the platform. */
  rts_sla_time?: WireUnixSeconds;
  /** Latest time for the carrier to collect set by the platform. */
  tts_sla_time?: WireUnixSeconds;
  delivery_sla_time?: WireUnixSeconds;
  /** The delivery option's own "deliver before" time. */
  delivery_option_required_delivery_time?: WireUnixSeconds;
  /** When TikTok cancels the order by itself if nothing happens (e.g. an unpaid order). */
  cancel_order_sla_time?: WireUnixSeconds;
  shipping_due_time?: WireUnixSeconds;
  collection_due_time?: WireUnixSeconds;
  delivery_due_time?: WireUnixSeconds;
  /** When the seller shipped (Ship Package succeeded). */
  rts_time?: WireUnixSeconds;
  /** When the status became `IN_TRANSIT`. */
  collection_time?: WireUnixSeconds;
  /** When the status became `DELIVERED`. */
  delivery_time?: WireUnixSeconds;
  /**
   * Southeast Asia, version 202309 only (search and detail): a shipping priority (100 instant …
   * 600 standard, 700 economy, 800 cargo) and a recommended time to ship. Gone in detail 202507.
   */
  fulfillment_priority_level?: number;
  recommended_shipping_time?: WireUnixSeconds;
  recipient_address?: WireRecipientAddress;
  packages?: WireOrderPackage[];
  payment?: WireOrderPayment;
  line_items?: WireOrderLineItem[];
}

/** `data` of Get Order List. */
export interface WireOrderSearchData extends WireTokenPage {
  orders?: WireOrder[];
}

/**
 * `data` of Get Order Detail (202309 and 202507: the same order object, less the two SEA hints in
 * 202507). An id the shop does not have answers `21008111` instead of data.
 */
export interface WireOrderDetailData {
  orders?: WireOrder[];
}
