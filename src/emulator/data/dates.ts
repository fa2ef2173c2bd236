/**
 * Calendar helpers: TikTok dates analytics and ad reports by the LOCAL day of a time zone (the
 * shop's for analytics, the advertiser's for ads), while finance statements cut days in UTC.
 */
import { DateTime } from 'luxon';

/** Seconds per day. */
export const DAY = 86400;

/** The `YYYY-MM-DD` local date of a Unix time in `zone`. */
export function localDate(unix: number, zone: string): string {
  return DateTime.fromSeconds(unix, { zone }).toISODate() as string;
}

/** The Unix time of local midnight starting `date` in `zone`. */
export function dayStart(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).startOf('day').toSeconds();
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Every date from `from` to `to`, both inclusive (empty when `from` > `to`). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** `"YYYY-MM-DD HH:MM:SS"` in UTC: how the Marketing API writes create and modify times. */
export function marketingTime(unix: number): string {
  return DateTime.fromSeconds(unix, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm:ss');
}

/** The zone's UTC offset at `unix` in minutes. */
export function offsetMinutes(unix: number, zone: string): number {
  return DateTime.fromSeconds(unix, { zone }).offset;
}
