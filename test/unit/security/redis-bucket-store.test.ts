import { RedisUnavailableError, type RedisLink } from '../../../src/cache/redis-link';
import { MemoryBucketStore } from '../../../src/security/leaky-bucket';
import { RedisBucketStore } from '../../../src/security/redis-bucket-store';

const SETTINGS = { bucket: 100, restorePerSecond: 10 };

/** A link that never reaches Redis: away (as the link knows it), or failing on the call. */
function link(healthy: boolean): RedisLink & { calls: number } {
  const stub = {
    healthy,
    calls: 0,
    async run() {
      stub.calls += 1;
      throw healthy ? new Error('Socket closed unexpectedly') : new RedisUnavailableError('Redis is unavailable');
    },
  };
  return stub as unknown as RedisLink & { calls: number };
}

describe('RedisBucketStore without Redis', () => {
  it.each([
    ['while the link knows Redis is away, without calling it', false, 0],
    ['when a call fails', true, 3],
  ])('falls back to per-process buckets %s', async (_name, healthy, calls) => {
    const clock = { ms: 0 };
    const away = link(healthy);
    const store = new RedisBucketStore(away, { prefix: 'test:cost:' }, new MemoryBucketStore(() => clock.ms));
    expect(await store.take('c', 60, SETTINGS)).toEqual({ ok: true, available: 40 });
    expect(await store.take('c', 50, SETTINGS)).toEqual({ ok: false, available: 40 });
    clock.ms += 1000;
    expect(await store.refund('c', 5, SETTINGS)).toEqual({ available: 55 });
    expect(away.calls).toBe(calls);
  });
});
