/**
 * A cold ledger is read in steps, newest days first, so a window gets an answer for the days
 * read so far long before its whole history is read (docs/storage.md, "First answer fast"). Each
 * step is one ordinary backfill plan (see `planBackfill`) that extends the coverage by adjacent
 * days, so the coverage stays one range and no upstream range is read twice: the first step
 * reads its days' lookback and the refunds up to now; each step back reads only the orders and
 * refunds created before what the previous steps read.
 */
import { windowDayCount, type DateWindow } from '../../domain/window';
import { covers } from './coverage';
import type { Coverage } from './ledger-store';

/** How many days a window's ledger coverage holds, and whether that is all of it. */
export interface WindowCoverage {
  /** first and last covered date within the window; null when none is */
  from: string | null;
  to: string | null;
  /** covered days of the window */
  days: number;
  /** covered days / days of the window, 0 to 1 */
  share: number;
  complete: boolean;
}

const DAY_MS = 86_400_000;

/** `date` moved by `days` (ISO dates, calendar arithmetic in UTC). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The sub-window the next step reads toward `window`, or null when the coverage holds it. Later
 * days first: a gap after the coverage (a coverage that ended in the past), then the days before
 * it. `stepDays` caps the step's size.
 */
export function nextStep(coverage: Coverage | null, window: DateWindow, stepDays: number): DateWindow | null {
  if (covers(coverage, window)) return null;
  const size = Math.max(1, Math.floor(stepDays));
  const earliest = (date: string) => (date < window.from ? window.from : date);
  if (coverage === null) return { from: earliest(addDays(window.to, 1 - size)), to: window.to };
  if (coverage.to !== null && window.to > coverage.to) {
    const to = addDays(coverage.to, size);
    return { from: addDays(coverage.to, 1), to: to < window.to ? to : window.to };
  }
  return { from: earliest(addDays(coverage.from, -size)), to: addDays(coverage.from, -1) };
}

/** The part of `window` a coverage holds. */
export function windowCoverage(coverage: Coverage | null, window: DateWindow): WindowCoverage {
  const total = windowDayCount(window);
  if (coverage === null) return { from: null, to: null, days: 0, share: 0, complete: false };
  const from = coverage.from > window.from ? coverage.from : window.from;
  const to = coverage.to === null || coverage.to > window.to ? window.to : coverage.to;
  if (from > to) return { from: null, to: null, days: 0, share: 0, complete: false };
  const days = windowDayCount({ from, to });
  return { from, to, days, share: days / total, complete: days === total };
}
