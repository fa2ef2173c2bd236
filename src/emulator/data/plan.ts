/**
 * An order's whole life, decided when the order is generated: its line items and payment, and
 * the timed events that move it (and its cancellations and returns) through TikTok's statuses.
 * What the API shows at a time T is the plan "materialized" at T: the last status reached by T,
 * `update_time` = the time of the last event by T, and only the fields TikTok fills by then.
 * Live mode is then just materializing at a later T, which keeps it deterministic.
 */
import type {
  OrderStatus, PartnerCancellation, PartnerLineItem, PartnerOrder, PartnerRefundAmount,
  PartnerReturnOrder,
} from './shapes';

/** A timed status. */
export interface Step<S extends string> {
  t: number;
  status: S;
}

/** The fixed part of a return or cancellation line. */
export interface RefundLine {
  lineId: string;
  itemId: string;
  sku_id: string;
  sku_name: string;
  product_name: string;
  seller_sku: string;
  refund: PartnerRefundAmount;
}

/** A return/refund request and its status steps. */
export interface ReturnPlan {
  id: string;
  type: PartnerReturnOrder['return_type'];
  role: string;
  reason: string;
  refund: PartnerRefundAmount;
  lines: RefundLine[];
  steps: Step<string>[];
}

/** A cancellation request and its status steps. */
export interface CancelPlan {
  id: string;
  type: 'CANCEL' | 'BUYER_CANCEL';
  role: string;
  reason: string;
  /** Absent for an unpaid order: nothing to refund. */
  refund?: PartnerRefundAmount;
  lines: RefundLine[];
  steps: Step<string>[];
  /** When the named line items (not the whole order) become CANCELLED. */
  linesCancelledAt?: number;
}

/** One order for its whole life. */
export interface OrderPlan {
  shopId: string;
  base: Omit<PartnerOrder, 'status' | 'update_time' | 'paid_time' | 'cancel_time' | 'cancellation_initiator' | 'cancel_reason'
    | 'rts_time' | 'collection_time' | 'delivery_time' | 'line_items'> & { packages: { id: string }[] };
  lines: (Omit<PartnerLineItem, 'display_status'> & { packageIndex: number })[];
  steps: Step<OrderStatus>[];
  paidTime?: number;
  cancel?: { t: number; initiator: string; reason: string };
  returns: ReturnPlan[];
  cancellations: CancelPlan[];
}

function lastStep<S extends string>(steps: readonly Step<S>[], at: number): Step<S> | undefined {
  let found: Step<S> | undefined;
  for (const step of steps) if (step.t <= at) found = step;
  return found;
}

function firstTime(steps: readonly Step<string>[], status: string): number | undefined {
  return steps.find((s) => s.status === status)?.t;
}

/** Every time at which the plan changes something visible, for live mode. */
export function eventTimes(plan: OrderPlan): number[] {
  return [
    ...plan.steps.map((s) => s.t),
    ...plan.returns.flatMap((r) => r.steps.map((s) => s.t)),
    ...plan.cancellations.flatMap((c) => c.steps.map((s) => s.t)),
  ];
}

function lineStatus(status: OrderStatus, packageIndex: number): string {
  // While an order ships in parts, the first package is already on its way.
  if (status === 'PARTIALLY_SHIPPING') return packageIndex === 0 ? 'IN_TRANSIT' : 'AWAITING_SHIPMENT';
  return status;
}

/** The order as the API shows it at `at`, or undefined when not yet created. */
export function orderAt(plan: OrderPlan, at: number): PartnerOrder | undefined {
  const step = lastStep(plan.steps, at);
  if (!step) return undefined;
  const cancelledLines = new Map<string, string>();
  let updateTime = step.t;
  for (const c of plan.cancellations) {
    if (c.linesCancelledAt !== undefined && c.linesCancelledAt <= at) {
      for (const l of c.lines) cancelledLines.set(l.itemId, c.role);
      updateTime = Math.max(updateTime, c.linesCancelledAt);
    }
  }
  const reached = (status: OrderStatus): number | undefined => {
    const t = firstTime(plan.steps, status);
    return t !== undefined && t <= at ? t : undefined;
  };
  const shipped = reached('AWAITING_COLLECTION') ?? reached('PARTIALLY_SHIPPING') ?? reached('IN_TRANSIT');
  const order: PartnerOrder = {
    ...plan.base,
    status: step.status,
    update_time: updateTime,
    line_items: plan.lines.map(({ packageIndex, ...line }) => {
      const cancelUser = cancelledLines.get(line.id) ?? (step.status === 'CANCELLED' ? plan.cancel?.initiator : undefined);
      const item: PartnerLineItem = {
        ...line,
        display_status: cancelUser ? 'CANCELLED' : lineStatus(step.status, packageIndex),
        package_id: plan.base.packages[packageIndex]?.id,
      };
      if (cancelUser) item.cancel_user = cancelUser;
      if (shipped !== undefined && !cancelUser) item.rts_time = shipped;
      return item;
    }),
  };
  if (plan.paidTime !== undefined && plan.paidTime <= at) order.paid_time = plan.paidTime;
  if (plan.cancel && plan.cancel.t <= at) {
    order.cancel_time = plan.cancel.t;
    order.cancellation_initiator = plan.cancel.initiator;
    order.cancel_reason = plan.cancel.reason;
  }
  if (shipped !== undefined) order.rts_time = shipped;
  const collected = reached('IN_TRANSIT');
  if (collected !== undefined) order.collection_time = collected;
  const delivered = reached('DELIVERED');
  if (delivered !== undefined) order.delivery_time = delivered;
  return order;
}

/** The plan's returns as the API shows them at `at`. */
export function returnsAt(plan: OrderPlan, at: number): PartnerReturnOrder[] {
  return plan.returns.flatMap((r) => {
    const step = lastStep(r.steps, at);
    const first = r.steps[0];
    if (!step || !first) return [];
    return [{
      return_id: r.id,
      order_id: plan.base.id,
      return_type: r.type,
      return_status: step.status,
      role: r.role,
      return_reason: r.reason,
      return_reason_text: r.reason.replace(/_/g, ' ').toLowerCase(),
      create_time: first.t,
      update_time: step.t,
      refund_amount: r.refund,
      return_line_items: r.lines.map((l) => ({
        return_line_item_id: l.lineId, order_line_item_id: l.itemId, sku_id: l.sku_id, sku_name: l.sku_name,
        product_name: l.product_name, seller_sku: l.seller_sku, refund_amount: l.refund,
      })),
    }];
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
      cancel_reason_text: c.reason.replace(/_/g, ' ').toLowerCase(),
      create_time: first.t,
      update_time: step.t,
      cancel_line_items: c.lines.map((l) => ({
        cancel_line_item_id: l.lineId, order_line_item_id: l.itemId, sku_id: l.sku_id,
        ...(c.refund ? { refund_amount: l.refund } : {}),
      })),
    };
    if (c.refund) out.refund_amount = c.refund;
    return [out];
  });
}
