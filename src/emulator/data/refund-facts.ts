/**
 * Which order line items (and which line-less amounts) were successfully refunded, and how much
 * of each, by docs/metrics.md's rules. Finance (what the seller kept) and analytics both need it.
 * @see docs/metrics.md (Refunded GMV)
 */
import { D, type Dec } from './money';
import type { PartnerCancellation, PartnerOrder, PartnerReturnOrder } from './shapes';

/** Return statuses after which the buyer gets (or got) the money. */
export const SUCCESSFUL_RETURN = new Set(['RETURN_OR_REFUND_REQUEST_SUCCESS', 'RETURN_OR_REFUND_REQUEST_COMPLETE', 'REPLACEMENT_REQUEST_REFUND_SUCCESS']);

/** Cancellation statuses after which the cancellation took effect. */
export const SUCCESSFUL_CANCEL = new Set(['CANCELLATION_REQUEST_SUCCESS', 'CANCELLATION_REQUEST_COMPLETE']);

/** The successful refunds of one order. */
export interface OrderRefunds {
  /**
   * Order line item id → the share of the line refunded, in (0, 1]: the line's own
   * `refund_subtotal` over its sale price, 1 when the line carries no subtotal. A line named by
   * several successful refunds keeps the largest share.
   */
  lines: Map<string, Dec>;
  /** `refund_subtotal`s of successful refunds that name no line items. */
  amounts: string[];
}

/** The share of `sale` a line's refund takes back. */
function shareOf(subtotal: string | undefined, sale: string | undefined): Dec {
  if (subtotal === undefined || sale === undefined || !new D(sale).gt(0)) return new D(1);
  return D.min(1, new D(subtotal).div(sale));
}

/** Groups the successful refunds of counted orders (paid, or placed for cash on delivery) by order id. */
export function refundsByOrder(
  orders: ReadonlyMap<string, PartnerOrder>,
  returns: Iterable<PartnerReturnOrder>,
  cancellations: Iterable<PartnerCancellation>,
): Map<string, OrderRefunds> {
  const out = new Map<string, OrderRefunds>();
  const entry = (orderId: string): OrderRefunds => {
    let e = out.get(orderId);
    if (!e) out.set(orderId, (e = { lines: new Map(), amounts: [] }));
    return e;
  };
  const sale = (orderId: string, lineId: string): string | undefined => orders.get(orderId)?.line_items.find((l) => l.id === lineId)?.sale_price;
  const take = (orderId: string, lineId: string, subtotal: string | undefined): void => {
    const e = entry(orderId);
    const share = shareOf(subtotal, sale(orderId, lineId));
    const before = e.lines.get(lineId);
    if (!before || share.gt(before)) e.lines.set(lineId, share);
  };
  for (const r of returns) {
    if (!SUCCESSFUL_RETURN.has(r.return_status)) continue;
    if (r.return_line_items.length === 0) entry(r.order_id).amounts.push(r.refund_amount?.refund_subtotal ?? '0');
    for (const l of r.return_line_items) take(r.order_id, l.order_line_item_id, l.refund_amount?.refund_subtotal);
  }
  for (const c of cancellations) {
    const order = orders.get(c.order_id);
    const counted = order?.is_cod ? order.create_time : order?.paid_time;
    // A cancellation before the order counted (before payment) refunded nothing.
    if (!SUCCESSFUL_CANCEL.has(c.cancel_status) || counted === undefined || c.create_time < counted) continue;
    if (c.cancel_line_items.length === 0) entry(c.order_id).amounts.push(c.refund_amount?.refund_subtotal ?? '0');
    for (const l of c.cancel_line_items) take(c.order_id, l.order_line_item_id, undefined);
  }
  return out;
}
