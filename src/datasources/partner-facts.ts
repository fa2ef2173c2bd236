import type { PartnerCancellation, PartnerOrder, PartnerReturnOrder } from './partner/schemas';
import { countedTime, lineItemGross, type OrderFact, type OrderPaymentFact, type RefundFact, type RefundLineFact } from '../domain/facts';

/**
 * Pure conversions from TikTok's Partner API objects to the compact facts the metrics use.
 * Only what a metric needs survives, so a ledger of 100,000 orders stays small.
 * @see docs/metrics.md
 */

/** When a raw order is counted (docs/metrics.md, "The window"); null when it belongs to no window. */
export function orderCountedTime(order: PartnerOrder): number | null {
  return countedTime({ cod: order.is_cod === true, createTime: order.create_time, paidTime: order.paid_time ?? null });
}

/** The payment totals the reconciliation bridge reads, or null when TikTok left any of them out. */
function paymentFact(payment: PartnerOrder['payment']): OrderPaymentFact | null {
  const { total_amount: total, shipping_fee: shipping, tax } = payment;
  return total === undefined || shipping === undefined || tax === undefined ? null : { total, shipping, tax };
}

/** An order's facts: id, status, times, cash on delivery, payment totals, each line item's prices and the fulfilment times. */
export function orderFact(order: PartnerOrder): OrderFact {
  return {
    id: order.id,
    status: order.status ?? '',
    createTime: order.create_time,
    updateTime: order.update_time ?? order.create_time,
    paidTime: order.paid_time ?? null,
    cod: order.is_cod === true,
    currency: order.payment.currency,
    payment: paymentFact(order.payment),
    lines: order.line_items.map((line) => ({
      id: line.id,
      productId: line.product_id ?? '',
      skuId: line.sku_id ?? '',
      salePrice: line.sale_price,
      gross: lineItemGross(line.sale_price, line.platform_discount),
    })),
    fulfilment: {
      shipBy: order.rts_sla_time ?? null,
      shippedAt: order.rts_time ?? null,
      // docs/metrics.md ("Fulfilment"): the delivery deadline, else the delivery option's.
      deliverBy: order.delivery_sla_time ?? order.delivery_option_required_delivery_time ?? null,
      deliveredAt: order.delivery_time ?? null,
    },
  };
}

/**
 * A return/refund/replacement as a refund fact, each named line with its own refunded subtotal.
 * @param orderCurrency - the currency when the return carries no refund amount (nothing of it is summed then)
 */
export function returnFact(r: PartnerReturnOrder, orderCurrency: string): RefundFact {
  return {
    id: r.return_id,
    orderId: r.order_id,
    kind: r.return_type ?? '',
    status: r.return_status ?? '',
    createTime: r.create_time ?? r.update_time ?? 0,
    updateTime: r.update_time ?? r.create_time ?? 0,
    lines: r.return_line_items.map((l): RefundLineFact => ({ id: l.order_line_item_id, refundSubtotal: l.refund_amount?.refund_subtotal ?? null })),
    refundSubtotal: r.refund_amount?.refund_subtotal ?? null,
    currency: r.refund_amount?.currency ?? orderCurrency,
  };
}

/** A cancellation as a refund fact (it refunds only when made after the order was counted). */
export function cancellationFact(c: PartnerCancellation, orderCurrency: string): RefundFact {
  return {
    id: c.cancel_id,
    orderId: c.order_id,
    kind: 'CANCELLATION',
    status: c.cancel_status ?? '',
    createTime: c.create_time ?? c.update_time ?? 0,
    updateTime: c.update_time ?? c.create_time ?? 0,
    lines: c.cancel_line_items.map((l): RefundLineFact => ({ id: l.order_line_item_id, refundSubtotal: l.refund_amount?.refund_subtotal ?? null })),
    refundSubtotal: c.refund_amount?.refund_subtotal ?? null,
    currency: c.refund_amount?.currency ?? orderCurrency,
  };
}
