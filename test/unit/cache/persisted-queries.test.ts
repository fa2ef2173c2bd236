import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { persistedQueryCache } from '../../../src/cache/persisted-queries';

describe('persistedQueryCache', () => {
  it('keeps Apollo persisted queries in the cache store, under a versioned key', async () => {
    const store = new MemoryCacheStore(10);
    const apq = persistedQueryCache(store);
    await apq.set('apq:abc', '{ shops { id } }');
    await expect(apq.get('apq:abc')).resolves.toBe('{ shops { id } }');
    await expect(persistedQueryCache(store).get('apq:abc')).resolves.toBe('{ shops { id } }');
    expect(await store.get('v1:apq:abc')).toMatchObject({ value: expect.any(String) });
    await expect(apq.get('apq:other')).resolves.toBeUndefined();
  });

  it('honours the TTL Apollo asks for', async () => {
    let now = 0;
    const apq = persistedQueryCache(new MemoryCacheStore(10), () => now);
    await apq.set('apq:abc', 'q', { ttl: 60 });
    now = 61_000;
    await expect(apq.get('apq:abc')).resolves.toBeUndefined();
  });
});
