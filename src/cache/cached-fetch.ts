import type { CacheStore } from './cache-store';

/** Freshness rules for one kind of cached answer. */
export interface CachePolicy {
  /** How long an answer is served without asking upstream. */
  ttlMs: number;
  /** How long past `ttlMs` an old answer may still be served if upstream fails. @default 0 */
  staleIfErrorMs?: number;
}

/** The value plus what the caller must tell the client about it. */
export interface CachedValue<T> {
  value: T;
  /** When the value was fetched from upstream (ms since epoch). */
  fetchedAt: number;
  /** True when upstream failed and an older value was served instead. */
  stale: boolean;
  /** True when this call went upstream. */
  fromUpstream: boolean;
}

/**
 * Read-through cache with single-flight: concurrent callers of one cold key share one upstream
 * call, and an answer stays fresh for its kind's TTL whoever asks. Keys must already be
 * namespaced by app, shop and resource by the caller.
 */
export class CachedFetcher {
  private readonly inFlight = new Map<string, Promise<CachedValue<unknown>>>();

  constructor(
    private readonly store: CacheStore,
    private readonly now: () => number = Date.now,
  ) {}

  async fetch<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<CachedValue<T>> {
    const entry = await this.store.get(key);
    const now = this.now();
    if (entry && entry.freshUntil > now) {
      return { value: entry.value as T, fetchedAt: entry.storedAt, stale: false, fromUpstream: false };
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<CachedValue<T>>;

    const call = this.load(key, policy, load, entry).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
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

  private async load<T>(
    key: string,
    policy: CachePolicy,
    load: () => Promise<T>,
    previous: { value: unknown; storedAt: number; freshUntil: number } | undefined,
  ): Promise<CachedValue<T>> {
    try {
      const value = await load();
      const storedAt = this.now();
      const keepMs = policy.ttlMs + (policy.staleIfErrorMs ?? 0);
      // A zero TTL means "single-flight only": nothing is kept.
      if (keepMs > 0) await this.store.set(key, { value, storedAt, freshUntil: storedAt + policy.ttlMs }, keepMs);
      return { value, fetchedAt: storedAt, stale: false, fromUpstream: true };
    } catch (error) {
      const staleLimit = previous ? previous.freshUntil + (policy.staleIfErrorMs ?? 0) : 0;
      if (previous && this.now() < staleLimit) {
        return { value: previous.value as T, fetchedAt: previous.storedAt, stale: true, fromUpstream: false };
      }
      throw error;
    }
  }
}
