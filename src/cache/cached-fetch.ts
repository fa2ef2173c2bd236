import { isAbortError } from '../datasources/abort';
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
  private readonly inFlight = new Map<string, Promise<CachedValue<unknown>>>();
  /** Stale-while-revalidate refreshes nobody awaits: {@link close} does. */
  private readonly refreshes = new Set<Promise<unknown>>();
  private readonly options: CachedFetcherOptions;
  private readonly now: () => number;

  /** @param options options, or (the older form) just the clock */
  constructor(
    private readonly store: CacheStore,
    options: CachedFetcherOptions | (() => number) = {},
  ) {
    this.options = typeof options === 'function' ? { now: options } : options;
    this.now = this.options.now ?? Date.now;
  }

  async fetch<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<CachedValue<T>> {
    const entry = await this.store.get(key);
    const now = this.now();
    const onLookup = this.options.onLookup;
    if (entry && entry.freshUntil > now) {
      onLookup?.(key, 'hit');
      return served(entry, false);
    }
    if (entry && policy.ttlMs > 0 && now < entry.freshUntil + this.swr(policy)) {
      onLookup?.(key, 'stale');
      // Answer now; the refresh runs once (joined by every caller) and its failure is moot.
      const refresh = this.single(key, policy, load, entry).catch(() => undefined);
      this.refreshes.add(refresh);
      void refresh.finally(() => this.refreshes.delete(refresh));
      return served(entry, 'revalidating');
    }
    onLookup?.(key, 'miss');
    return this.single(key, policy, load, entry);
  }

  /** A fresh cached value, or undefined; never calls upstream. */
  async peek<T>(key: string): Promise<T | undefined> {
    const entry = await this.store.get(key);
    return entry && entry.freshUntil > this.now() ? (entry.value as T) : undefined;
  }

  /** Stores a value fetched as part of another answer (e.g. an order from a search page). */
  async put(key: string, value: unknown, ttlMs: number): Promise<void> {
    const storedAt = this.now();
    await this.store.set(key, { value, storedAt, freshUntil: storedAt + ttlMs }, ttlMs);
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

  private single<T>(key: string, policy: CachePolicy, load: () => Promise<T>, previous: CacheEntry | undefined): Promise<CachedValue<T>> {
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<CachedValue<T>>;
    const call = this.load(key, policy, load, previous).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
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
      const staleLimit = previous ? previous.freshUntil + (policy.ttlMs > 0 ? this.sie(policy) : 0) : 0;
      if (previous && this.now() < staleLimit) {
        return served(previous, 'upstream_error');
      }
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

/** What datasources read the cache through: the shared {@link CachedFetcher}, or a request's view of it. */
export type Fetcher = Pick<CachedFetcher, 'fetch' | 'peek' | 'put' | 'invalidate'>;

/**
 * One request's view of the shared fetcher: the same cache, and `onStale` told the key of every
 * answer served stale to this request (revalidating or after an upstream failure), including
 * answers it shared with other requests' loads.
 */
export function watchStale(fetcher: Fetcher, onStale: (key: string) => void): Fetcher {
  return {
    fetch: async (key, policy, load) => {
      const answer = await fetcher.fetch(key, policy, load);
      if (answer.stale) onStale(key);
      return answer;
    },
    peek: (key) => fetcher.peek(key),
    put: (key, value, ttlMs) => fetcher.put(key, value, ttlMs),
    invalidate: (key) => fetcher.invalidate(key),
  };
}
