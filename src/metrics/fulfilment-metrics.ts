/**
 * The exact values of the fulfilment metrics of a window (docs/metrics.md, "Fulfilment"), from
 * the counts its day aggregates carry; `definitions.ts` presents them like every other metric.
 *
 * @see docs/metrics.md
 */
import { ordersToShipBy, type FulfilmentTotals } from './fulfilment-totals';
import { count, known, unavailable, type Exact } from './exact';
import { parseDecimal } from '../domain/money';

/** The default horizon of ORDERS_AT_RISK, in hours. */
export const AT_RISK_HOURS = 24;

/** The fulfilment metrics' names. */
export type FulfilmentMetricName = 'LATE_SHIP_RATE' | 'ON_TIME_DELIVERY_RATE' | 'ORDERS_AT_RISK';

const NO_COUNTS = 'unknown: the order ledger holds no fulfilment times for these days yet';

function withNote(exact: Exact, note: string | null): Exact {
  return exact.ok && note ? known(exact.value, [...exact.notes, note]) : exact;
}

function leftOut(n: number, what: string): string | null {
  return n > 0 ? `${n} ${what} left out` : null;
}

function rate(part: number, whole: number, what: string, none: string, note: string | null): Exact {
  return whole === 0 ? unavailable(none) : withNote(known(parseDecimal(String(part)).div(whole), [`${part} ${what} of ${whole}`]), note);
}

/**
 * Orders at risk: still to ship, with a ship-by time at or before `asOfMs` + `hours`.
 * @param asOfMs - the time the order data reflects (ms); undefined: unknown
 */
export function ordersAtRisk(f: FulfilmentTotals | undefined, asOfMs: number | undefined, hours = AT_RISK_HOURS): Exact {
  if (f === undefined) return unavailable(NO_COUNTS);
  if (asOfMs === undefined) return unavailable('unknown: no time the order data reflects was given');
  return withNote(count(ordersToShipBy(f, Math.floor(asOfMs / 1000) + hours * 3600)), leftOut(f.toShipWithoutSla, 'still to ship without rts_sla_time'));
}

/** The three figures of a window's counts, exact and unrounded. */
export function fulfilmentFigures(f: FulfilmentTotals | undefined, asOfMs: number | undefined): Record<FulfilmentMetricName, Exact> {
  return {
    LATE_SHIP_RATE:
      f === undefined
        ? unavailable(NO_COUNTS)
        : rate(
            f.lateShipments,
            f.shipments,
            'late',
            'no order counted in the window has shipped with a ship-by time (rts_sla_time)',
            leftOut(f.shippedWithoutSla, 'shipped without rts_sla_time'),
          ),
    ON_TIME_DELIVERY_RATE:
      f === undefined
        ? unavailable(NO_COUNTS)
        : rate(
            f.onTimeDeliveries,
            f.deliveries,
            'on time',
            'no order counted in the window has been delivered with a delivery deadline',
            leftOut(f.deliveredWithoutDeadline, 'delivered without a deadline'),
          ),
    ORDERS_AT_RISK: ordersAtRisk(f, asOfMs),
  };
}

/** Maps each figure through `present`, keeping the names. */
export function mapFulfilment<T>(
  figures: Record<FulfilmentMetricName, Exact>,
  present: (name: FulfilmentMetricName, exact: Exact) => T,
): Record<FulfilmentMetricName, T> {
  return {
    LATE_SHIP_RATE: present('LATE_SHIP_RATE', figures.LATE_SHIP_RATE),
    ON_TIME_DELIVERY_RATE: present('ON_TIME_DELIVERY_RATE', figures.ON_TIME_DELIVERY_RATE),
    ORDERS_AT_RISK: present('ORDERS_AT_RISK', figures.ORDERS_AT_RISK),
  };
}
