/**
 * Calendar-day ranges for report queries. Report dates are plain `YYYY-MM-DD` days in the
 * advertiser's time zone and both ends are INCLUSIVE, so the arithmetic here is on calendar days
 * (via UTC midnight) and never on instants.
 */

/** An inclusive range of calendar days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toEpochDay(day: string): number {
  const ms = DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls "2026-02-30" over to March; comparing back catches impossible dates.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  }
  return ms / DAY_MS;
}

function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** Number of days in an inclusive range (1 when `from === to`). */
export function daysIn(range: DayRange): number {
  return toEpochDay(range.to) - toEpochDay(range.from) + 1;
}

/**
 * Checks a range and returns it.
 * @throws RangeError when a day is malformed or `from` is after `to`
 */
export function checkRange(range: DayRange): DayRange {
  if (daysIn(range) < 1) throw new RangeError(`range starts after it ends: ${range.from} > ${range.to}`);
  return range;
}

/**
 * Splits an inclusive range into consecutive chunks of at most `maxDays` days, because
 * `report/integrated/get/` refuses more than 30 days with the `stat_time_day` dimension.
 */
export function splitRange(range: DayRange, maxDays: number): DayRange[] {
  const first = toEpochDay(checkRange(range).from);
  const last = toEpochDay(range.to);
  const chunks: DayRange[] = [];
  for (let start = first; start <= last; start += maxDays) {
    chunks.push({ from: fromEpochDay(start), to: fromEpochDay(Math.min(last, start + maxDays - 1)) });
  }
  return chunks;
}

/** Halves a range of two or more days (the first half gets the extra day of an odd count). */
export function halveRange(range: DayRange): [DayRange, DayRange] {
  const first = toEpochDay(range.from);
  const mid = first + Math.ceil(daysIn(range) / 2) - 1;
  return [
    { from: range.from, to: fromEpochDay(mid) },
    { from: fromEpochDay(mid + 1), to: range.to },
  ];
}
