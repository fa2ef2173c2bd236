/**
 * Which order line items (and which line-less amounts) were successfully refunded, by docs/metrics.md's
 * rules. Finance and analytics both need it, and tests recompute figures with it.
 * @see docs/metrics.md (Refunded GMV)
 */
import type { PartnerCancellation, PartnerOrder, PartnerReturnOrder } from './shapes';

/** Return statuses after which the buyer gets (or got) the money. */
export const SUCCESSFUL_RETURN = new Set(['RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE', 'REPLACEMENT_REQUEST_REFUND_SUCCESS']);

/** Cancellation statuses after which the cancellation took effect. */
export const SUCCESSFUL_CANCEL = new Set(['CANCELLATION_REQUEST_SUCCESS', 'CANCELLATION_REQUEST_COMPLETE']);

/** The successful refunds of one order. */
export interface OrderRefunds {
  /** Order line item ids refunded, each once. */
  lineIds: Set<string>;
  /** `refund_subtotal`s of successful refunds that name no line items. */
  amounts: string[];
}

/** Groups the successful refunds of paid orders by order id. */
export function refundsByOrder(
  orders: ReadonlyMap<string, PartnerOrder>,
  returns: Iterable<PartnerReturnOrder>,
  cancellations: Iterable<PartnerCancellation>,
): Map<string, OrderRefunds> {
  const out = new Map<string, OrderRefunds>();
  const entry = (orderId: string): OrderRefunds => {
    let e = out.get(orderId);
    if (!e) out.set(orderId, (e = { lineIds: new Set(), amounts: [] }));
    return e;
  };
  for (const r of returns) {
    if (!SUCCESSFUL_RETURN.has(r.return_status)) continue;
    if (r.return_line_items.length === 0) entry(r.order_id).amounts.push(r.refund_amount?.refund_subtotal ?? '0');
    for (const l of r.return_line_items) entry(r.order_id).lineIds.add(l.order_line_item_id);
  }
  for (const c of cancellations) {
    const paid = orders.get(c.order_id)?.paid_time;
    // A cancellation before payment refunds nothing.
    if (!SUCCESSFUL_CANCEL.has(c.cancel_status) || paid === undefined || c.create_time < paid) continue;
    if (c.cancel_line_items.length === 0) entry(c.order_id).amounts.push(c.refund_amount?.refund_subtotal ?? '0');
    for (const l of c.cancel_line_items) entry(c.order_id).lineIds.add(l.order_line_item_id);
  }
  return out;
}
