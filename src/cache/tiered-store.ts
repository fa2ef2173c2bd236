import KeyvRedis, { Keyv } from '@keyv/redis';
import { LRUCache } from 'lru-cache';
import type { CacheEntry, CacheStore } from './cache-store';
import type { RedisLink } from './redis-link';
import { KEY_ROOT } from '../config/storage-keys';

/** Options of {@link TieredCacheStore}. */
export interface TieredStoreOptions {
  /** Prefix of every key in Redis. @default 'shopgraph' */
  namespace?: string;
  /** @default 50000 */
  l1MaxEntries?: number;
  /**
   * How long the in-process copy of a shared entry answers before Redis is asked again: bounds
   * how long another replica's invalidation can go unseen. 0 keeps no local copies while Redis is
   * up. @default 5000
   */
  l1TtlMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * An in-process LRU (L1) in front of Redis through keyv (L2). Reads answer from L1 while its copy
 * is fresh, else from Redis; writes go to both. While Redis is away L1 alone is the cache, keeping
 * entries for their whole lifetime, and nothing fails: a shared cache is an optimisation.
 *
 * `cacheable` was considered: it layers keyv stores the same way, but reports L2 failures only as
 * events and has no notion of freshness beyond TTL, which the stale windows of
 * {@link CachedFetcher} need, so this store is its own.
 */
export class TieredCacheStore implements CacheStore {
  private readonly l1: LRUCache<string, CacheEntry>;
  private readonly l2: Keyv<CacheEntry>;
  private readonly l1TtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly link: RedisLink,
    options: TieredStoreOptions = {},
  ) {
    this.l1 = new LRUCache({ max: options.l1MaxEntries ?? 50_000 });
    this.l1TtlMs = options.l1TtlMs ?? 5000;
    this.now = options.now ?? Date.now;
    const namespace = options.namespace ?? KEY_ROOT;
    // Keyv hands its namespace down to the store, which prefixes keys with `namespace::`.
    const store = new KeyvRedis<CacheEntry>(link.client, { namespace, throwOnErrors: true });
    this.l2 = new Keyv<CacheEntry>({ store, namespace, throwOnErrors: true, useKeyPrefix: false });
    link.onRecovery(() => this.shortenLocalCopies());
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const local = this.l1.get(key);
    if (local && local.freshUntil > this.now()) return local;
    return this.shared(key, local);
  }

  /** Asks Redis even when a local copy is fresh; the local copy only while Redis is away. */
  getLatest(key: string): Promise<CacheEntry | undefined> {
    return this.shared(key, this.l1.get(key));
  }

  private async shared(key: string, local: CacheEntry | undefined): Promise<CacheEntry | undefined> {
    let shared: CacheEntry | undefined;
    try {
      shared = this.link.healthy ? await this.link.run(() => this.l2.get(key)) : undefined;
    } catch {
      // The link logged the outage once; the local copy (if any) is the best answer now.
    }
    if (!shared) return local;
    if (local && local.storedAt > shared.storedAt) return local;
    this.keepLocally(key, shared);
    return shared;
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    if (!this.link.healthy) {
      this.l1.set(key, entry, { ttl: ttlMs });
      return;
    }
    this.keepLocally(key, entry);
    try {
      await this.link.run(() => this.l2.set(key, entry, ttlMs));
    } catch {
      this.l1.set(key, entry, { ttl: ttlMs });
    }
  }

  async delete(key: string): Promise<void> {
    this.l1.delete(key);
    if (!this.link.healthy) return;
    try {
      await this.link.run(() => this.l2.delete(key));
    } catch {
      // Redis keeps the entry until its TTL: invalidation is best effort while Redis is away.
    }
  }

  /**
   * Entries written while Redis was away live locally for their whole TTL; once Redis is back they
   * get the L1 lifetime, so other replicas' writes and invalidations are seen again soon.
   */
  private shortenLocalCopies(): void {
    for (const key of [...this.l1.keys()]) {
      const entry = this.l1.get(key);
      if (entry && this.l1TtlMs > 0 && this.l1.getRemainingTTL(key) > this.l1TtlMs) this.l1.set(key, entry, { ttl: this.l1TtlMs });
      else if (entry && this.l1TtlMs <= 0) this.l1.delete(key);
    }
  }

  /** A short-lived local copy of a fresh shared entry. */
  private keepLocally(key: string, entry: CacheEntry): void {
    const ttl = Math.min(this.l1TtlMs, entry.freshUntil - this.now());
    if (ttl >= 1) this.l1.set(key, entry, { ttl });
    else this.l1.delete(key);
  }
}
