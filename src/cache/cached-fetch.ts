import { BudgetExceededError, isAbortError, SharedBudget, withinBudget, type Budget } from '../upstream/abort';
import type { CacheEntry, CacheStore } from './cache-store';
import type { FlightLock } from './flight-lock';

/** Freshness rules for one kind of cached answer. */
export interface CachePolicy {
  /** How long an answer is served without asking upstream. 0: single-flight only, nothing kept. */
  ttlMs: number;
  /** How long past `ttlMs` an old answer may still be served if upstream fails. @default the fetcher's */
  staleIfErrorMs?: number;
  /** How long past `ttlMs` an old answer is served at once while one refresh runs. @default the fetcher's */
  staleWhileRevalidateMs?: number;
}

/** The value plus what the caller must tell the client about it. */
export interface CachedValue<T> {
  value: T;
  /** When the value was fetched from upstream (ms since epoch). */
  fetchedAt: number;
  /** True when the value is past its freshness (see `staleReason`). */
  stale: boolean;
  /** Why a stale value was served: it is being refreshed, or upstream failed. */
  staleReason?: 'revalidating' | 'upstream_error';
  /** True when this call went upstream. */
  fromUpstream: boolean;
}

/** What a load is given: the budget of the requests waiting for it (none for background refreshes). */
export interface LoadContext {
  /** Lasts as long as the longest budget of those waiting; pass it to the upstream client the load uses. */
  budget: Budget;
}

/** Per-call options of {@link CachedFetcher.fetch}. */
export interface FetchOptions {
  /**
   * The request's time budget: the answer comes by then — fresh, or a stale copy when one is
   * kept, or a {@link BudgetExceededError}. The load itself goes on for the others waiting for it.
   */
  budget?: Budget;
}

/** Options of {@link CachedFetcher}. */
export interface CachedFetcherOptions {
  /** @default Date.now */
  now?: () => number;
  /** Stale-while-revalidate window of policies that set none. @default 0 */
  staleWhileRevalidateMs?: number;
  /** Stale-if-error window of policies that set none. @default 0 */
  staleIfErrorMs?: number;
  /** Makes single-flight hold across replicas (a Redis lock); in-process only without it. */
  flight?: FlightLock;
  /** How long one replica's load may hold a key before others stop waiting for it. @default 5000 */
  flightLockMs?: number;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Told the outcome of every lookup (metrics): fresh hit, stale answer, or a load. */
  onLookup?: (key: string, result: 'hit' | 'stale' | 'miss') => void;
}

const FIRST_POLL_MS = 5;
const MAX_POLL_MS = 50;

/**
 * Read-through cache with single-flight: concurrent callers of one cold key share one upstream
 * call — in this process through a promise, across replicas through a short lock while the others
 * watch the shared store — and an answer stays fresh for its kind's TTL whoever asks. Keys must
 * already be namespaced by app, shop and resource by the caller.
 */
export class CachedFetcher {
  private readonly inFlight = new Map<string, { answer: Promise<CachedValue<unknown>>; budget: SharedBudget }>();
  /** Stale-while-revalidate refreshes nobody awaits: {@link close} does. */
  private readonly refreshes = new Set<Promise<unknown>>();
  private readonly options: CachedFetcherOptions;
  private readonly now: () => number;

  constructor(
    private readonly store: CacheStore,
    options: CachedFetcherOptions = {},
  ) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async fetch<T>(key: string, policy: CachePolicy, load: (context: LoadContext) => Promise<T>, options: FetchOptions = {}): Promise<CachedValue<T>> {
    const entry = await this.store.get(key);
    const now = this.now();
    const onLookup = this.options.onLookup;
    if (entry && entry.freshUntil > now) {
      onLookup?.(key, 'hit');
      return served(entry, false);
    }
    if (entry && policy.ttlMs > 0 && now < entry.freshUntil + this.swr(policy)) {
      onLookup?.(key, 'stale');
      // Answer now; the refresh runs once (joined by every caller), with no request's budget
      // (nobody waits for it), and its failure is moot.
      const refresh = this.single(key, policy, load, entry, undefined).catch(() => undefined);
      this.refreshes.add(refresh);
      void refresh.finally(() => this.refreshes.delete(refresh));
      return served(entry, 'revalidating');
    }
    onLookup?.(key, 'miss');
    const { budget } = options;
    const answer = this.single(key, policy, load, entry, budget);
    if (!budget) return answer;
    try {
      return await withinBudget(answer, budget, () => new BudgetExceededError(apiOf(key), kindOf(key)));
    } catch (error) {
      // Out of time (the load may go on for others): the copy kept for upstream failures, if any.
      const fallback = error instanceof BudgetExceededError && entry && this.now() < this.staleLimit(entry, policy);
      if (fallback) return served(entry, 'upstream_error');
      throw error;
    }
  }

  /** A fresh cached value, or undefined; never calls upstream. */
  async peek<T>(key: string): Promise<T | undefined> {
    const entry = await this.store.get(key);
    return entry && entry.freshUntil > this.now() ? (entry.value as T) : undefined;
  }

  /**
   * The copy to answer with when upstream failed: fresh, or past its freshness but within the
   * stale-if-error window (flagged stale); undefined when there is none. Never calls upstream.
   */
  async fallback<T>(key: string, policy: CachePolicy): Promise<CachedValue<T> | undefined> {
    const entry = await this.store.get(key);
    if (!entry) return undefined;
    if (entry.freshUntil > this.now()) return served(entry, false);
    return this.now() < entry.freshUntil + this.sie(policy) ? served(entry, 'upstream_error') : undefined;
  }

