/**
 * Sorted views of a shop's orders, returns and cancellations, rebuilt only after the data changed
 * (live mode bumps `ShopState.revision`): a search then slices its time range by binary search and
 * pages without sorting, as TikTok's indexed search answers in about the same time whatever the
 * shop's size. Answers and page tokens are exactly those of sorting on every call.
 */
import { compareIds } from './paging';
import type { ShopState } from './state';

export interface Timed {
  create_time: number;
  update_time: number;
}

export type TimeField = keyof Timed;

interface Views<T> {
  revision: number;
  byField: Partial<Record<TimeField, T[]>>;
}

const views = new WeakMap<ReadonlyMap<string, Timed>, Views<Timed>>();

/** `items` ascending by (`field`, id), cached until the shop's revision moves. */
export function sortedBy<T extends Timed>(shop: ShopState, items: ReadonlyMap<string, T>, field: TimeField, id: (item: T) => string): T[] {
  let cached = views.get(items) as Views<T> | undefined;
  if (!cached || cached.revision !== shop.revision) {
    cached = { revision: shop.revision, byField: {} };
    views.set(items, cached as Views<Timed>);
  }
  let sorted = cached.byField[field];
  if (!sorted) {
    sorted = [...items.values()].sort((a, b) => a[field] - b[field] || compareIds(id(a), id(b)));
    cached.byField[field] = sorted;
  }
  return sorted;
}

/** The first index of `sorted` (ascending by `field`) whose `field` is at least `value`. */
function firstAtLeast(sorted: readonly Timed[], field: TimeField, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Timed)[field] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The part of `sorted` (ascending by `field`) with `ge <= field < lt`; a bound left out is open. */
export function timeSlice<T extends Timed>(sorted: readonly T[], field: TimeField, ge: number | undefined, lt: number | undefined): readonly T[] {
  if (ge === undefined && lt === undefined) return sorted;
  const from = ge === undefined ? 0 : firstAtLeast(sorted, field, ge);
  const to = lt === undefined ? sorted.length : firstAtLeast(sorted, field, lt);
  return sorted.slice(from, Math.max(from, to));
}
