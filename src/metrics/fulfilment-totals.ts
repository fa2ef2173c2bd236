/**
 * The fulfilment counts kept in each day aggregate (docs/metrics.md, "Fulfilment"): shipments and
 * deliveries, late or on time, and the ship-by times of the orders still to ship, so that orders
 * at risk are decided at query time against the data's `asOf`.
 *
 * @see docs/metrics.md
 */
import { fulfilmentStanding, type OrderFact } from '../domain/facts';

/**
 * Counts behind the fulfilment figures of a set of counted orders (docs/metrics.md, "Fulfilment").
 * Counts, not money: kept once for all currencies.
 */
export interface FulfilmentTotals {
  /** orders shipped with a ship-by time (`rts_time` and `rts_sla_time`) */
  shipments: number;
  /** of those, shipped after it */
  lateShipments: number;
  /** orders shipped without a ship-by time: left out of the rate, said in its formula */
  shippedWithoutSla: number;
  /** orders delivered with a deadline */
  deliveries: number;
  /** of those, delivered by it */
  onTimeDeliveries: number;
  /** orders delivered without any deadline: left out of the rate, said in its formula */
  deliveredWithoutDeadline: number;
  /** the ship-by times (unix s, ascending) of the orders still to ship: at risk is decided at query time */
  toShipBy: number[];
  /** orders still to ship without a ship-by time */
  toShipWithoutSla: number;
}

/** No fulfilment counts. */
export function emptyFulfilment(): FulfilmentTotals {
  return {
    shipments: 0,
    lateShipments: 0,
    shippedWithoutSla: 0,
    deliveries: 0,
    onTimeDeliveries: 0,
    deliveredWithoutDeadline: 0,
    toShipBy: [],
    toShipWithoutSla: 0,
  };
}

/** Adds one counted order's standing to the counts (docs/metrics.md, "Fulfilment"). */
export function addFulfilment(into: FulfilmentTotals, order: OrderFact): void {
  const { shipment, delivery, toShip } = fulfilmentStanding(order);
  if (shipment === 'no_sla') into.shippedWithoutSla += 1;
  else if (shipment !== null) {
    into.shipments += 1;
    if (shipment === 'late') into.lateShipments += 1;
  }
  if (delivery === 'no_deadline') into.deliveredWithoutDeadline += 1;
  else if (delivery !== null) {
    into.deliveries += 1;
    if (delivery === 'on_time') into.onTimeDeliveries += 1;
  }
  if (toShip === 'no_sla') into.toShipWithoutSla += 1;
  else if (toShip !== null) into.toShipBy.push(toShip);
}

/** Adds fulfilment counts; an aggregate without them adds nothing. */
export function addFulfilmentTotals(into: FulfilmentTotals, from: FulfilmentTotals | undefined): void {
  if (from === undefined) return;
  into.shipments += from.shipments;
  into.lateShipments += from.lateShipments;
  into.shippedWithoutSla += from.shippedWithoutSla;
  into.deliveries += from.deliveries;
  into.onTimeDeliveries += from.onTimeDeliveries;
  into.deliveredWithoutDeadline += from.deliveredWithoutDeadline;
  into.toShipBy.push(...from.toShipBy);
  into.toShipWithoutSla += from.toShipWithoutSla;
}

/**
 * Orders still to ship whose ship-by time is at or before `until` (unix s): overdue ones included
 * (docs/metrics.md, "Fulfilment": orders at risk).
 */
export function ordersToShipBy(totals: FulfilmentTotals, until: number): number {
  let n = 0;
  for (const t of totals.toShipBy) if (t <= until) n += 1;
  return n;
}
