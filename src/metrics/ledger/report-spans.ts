/**
 * Which day ranges to ask a report for, given the days the ad ledger needs. TikTok answers at
 * most 30 days per `report/integrated/get/` call with `stat_time_day` (the Marketing client cuts
 * longer ranges into 30-day chunks), so a range of n days costs ⌈n / 30⌉ calls.
 *
 * @see docs/tiktok-api.md ("report/integrated/get": span limits)
 */
import type { DayRange } from '../../datasources/marketing/date-range';

const DAY_MS = 86_400_000;
const epochDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Runs of consecutive days, from sorted distinct `YYYY-MM-DD` dates. */
function runs(dates: readonly string[]): { from: string; to: string; first: number; last: number }[] {
  const out: { from: string; to: string; first: number; last: number }[] = [];
  for (const date of dates) {
    const day = epochDay(date);
    const run = out[out.length - 1];
    if (run && day === run.last + 1) Object.assign(run, { to: date, last: day });
    else out.push({ from: date, to: date, first: day, last: day });
  }
  return out;
}

/**
 * The ranges that cover `dates` in the fewest calls. A range may span days not asked for (read
 * again, harmlessly) when that saves a call: missing days 1–5 and 9–12 cost one call as 1–12 and
 * two apart. Among plans with the fewest calls, the one reading the fewest days wins, so runs
 * further apart than that are asked for exactly.
 *
 * @param dates - sorted, distinct days
 * @param maxDays - days one call may span
 */
export function planSpans(dates: readonly string[], maxDays: number): DayRange[] {
  const all = runs(dates);
  // best[j]: the cheapest cover of the first j runs, whose last range starts at run `start`.
  const best: { calls: number; days: number; start: number }[] = [{ calls: 0, days: 0, start: 0 }];
  for (let j = 1; j <= all.length; j++) {
    for (let i = 0; i < j; i++) {
      const before = best[i]!;
      const days = all[j - 1]!.last - all[i]!.first + 1;
      const option = { calls: before.calls + Math.ceil(days / maxDays), days: before.days + days, start: i };
      const current = best[j];
      if (!current || option.calls < current.calls || (option.calls === current.calls && option.days < current.days)) best[j] = option;
    }
  }
  const spans: DayRange[] = [];
  for (let j = all.length; j > 0; j = best[j]!.start) spans.unshift({ from: all[best[j]!.start]!.from, to: all[j - 1]!.to });
  return spans;
}
