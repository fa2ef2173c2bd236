/**
 * What happens to an order after it is placed: payment or not, fulfilment, and the after-sales
 * (cancellations before and after payment, partial cancellations, returns and refunds).
 *
 * Cash on delivery (docs/tiktok-api.md, Orders): the order goes straight to AWAITING_SHIPMENT
 * without `paid_time`, and stays without one while it ships and travels. Delivered, it gets a
 * `paid_time` at delivery when the courier's collection is confirmed (most do, some never). A
 * failed delivery (the buyer refused the parcel, or nobody could receive it) ends the order
 * CANCELLED by the SYSTEM after it shipped, with a cancellation record naming TikTok's reasons
 * `returned_to_shipper_other` ("Package delivery failed") or `returned_to_shipper_refused`
 * ("Package rejected"), and no refund: nothing was paid.
 * @see docs/tiktok-api.md (order and cancellation statuses)
 */
import { fulfil, type Fulfilment } from './generate-fulfilment';
import { addReturn, type ReturnKind, Refunds, RETURN_KINDS, settledAt, steps } from './generate-refunds';
import type { CancelPlan, OrderPlan, Step } from './plan';
import type { Rng } from './rng';
import type { OrderStatus } from './shapes';
import type { ShopState } from './state';

const MIN = 60;
const H = 3600;
const DAY = 86400;

/** An order's life story. */
export type Fate =
  | 'normal'
  | 'gift'
  | 'split'
  | 'abandoned'
  | 'buyer_cancel_unpaid'
  | 'buyer_cancel_paid'
  | 'cancel_rejected'
  | 'seller_cancel'
  | 'partial_cancel'
  | 'return'
  | 'refund_mixed'
  | 'late_ship'
  | 'last_mile'
  | 'return_inspected'
  | 'cod_collected'
  | 'cod_uncollected'
  | 'cod_failed'
  | 'cod_refused'
  | ReturnKind;

/** Fates that only exist for cash-on-delivery orders. */
export const COD_FATES: ReadonlySet<Fate> = new Set<Fate>(['cod_collected', 'cod_uncollected', 'cod_failed', 'cod_refused']);

/** How an order's life is generated. */
export interface LifeOptions {
  shop: ShopState;
  cod: boolean;
  /** Whether TikTok statuses the product has never seen may appear (see the emulator's options). */
  unknownEnums: boolean;
}

function cutAt(steps: Step<OrderStatus>[], t: number): Step<OrderStatus>[] {
  return [...steps.filter((s) => s.t < t), { t, status: 'CANCELLED' }];
}

function cancellation(rng: Rng, c: Omit<CancelPlan, 'id' | 'reason'> & { reason?: string }): CancelPlan {
  return { id: rng.id('4036', 18), reason: c.reason ?? 'BUYER_CHANGED_MIND', ...c };
}

/** Payment for a prepaid order; undefined when it is never paid (the plan is then complete). */
function payOrAbandon(rng: Rng, plan: OrderPlan, refunds: Refunds, fate: Fate): number | undefined {
  const create = plan.base.create_time;
  plan.steps.push({ t: create, status: 'UNPAID' });
  if (fate === 'abandoned') {
    // TikTok cancels an order left unpaid at its deadline; no cancellation request exists for it.
    plan.steps.push({ t: plan.unpaidDeadline, status: 'CANCELLED' });
    plan.cancel = { t: plan.unpaidDeadline, initiator: 'SYSTEM', reason: 'Buyer payment overdue' };
    return undefined;
  }
  if (fate === 'buyer_cancel_unpaid') {
    const t = create + rng.int(5 * MIN, 6 * H);
    plan.steps.push({ t, status: 'CANCELLED' });
    plan.cancel = { t, initiator: 'BUYER', reason: 'No longer needed' };
    plan.cancellations.push(
      cancellation(rng, {
        type: 'BUYER_CANCEL',
        role: 'BUYER',
        lines: refunds.lines(plan.lines, true),
        steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }],
      }),
    );
    return undefined;
  }
  const paid = create + rng.int(20, 30 * MIN);
  plan.paidTime = paid;
  plan.steps.push({ t: paid, status: 'ON_HOLD' });
  return paid;
}

