import fc from 'fast-check';
import { createCostBuckets } from '../../../src/app/stores';
import type { RedisLink } from '../../../src/cache/redis-link';
import { loadConfig } from '../../../src/config/load-config';
import type { BucketSettings } from '../../../src/security/caller';
import { MemoryBucketStore } from '../../../src/security/leaky-bucket';
import { RedisBucketStore } from '../../../src/security/redis-bucket-store';
import { silentLogger } from '../../../src/telemetry/logger';
import { redisFailureCount } from '../../../src/telemetry/redis-failures';
import { describeWithRedis, useRedis } from '../../helpers/redis';

describeWithRedis('RedisBucketStore on a real Redis', () => {
  const shared = useRedis();
  const connect = () => shared.connect();

  const op = fc.oneof(
    fc.record({ kind: fc.constant('take' as const), amount: fc.integer({ min: 0, max: 120 }) }),
    fc.record({ kind: fc.constant('refund' as const), amount: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double({ min: 0, max: 50, noNaN: true })) }),
    fc.record({ kind: fc.constant('wait' as const), amount: fc.integer({ min: 1, max: 15_000 }) }),
  );
  const settings = fc.record({
    bucket: fc.integer({ min: 1, max: 3000 }),
    restorePerSecond: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.01, max: 50, noNaN: true })),
  });
  type Op = { kind: 'take' | 'refund' | 'wait'; amount: number };
  let run = 0;

  /** Plays `ops` on both stores under one test clock, expecting the same answer to each. */
  async function playBoth(link: RedisLink, bucket: BucketSettings, ops: readonly Op[]): Promise<RedisBucketStore> {
    const clock = { ms: 1_700_000_000_000 };
    const memory = new MemoryBucketStore(() => clock.ms);
    const shared = new RedisBucketStore(link, { prefix: `test:eq:${++run}:`, clock: () => clock.ms });
    for (const o of ops) {
      if (o.kind === 'wait') clock.ms += o.amount;
      else if (o.kind === 'take') expect(await shared.take('c', o.amount, bucket)).toEqual(await memory.take('c', o.amount, bucket));
      else expect(await shared.refund('c', o.amount, bucket)).toEqual(await memory.refund('c', o.amount, bucket));
      // With a test clock nothing may expire on Redis's own: its time runs while the test clock stands.
      expect(await link.client.pTTL(`test:eq:${run}:c`)).toBeLessThan(0);
    }
    return shared;
  }

  it('answers every take, refund and refill exactly as MemoryBucketStore does', async () => {
    const link = await connect();
    await fc.assert(
      fc.asyncProperty(settings, fc.array(op, { minLength: 1, maxLength: 25 }), (bucket, ops) => playBoth(link, bucket, ops).then(() => undefined)),
      { numRuns: 100 },
    );
  });

  it("keeps a drained bucket on a test clock however long Redis's own clock runs (the case a loaded run failed on)", async () => {
    const link = await connect();
    const bucket = { bucket: 1, restorePerSecond: 95 };
    // Drained, the bucket is full again in 11 ms of the TEST clock, which does not move here; an
    // 11 ms expiry on Redis's clock made the next take see a full bucket whenever the test was
    // that slow (seen: available 1 vs 0).
    await playBoth(link, bucket, [{ kind: 'take', amount: 1 }]);
    const key = `test:eq:${run}:c`;
    expect(await link.client.hGetAll(key)).toEqual({ available: '0', at: '1700000000000' });
    expect(await link.client.pTTL(key)).toBe(-1);
    await playBoth(link, bucket, [
      { kind: 'take', amount: 1 },
      { kind: 'take', amount: 73 },
      { kind: 'refund', amount: 1 },
      { kind: 'take', amount: 0 },
      { kind: 'take', amount: 75 },
    ]);
  });

  it('keeps one bucket per client under shopgraph:cost:<app>:<client>, gone once it would be full again', async () => {
    const link = await connect();
    const store = new RedisBucketStore(link, { prefix: 'shopgraph:cost:app-1:' });
    await store.take('reader', 30, { bucket: 100, restorePerSecond: 10 });
    const level = await link.client.hGetAll('shopgraph:cost:app-1:reader');
    expect(level).toEqual({ available: '70', at: expect.stringMatching(/^\d+(\.\d+)?$/) });
    // 30 points at 10/s: full again 3 s after it was written, on Redis's clock (to the ms, rounded up).
    expect(Number(await link.client.sendCommand(['PEXPIRETIME', 'shopgraph:cost:app-1:reader']))).toBe(Math.ceil(Number(level.at) + 3000));
    await store.refund('reader', 30, { bucket: 100, restorePerSecond: 10 });
    expect(await link.client.exists('shopgraph:cost:app-1:reader')).toBe(0);
  });

  it("never lets a bucket expire before it is full again on Redis's clock", async () => {
    const link = await connect();
    const store = new RedisBucketStore(link, { prefix: 'test:expiry:' });
    let n = 0;
    // Buckets at least 30 s from full, so the key is certainly still there to be read back.
    const drained = fc.record({
      bucket: fc.integer({ min: 1, max: 3000 }),
      secondsToFull: fc.double({ min: 60, max: 86_400, noNaN: true }),
      share: fc.double({ min: 0.5, max: 1, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(drained, async ({ bucket: size, secondsToFull, share }) => {
        const key = `k${++n}`;
        const bucket = { bucket: size, restorePerSecond: size / secondsToFull };
        const { ok, available } = await store.take(key, size * share, bucket);
        expect(ok).toBe(true);
        const at = Number(await link.client.hGet(`test:expiry:${key}`, 'at'));
        const expiresAt = Number(await link.client.sendCommand(['PEXPIRETIME', `test:expiry:${key}`]));
        // The same arithmetic as the script: when the refill reaches the size again. A key gone
        // earlier reads as a full bucket before its time (PEXPIRE counted from Redis's whole-ms
        // command time did that, by up to a millisecond, on about a third of writes).
        const full = at + ((bucket.bucket - available) / bucket.restorePerSecond) * 1000;
        expect(expiresAt).toBeGreaterThanOrEqual(full);
        expect(expiresAt).toBeLessThan(full + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('surfaces a bucket it cannot read — another type under its key, a level that is no level — without taking Redis for away', async () => {
    const link = await connect();
    const failures = redisFailureCount();
    const store = new RedisBucketStore(link, { prefix: 'test:bad:' });
    await link.client.set('test:bad:string', 'not a hash');
    await expect(store.take('string', 1, { bucket: 10, restorePerSecond: 1 })).rejects.toThrow(/WRONGTYPE/);
    await link.client.hSet('test:bad:negative', { available: '-5', at: '99999999999999' });
    await expect(store.take('negative', 0, { bucket: 10, restorePerSecond: 0.001 })).rejects.toThrow(/>=0|too small/i);
    expect(link.healthy).toBe(true);
    expect(redisFailureCount()).toBe(failures + 2);
    // Other clients' buckets are still shared.
    expect(await store.take('fine', 4, { bucket: 10, restorePerSecond: 1 })).toEqual({ ok: true, available: 6 });
    expect(await link.client.hGet('test:bad:fine', 'available')).toBe('6');
  });

  it('lets exactly as many concurrent takes from two replicas through as the bucket holds', async () => {
    const [a, b] = [await connect(), await connect()].map((link) => new RedisBucketStore(link, { prefix: 'test:race:' }));
    // Refilling a point per 1000 s: the race is decided by the size alone.
    const settings = { bucket: 50, restorePerSecond: 0.001 };
    const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a! : b!).take('c', 3, settings)));
    expect(takes.filter((t) => t.ok)).toHaveLength(16);
    expect(Math.min(...takes.map((t) => t.available))).toBeCloseTo(2, 1);
  });

  it('gives a gateway without an in-process ShopGraph shared buckets of its own when REDIS_URL is set', async () => {
    const gateway = await createCostBuckets(loadConfig({ NODE_ENV: 'test', REDIS_URL: shared.redis.url }), silentLogger);
    try {
      await gateway.buckets.take('edge-client', 4, { bucket: 10, restorePerSecond: 1 });
      const link = await connect();
      expect(await link.client.hGet('shopgraph:cost:edge-client', 'available')).toBe('6');
    } finally {
      await gateway.close();
    }
  });

  it('falls back to per-process buckets while Redis is away and shares again once it is back', async () => {
    const link = await connect();
    const store = new RedisBucketStore(link, { prefix: 'test:down:' });
    const settings = { bucket: 10, restorePerSecond: 0.001 };
    expect((await store.take('c', 8, settings)).ok).toBe(true);
    await shared.redis.kill();
    // Answered by this process's own bucket, which starts full.
    expect(await store.take('c', 8, settings)).toMatchObject({ ok: true, available: 2 });
    expect(link.healthy).toBe(false);
    expect(await store.take('c', 8, settings)).toMatchObject({ ok: false });
    const back = new Promise<void>((resolve) => link.onRecovery(resolve));
    await shared.redis.restart();
    await back;
    // Redis came back empty: a full shared bucket, seen by every replica.
    expect(await store.take('c', 8, settings)).toMatchObject({ ok: true });
    expect(await new RedisBucketStore(await connect(), { prefix: 'test:down:' }).take('c', 8, settings)).toMatchObject({ ok: false });
  });
});
