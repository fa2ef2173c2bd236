/**
 * When orders are created: a day's orders are planned as a unit from `[seed, shop, day]`, so live
 * mode can plan tomorrow's orders later and get exactly what an up-front generation would have.
 * A fixed set of "showcase" orders per shop is placed in time so that, at the generation time,
 * every order status and every after-sale variant is visible whatever the seed, sizes and date.
 */
import { DAY, offsetMinutes } from './dates';
import { buildOrderPlan } from './generate-orders';
import { COD_FATES, type Fate } from './generate-lifecycle';
import { UNKNOWN_ORDER_STATUS } from './generate-fulfilment';
import { UNKNOWN_RETURN_STATUS } from './generate-refunds';
import { eventTimes, type OrderPlan } from './plan';
import { Rng } from './rng';
import type { OrderStatus } from './shapes';
import type { ShopState } from './state';

// Relative order volume by local hour: quiet nights, a lunch bump and an evening peak.
const HOURLY = [2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 7, 8, 9, 11, 12, 12, 10, 7, 4];
const PEAK = Math.max(...HOURLY);

/** The orders created on UTC day `day` (a day number: Unix time / 86400), in creation order. */
export function dayPlans(seed: string, shop: ShopState, day: number, ordersPerDay: number, unknownEnums: boolean): OrderPlan[] {
  if (shop.catalog.length === 0) return []; // a recorded shop without products on sale
  const rng = new Rng(seed, shop.index, 'day', day);
  const offsetHours = offsetMinutes(day * DAY, shop.shop.timezone) / 60;
  const localDay = new Date((day * DAY + offsetHours * 3600) * 1000).getUTCDay();
  const weekend = localDay === 0 || localDay === 6 ? 1.15 : 1;
  const count = Math.round(ordersPerDay * weekend * (0.8 + rng.next() * 0.4));
  const times: number[] = [];
  while (times.length < count) {
    const second = rng.int(0, DAY - 1);
    const localHour = Math.floor((((second / 3600 + offsetHours) % 24) + 24) % 24);
    if (rng.next() * PEAK < (HOURLY[localHour] ?? PEAK)) times.push(day * DAY + second);
  }
  times.sort((a, b) => a - b);
  return times.map((t, i) => buildOrderPlan(shop, [seed, shop.index, 'order', day, i], t, { unknownEnums }));
}

function shift(plan: OrderPlan, delta: number): void {
  plan.base.create_time += delta;
  plan.unpaidDeadline += delta;
  if (plan.paidTime !== undefined) plan.paidTime += delta;
  if (plan.releasedAt !== undefined) plan.releasedAt += delta;
  if (plan.sla) plan.sla = { rts: plan.sla.rts + delta, tts: plan.sla.tts + delta, delivery: plan.sla.delivery + delta };
  if (plan.seaHints) plan.seaHints = { ...plan.seaHints, recommended: plan.seaHints.recommended + delta };
  if (plan.cancel) plan.cancel.t += delta;
  for (const s of plan.steps) s.t += delta;
  for (const r of plan.returns) {
    for (const s of r.steps) s.t += delta;
    if (r.offer) Object.assign(r.offer, { offeredAt: r.offer.offeredAt + delta, answeredAt: r.offer.answeredAt + delta });
  }
  for (const c of plan.cancellations) {
    for (const s of c.steps) s.t += delta;
    if (c.linesCancelledAt !== undefined) c.linesCancelledAt += delta;
  }
}

/**
 * Where the showcase wants the order at "now": in an order status, in a return status, an hour
 * after its after-sales settled (before it completes), or settled (a day after the daily
 * statement that includes it).
 */
type Target = OrderStatus | { returnStatus: string } | 'after_sale' | 'settled';

/** Midway through the first step of `steps` with `status` (two hours long when it is the last). */
function within(steps: readonly { t: number; status: string }[], status: string, fallback: number): number {
  const i = steps.findIndex((s) => s.status === status);
  const from = steps[i]?.t ?? fallback;
  const to = steps[i + 1]?.t ?? from + 2 * 3600;
  return Math.floor((from + to) / 2);
}

