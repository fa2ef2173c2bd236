/**
 * Materializing order plans into the API's view, and live mode: `tick(now)` plans any new days,
 * re-materializes every order with an event in (previous now, now] and reports each event as the
 * `type`, `shop_id` and `data` of the TikTok webhook it would trigger.
 * @see docs/tiktok-api.md (Webhooks)
 */
import { DAY } from './dates';
import { cancellationsAt, orderAt, type OrderPlan, returnsAt } from './plan';
import { dayPlans } from './schedule';
import type { ShopState, StoreState } from './state';
import type { EmulatorChange } from './store-types';

/** Puts the plan's state at `at` into the shop's maps. */
export function materializePlan(shop: ShopState, plan: OrderPlan, at: number): void {
  const order = orderAt(plan, at);
  if (!order) return;
  shop.revision++;
  shop.orders.set(order.id, order);
  for (const r of returnsAt(plan, at)) shop.returns.set(r.return_id, r);
  for (const c of cancellationsAt(plan, at)) shop.cancellations.set(c.cancel_id, c);
}

/** Adds the plans of UTC day `day` whose orders are created at or after `notBefore`. */
export function planDay(state: StoreState, shop: ShopState, day: number, notBefore: number): void {
  if (shop.plannedDays.has(day)) return;
  shop.plannedDays.add(day);
  for (const plan of dayPlans(state.seed, shop, day, state.ordersPerDay, state.unknownEnums === true)) {
    if (plan.base.create_time >= notBefore) shop.plans.set(plan.base.id, plan);
  }
}

function changesOf(shopId: string, plan: OrderPlan, from: number, to: number): { t: number; change: EmulatorChange }[] {
  const out: { t: number; change: EmulatorChange }[] = [];
  const within = (t: number): boolean => t > from && t <= to;
  const orderId = plan.base.id;
  for (const s of plan.steps.filter((x) => within(x.t))) {
    // The webhook says CANCEL where the order API says CANCELLED.
    const status = s.status === 'CANCELLED' ? 'CANCEL' : s.status;
    out.push({ t: s.t, change: { type: 1, shop_id: shopId, data: { order_id: orderId, order_status: status, update_time: s.t } } });
  }
  for (const c of plan.cancellations) {
    const created = c.steps[0]?.t ?? 0;
    for (const s of c.steps.filter((x) => within(x.t))) {
      out.push({
        t: s.t,
        change: {
          type: 11,
          shop_id: shopId,
          data: { order_id: orderId, cancel_id: c.id, cancellations_role: c.role, cancel_status: s.status, create_time: created, update_time: s.t },
        },
      });
    }
  }
  for (const r of plan.returns) {
    const created = r.steps[0]?.t ?? 0;
    for (const s of r.steps.filter((x) => within(x.t))) {
      out.push({
        t: s.t,
        change: {
          type: 12,
          shop_id: shopId,
          data: {
            order_id: orderId,
            return_id: r.id,
            return_role: r.role,
            return_type: r.type,
            return_status: s.status,
            create_time: created,
            update_time: s.t,
          },
        },
      });
    }
  }
  return out;
}

/**
 * Advances the data to `now`. Returns the changes oldest first; nothing when `now` is not later
 * than the data's current time (time never runs backwards).
 */
export function tick(state: StoreState, now: number): EmulatorChange[] {
  const from = state.now;
  if (now <= from) return [];
  const all: { t: number; change: EmulatorChange }[] = [];
  for (const shop of state.shops) {
    for (let day = Math.floor(from / DAY); day <= Math.floor(now / DAY); day++) planDay(state, shop, day, from + 1);
    for (const plan of shop.plans.values()) {
      const changes = changesOf(shop.shop.id, plan, from, now);
      if (changes.length === 0) continue;
      materializePlan(shop, plan, now);
      all.push(...changes);
    }
  }
  state.now = now;
  return all.sort((a, b) => a.t - b.t).map((c) => c.change);
}
