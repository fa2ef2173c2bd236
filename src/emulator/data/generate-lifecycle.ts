/**
 * What happens to an order after it is placed: payment or not, fulfilment, and the after-sales
 * (cancellations before and after payment, partial cancellations, returns and refunds).
 * @see docs/tiktok-api.md (order and cancellation statuses)
 */
import { addReturn, type ReturnKind, Refunds, RETURN_KINDS, steps } from './generate-refunds';
import type { CancelPlan, OrderPlan, Step } from './plan';
import type { Rng } from './rng';
import type { OrderStatus } from './shapes';

const MIN = 60;
const H = 3600;
const DAY = 86400;

/** An order's life story. */
export type Fate =
  | 'normal' | 'gift' | 'split' | 'abandoned' | 'buyer_cancel_unpaid' | 'buyer_cancel_paid' | 'cancel_rejected'
  | 'seller_cancel' | 'partial_cancel' | 'return' | ReturnKind;

/** The fulfilment steps after payment, until COMPLETED, for a plan with `packages` packages. */
function fulfilmentSteps(rng: Rng, paid: number, packages: number): Step<OrderStatus>[] {
  const steps: Step<OrderStatus>[] = [{ t: paid, status: 'ON_HOLD' }];
  let t = paid + rng.int(30 * 60, H); // the buyer's remorse period
  steps.push({ t, status: 'AWAITING_SHIPMENT' });
  t += rng.int(4 * H, 48 * H);
  steps.push({ t, status: packages > 1 ? 'PARTIALLY_SHIPPING' : 'AWAITING_COLLECTION' });
  t += rng.int(2 * H, 36 * H);
  steps.push({ t, status: 'IN_TRANSIT' });
  t += rng.int(24 * H, 120 * H);
  steps.push({ t, status: 'DELIVERED' });
  t += rng.int(5 * 24 * H, 10 * 24 * H);
  steps.push({ t, status: 'COMPLETED' });
  return steps;
}

function cutAt(fulfil: Step<OrderStatus>[], t: number): Step<OrderStatus>[] {
  return [...fulfil.filter((s) => s.t < t), { t, status: 'CANCELLED' }];
}

function cancellation(rng: Rng, c: Omit<CancelPlan, 'id' | 'reason'> & { reason?: string }): CancelPlan {
  return { id: rng.id('4036', 18), reason: c.reason ?? 'BUYER_CHANGED_MIND', ...c };
}

/** Fills in the plan's payment, fulfilment and after-sales for its fate. */
export function attachAfterSales(rng: Rng, plan: OrderPlan, fate: Fate): void {
  const create = plan.base.create_time;
  const refunds = new Refunds(rng, plan);
  if (fate === 'abandoned') {
    // TikTok cancels orders left unpaid for 24 hours; no cancellation request exists for them.
    plan.steps.push({ t: create + 24 * H, status: 'CANCELLED' });
    plan.cancel = { t: create + 24 * H, initiator: 'SYSTEM', reason: 'Payment timeout' };
    return;
  }
  if (fate === 'buyer_cancel_unpaid') {
    const t = create + rng.int(5 * MIN, 6 * H);
    plan.steps.push({ t, status: 'CANCELLED' });
    plan.cancel = { t, initiator: 'BUYER', reason: 'No longer needed' };
    plan.cancellations.push(cancellation(rng, { type: 'BUYER_CANCEL', role: 'BUYER', lines: refunds.lines(plan.lines, true), steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }] }));
    return;
  }
  const paid = create + rng.int(20, 30 * MIN);
  plan.paidTime = paid;
  const fulfil = fulfilmentSteps(rng, paid, plan.base.packages.length);
  const awaiting = (fulfil[1] as Step<OrderStatus>).t;
  // A request for the whole order: every line, shipping included.
  const whole = (): Pick<CancelPlan, 'refund' | 'lines'> => {
    const lines = refunds.lines(plan.lines);
    return { refund: refunds.total(lines, true), lines };
  };
  switch (fate) {
    case 'buyer_cancel_paid': {
      const s = steps(rng, paid + rng.int(5 * MIN, 3 * H), ['CANCELLATION_REQUEST_PENDING', 0, 0], ['CANCELLATION_REQUEST_SUCCESS', 30 * MIN, 3 * H], ['CANCELLATION_REQUEST_COMPLETE', 10 * MIN, 2 * H]);
      const success = (s[1] as Step<string>).t;
      plan.steps.push(...cutAt(fulfil, success));
      plan.cancel = { t: success, initiator: 'BUYER', reason: 'No longer needed' };
      plan.cancellations.push(cancellation(rng, { type: 'BUYER_CANCEL', role: 'BUYER', ...whole(), steps: s }));
      return;
    }
    case 'seller_cancel': {
      const t = awaiting + rng.int(H, 4 * H);
      plan.steps.push(...cutAt(fulfil, t));
      plan.cancel = { t, initiator: 'SELLER', reason: 'Out of stock' };
      plan.cancellations.push(cancellation(rng, { type: 'CANCEL', role: 'SELLER', reason: 'OUT_OF_STOCK', ...whole(), steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }] }));
      return;
    }
    case 'cancel_rejected': {
      const s = steps(rng, awaiting + rng.int(10 * MIN, 60 * MIN), ['CANCELLATION_REQUEST_PENDING', 0, 0], ['CANCELLATION_REQUEST_CANCEL', 30 * MIN, 2 * H]);
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
      const t = awaiting + rng.int(H, 3 * H);
      plan.cancellations.push(cancellation(rng, { type: 'CANCEL', role: 'SELLER', reason: 'OUT_OF_STOCK', refund: refunds.total(lines, false), lines, steps: [{ t, status: 'CANCELLATION_REQUEST_COMPLETE' }], linesCancelledAt: t }));
      break;
    }
    default: {
      const kind: ReturnKind | undefined = fate === 'return' ? rng.weighted(RETURN_KINDS) : RETURN_KINDS.find(([k]) => k === fate)?.[0];
      if (!kind) break;
      const delivered = (fulfil[4] as Step<OrderStatus>).t;
      const done = addReturn(rng, plan, refunds, kind, delivered);
      // Orders complete only once their after-sale is settled, so settlement sees the refund.
      const completed = fulfil[5] as Step<OrderStatus>;
      if (completed.t <= done) completed.t = done + rng.int(H, DAY);
    }
  }
  plan.steps.push(...fulfil);
}