/** Fills in the plan's payment, fulfilment and after-sales for its fate. */
export function attachAfterSales(rng: Rng, plan: OrderPlan, fate: Fate, o: LifeOptions): void {
  const refunds = new Refunds(rng, plan);
  let released = plan.base.create_time;
  if (!o.cod) {
    const paid = payOrAbandon(rng, plan, refunds, fate);
    if (paid === undefined) return;
    released = paid + rng.int(30 * MIN, H); // the buyer's remorse period (ON_HOLD)
  }
  const unknownStatus = !o.unknownEnums ? 'never' : fate === 'last_mile' ? 'always' : 'some';
  const f: Fulfilment = fulfil(rng, o.shop, plan, released, { late: fate === 'late_ship', unknownStatus });
  const fulfilSteps = f.steps;
  if (o.cod) {
    // The courier's collection is confirmed at delivery for most COD orders, never for some.
    const collected = rng.chance(0.75);
    if (fate === 'cod_collected' || (fate !== 'cod_uncollected' && collected)) plan.paidTime = f.delivered;
  }
  // A request for the whole order: every line, shipping included (nothing to refund on COD).
  const whole = (): Pick<CancelPlan, 'refund' | 'lines'> => {
    const lines = refunds.lines(plan.lines);
    return o.cod ? { lines: lines.map(({ refund: _r, ...l }) => l) } : { refund: refunds.total(lines, true), lines };
  };
  const cancelFrom = o.cod ? released : (plan.paidTime as number);
  switch (fate) {
    case 'buyer_cancel_unpaid':
    case 'buyer_cancel_paid': {
      const s = steps(
        rng,
        cancelFrom + rng.int(5 * MIN, 3 * H),
        ['CANCELLATION_REQUEST_PENDING', 0, 0],
        ['CANCELLATION_REQUEST_SUCCESS', 30 * MIN, 3 * H],
        ['CANCELLATION_REQUEST_COMPLETE', 10 * MIN, 2 * H],
      );
      const success = (s[1] as Step<string>).t;
      plan.steps.push(...cutAt(fulfilSteps, success));
      plan.cancel = { t: success, initiator: 'BUYER', reason: 'No longer needed' };
      plan.cancellations.push(cancellation(rng, { type: 'BUYER_CANCEL', role: 'BUYER', ...whole(), steps: s }));
      plan.paidTime = o.cod ? undefined : plan.paidTime;
      return;
    }
    case 'seller_cancel': {
      const t = released + rng.int(H, 4 * H);
      plan.steps.push(...cutAt(fulfilSteps, t));
      plan.cancel = { t, initiator: 'SELLER', reason: 'Out of stock' };
      plan.cancellations.push(
        cancellation(rng, { type: 'CANCEL', role: 'SELLER', reason: 'OUT_OF_STOCK', ...whole(), steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }] }),
      );
      plan.paidTime = o.cod ? undefined : plan.paidTime;
      return;
    }
    case 'cod_failed':
    case 'cod_refused': {
      // Delivery is attempted when it was due and fails; after its last attempt the courier gives
      // up and the parcel goes back to the seller. The order is never DELIVERED.
      const t = f.delivered + rng.int(DAY, 3 * DAY);
      const refused = fate === 'cod_refused';
      plan.steps.push(
        ...cutAt(
          fulfilSteps.filter((s) => s.t < f.delivered),
          t,
        ),
      );
      plan.paidTime = undefined;
      plan.cancel = { t, initiator: 'SYSTEM', reason: refused ? 'Package rejected' : 'Package delivery failed' };
      plan.cancellations.push(
        cancellation(rng, {
          type: 'CANCEL',
          role: 'SYSTEM',
          reason: refused ? 'returned_to_shipper_refused' : 'returned_to_shipper_other',
          reasonText: plan.cancel.reason,
          ...whole(),
          steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }],
        }),
      );
      return;
    }
    case 'cancel_rejected': {
      const s = steps(rng, released + rng.int(10 * MIN, 60 * MIN), ['CANCELLATION_REQUEST_PENDING', 0, 0], ['CANCELLATION_REQUEST_CANCEL', 30 * MIN, 2 * H]);
      plan.cancellations.push(cancellation(rng, { type: 'BUYER_CANCEL', role: 'BUYER', ...whole(), steps: s }));
      break;
    }
    case 'partial_cancel': {
      // The seller drops the last SKU (out of stock); the rest of the order ships. An order of
      // one SKU (a one-product catalog) cannot be cancelled in part and simply ships.
      const skus = [...new Set(plan.lines.filter((l) => !l.is_gift).map((l) => l.sku_id))];
      if (skus.length < 2) break;
      const lastSku = skus.at(-1);
      const lines = refunds.lines(plan.lines.filter((l) => l.sku_id === lastSku));
      const t = released + rng.int(H, 3 * H);
      plan.cancellations.push(
        cancellation(rng, {
          type: 'CANCEL',
          role: 'SELLER',
          reason: 'OUT_OF_STOCK',
          ...(o.cod ? { lines: lines.map(({ refund: _r, ...l }) => l) } : { refund: refunds.total(lines, false), lines }),
          steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }],
          linesCancelledAt: t,
        }),
      );
      break;
    }
    default: {
      const done = afterDelivery(rng, plan, refunds, fate, f.delivered, unknownStatus);
      // Orders complete only once their after-sales are settled, so settlement sees the refunds.
      const completed = fulfilSteps.at(-1) as Step<OrderStatus>;
      if (done !== undefined && completed.t <= done) completed.t = done + rng.int(H, DAY);
    }
  }
  plan.steps.push(...fulfilSteps);
}

/** The returns of a delivered order; the time its last one settles, if it has any. */
function afterDelivery(
  rng: Rng,
  plan: OrderPlan,
  refunds: Refunds,
  fate: Fate,
  delivered: number,
  unknownStatus: 'never' | 'some' | 'always',
): number | undefined {
  if (fate === 'refund_mixed') {
    // One line refunded in full, another in part: the seller keeps the rest (the showcase's settled case).
    const full = addReturn(rng, plan, refunds, 'refund_line', delivered);
    const taken = new Set(full.lines.map((l) => l.itemId));
    const partial = addReturn(rng, plan, refunds, 'partial_refund', delivered, { exclude: taken });
    return Math.max(settledAt(full), settledAt(partial));
  }
  const kind: ReturnKind | undefined =
    fate === 'return' ? rng.weighted(RETURN_KINDS) : fate === 'return_inspected' ? 'return_full' : RETURN_KINDS.find(([k]) => k === fate)?.[0];
  if (!kind) return undefined;
  const inspected = unknownStatus === 'never' ? 'never' : fate === 'return_inspected' ? 'always' : 'some';
  return settledAt(addReturn(rng, plan, refunds, kind, delivered, { unknownStatus: inspected }));
}
