/**
 * When orders are created: a day's orders are planned as a unit from `[seed, shop, day]`, so live
 * mode can plan tomorrow's orders later and get exactly what an up-front generation would have.
 * A fixed set of "showcase" orders per shop is placed in time so that, at the generation time,
 * every order status and every after-sale variant is visible whatever the seed and sizes.
 */
import { DAY, offsetMinutes } from './dates';
import { buildOrderPlan } from './generate-orders';
import type { Fate } from './generate-lifecycle';
import { eventTimes, type OrderPlan } from './plan';
import { Rng } from './rng';
import type { OrderStatus } from './shapes';
import type { ShopState } from './state';

// Relative order volume by local hour: quiet nights, a lunch bump and an evening peak.
const HOURLY = [2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 7, 8, 9, 11, 12, 12, 10, 7, 4];
const PEAK = Math.max(...HOURLY);

/** The orders created on UTC day `day` (a day number: Unix time / 86400), in creation order. */
export function dayPlans(seed: string, shop: ShopState, day: number, ordersPerDay: number): OrderPlan[] {
  if (shop.catalog.length === 0) return []; // a recorded shop without products on sale
  const rng = new Rng(seed, shop.index, 'day', day);
  const offsetHours = offsetMinutes(day * DAY, shop.shop.timezone) / 60;
  const localDay = new Date((day * DAY + offsetHours * 3600) * 1000).getUTCDay();
  const weekend = localDay === 0 || localDay === 6 ? 1.15 : 1;
  const count = Math.round(ordersPerDay * weekend * (0.8 + rng.next() * 0.4));
  const times: number[] = [];
  while (times.length < count) {
    const second = rng.int(0, DAY - 1);
    const localHour = Math.floor(((second / 3600 + offsetHours) % 24 + 24) % 24);
    if (rng.next() * PEAK < (HOURLY[localHour] ?? PEAK)) times.push(day * DAY + second);
  }
  times.sort((a, b) => a - b);
  return times.map((t, i) => buildOrderPlan(shop, [seed, shop.index, 'order', day, i], t));
}

function shift(plan: OrderPlan, delta: number): void {
  plan.base.create_time += delta;
  if (plan.paidTime !== undefined) plan.paidTime += delta;
  if (plan.cancel) plan.cancel.t += delta;
  for (const s of plan.steps) s.t += delta;
  for (const r of plan.returns) for (const s of r.steps) s.t += delta;
  for (const c of plan.cancellations) {
    for (const s of c.steps) s.t += delta;
    if (c.linesCancelledAt !== undefined) c.linesCancelledAt += delta;
  }
}

/** Where in a plan's life (seconds after creation) it shows what the showcase wants. */
function target(plan: OrderPlan, status?: OrderStatus): number {
  const create = plan.base.create_time;
  if (status) {
    const i = plan.steps.findIndex((s) => s.status === status);
    const from = plan.steps[i]?.t ?? create;
    const to = plan.steps[i + 1]?.t ?? from + 2 * 3600;
    return Math.floor((from + to) / 2) - create;
  }
  // After-sale showcases: an hour after the request is settled, before the order completes.
  const afterSale = [...plan.returns.flatMap((r) => r.steps), ...plan.cancellations.flatMap((c) => c.steps)].map((s) => s.t);
  return (afterSale.length ? Math.max(...afterSale) : Math.max(...eventTimes(plan))) + 3600 - create;
}

const SHOWCASE: readonly (readonly [Fate, OrderStatus?])[] = [
  ['abandoned', 'UNPAID'], ['normal', 'ON_HOLD'], ['normal', 'AWAITING_SHIPMENT'], ['split', 'PARTIALLY_SHIPPING'],
  ['normal', 'AWAITING_COLLECTION'], ['normal', 'IN_TRANSIT'], ['gift', 'DELIVERED'], ['normal', 'COMPLETED'],
  ['buyer_cancel_unpaid'], ['buyer_cancel_paid'], ['seller_cancel'], ['cancel_rejected'], ['partial_cancel'],
  ['return_full'], ['refund_line'], ['refund_amount'], ['refund_full_amount'], ['replacement'],
  ['replacement_refund'], ['return_rejected'], ['return_withdrawn'],
];

/** The showcase orders of a shop for a dataset spanning `start`..`now`. */
export function showcasePlans(seed: string, shop: ShopState, start: number, now: number): OrderPlan[] {
  return SHOWCASE.map(([fate, status], k) => {
    const plan = buildOrderPlan(shop, [seed, shop.index, 'showcase', k], 0, fate);
    const age = target(plan, status);
    // Clamped into the window: a tiny window shows the order earlier in its life instead.
    const createTime = Math.max(start, Math.min(now - 1, now - age));
    shift(plan, createTime);
    return plan;
  });
}
