import { MemoryCacheStore, type CacheEntry, type CacheStore } from '../../../src/cache/cache-store';
import { persistedQueryCache } from '../../../src/cache/persisted-queries';

/**
 * Issue 17, finding 4: automatic persisted queries were bounded by entry count, so 193 queries of
 * 900 KB held 170 MB (a 256 MB process died). They are bounded by bytes now.
 */
const MiB = 1024 * 1024;

/** Bytes of query text still retrievable among `keys`. */
async function held(cache: ReturnType<typeof persistedQueryCache>, keys: string[]): Promise<number> {
  let bytes = 0;
  for (const key of keys) bytes += (await cache.get(key))?.length ?? 0;
  return bytes;
}

/** A store that remembers what was written to it, and says it is shared (Redis-like). */
class SharedStore implements CacheStore {
  readonly written = new Map<string, CacheEntry>();
  async get(key: string) {
    return this.written.get(key);
  }
  async getLatest(key: string) {
    return this.written.get(key);
  }
  async set(key: string, entry: CacheEntry) {
    this.written.set(key, entry);
  }
  async delete(key: string) {
    this.written.delete(key);
  }
}

describe('persisted queries', () => {
  it('hold at most maxBytes of query text, however many are registered', async () => {
    const cache = persistedQueryCache(new MemoryCacheStore(50_000), { maxBytes: 8 * MiB, maxEntryBytes: MiB, shared: false });
    const keys = Array.from({ length: 200 }, (_, i) => `big-${i}`);
    for (const key of keys) await cache.set(key, `{ shops { id } } # ${key} ${'x'.repeat(900_000)}`);
    // UTF-16 in memory: 8 MiB hold about 4 of them.
    expect(await held(cache, keys)).toBeLessThanOrEqual(8 * MiB);
    expect(await cache.get(keys.at(-1)!)).toContain('big-199');
  });

  it('keep many small ones and refuse one larger than maxEntryBytes', async () => {
    const cache = persistedQueryCache(new MemoryCacheStore(50_000), { maxBytes: 8 * MiB, maxEntryBytes: 64 * 1024, shared: false });
    const keys = Array.from({ length: 500 }, (_, i) => `small-${i}`);
    for (const key of keys) await cache.set(key, `query Q${key.replace('-', '')} { shops { id name } }`);
    expect(await Promise.all(keys.map((k) => cache.get(k)))).not.toContain(undefined);
    await cache.set('huge', 'x'.repeat(100_000));
    expect(await cache.get('huge')).toBeUndefined();
  });

  it("never fill the process's shared page cache without Redis, and share through Redis with it", async () => {
    const memory = new MemoryCacheStore(50_000);
    const alone = persistedQueryCache(memory, { maxBytes: MiB, maxEntryBytes: 64 * 1024, shared: false });
    await alone.set('a', '{ shops { id } }');
    expect(await memory.get('v1:a')).toBeUndefined();

    const redis = new SharedStore();
    const one = persistedQueryCache(redis, { maxBytes: MiB, maxEntryBytes: 64 * 1024, shared: true });
    const other = persistedQueryCache(redis, { maxBytes: MiB, maxEntryBytes: 64 * 1024, shared: true });
    await one.set('b', '{ shops { name } }');
    expect(redis.written.size).toBe(1);
    expect(await other.get('b')).toBe('{ shops { name } }');
  });

  it('write nothing to the layered store while Redis is away (its local copies are bounded by entries only)', async () => {
    const redis = new SharedStore();
    let up = false;
    const cache = persistedQueryCache(redis, { maxBytes: MiB, maxEntryBytes: 64 * 1024, shared: () => up });
    await cache.set('away', '{ shops { id } }');
    expect(redis.written.size).toBe(0);
    expect(await cache.get('away')).toBe('{ shops { id } }');
    up = true;
    await cache.set('back', '{ shops { name } }');
    expect([...redis.written.keys()]).toEqual([expect.stringContaining('back')]);
  });
});
