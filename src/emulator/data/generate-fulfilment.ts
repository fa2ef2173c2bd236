/**
 * Shipping an order: the platform's deadlines, the statuses from "to ship" to COMPLETED, the
 * carriers and tracking numbers, and the Southeast Asian shipping hints of version 202309
 * (docs/tiktok-api.md, Orders). Deadlines end at 23:59 shop time, as TikTok's do:
 * `rts_sla_time` (ship by) two days after the order is released to the seller, `tts_sla_time`
 * (collected by) a day later. Most sellers ship well inside the deadline; some ship late.
 */
import { offsetMinutes } from './dates';
import type { OrderPlan, PackagePlan, Step } from './plan';
import type { Rng } from './rng';
import type { OrderStatus } from './shapes';
import type { ShopState } from './state';

const H = 3600;
const DAY = 86400;

/** An order status TikTok does not document (yet): the parcel is with the courier for the last mile. */
export const UNKNOWN_ORDER_STATUS = 'OUT_FOR_DELIVERY';

/** Shipping provider ids by the carrier's position in its market's list. */
const CARRIER_IDS = ['6617675021119438801', '6617675021119438802', '6617675021119438803', '6617675021119438804'];

/** UTC offsets (seconds) by shop and UTC day: one time zone lookup per day, not per order. */
const offsets = new WeakMap<ShopState, Map<number, number>>();

function offsetSeconds(shop: ShopState, t: number): number {
  let byDay = offsets.get(shop);
  if (!byDay) offsets.set(shop, (byDay = new Map()));
  const day = Math.floor(t / DAY);
  let found = byDay.get(day);
  if (found === undefined) byDay.set(day, (found = offsetMinutes(day * DAY + DAY / 2, shop.shop.timezone) * 60));
  return found;
}

/** 23:59:00 shop time, `days` days after the shop-local day of `t`. */
export function localDeadline(shop: ShopState, t: number, days: number): number {
  const off = offsetSeconds(shop, t);
  return (Math.floor((t + off) / DAY) + days + 1) * DAY - 60 - off;
}

/** The packages of an order with their carrier (one per order) and tracking numbers. */
export function buildPackages(rng: Rng, shop: ShopState, count: number): PackagePlan[] {
  const index = rng.int(0, shop.profile.carriers.length - 1);
  const carrier = shop.profile.carriers[index] ?? 'TT Virtual express';
  const carrierId = CARRIER_IDS[index] ?? '6617675021119438849';
  const prefix = carrier.replace(/[^A-Z]/g, '').slice(0, 2) || 'TT';
  return Array.from({ length: count }, () => ({ id: rng.id('1153', 18), carrier, carrierId, tracking: `${prefix}${rng.digits(12)}` }));
}

/** What {@link fulfil} decides. */
export interface Fulfilment {
  /** AWAITING_SHIPMENT at release, then shipping, transit, delivery and COMPLETED. */
  steps: Step<OrderStatus>[];
  shipped: number;
  collected: number;
  delivered: number;
}

/**
 * Sets the plan's deadlines (and SEA hints) for an order released to the seller at `released`
 * and returns its fulfilment. `late` forces a shipment after the deadline (otherwise 7 % are);
 * `unknownStatus` lets the parcel show {@link UNKNOWN_ORDER_STATUS} before delivery ('some': 4 %).
 */
export function fulfil(
  rng: Rng,
  shop: ShopState,
  plan: OrderPlan,
  released: number,
  o: { late?: boolean; unknownStatus: 'never' | 'some' | 'always' },
): Fulfilment {
  const rts = localDeadline(shop, released, 2);
  plan.releasedAt = released;
  // Delivered on time by the end of the seventh day after release: most parcels make it, slow
  // couriers and late shipments do not (no extra draw: the rest of the timeline is unchanged).
  plan.sla = { rts, tts: rts + DAY, delivery: localDeadline(shop, released, 7) };
  const late = rng.chance(0.07) || o.late === true;
  const shipped = late ? rts + rng.int(H, 30 * H) : released + rng.int(4 * H, 44 * H);
  if (shop.profile.sea) {
    const level = rng.weighted([
      [600, 70],
      [500, 20],
      [700, 10],
    ] as const);
    plan.seaHints = { level, recommended: Math.max(released + H, rts - rng.int(6 * H, 30 * H)) };
  }
  const collected = shipped + rng.int(2 * H, 36 * H);
  const delivered = collected + rng.int(24 * H, 120 * H);
  const lastMile = rng.chance(0.04);
  const outForDelivery = delivered - rng.int(2 * H, 10 * H);
  const steps: Step<OrderStatus>[] = [
    { t: released, status: 'AWAITING_SHIPMENT' },
    { t: shipped, status: plan.packages.length > 1 ? 'PARTIALLY_SHIPPING' : 'AWAITING_COLLECTION' },
    { t: collected, status: 'IN_TRANSIT' },
  ];
  // The unknown status sits inside the transit time: turning it off changes nothing else.
  if ((o.unknownStatus === 'always' || (o.unknownStatus === 'some' && lastMile)) && outForDelivery > collected) {
    steps.push({ t: outForDelivery, status: UNKNOWN_ORDER_STATUS });
  }
  steps.push({ t: delivered, status: 'DELIVERED' }, { t: delivered + rng.int(5 * DAY, 10 * DAY), status: 'COMPLETED' });
  return { steps, shipped, collected, delivered };
}
