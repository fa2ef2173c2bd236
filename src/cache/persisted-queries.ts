import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { Keyv } from 'keyv';
import type { CacheStore } from './cache-store';

/** Persisted queries never change (a hash names one text); this only bounds unused ones. */
const DEFAULT_TTL_MS = 7 * 86_400_000;

/**
 * Apollo Server's automatic persisted queries kept in ShopGraph's cache store, so every replica
 * knows a hash another one registered, and a Redis outage degrades to a miss (the client then
 * sends the full query) instead of an error.
 * @see https://www.apollographql.com/docs/apollo-server/performance/apq
 */
export function persistedQueryCache(store: CacheStore, now: () => number = Date.now): KeyvAdapter<string> {
  const adapter = {
    async get(key: string): Promise<string | undefined> {
      const entry = await store.get(key);
      return entry && entry.freshUntil > now() ? (entry.value as string) : undefined;
    },
    async set(key: string, value: string, ttl?: number): Promise<boolean> {
      const keepMs = ttl ?? DEFAULT_TTL_MS;
      const storedAt = now();
      await store.set(key, { value, storedAt, freshUntil: storedAt + keepMs }, keepMs);
      return true;
    },
    async delete(key: string): Promise<boolean> {
      await store.delete(key);
      return true;
    },
    async clear(): Promise<void> {
      // Never asked for by Apollo Server; entries age out.
    },
  };
  return new KeyvAdapter(new Keyv<string>({ store: adapter, namespace: 'v1' }));
}
