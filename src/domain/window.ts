/**
 * Metric windows: inclusive calendar-date ranges in the shop's time zone, and their DAY, WEEK
 * and MONTH buckets (docs/metrics.md, "The window").
 *
 * Calendar arithmetic is done on UTC midnights so that a date is a date: daylight-saving changes
 * only matter when an instant (a `paid_time`) is mapped to a date, in {@link localDate} and
 * {@link windowBounds}.
 *
 * @see docs/metrics.md
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
  | { code: 'FROM_AFTER_TO'; from: string; to: string; message: string }
  | { code: 'OUT_OF_RANGE'; field: 'from' | 'to'; value: string; message: string }
  | { code: 'TOO_LONG'; days: number; message: string };

/** What {@link validateWindow} can find wrong (the length is a client's limit, not the window's). */
export type WindowShapeProblem = Exclude<WindowProblem, { code: 'TOO_LONG' }>;

/**
 * The first day a window may touch. TikTok Shop opened to sellers in 2021 (Indonesia and the UK
 * first; docs/tiktok-api.md), so no shop has a day of data before it; a year of margin keeps the
 * floor clear of any market's launch. Every window ShopGraph's ledgers fill is bounded by this
 * day and by tomorrow: a ledger extends its coverage to a window's first day, and a window in
 * year 1 once made it fill 740,000 days (issue 17, finding 2).
 */
export const EARLIEST_DATE = '2020-01-01';

/** Longest window a client may ask for (three years: TikTok keeps about that much reporting). */
export const MAX_WINDOW_DAYS = 1096;

/** UTC+14 (Kiritimati) is the zone furthest ahead: its tomorrow is the latest "tomorrow" anywhere. */
const FURTHEST_AHEAD_MS = 14 * 3_600_000;
const DAY_SECONDS = 86_400;

/**
 * The last day a window may reach: tomorrow in `timeZone` (a shop's days), or anywhere on Earth
 * when no zone is given (plain UTC arithmetic: this runs on every ledger read).
 */
export function latestDate(nowMs: number, timeZone?: string): string {
  if (timeZone === undefined) return new Date(nowMs + FURTHEST_AHEAD_MS + DAY_SECONDS * 1000).toISOString().slice(0, 10);
  return localDate(Math.floor(nowMs / 1000) + DAY_SECONDS, timeZone);
}

/** A window's days outside [{@link EARLIEST_DATE}, latest]; null when it has none. */
function outOfRange(window: DateWindow, latest: string, which: string): WindowShapeProblem | null {
  if (window.from < EARLIEST_DATE) {
    return {
      code: 'OUT_OF_RANGE',
      field: 'from',
      value: window.from,
      message: `window.from (${window.from}) is before ${EARLIEST_DATE}: TikTok Shop has no data that old`,
    };
  }
  if (window.to > latest) {
    return { code: 'OUT_OF_RANGE', field: 'to', value: window.to, message: `window.to (${window.to}) is after tomorrow (${latest}${which})` };
  }
  return null;
}

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

/** A window's shape: both dates real calendar dates, `from` not after `to`. */
function shapeProblem(window: DateWindow): WindowShapeProblem | null {
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
 * How far past tomorrow an internal caller's window may reach. Clients are held to tomorrow at
 * the door ({@link requestWindowProblem}, {@link assertWindowExists}); inside, ledgers and
 * simulations run on clocks of their own (a test's, the emulator's), so this bound only has to
 * keep a ledger's span finite: with the floor, under 3,000 days whatever a caller asks.
 */
const INTERNAL_AHEAD_DAYS = 366;
const INTERNAL_AHEAD_MS = INTERNAL_AHEAD_DAYS * 86_400_000;

/**
 * Checks a window: real dates, in order, and within what can exist — not before
 * {@link EARLIEST_DATE} nor past a year after tomorrow. Every ledger entry point asserts this, so
 * no caller, internal ones included, can make a ledger fill more than a bounded span of days.
 *
 * @param window - the window to check
 * @param nowMs - the clock that "tomorrow" is read from @default Date.now()
 * @returns null when valid; otherwise the first problem, naming the offending field
 */
export function validateWindow(window: DateWindow, nowMs: number = Date.now()): WindowShapeProblem | null {
  return shapeProblem(window) ?? outOfRange(window, latestDate(nowMs + INTERNAL_AHEAD_MS), ` anywhere, plus ${INTERNAL_AHEAD_DAYS} days`);
}

/**
 * Checks a window a client asked for: {@link validateWindow}, and at most
 * {@link MAX_WINDOW_DAYS} long (the length is reported before the bounds: it is what to fix).
 */
export function requestWindowProblem(window: DateWindow, nowMs: number = Date.now()): WindowProblem | null {
  const shape = shapeProblem(window);
  if (shape) return shape;
  const days = windowDayCount(window);
  if (days > MAX_WINDOW_DAYS) return { code: 'TOO_LONG', days, message: `covers ${days} days; at most ${MAX_WINDOW_DAYS} are allowed` };
  return outOfRange(window, latestDate(nowMs), ' anywhere');
}

/**
 * Throws unless the window is valid and ends no later than tomorrow in `timeZone`, the shop's
 * (or advertiser's) own: where a metrics window enters the service.
 *
 * @throws {@link InvalidWindowError}
 */
export function assertWindowExists(window: DateWindow, timeZone: string, nowMs: number): void {
  const problem = shapeProblem(window) ?? outOfRange(window, latestDate(nowMs, timeZone), ` in ${timeZone}`);
  if (problem !== null) throw new InvalidWindowError(problem);
}

/** Days of a valid window, both ends counted, without listing them. */
export function windowDayCount(window: DateWindow): number {
  return Math.round((Date.parse(`${window.to}T00:00:00Z`) - Date.parse(`${window.from}T00:00:00Z`)) / 86_400_000) + 1;
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
 * `paid_time` in the shop's zone (docs/metrics.md).
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
 * buckets clipped to the window (docs/metrics.md, "The window").
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
  US: 'America/Los_Angeles',
  GB: 'Europe/London',
  ID: 'Asia/Jakarta',
  JP: 'Asia/Tokyo',
  MY: 'Asia/Kuala_Lumpur',
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  PH: 'Asia/Manila',
  SG: 'Asia/Singapore',
  MX: 'America/Mexico_City',
  ES: 'Europe/Madrid',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  IT: 'Europe/Rome',
  IE: 'Europe/Dublin',
  BR: 'America/Sao_Paulo',
};

/**
 * The default shop time zone of a TikTok Shop region, used when a shop has none configured
 * (docs/metrics.md: "default from its region").
 *
 * @param region - ISO 3166-1 alpha-2 region code, any case
 * @returns an IANA zone; `UTC` for regions not in the table
 */
export function defaultTimeZoneForRegion(region: string): string {
  return REGION_TIME_ZONES[region.toUpperCase()] ?? 'UTC';
}