  /**
   * Stores a value fetched as part of another answer (e.g. an order from a search page), kept
   * past its freshness for the stale-if-error window: {@link fallback} answers with it when
   * upstream fails.
   */
  async put(key: string, value: unknown, ttlMs: number): Promise<void> {
    const storedAt = this.now();
    await this.store.set(key, { value, storedAt, freshUntil: storedAt + ttlMs }, ttlMs + (this.options.staleIfErrorMs ?? 0));
  }

  /** Drops a key (e.g. after a webhook says the order changed). */
  invalidate(key: string): Promise<void> {
    return this.store.delete(key);
  }

  /**
   * Resolves once every background refresh has settled, those started meanwhile included. Call
   * before closing the store, after aborting the clients' lifetime so retries stop at once.
   */
  async close(): Promise<void> {
    while (this.refreshes.size > 0) await Promise.allSettled([...this.refreshes]);
  }

  private swr(policy: CachePolicy): number {
    return policy.staleWhileRevalidateMs ?? this.options.staleWhileRevalidateMs ?? 0;
  }

  private sie(policy: CachePolicy): number {
    return policy.staleIfErrorMs ?? this.options.staleIfErrorMs ?? 0;
  }

  /** Until when an entry may answer for an upstream failure. */
  private staleLimit(entry: CacheEntry, policy: CachePolicy): number {
    return entry.freshUntil + (policy.ttlMs > 0 ? this.sie(policy) : 0);
  }

  /**
   * The one load of `key` in this process: joined by later callers, whose budgets extend its own
   * (no budget at all — background work — lifts it).
   */
  private single<T>(
    key: string,
    policy: CachePolicy,
    load: (context: LoadContext) => Promise<T>,
    previous: CacheEntry | undefined,
    budget: Budget | undefined,
  ): Promise<CachedValue<T>> {
    const pending = this.inFlight.get(key);
    if (pending) {
      pending.budget.join(budget);
      return pending.answer as Promise<CachedValue<T>>;
    }
    const shared = new SharedBudget(budget, this.now);
    const answer = this.load(key, policy, () => load({ budget: shared }), previous).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, { answer, budget: shared });
    return answer;
  }

  private async load<T>(key: string, policy: CachePolicy, load: () => Promise<T>, previous: CacheEntry | undefined): Promise<CachedValue<T>> {
    // A zero TTL keeps nothing, so there is no shared answer to wait for.
    const lead = policy.ttlMs > 0 ? await this.lead(key) : {};
    if (lead.entry) return served(lead.entry, false);
    try {
      const value = await load();
      const storedAt = this.now();
      const keepMs = policy.ttlMs + Math.max(this.swr(policy), this.sie(policy));
      if (policy.ttlMs > 0) await this.store.set(key, { value, storedAt, freshUntil: storedAt + policy.ttlMs }, keepMs);
      return { value, fetchedAt: storedAt, stale: false, fromUpstream: true };
    } catch (error) {
      // A shutdown is not an upstream failure: nothing to serve stale for.
      if (isAbortError(error)) throw error;
      if (previous && this.now() < this.staleLimit(previous, policy)) return served(previous, 'upstream_error');
      throw error;
    } finally {
      await lead.release?.().catch(() => undefined);
    }
  }

  /**
   * Becomes the replica that loads `key` (holding its lock), or waits for the one that does and
   * returns what it stored. Gives up waiting when the lock expires: a crashed holder must not
   * block the key. Without a usable lock service, every replica loads for itself.
   */
  private async lead(key: string): Promise<{ entry?: CacheEntry; release?: () => Promise<void> }> {
    const flight = this.options.flight;
    if (!flight) return {};
    const lockMs = this.options.flightLockMs ?? 5000;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const giveUpAt = this.now() + lockMs;
    const fresh = (entry: CacheEntry | undefined): entry is CacheEntry => entry !== undefined && entry.freshUntil > this.now();
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      let release: (() => Promise<void>) | undefined;
      try {
        release = await flight.tryAcquire(key, lockMs);
      } catch {
        return {};
      }
      // Looked up after the lock attempt: a holder that just finished has stored its answer.
      const entry = await this.store.get(key);
      if (fresh(entry)) {
        await release?.().catch(() => undefined);
        return { entry };
      }
      if (release) return { release };
      if (this.now() >= giveUpAt) return {};
      await sleep(pause);
    }
  }
}

function served<T>(entry: CacheEntry, stale: false | 'revalidating' | 'upstream_error'): CachedValue<T> {
  return stale
    ? { value: entry.value as T, fetchedAt: entry.storedAt, stale: true, staleReason: stale, fromUpstream: false }
    : { value: entry.value as T, fetchedAt: entry.storedAt, stale: false, fromUpstream: false };
}

/** The API a cache key belongs to: Marketing API answers live under `…:adv:…` or `…:ads:…`. */
function apiOf(key: string): 'partner' | 'marketing' {
  return /:(adv|ads):/.test(`:${key}`) ? 'marketing' : 'partner';
}

/** What a key holds, for an error message (`v2:{app}:shop:{id}:orders:…` → `orders`). */
function kindOf(key: string): string {
  const parts = key.split(':');
  const at = parts.indexOf('shop') >= 0 ? parts.indexOf('shop') + 2 : parts.indexOf('adv') >= 0 ? parts.indexOf('adv') + 2 : 2;
  return parts[at] ?? 'data';
}

/** What datasources read the cache through: the shared {@link CachedFetcher}, or a request's view of it. */
export type Fetcher = Pick<CachedFetcher, 'fetch' | 'peek' | 'fallback' | 'put' | 'invalidate'>;

export { requestView, watchStale, type RequestScope } from './request-view';
