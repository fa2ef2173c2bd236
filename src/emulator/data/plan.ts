/**
 * An order's whole life, decided when the order is generated: its line items and payment, and
 * the timed events that move it (and its cancellations and returns) through TikTok's statuses.
 * What the API shows at a time T is the plan "materialized" at T: the last status reached by T,
 * `update_time` = the time of the last event by T, and only the fields TikTok fills by then.
 * Live mode is then just materializing at a later T, which keeps it deterministic.
 * @see docs/tiktok-api.md (Orders)
 */
import type { OrderStatus, PartnerLineItem, PartnerOrder, PartnerRefundAmount, PartnerReturnOrder } from './shapes';

export { cancellationsAt, returnsAt } from './plan-after-sales';

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
  /** Absent when TikTok sends the line without any `refund_amount`. */
  refund?: PartnerRefundAmount;
}

/**
 * A partial refund the seller offered instead of what the buyer asked (`AWAITING_BUYER_RESPONSE`
 * from `offeredAt`); the buyer accepts or rejects it at `answeredAt`.
 */
export interface PartialRefundOffer {
  /** What the seller offered the buyer (`partial_refund.amount`). */
  amount: string;
  offeredAt: number;
  answeredAt: number;
  rejected: boolean;
  /** The return's and its lines' `refund_amount` once the buyer accepted. */
  refund: PartnerRefundAmount;
  lines: RefundLine[];
}

/** A return/refund request and its status steps. */
export interface ReturnPlan {
  id: string;
  type: PartnerReturnOrder['return_type'];
  role: string;
  reason: string;
  /** What the buyer asked for; absent when TikTok sends the return without `refund_amount`. */
  refund?: PartnerRefundAmount;
  lines: RefundLine[];
  steps: Step<string>[];
  offer?: PartialRefundOffer;
}

/** A cancellation request and its status steps. */
export interface CancelPlan {
  id: string;
  type: 'CANCEL' | 'BUYER_CANCEL';
  role: string;
  reason: string;
  /** `cancel_reason_text`; derived from `reason` when absent. */
  reasonText?: string;
  /** Absent when nothing was paid (an unpaid or cash-on-delivery order): nothing to refund. */
  refund?: PartnerRefundAmount;
  lines: RefundLine[];
  steps: Step<string>[];
  /** When the named line items (not the whole order) become CANCELLED. */
  linesCancelledAt?: number;
}

/** A package of the order and the carrier that takes it (shown once it ships). */
export interface PackagePlan {
  id: string;
  carrier: string;
  carrierId: string;
  tracking: string;
}

/** Fields `orderAt` decides from the timeline rather than copying from `base`. */
type Timed =
  | 'status'
  | 'update_time'
  | 'paid_time'
  | 'cancel_time'
  | 'cancellation_initiator'
  | 'cancel_reason'
  | 'rts_time'
  | 'collection_time'
  | 'delivery_time'
  | 'line_items'
  | 'packages'
  | 'tracking_number'
  | 'shipping_provider'
  | 'shipping_provider_id'
  | 'rts_sla_time'
  | 'tts_sla_time'
  | 'cancel_order_sla_time'
  | 'fulfillment_priority_level'
  | 'recommended_shipping_time'
  | 'delivery_sla_time'
  | 'delivery_option_required_delivery_time'
  | 'shipping_due_time'
  | 'collection_due_time'
  | 'delivery_due_time';

