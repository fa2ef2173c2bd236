import { LRUCache } from 'lru-cache';

/** An entry as stored: the value plus when it stops being fresh (ms since epoch). */
export interface CacheEntry<T = unknown> {
  value: T;
  freshUntil: number;
  storedAt: number;
}

/**
 * Where cached upstream answers live. The memory store is the default; a shared store (Redis)
 * implements the same interface so several replicas share one cache.
 */
export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  /**
   * The entry as the shared store holds it now, past any local copy (which may predate another
   * replica's write); stores without local copies need not implement it.
   */
  getLatest?(key: string): Promise<CacheEntry | undefined>;
  /** `ttlMs` is how long the store keeps the entry at all (fresh + stale windows). */
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Bounded in-process store (LRU by entry count). */
export class MemoryCacheStore implements CacheStore {
  private readonly lru: LRUCache<string, CacheEntry>;

  /** @param maxEntries @default 50000 */
  constructor(maxEntries = 50_000) {
    this.lru = new LRUCache({ max: maxEntries });
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    this.lru.set(key, entry, { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
  }
}
