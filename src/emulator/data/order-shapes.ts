/**
 * The emulator's records of orders, returns and cancellations (see `shapes.ts`).
 */
import type {
  WireCancelLineItem,
  WireCancellation,
  WireOrder,
  WireOrderLineItem,
  WireOrderPayment,
  WireOrderStatus,
  WireRefundAmount,
  WireReturnLineItem,
  WireReturnOrder,
  WireReturnType,
} from '../wire';

/** Order status values of `/order/202309/orders/search`. */
export type OrderStatus = WireOrderStatus;

/**
 * An order's payment. The core amounts are always there; the tax fields (US and cross-border
 * shops only) and the market fees stay optional, since TikTok leaves them out elsewhere.
 */
export interface PartnerPayment extends WireOrderPayment {
  currency: string;
  original_total_product_price: string;
  seller_discount: string;
  platform_discount: string;
  sub_total: string;
  original_shipping_fee: string;
  shipping_fee: string;
  shipping_fee_seller_discount: string;
  shipping_fee_platform_discount: string;
  total_amount: string;
}

/** One unit of one SKU (TikTok has no quantity field). */
export interface PartnerLineItem extends WireOrderLineItem {
  id: string;
  product_id: string;
  product_name: string;
  sku_id: string;
  sku_name: string;
  seller_sku: string;
  currency: string;
  original_price: string;
  sale_price: string;
  seller_discount: string;
  platform_discount: string;
  display_status: string;
  is_gift: boolean;
}

/** A full order object as search and detail return it. */
export interface PartnerOrder extends WireOrder {
  id: string;
  status: OrderStatus;
  create_time: number;
  update_time: number;
  user_id: string;
  payment: PartnerPayment;
  line_items: PartnerLineItem[];
}

/** A refund breakdown; the parts TikTok omits when zero are filled with `"0"`. */
export interface PartnerRefundAmount extends WireRefundAmount {
  currency: string;
  refund_total: string;
  refund_subtotal: string;
  refund_shipping_fee: string;
  refund_tax: string;
}

/** One line of a return. */
export interface PartnerReturnLineItem extends WireReturnLineItem {
  return_line_item_id: string;
  order_line_item_id: string;
  sku_id: string;
  refund_amount?: PartnerRefundAmount;
}

/** One return/refund of `/return_refund/202309/returns/search`. */
export interface PartnerReturnOrder extends WireReturnOrder {
  return_id: string;
  order_id: string;
  return_type: WireReturnType;
  return_status: string;
  create_time: number;
  update_time: number;
  refund_amount?: PartnerRefundAmount;
  return_line_items: PartnerReturnLineItem[];
}

/** One line of a cancellation. */
export interface PartnerCancelLineItem extends WireCancelLineItem {
  cancel_line_item_id: string;
  order_line_item_id: string;
  sku_id: string;
  refund_amount?: PartnerRefundAmount;
}

/** One cancellation of `/return_refund/202309/cancellations/search`. */
export interface PartnerCancellation extends WireCancellation {
  cancel_id: string;
  order_id: string;
  cancel_type: string;
  cancel_status: string;
  create_time: number;
  update_time: number;
  refund_amount?: PartnerRefundAmount;
  cancel_line_items: PartnerCancelLineItem[];
}
