/**
 * The portfolio query's paging and pacing: a page of shops in id order, read a bounded number at
 * a time, so 1,000 shops never hold 1,000 windows in flight (docs/capacity.md).
 */
/** Shops' windows read at once by one portfolio query. */
export const PORTFOLIO_CONCURRENCY = 16;

/** Shop ids in order: TikTok's are decimal strings (by length, then digits); any other by code unit. */
export function compareIds(a: string, b: string): number {
  const decimal = /^\d+$/;
  if (decimal.test(a) && decimal.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The shops of one page: in id order, after `after`, at most `first`. Without either, every shop
 * in the order given (what callers before paging got).
 */
export function portfolioPage<S extends { id: string }>(shops: readonly S[], first: number | null, after: string | null): S[] {
  if (first === null && after === null) return [...shops];
  const sorted = [...new Map(shops.map((s) => [s.id, s])).values()].sort((a, b) => compareIds(a.id, b.id));
  const rest = after === null ? sorted : sorted.filter((s) => compareIds(s.id, after) > 0);
  return first === null ? rest : rest.slice(0, first);
}

/** `work` over the items with at most `limit` at once; results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