/** One order for its whole life. */
export interface OrderPlan {
  shopId: string;
  base: Omit<PartnerOrder, Timed>;
  packages: PackagePlan[];
  lines: Omit<PartnerLineItem, 'display_status'>[];
  /** The package (index into `packages`) of each line, in `lines` order. */
  linePackages: number[];
  steps: Step<OrderStatus>[];
  /** TikTok cancels the order at this time if it is still unpaid (`cancel_order_sla_time`). */
  unpaidDeadline: number;
  /** When the seller was asked to ship: payment (prepaid) or placement (cash on delivery). */
  releasedAt?: number;
  /** The platform's latest times to ship, for the carrier to collect, and to deliver on time. */
  sla?: { rts: number; tts: number; delivery: number };
  /** Southeast Asia: the 202309 views' shipping priority and recommended time to ship. */
  seaHints?: { level: number; recommended: number };
  /** Absent while unpaid; a COD order gets one only when the courier's collection is confirmed. */
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

/** A line's `package_status` for its display status (Get Order Detail's list of five). */
const PACKAGE_STATUS: Readonly<Record<string, string>> = {
  ON_HOLD: 'TO_FULFILL',
  AWAITING_SHIPMENT: 'TO_FULFILL',
  AWAITING_COLLECTION: 'PROCESSING',
  IN_TRANSIT: 'FULFILLING',
  DELIVERED: 'COMPLETED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
};

/** How long after a deadline TikTok's automatic cancellation deadlines fall in the emulator. */
const AUTO_CANCEL_GRACE = 3 * 86_400;

/** Statuses in which 202309 still gives SEA sellers a priority and a time to ship. */
const TO_SHIP = new Set<string>(['AWAITING_SHIPMENT', 'AWAITING_COLLECTION']);

/** The order as the API shows it at `at`, or undefined when not yet created. */
export function orderAt(plan: OrderPlan, at: number): PartnerOrder | undefined {
  const step = lastStep(plan.steps, at);
  if (!step) return undefined;
  let cancelledLines: Map<string, string> | undefined;
  let updateTime = step.t;
  for (const c of plan.cancellations) {
    if (c.linesCancelledAt !== undefined && c.linesCancelledAt <= at) {
      cancelledLines ??= new Map();
      for (const l of c.lines) cancelledLines.set(l.itemId, c.role);
      updateTime = Math.max(updateTime, c.linesCancelledAt);
    }
  }
  // When the order first reached the shipping statuses, by `at` (one pass: this runs per order).
  let shipped: number | undefined;
  let collected: number | undefined;
  let delivered: number | undefined;
  for (const s of plan.steps) {
    if (s.t > at) break;
    if (shipped === undefined && (s.status === 'AWAITING_COLLECTION' || s.status === 'PARTIALLY_SHIPPING' || s.status === 'IN_TRANSIT')) shipped = s.t;
    if (collected === undefined && s.status === 'IN_TRANSIT') collected = s.t;
    if (delivered === undefined && s.status === 'DELIVERED') delivered = s.t;
  }
  // Packages and deadlines exist once the seller is asked to ship — never for an order cancelled before.
  const released = plan.releasedAt !== undefined && plan.releasedAt <= at && !(plan.cancel && plan.cancel.t < plan.releasedAt);
  const cancelled = step.status === 'CANCELLED';
  const lineItems = plan.lines.map((line, i): PartnerLineItem => {
    const packageIndex = plan.linePackages[i] ?? 0;
    const partlyCancelled = cancelledLines?.get(line.id);
    const cancelUser = partlyCancelled ?? (cancelled ? plan.cancel?.initiator : undefined);
    const display = cancelUser ? 'CANCELLED' : lineStatus(step.status, packageIndex);
    const item: PartnerLineItem = { ...line, display_status: display };
    const pkg = plan.packages[packageIndex];
    if (released && pkg) {
      item.package_id = pkg.id;
      item.package_status = PACKAGE_STATUS[display] ?? 'FULFILLING';
    }
    if (cancelUser) {
      item.cancel_user = cancelUser;
      if (plan.cancel && cancelled) item.cancel_reason = plan.cancel.reason;
    }
    // The first package leaves first; the others of a split order leave when the order is in transit.
    const lineShipped = packageIndex === 0 ? shipped : collected;
    if (lineShipped !== undefined && pkg && partlyCancelled === undefined) {
      item.rts_time = lineShipped;
      item.tracking_number = pkg.tracking;
      item.shipping_provider_id = pkg.carrierId;
      item.shipping_provider_name = pkg.carrier;
    }
    return item;
  });
  const order: PartnerOrder = { ...plan.base, status: step.status, update_time: updateTime, line_items: lineItems };
  if (step.status === 'UNPAID') order.cancel_order_sla_time = plan.unpaidDeadline;
  if (released) {
    order.packages = plan.packages.map(({ id }) => ({ id }));
    if (plan.sla) {
      order.rts_sla_time = plan.sla.rts;
      order.tts_sla_time = plan.sla.tts;
      // The delivery option promises the same day the late-delivery rule checks (docs/emulator.md).
      order.delivery_sla_time = plan.sla.delivery;
      order.delivery_option_required_delivery_time = plan.sla.delivery;
      // Past these TikTok would cancel the order: they lie after every generated timeline.
      order.shipping_due_time = plan.sla.rts + AUTO_CANCEL_GRACE;
      order.collection_due_time = plan.sla.tts + AUTO_CANCEL_GRACE;
      order.delivery_due_time = plan.sla.delivery + 14 * 86_400;
    }
    if (plan.seaHints && TO_SHIP.has(step.status)) {
      order.fulfillment_priority_level = plan.seaHints.level;
      order.recommended_shipping_time = plan.seaHints.recommended;
    }
  }
  if (plan.paidTime !== undefined && plan.paidTime <= at) order.paid_time = plan.paidTime;
  if (plan.cancel && plan.cancel.t <= at) {
    order.cancel_time = plan.cancel.t;
    order.cancellation_initiator = plan.cancel.initiator;
    order.cancel_reason = plan.cancel.reason;
  }
  const first = plan.packages[0];
  if (shipped !== undefined && first) {
    order.rts_time = shipped;
    order.tracking_number = first.tracking;
    order.shipping_provider = first.carrier;
    order.shipping_provider_id = first.carrierId;
  }
  if (collected !== undefined) order.collection_time = collected;
  if (delivered !== undefined) order.delivery_time = delivered;
  return order;
}
