import { ErrorReply } from '@redis/client';
import { RedisUnavailableError, type RedisClient, type RedisLink } from '../../../src/cache/redis-link';
import { MemoryBucketStore } from '../../../src/security/leaky-bucket';
import { RedisBucketStore } from '../../../src/security/redis-bucket-store';

const SETTINGS = { bucket: 100, restorePerSecond: 10 };

/** A link that never reaches Redis: away (as the link knows it), or finding it away on the call. */
function link(healthy: boolean): RedisLink & { calls: number } {
  const stub = {
    healthy,
    calls: 0,
    async run() {
      stub.calls += 1;
      throw new RedisUnavailableError(healthy ? 'Socket closed unexpectedly' : 'Redis is unavailable');
    },
  };
  return stub as unknown as RedisLink & { calls: number };
}

/** A link that is up and hands the script's call to a client answering `reply` (or failing with it). */
function answering(reply: unknown): RedisLink {
  const client = {
    evalSha: async () => {
      if (reply instanceof Error) throw reply;
      return reply;
    },
  } as unknown as RedisClient;
  return { healthy: true, run: <T>(operation: (c: RedisClient) => Promise<T>) => operation(client) } as unknown as RedisLink;
}

describe('RedisBucketStore without Redis', () => {
  it.each([
    ['while the link knows Redis is away, without calling it', false, 0],
    ['when a call finds Redis away', true, 3],
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

describe('RedisBucketStore with Redis up', () => {
  it("reads the script's answer", async () => {
    expect(await new RedisBucketStore(answering([1, '42.5']), { prefix: 'p:' }).take('c', 1, SETTINGS)).toEqual({ ok: true, available: 42.5 });
    expect(await new RedisBucketStore(answering([0, '3']), { prefix: 'p:' }).refund('c', 1, SETTINGS)).toEqual({ available: 3 });
  });

  it.each([
    ['a level that is not a number', [1, 'abc']],
    ['a negative level', [1, '-1']],
    ['an answer of another shape', ['OK']],
    ['an ok flag that is neither 0 nor 1', [2, '5']],
  ])('refuses %s rather than trusting it (no fallback either)', async (_name, reply) => {
    const local = new MemoryBucketStore();
    const take = jest.spyOn(local, 'take');
    await expect(new RedisBucketStore(answering(reply), { prefix: 'p:' }, local).take('c', 1, SETTINGS)).rejects.toThrow();
    expect(take).not.toHaveBeenCalled();
  });

  it('surfaces an error Redis answers with (a script bug), instead of falling back', async () => {
    const local = new MemoryBucketStore();
    const refund = jest.spyOn(local, 'refund');
    const store = new RedisBucketStore(answering(new ErrorReply('ERR user_script:3: attempt to perform arithmetic on a nil value')), { prefix: 'p:' }, local);
    await expect(store.refund('c', 1, SETTINGS)).rejects.toThrow(/user_script/);
    expect(refund).not.toHaveBeenCalled();
  });
});
