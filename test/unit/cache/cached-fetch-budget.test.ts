/**
 * The cache under a request's budget (issue 17, finding 7): past the budget a waiting request gets
 * the copy kept for upstream failures, or a BudgetExceededError; the load goes on for the others,
 * with the longest budget of those waiting; a background refresh has none.
 */
import { CachedFetcher, requestView, type LoadContext } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { BudgetExceededError, budgetOf } from '../../../src/upstream/abort';

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

/** A load that answers only when told to. */
function pending<T>() {
  const contexts: LoadContext[] = [];
  let release!: (value: T) => void;
  const load = jest.fn((context: LoadContext) => {
    contexts.push(context);
    return new Promise<T>((resolve) => (release = resolve));
  });
  return { load, contexts, release: (value: T) => release(value) };
}

const fetcher = (sie = 60_000, swr = 0) => new CachedFetcher(new MemoryCacheStore(100), { staleIfErrorMs: sie, staleWhileRevalidateMs: swr });

describe('CachedFetcher with a budget', () => {
  it('answers the kept copy at the budget, stale; the load goes on and fills the cache', async () => {
    const cache = fetcher();
    await cache.fetch('v2:app:shop:1:orders:q', { ttlMs: 1000 }, async () => 'old');
    await jest.advanceTimersByTimeAsync(2000);
    const hung = pending<string>();
    const stale: string[] = [];
    const view = requestView(cache, { budget: budgetOf(3000), onStale: (k) => stale.push(k) });
    const answer = view.fetch('v2:app:shop:1:orders:q', { ttlMs: 1000 }, hung.load);
    await jest.advanceTimersByTimeAsync(3000);
    await expect(answer).resolves.toMatchObject({ value: 'old', stale: true, staleReason: 'upstream_error' });
    expect(stale).toEqual(['v2:app:shop:1:orders:q']);
    hung.release('new');
    await jest.advanceTimersByTimeAsync(0);
    await expect(cache.fetch('v2:app:shop:1:orders:q', { ttlMs: 1000 }, hung.load)).resolves.toMatchObject({ value: 'new', stale: false });
    expect(hung.load).toHaveBeenCalledTimes(1);
  });

  it('fails at the budget with a BudgetExceededError naming what it waited for, when no copy is kept', async () => {
    const cache = fetcher();
    const hung = pending<string>();
    const answer = cache.fetch('v2:ads:7:adv:42:campaigns', { ttlMs: 1000 }, hung.load, { budget: budgetOf(500) });
    const failure = expect(answer).rejects.toMatchObject({ name: 'UpstreamError', kind: 'unavailable', details: { api: 'marketing' } });
    await jest.advanceTimersByTimeAsync(500);
    await failure;
    await expect(answer).rejects.toBeInstanceOf(BudgetExceededError);
    await expect(answer).rejects.toThrow(/time budget \(campaigns\)/);
    // Spent already: a further fetch of this request answers at once.
    await expect(cache.fetch('v2:app:shop:1:products:q', { ttlMs: 1000 }, hung.load, { budget: budgetOf(-1) })).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it('gives a shared load the longest budget of those waiting, and none when background work joins', async () => {
    const cache = fetcher();
    const hung = pending<string>();
    const first = cache.fetch('k', { ttlMs: 1000 }, hung.load, { budget: budgetOf(1000) }).catch(() => 'gave up');
    const second = cache.fetch('k', { ttlMs: 1000 }, hung.load, { budget: budgetOf(5000) });
    await jest.advanceTimersByTimeAsync(0);
    expect(hung.load).toHaveBeenCalledTimes(1);
    const [context] = hung.contexts;
    expect(context!.budget.remaining()).toBe(5000);
    await jest.advanceTimersByTimeAsync(1000);
    await expect(first).resolves.toBe('gave up');
    hung.release('v');
    await expect(second).resolves.toMatchObject({ value: 'v' });
    const third = pending<string>();
    void cache.fetch('j', { ttlMs: 1000 }, third.load, { budget: budgetOf(1000) }).catch(() => undefined);
    void cache.fetch('j', { ttlMs: 1000 }, third.load);
    await jest.advanceTimersByTimeAsync(0);
    expect(third.contexts[0]!.budget.at).toBe(Number.POSITIVE_INFINITY);
    third.release('w');
  });

  it('refreshes in the background with no budget, whatever the request that triggered it had', async () => {
    const cache = fetcher(60_000, 30_000);
    await cache.fetch('k', { ttlMs: 1000 }, async () => 'old');
    await jest.advanceTimersByTimeAsync(1500);
    const refresh = pending<string>();
    await expect(cache.fetch('k', { ttlMs: 1000 }, refresh.load, { budget: budgetOf(100) })).resolves.toMatchObject({ staleReason: 'revalidating' });
    await jest.advanceTimersByTimeAsync(0);
    expect(refresh.contexts[0]!.budget.at).toBe(Number.POSITIVE_INFINITY);
    refresh.release('new');
  });

  it('keeps what it is handed past its freshness, for the stale-if-error window', async () => {
    const cache = fetcher(60_000);
    await cache.put('order', { id: '1' }, 1000);
    await expect(cache.fallback('order', { ttlMs: 1000 })).resolves.toMatchObject({ value: { id: '1' }, stale: false });
    await jest.advanceTimersByTimeAsync(30_000);
    expect(await cache.peek('order')).toBeUndefined();
    await expect(cache.fallback('order', { ttlMs: 1000 })).resolves.toMatchObject({ value: { id: '1' }, stale: true, staleReason: 'upstream_error' });
    await jest.advanceTimersByTimeAsync(40_000);
    await expect(cache.fallback('order', { ttlMs: 1000 })).resolves.toBeUndefined();
  });
});
