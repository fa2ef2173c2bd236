/**
 * Which upstream ranges a backfill must read so the ledger covers a window (pure).
 *
 * Orders are found by `create_time`, reaching back `lookbackDays` before a day for orders paid
 * after they were created (docs/metrics.md: an order belongs to the window of its `paid_time`).
 * Everything updated after the first backfill started reaches the ledger through the delta
 * syncs, so a backfill that reaches the present leaves the coverage open-ended (`to: null`).
 */
import { windowBounds, type DateWindow } from '../../domain/window';
import type { Coverage } from './ledger-store';

const DAY = 86_400;

/** `[ge, lt)` in unix seconds; `lt: null` is unbounded. */
export interface TimeRange {
  ge: number;
  lt: number | null;
}

/** What to read to cover a window, and the coverage once read. */
export interface BackfillPlan {
  coverage: Coverage;
  /** order search ranges by `create_time` */
  orders: TimeRange[];
  /** return and cancellation search ranges by `create_time` (a refund comes after its order) */
  refunds: TimeRange[];
}

/** Whether a coverage holds every day of a window. */
export function covers(coverage: Coverage | null, window: DateWindow): boolean {
  return coverage !== null && coverage.from <= window.from && (coverage.to === null || window.to <= coverage.to);
}

/**
 * Plans the backfill that extends `current` to hold `window`; null when it already does. A window
 * apart from the coverage extends it over the gap, so the coverage stays one range.
 *
 * @param nowSeconds - the time the backfill starts: a plan reading up to it ends open-ended
 */
export function planBackfill(current: Coverage | null, window: DateWindow, timeZone: string, lookbackDays: number, nowSeconds: number): BackfillPlan | null {
  if (covers(current, window)) return null;
  const firstSecond = (date: string) => windowBounds({ from: date, to: date }, timeZone).start - lookbackDays * DAY;
  const afterLast = (date: string) => windowBounds({ from: date, to: date }, timeZone).end;

  const orders: TimeRange[] = [];
  const refunds: TimeRange[] = [];
  let from = window.from;
  let to: string | null = window.to;
  if (current === null) {
    orders.push({ ge: firstSecond(from), lt: afterLast(window.to) });
    refunds.push({ ge: firstSecond(from), lt: null });
  } else {
    // Earlier backfills read every order created from firstSecond(current.from) up to
    // afterLast(current.to), and every refund created since firstSecond(current.from).
    if (window.from < current.from) {
      const range = { ge: firstSecond(window.from), lt: firstSecond(current.from) };
      orders.push(range);
      refunds.push(range);
    } else {
      from = current.from;
    }
    if (current.to === null) {
      to = null;
    } else if (window.to > current.to) {
      orders.push({ ge: afterLast(current.to), lt: afterLast(window.to) });
    } else {
      to = current.to;
    }
  }
  if (to !== null && afterLast(to) >= nowSeconds) to = null;
  return { coverage: { from, to }, orders, refunds };
}
