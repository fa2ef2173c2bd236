/**
 * The day entries a window reads, and the guarantee that makes an eviction detectable: every
 * covered day up to today has entries (empty days included), so a missing one was evicted.
 */
import { aggregateDay, type DayAggregate } from '../day-aggregate';
import { windowDays, type DateWindow } from '../../domain/window';
import { LedgerEvictedError } from './ledger-errors';
import type { GenerationStore, LedgerState } from './ledger-store';

/** The dates whose entries must exist. */
export function materialized(state: LedgerState): { from: string; to: string } | null {
  return state.coverage && state.materializedTo !== null ? { from: state.coverage.from, to: state.materializedTo } : null;
}

/**
 * Writes an empty aggregate for each covered day up to `today` that has none (no order was
 * counted on it: every batch writes the aggregates of the days it changes).
 *
 * @param before - the range materialized before: its days are not looked at again
 * @returns the state with its new `materializedTo`
 */
export async function materializeDays(
  gen: GenerationStore,
  state: LedgerState,
  today: string,
  before: { from: string; to: string } | null,
): Promise<LedgerState> {
  if (!state.coverage) return state;
  const to = state.coverage.to !== null && state.coverage.to < today ? state.coverage.to : today;
  if (to < state.coverage.from) return state;
  const missing = windowDays({ from: state.coverage.from, to }).filter((d) => !before || d < before.from || d > before.to);
  await Promise.all(
    missing.map(async (date) => {
      if (await gen.aggregate(date)) return;
      await gen.write(new Map(), [aggregateDay([], new Map(), date, state.currency)]);
    }),
  );
  return { ...state, materializedTo: before && before.to > to ? before.to : to };
}

/**
 * The aggregate of every date of a window (through the day cache, for the state's revision); a
 * day without one is empty, unless it was materialized.
 *
 * @throws {@link LedgerEvictedError} when a materialized day's aggregate is gone
 */
export async function readDays(gen: GenerationStore, state: LedgerState, window: DateWindow): Promise<Map<string, DayAggregate>> {
  const range = materialized(state);
  const dates = windowDays(window);
  const found = await gen.aggregates(dates, state.revision);
  return new Map(
    dates.map((date, i) => {
      const aggregate = found[i];
      if (aggregate) return [date, aggregate];
      if (range && range.from <= date && date <= range.to) throw new LedgerEvictedError(`aggregate of ${date} is missing`);
      return [date, aggregateDay([], new Map(), date, state.currency)];
    }),
  );
}

/**
 * A window answered from day aggregates already in memory, while the store cannot be read: every
 * day the state had materialized must be there (other days are empty, as in {@link readDays}).
 * @returns null when one is missing
 */
export function daysInMemory(
  state: LedgerState,
  window: DateWindow,
  cached: (dates: readonly string[]) => (DayAggregate | undefined)[],
): Map<string, DayAggregate> | null {
  const range = materialized(state);
  const dates = windowDays(window);
  const found = cached(dates);
  const days = new Map<string, DayAggregate>();
  for (const [i, date] of dates.entries()) {
    const aggregate = found[i];
    if (!aggregate && range && range.from <= date && date <= range.to) return null;
    days.set(date, aggregate ?? aggregateDay([], new Map(), date, state.currency));
  }
  return days;
}
