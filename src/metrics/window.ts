/**
 * Metric windows: inclusive calendar-date ranges in the shop's time zone, and their DAY, WEEK
 * and MONTH buckets (metrics.md, "The window").
 *
 * Calendar arithmetic is done on UTC midnights so that a date is a date: daylight-saving changes
 * only matter when an instant (a `paid_time`) is mapped to a date, in {@link localDate} and
 * {@link windowBounds}.
 *
 * @see /work/shared/spec/metrics.md
 */
import { DateTime, IANAZone } from 'luxon';

/** An inclusive range of calendar dates, both `YYYY-MM-DD`. */
export interface DateWindow {
  from: string;
  to: string;
}

/** How a series splits its window; WEEK is an ISO week, Monday first. */
export type Granularity = 'DAY' | 'WEEK' | 'MONTH';

/** Why a window was rejected, as a value the caller can turn into a user-facing error. */
export type WindowProblem =
  | { code: 'INVALID_DATE'; field: 'from' | 'to'; value: string; message: string }
  | { code: 'FROM_AFTER_TO'; from: string; to: string; message: string };

/** Thrown by functions that need a valid window and were given an invalid one. */
export class InvalidWindowError extends Error {
  override readonly name = 'InvalidWindowError';

  /** @param problem - what exactly is wrong, as {@link validateWindow} reports it */
  constructor(readonly problem: WindowProblem) {
    super(problem.message);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string): DateTime<true> | null {
  // The regex refuses the other shapes luxon's ISO parser tolerates (week dates, ordinals,
  // times); luxon then refuses impossible dates such as 2024-02-30.
  if (!ISO_DATE.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid ? parsed : null;
}

function requireDate(value: string): DateTime<true> {
  const parsed = parseDate(value);
  if (parsed === null) throw new RangeError(`not a calendar date: ${value}`);
  return parsed;
}

/**
 * Checks a window.
 *
 * @param window - the window to check
 * @returns null when valid; otherwise the first problem, naming the offending field
 */
export function validateWindow(window: DateWindow): WindowProblem | null {
  for (const field of ['from', 'to'] as const) {
    const value = window[field];
    if (parseDate(value) === null) {
      return {
        code: 'INVALID_DATE',
        field,
        value,
        message: `window.${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`,
      };
    }
  }
  if (window.from > window.to) {
    return {
      code: 'FROM_AFTER_TO',
      from: window.from,
      to: window.to,
      message: `window.from (${window.from}) is after window.to (${window.to})`,
    };
  }
  return null;
}

/**
 * Throws unless the window is valid.
 *
 * @throws {@link InvalidWindowError} carrying the {@link WindowProblem}
 */
export function assertValidWindow(window: DateWindow): void {
  const problem = validateWindow(window);
  if (problem !== null) throw new InvalidWindowError(problem);
}

/**
 * Whether a calendar date lies in a window. Plain string comparison is exact because both are
 * zero-padded `YYYY-MM-DD`.
 */
export function dateInWindow(date: string, window: DateWindow): boolean {
  return window.from <= date && date <= window.to;
}

/** Zones found valid (a handful per process): luxon's check costs as much as the date itself. */
const validZones = new Set<string>();

function requireZone(timeZone: string): void {
  if (validZones.has(timeZone)) return;
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`unknown IANA time zone: ${timeZone}`);
  if (validZones.size < 1000) validZones.add(timeZone);
}

/**
 * The calendar date of an instant in a time zone; an order's window is the date of its
 * `paid_time` in the shop's zone (metrics.md).
 *
 * @param unixSeconds - the instant
 * @param timeZone - IANA zone, e.g. `America/Los_Angeles`
 * @returns `YYYY-MM-DD`
 * @throws RangeError for an unknown time zone or an instant luxon cannot represent
 */
export function localDate(unixSeconds: number, timeZone: string): string {
  requireZone(timeZone);
  const instant = DateTime.fromSeconds(unixSeconds, { zone: timeZone });
  if (!instant.isValid) throw new RangeError(`not a representable instant: ${unixSeconds}`);
  return instant.toISODate();
}

/**
 * The instants a window covers in a time zone, for selecting orders by `paid_time`. A day is
 * not always 24 hours: across a daylight-saving change it is 23 or 25.
 *
 * @param window - a valid window
 * @param timeZone - IANA zone of the shop
 * @returns `[start, end)` in unix seconds: local midnight of `from` to local midnight after `to`
 * @throws {@link InvalidWindowError} or RangeError for an unknown time zone
 */
export function windowBounds(window: DateWindow, timeZone: string): { start: number; end: number } {
  assertValidWindow(window);
  requireZone(timeZone);
  const start = DateTime.fromISO(window.from, { zone: timeZone }).startOf('day');
  const end = DateTime.fromISO(window.to, { zone: timeZone }).plus({ days: 1 }).startOf('day');
  return { start: start.toSeconds(), end: end.toSeconds() };
}

/**
 * Every date of a window, in order.
 *
 * @throws {@link InvalidWindowError}
 */
export function windowDays(window: DateWindow): string[] {
  return bucketize(window, 'DAY').map((bucket) => bucket.from);
}

/** Days from a date to the last day of its bucket; WEEK is the ISO week, so it ends on Sunday. */
function daysToBucketEnd(date: DateTime<true>, granularity: Granularity): number {
  switch (granularity) {
    case 'DAY':
      return 0;
    case 'WEEK':
      return 7 - date.weekday;
    case 'MONTH':
      return date.daysInMonth - date.day;
  }
}

/**
 * Splits a window into consecutive buckets, ISO weeks being Monday first, the first and last
 * buckets clipped to the window (metrics.md, "The window").
 *
 * @param window - a valid window
 * @param granularity - bucket size
 * @returns buckets in order, covering every date of the window exactly once
 * @throws {@link InvalidWindowError}
 */
export function bucketize(window: DateWindow, granularity: Granularity): DateWindow[] {
  assertValidWindow(window);
  const buckets: DateWindow[] = [];
  // Plain day arithmetic: luxon's endOf()/toFormat() cost ~50µs a call, too slow for the
  // hundreds of buckets a long DAY series has.
  let cursor = requireDate(window.from);
  for (;;) {
    const end = cursor.plus({ days: daysToBucketEnd(cursor, granularity) });
    const endDate = end.toISODate();
    const to = endDate < window.to ? endDate : window.to;
    buckets.push({ from: cursor.toISODate(), to });
    if (to === window.to) return buckets;
    cursor = end.plus({ days: 1 });
  }
}

const REGION_TIME_ZONES: Readonly<Record<string, string>> = {
  US: 'America/Los_Angeles', GB: 'Europe/London', ID: 'Asia/Jakarta', JP: 'Asia/Tokyo',
  MY: 'Asia/Kuala_Lumpur', TH: 'Asia/Bangkok', VN: 'Asia/Ho_Chi_Minh', PH: 'Asia/Manila',
  SG: 'Asia/Singapore', MX: 'America/Mexico_City', ES: 'Europe/Madrid', DE: 'Europe/Berlin',
  FR: 'Europe/Paris', IT: 'Europe/Rome', IE: 'Europe/Dublin', BR: 'America/Sao_Paulo',
};

/**
 * The default shop time zone of a TikTok Shop region, used when a shop has none configured
 * (metrics.md: "default from its region").
 *
 * @param region - ISO 3166-1 alpha-2 region code, any case
 * @returns an IANA zone; `UTC` for regions not in the table
 */
export function defaultTimeZoneForRegion(region: string): string {
  return REGION_TIME_ZONES[region.toUpperCase()] ?? 'UTC';
}