/** The plan's age (seconds after creation) at which it shows what the target wants. */
function age(plan: OrderPlan, target: Target): number {
  const create = plan.base.create_time;
  if (target === 'settled') {
    const completed = plan.steps.find((s) => s.status === 'COMPLETED')?.t ?? Math.max(...eventTimes(plan));
    // Completed two days before "now": settled in the statement of the next 00:00 UTC.
    return completed + 2 * DAY - create;
  }
  if (target === 'after_sale') {
    const afterSale = [...plan.returns.flatMap((r) => r.steps), ...plan.cancellations.flatMap((c) => c.steps)].map((s) => s.t);
    return (afterSale.length ? Math.max(...afterSale) : Math.max(...eventTimes(plan))) + 3600 - create;
  }
  if (typeof target === 'object') {
    const r = plan.returns.find((x) => x.steps.some((s) => s.status === target.returnStatus));
    return within(r?.steps ?? [], target.returnStatus, create) - create;
  }
  return within(plan.steps, target, create) - create;
}

/** A showcase entry: the fate, where it should be at "now", and whether it needs the option on. */
type Showcase = readonly [Fate, Target, 'unknown'?];

// Entries are only ever appended: an entry's position is part of its order's random key.
const SHOWCASE: readonly Showcase[] = [
  ['abandoned', 'UNPAID'],
  ['normal', 'ON_HOLD'],
  ['normal', 'AWAITING_SHIPMENT'],
  ['split', 'PARTIALLY_SHIPPING'],
  ['normal', 'AWAITING_COLLECTION'],
  ['normal', 'IN_TRANSIT'],
  ['gift', 'DELIVERED'],
  ['normal', 'COMPLETED'],
  ['buyer_cancel_unpaid', 'after_sale'],
  ['buyer_cancel_paid', 'after_sale'],
  ['seller_cancel', 'after_sale'],
  ['cancel_rejected', 'after_sale'],
  ['partial_cancel', 'after_sale'],
  ['return_full', 'after_sale'],
  ['refund_line', 'after_sale'],
  ['refund_amount', 'after_sale'],
  ['refund_full_amount', 'after_sale'],
  ['replacement', 'after_sale'],
  ['replacement_refund', 'after_sale'],
  ['return_rejected', 'after_sale'],
  ['return_withdrawn', 'after_sale'],
  // A settled order of several lines, one refunded in full and one in part: revenue left to settle.
  ['refund_mixed', 'settled'],
  ['partial_refund', 'after_sale'],
  ['partial_refund', { returnStatus: 'AWAITING_BUYER_RESPONSE' }],
  ['partial_refund_rejected', 'after_sale'],
  ['return_unpriced', 'after_sale'],
  ['late_ship', 'IN_TRANSIT'],
  // Cash on delivery (COD markets only): in transit, delivered with and without paid_time, failed.
  ['cod_uncollected', 'IN_TRANSIT'],
  ['cod_collected', 'DELIVERED'],
  ['cod_uncollected', 'DELIVERED'],
  ['cod_failed', 'after_sale'],
  ['cod_refused', 'after_sale'],
  // Statuses TikTok does not document, when the option allows them.
  ['last_mile', UNKNOWN_ORDER_STATUS, 'unknown'],
  ['return_inspected', { returnStatus: UNKNOWN_RETURN_STATUS }, 'unknown'],
  ['last_mile', UNKNOWN_ORDER_STATUS, 'unknown'],
];

/** The showcase orders of a shop for a dataset spanning `start`..`now`. */
export function showcasePlans(seed: string, shop: ShopState, start: number, now: number, unknownEnums: boolean): OrderPlan[] {
  return SHOWCASE.flatMap(([fate, target, needs], k) => {
    if (COD_FATES.has(fate) && shop.profile.codShare === 0) return [];
    if (needs === 'unknown' && !unknownEnums) return [];
    const plan = buildOrderPlan(shop, [seed, shop.index, 'showcase', k], 0, { fate, unknownEnums });
    // Clamped into the window: a tiny window shows the order earlier in its life instead.
    const createTime = Math.max(start, Math.min(now - 1, now - age(plan, target)));
    shift(plan, createTime);
    return [plan];
  });
}
