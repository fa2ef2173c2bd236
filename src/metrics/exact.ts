/**
 * Exact intermediate results of metric computation: either an unrounded value with the notes
 * its formula must show (rates used), or the reason it is unavailable. Null reasons propagate
 * through arithmetic, so a metric built from an unavailable one says why.
 *
 * @see docs/metrics.md
 */
import { convertSums, type FxRateTable } from './fx';
import { divide, parseDecimal, zero, type Decimal } from '../domain/money';

/** An exact, unrounded value and its formula notes, or the reason there is none. */
export type Exact = { ok: true; value: Decimal; notes: readonly string[] } | { ok: false; reason: string };

/** An available value. */
export function known(value: Decimal, notes: readonly string[] = []): Exact {
  return { ok: true, value, notes };
}

/** An available integer count. */
export function count(n: number): Exact {
  return known(parseDecimal(String(n)));
}

/** An unavailable value and why. */
export function unavailable(reason: string): Exact {
  return { ok: false, reason };
}

function mergeNotes(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * Sums amounts per currency, never across currencies. Every currency seen gets an entry, even
 * when its amounts are all null, so a mismatch is still visible to the caller.
 *
 * @param items - the rows to sum
 * @param currency - a row's ISO code
 * @param amount - a row's decimal string amount; null adds nothing
 */
export function sumByCurrency<T>(items: Iterable<T>, currency: (item: T) => string, amount: (item: T) => string | null): Map<string, Decimal> {
  const sums = new Map<string, Decimal>();
  for (const item of items) {
    const code = currency(item);
    const value = amount(item);
    const sum = sums.get(code) ?? zero();
    sums.set(code, value === null ? sum : sum.plus(parseDecimal(value)));
  }
  return sums;
}

/** Per-currency sums of two sets of per-currency sums (every currency of either kept). */
export function addSums(a: ReadonlyMap<string, Decimal>, b: ReadonlyMap<string, Decimal>): Map<string, Decimal> {
  const sums = new Map(a);
  for (const [code, value] of b) sums.set(code, (sums.get(code) ?? zero()).plus(value));
  return sums;
}

/** The only currency of per-currency sums, if there is exactly one. */
export function soleCurrency(sums: ReadonlyMap<string, Decimal>): string | undefined {
  return sums.size === 1 ? [...sums.keys()][0] : undefined;
}

/** Whether every per-currency sum is zero (including when there are none). */
export function isAllZero(sums: ReadonlyMap<string, Decimal>): boolean {
  return [...sums.values()].every((value) => value.isZero());
}

/**
 * Per-currency sums as one amount in `target`, converted with the fixed rate table if needed
 * (docs/metrics.md: different currencies are combined only through a configured rate table, and the
 * rate used is reported).
 *
 * @param what - what the money is, for the null reason ("orders", "ad money", ...)
 */
export function inCurrency(sums: ReadonlyMap<string, Decimal>, target: string, rates: FxRateTable | undefined, what: string): Exact {
  const converted = convertSums(sums, target, rates);
  if (!converted.ok) {
    return unavailable(`${what} in ${converted.missing.join(', ')} cannot be combined with ${target} without a fixed rate table`);
  }
  const notes = converted.ratesUsed.length > 0 ? [`converted at ${converted.ratesUsed.join(', ')} (fixed rate table)`] : [];
  return known(converted.value, notes);
}

/**
 * `numerator / denominator`, exact.
 *
 * @param zeroReason - the null reason when the denominator is zero
 */
export function ratio(numerator: Exact, denominator: Exact, zeroReason: string): Exact {
  if (!numerator.ok) return numerator;
  if (!denominator.ok) return denominator;
  const value = divide(numerator.value, denominator.value);
  return value === null ? unavailable(zeroReason) : known(value, mergeNotes(numerator.notes, denominator.notes));
}

/** `minuend − subtrahend`, exact. */
export function difference(minuend: Exact, subtrahend: Exact): Exact {
  if (!minuend.ok) return minuend;
  if (!subtrahend.ok) return subtrahend;
  return known(minuend.value.minus(subtrahend.value), mergeNotes(minuend.notes, subtrahend.notes));
}
