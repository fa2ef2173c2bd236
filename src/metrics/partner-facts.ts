import type { PartnerCancellation, PartnerOrder, PartnerReturnOrder } from '../datasources/partner/schemas';
import { lineItemGross, type OrderFact, type RefundFact } from './facts';

/**
 * Pure conversions from TikTok's Partner API objects to the compact facts the metrics use.
 * Only what a metric needs survives, so a ledger of 100,000 orders stays small.
 */

/** An order's facts: id, status, times, currency and each line item's gross. */
export function orderFact(order: PartnerOrder): OrderFact {
  return {
    id: order.id,
    status: order.status,
    createTime: order.create_time,
    updateTime: order.update_time,
    paidTime: order.paid_time ?? null,
    currency: order.payment.currency,
    lines: order.line_items.map((line) => ({
      id: line.id,
      productId: line.product_id,
      skuId: line.sku_id,
      gross: lineItemGross(line.sale_price, line.platform_discount),
    })),
  };
}

/** A return/refund/replacement as a refund fact. */
export function returnFact(r: PartnerReturnOrder): RefundFact {
  return {
    id: r.return_id,
    orderId: r.order_id,
    kind: r.return_type,
    status: r.return_status,
    createTime: r.create_time,
    updateTime: r.update_time,
    lineItemIds: r.return_line_items.map((l) => l.order_line_item_id),
    refundSubtotal: r.refund_amount.refund_subtotal,
    currency: r.refund_amount.currency,
  };
}

/** A cancellation as a refund fact (it refunds only when made after payment). */
export function cancellationFact(c: PartnerCancellation, orderCurrency: string): RefundFact {
  return {
    id: c.cancel_id,
    orderId: c.order_id,
    kind: 'CANCELLATION',
    status: c.cancel_status,
    createTime: c.create_time,
    updateTime: c.update_time,
    lineItemIds: c.cancel_line_items.map((l) => l.order_line_item_id),
    refundSubtotal: c.refund_amount?.refund_subtotal ?? null,
    currency: c.refund_amount?.currency ?? orderCurrency,
  };
}
