import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import type { CacheStore } from './cache-store';
import { KEY_FAMILIES } from '../config/storage-keys';

/** Persisted queries never change (a hash names one text); this only bounds unused ones. */
const DEFAULT_TTL_MS = 7 * 86_400_000;

/** Bounds of {@link persistedQueryCache}. */
export interface PersistedQueryLimits {
  /** Query text this process keeps, in bytes (UTF-8). @default 16 MiB */
  maxBytes?: number;
  /** Largest query kept; a larger one is simply not persisted (the client sends it in full). @default 64 KiB */
  maxEntryBytes?: number;
  /**
   * Whether `store` is shared by the replicas (Redis): registrations go there too, so every
   * replica knows a hash another one registered. Without Redis the store is the process's page
   * cache, bounded by entry count only: queries never go there. A function is asked at each
   * write: while Redis is away the layered store would keep a query in its per-process copies
   * (bounded by entry count only) for the query's whole lifetime, so nothing is written then.
   * @default true
   */
  shared?: boolean | (() => boolean);
  /** @default Date.now */
  now?: () => number;
}

export const DEFAULT_PERSISTED_QUERY_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_QUERY_BYTES = 64 * 1024;

/**
 * Apollo Server's automatic persisted queries: any client can register any query text, so what
 * this process keeps is bounded by bytes, not entries (issue 17, finding 4: 193 queries of 900 KB
 * filled a 256 MB process). An in-process LRU by size holds them; with Redis they are also
 * written there, and a Redis outage degrades to a miss (the client then sends the full query)
 * instead of an error.
 * @see https://www.apollographql.com/docs/apollo-server/performance/apq
 */
export function persistedQueryCache(store: CacheStore, options: PersistedQueryLimits | (() => number) = {}): KeyvAdapter<string> {
  const limits = typeof options === 'function' ? { now: options } : options;
  const { now = Date.now } = limits;
  const shared = typeof limits.shared === 'function' ? limits.shared : () => limits.shared ?? true;
  const maxEntryBytes = limits.maxEntryBytes ?? DEFAULT_MAX_QUERY_BYTES;
  // Expiry on `now` (not the LRU's own clock), like every other store entry.
  const local = new LRUCache<string, { text: string; until: number }>({
    maxSize: limits.maxBytes ?? DEFAULT_PERSISTED_QUERY_BYTES,
    maxEntrySize: maxEntryBytes,
    sizeCalculation: (value, key) => Buffer.byteLength(value.text) + key.length,
  });
  const fits = (value: string) => Buffer.byteLength(value) <= maxEntryBytes;
  const adapter = {
    async get(key: string): Promise<string | undefined> {
      const kept = local.get(key);
      if (kept && kept.until > now()) return kept.text;
      if (kept) local.delete(key);
      if (limits.shared === false) return undefined;
      const entry = await store.get(key);
      if (!entry || entry.freshUntil <= now() || typeof entry.value !== 'string') return undefined;
      if (fits(entry.value)) local.set(key, { text: entry.value, until: entry.freshUntil });
      return entry.value;
    },
    async set(key: string, value: string, ttl?: number): Promise<boolean> {
      if (!fits(value)) return false;
      const keepMs = ttl ?? DEFAULT_TTL_MS;
      local.set(key, { text: value, until: now() + keepMs });
      if (shared()) {
        const storedAt = now();
        await store.set(key, { value, storedAt, freshUntil: storedAt + keepMs }, keepMs);
      }
      return true;
    },
    async delete(key: string): Promise<boolean> {
      local.delete(key);
      if (limits.shared !== false) await store.delete(key);
      return true;
    },
    async clear(): Promise<void> {
      // Never asked for by Apollo Server; entries age out.
    },
  };
  return new KeyvAdapter(new Keyv<string>({ store: adapter, namespace: KEY_FAMILIES.persistedQueries }));
}
