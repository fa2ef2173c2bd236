import fc from 'fast-check';
import { createCostBuckets } from '../../../src/cache/cache-layer';
import { loadConfig } from '../../../src/config/load-config';
import { MemoryBucketStore } from '../../../src/security/leaky-bucket';
import { RedisBucketStore } from '../../../src/security/redis-bucket-store';
import { silentLogger } from '../../../src/telemetry/logger';
import { describeWithRedis, useRedis } from '../../helpers/redis';

describeWithRedis('RedisBucketStore on a real Redis', () => {
  const shared = useRedis();
  const connect = () => shared.connect();

  it('answers every take, refund and refill exactly as MemoryBucketStore does', async () => {
    const link = await connect();
    const op = fc.oneof(
      fc.record({ kind: fc.constant('take' as const), amount: fc.integer({ min: 0, max: 120 }) }),
      fc.record({ kind: fc.constant('refund' as const), amount: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double({ min: 0, max: 50, noNaN: true })) }),
      fc.record({ kind: fc.constant('wait' as const), amount: fc.integer({ min: 1, max: 15_000 }) }),
    );
    const settings = fc.record({ bucket: fc.integer({ min: 1, max: 3000 }), restorePerSecond: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.01, max: 50, noNaN: true })) });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(settings, fc.array(op, { minLength: 1, maxLength: 25 }), async (bucket, ops) => {
        const clock = { ms: 1_700_000_000_000 };
        const memory = new MemoryBucketStore(() => clock.ms);
        const shared = new RedisBucketStore(link, { prefix: `test:eq:${++run}:`, clock: () => clock.ms });
        for (const o of ops) {
          if (o.kind === 'wait') clock.ms += o.amount;
          else if (o.kind === 'take') expect(await shared.take('c', o.amount, bucket)).toEqual(await memory.take('c', o.amount, bucket));
          else expect(await shared.refund('c', o.amount, bucket)).toEqual(await memory.refund('c', o.amount, bucket));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps one bucket per client under shopgraph:cost:<app>:<client>, gone once it would be full again', async () => {
    const link = await connect();
    const store = new RedisBucketStore(link, { prefix: 'shopgraph:cost:app-1:' });
    await store.take('reader', 30, { bucket: 100, restorePerSecond: 10 });
    expect(await link.client.hGetAll('shopgraph:cost:app-1:reader')).toEqual({ available: '70', at: expect.stringMatching(/^\d+(\.\d+)?$/) });
    // 30 points at 10/s: full again in 3 s.
    const ttl = await link.client.pTTL('shopgraph:cost:app-1:reader');
    expect(ttl).toBeGreaterThan(2900);
    expect(ttl).toBeLessThanOrEqual(3000);
    await store.refund('reader', 30, { bucket: 100, restorePerSecond: 10 });
    expect(await link.client.exists('shopgraph:cost:app-1:reader')).toBe(0);
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
    const gateway = await createCostBuckets(loadConfig({ NODE_ENV: 'test', REDIS_URL: shared.redis.url }).env, silentLogger);
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
