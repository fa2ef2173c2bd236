/**
 * Calendar windows as the API takes them: inclusive `YYYY-MM-DD` dates in the shop's time zone
 * (schema.graphql, `DateRange`). Arithmetic runs on UTC midnights so a day is always a day.
 */
import type { DateRange, Granularity } from './generated/graphql';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The largest window the API accepts (src/metrics/window.ts, MAX_WINDOW_DAYS). */
export const MAX_WINDOW_DAYS = 1096;

/**
 * The first day the API accepts (src/metrics/window.ts, EARLIEST_DATE): TikTok Shop has no data
 * before it. A link's `from`/`to` are checked against it and against tomorrow before anything is
 * asked, so a crafted link cannot send a signed-in user's key after a window of centuries.
 */
export const EARLIEST_DATE = '2020-01-01';

/** Tomorrow in the zone furthest ahead (UTC+14): no shop's tomorrow is later. */
function tomorrowAnywhere(now: Date): string {
  return fromEpochDay(Math.floor((now.getTime() + 14 * 3_600_000) / DAY_MS) + 1);
}

function toEpochDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date where the shop is, which is where its metric days are cut. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `date` moved by `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Number of days in a window, both ends counted. */
export function lengthInDays(range: DateRange): number {
  return toEpochDay(range.to) - toEpochDay(range.from) + 1;
}

/** The last `days` days up to and including `today`. */
export function lastDays(days: number, today: string): DateRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The window of the same length that ends the day before `range` starts. */
export function previousPeriod(range: DateRange): DateRange {
  const days = lengthInDays(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/**
 * Why a window cannot be asked for, or null when it can.
 * @param today the shop's today, when known (its tomorrow is the last day); else the latest anywhere
 */
export function rangeProblem(range: DateRange, today?: string, now: Date = new Date()): string | null {
  for (const [label, value] of [
    ['From', range.from],
    ['To', range.to],
  ] as const) {
    if (!ISO_DATE.test(value) || Number.isNaN(toEpochDay(value))) return `${label} is not a date.`;
  }
  if (range.from > range.to) return 'From must be on or before To.';
  if (lengthInDays(range) > MAX_WINDOW_DAYS) return `A window can cover at most ${MAX_WINDOW_DAYS} days.`;
  if (range.from < EARLIEST_DATE) return `From is before ${EARLIEST_DATE}: TikTok Shop has no data that old.`;
  const latest = today ? addDays(today, 1) : tomorrowAnywhere(now);
  if (range.to > latest) return `To is after tomorrow (${latest}).`;
  return null;
}

/** `2026-11-19 – 2026-11-25` (an en dash, as ranges are written). */
export function describeRange(range: DateRange): string {
  return range.from === range.to ? range.from : `${range.from} – ${range.to}`;
}

/**
 * The chart's buckets for a window: days up to about a quarter, ISO weeks up to a year, months
 * beyond, so a long window stays within the API's cost limit and the chart stays readable.
 */
export function granularityFor(range: DateRange): Granularity {
  const days = lengthInDays(range);
  return days <= 92 ? 'DAY' : days <= 366 ? 'WEEK' : 'MONTH';
}
