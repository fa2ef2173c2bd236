/**
 * Returns and cancellations of an order plan as Search Returns and Search Cancellations show them
 * at a time T (see `plan.ts`). A seller's partial refund offer shows from the moment it is made
 * (`seller_proposed_return_type`, `partial_refund`, `buyer_rejected_partial_refund`); while the
 * buyer has not answered, `refund_amount` still shows what the buyer asked for, and once the
 * buyer accepted it shows the partial amount (docs/tiktok-api.md, Returns and cancellations).
 */
import type { OrderPlan, RefundLine, Step } from './plan';
import type { PartnerCancellation, PartnerReturnLineItem, PartnerReturnOrder } from './shapes';

function lastStep(steps: readonly Step<string>[], at: number): Step<string> | undefined {
  let found: Step<string> | undefined;
  for (const step of steps) if (step.t <= at) found = step;
  return found;
}

/** TikTok's localized reason text, in English for the emulator. */
function reasonText(reason: string): string {
  return reason.replace(/_/g, ' ').toLowerCase();
}

function returnLines(lines: readonly RefundLine[]): PartnerReturnLineItem[] {
  return lines.map((l) => ({
    return_line_item_id: l.lineId,
    order_line_item_id: l.itemId,
    sku_id: l.sku_id,
    sku_name: l.sku_name,
    product_name: l.product_name,
    seller_sku: l.seller_sku,
    ...(l.refund ? { refund_amount: l.refund } : {}),
  }));
}

/** The plan's returns as the API shows them at `at`. */
export function returnsAt(plan: OrderPlan, at: number): PartnerReturnOrder[] {
  return plan.returns.flatMap((r) => {
    const step = lastStep(r.steps, at);
    const first = r.steps[0];
    if (!step || !first) return [];
    const offer = r.offer && r.offer.offeredAt <= at ? r.offer : undefined;
    const answered = offer !== undefined && offer.answeredAt <= at;
    const accepted = answered && !offer.rejected;
    const refund = accepted ? offer.refund : r.refund;
    const out: PartnerReturnOrder = {
      return_id: r.id,
      order_id: plan.base.id,
      return_type: r.type,
      return_status: step.status,
      role: r.role,
      return_reason: r.reason,
      return_reason_text: reasonText(r.reason),
      // Only a refund without return lets the buyer keep the item.
      can_buyer_keep_item: r.type === 'REFUND',
      create_time: first.t,
      update_time: step.t,
      return_line_items: returnLines(accepted ? offer.lines : r.lines),
    };
    if (refund) out.refund_amount = refund;
    if (offer) {
      out.seller_proposed_return_type = 'PARTIAL_REFUND';
      out.partial_refund = { currency: offer.refund.currency, amount: offer.amount };
      out.buyer_rejected_partial_refund = answered && offer.rejected;
    }
    return [out];
  });
}

/** The plan's cancellations as the API shows them at `at`. */
export function cancellationsAt(plan: OrderPlan, at: number): PartnerCancellation[] {
  return plan.cancellations.flatMap((c) => {
    const step = lastStep(c.steps, at);
    const first = c.steps[0];
    if (!step || !first) return [];
    const out: PartnerCancellation = {
      cancel_id: c.id,
      order_id: plan.base.id,
      cancel_type: c.type,
      cancel_status: step.status,
      role: c.role,
      cancel_reason: c.reason,
      cancel_reason_text: c.reasonText ?? reasonText(c.reason),
      create_time: first.t,
      update_time: step.t,
      cancel_line_items: c.lines.map((l) => ({
        cancel_line_item_id: l.lineId,
        order_line_item_id: l.itemId,
        sku_id: l.sku_id,
        sku_name: l.sku_name,
        product_name: l.product_name,
        seller_sku: l.seller_sku,
        ...(c.refund && l.refund ? { refund_amount: l.refund } : {}),
      })),
    };
    if (c.refund) out.refund_amount = c.refund;
    return [out];
  });
}
