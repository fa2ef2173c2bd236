import { randomBytes } from 'node:crypto';
import { CachedFetcher } from '../../../src/cache/cached-fetch';
import { EncryptedTokenStore, RedisSecretBackend } from '../../../src/datasources/partner/encrypted-token-store';
import { RedisFlightLock } from '../../../src/cache/flight-lock';
import { RateLimitWaitError, SlidingWindowRateLimiter, type LimiterClock } from '../../../src/upstream/rate-limiter';
import { RedisRateLimiter } from '../../../src/upstream/redis-rate-limiter';
import { RedisLink } from '../../../src/cache/redis-link';
import { TieredCacheStore } from '../../../src/cache/tiered-store';
import type { TokenRecord } from '../../../src/datasources/partner/token-store';
import { createLogger, silentLogger } from '../../../src/telemetry/logger';
import { describeWithRedis, useRedis } from '../../helpers/redis';
import { until } from './replicas';

/** The real clock, noting every wait a limiter was told to make (Redis keeps the time). */
function recording(waits: number[]): LimiterClock {
  return {
    now: () => Date.now(),
    sleep: (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
}

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

describeWithRedis('Redis-backed cache parts', () => {
  const shared = useRedis({ connectTimeoutMs: 300 });
  const { links } = shared;
  const connect = (options: { optional?: boolean; logger?: ReturnType<typeof capturingLogger>['logger'] } = {}) => shared.connect(options);

  it('shares entries between replicas under namespaced keys, with an L1 in front', async () => {
    const a = new TieredCacheStore(await connect());
    const b = new TieredCacheStore(await connect());
    const entry = { value: { id: '1' }, storedAt: Date.now(), freshUntil: Date.now() + 60_000 };
    await a.set('v1:app:shop:1:order:1', entry, 60_000);
    await expect(b.get('v1:app:shop:1:order:1')).resolves.toEqual(entry);
    const keys = await links[0]!.client.keys('*');
    expect(keys).toContain('shopgraph::v1:app:shop:1:order:1');
    await a.delete('v1:app:shop:1:order:1');
    await expect(new TieredCacheStore(links[1]!).get('v1:app:shop:1:order:1')).resolves.toBeUndefined();
  });

  it('reads past its local copy when asked for the latest (what a ledger sync reads before writing)', async () => {
    const a = new TieredCacheStore(await connect());
    const b = new TieredCacheStore(await connect());
    const at = Date.now();
    const first = { value: 'b read this', storedAt: at, freshUntil: at + 60_000 };
    const second = { value: 'a wrote this since', storedAt: at + 1, freshUntil: at + 60_000 };
    await a.set('ledger:v2:app:1:state', first, 60_000);
    await expect(b.get('ledger:v2:app:1:state')).resolves.toEqual(first); // b now holds a local copy
    await a.set('ledger:v2:app:1:state', second, 60_000);
    await expect(b.get('ledger:v2:app:1:state')).resolves.toEqual(first);
    await expect(b.getLatest('ledger:v2:app:1:state')).resolves.toEqual(second);
  });

  it('makes one load when two replicas fetch the same cold key at once', async () => {
    const replicas = [await connect(), await connect()].map((link) => new CachedFetcher(new TieredCacheStore(link), { flight: new RedisFlightLock(link) }));
    let calls = 0;
    const load = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 30));
      return 'answer';
    };
    const results = await Promise.all(replicas.flatMap((r) => [r.fetch('cold', { ttlMs: 60_000 }, load), r.fetch('cold', { ttlMs: 60_000 }, load)]));
    expect(calls).toBe(1);
    expect(results.map((r) => r.value)).toEqual(['answer', 'answer', 'answer', 'answer']);
  });

  it('shares one sliding window per bucket across replicas', async () => {
    // Each replica's waits, as Redis told them (the real clock still sleeps: Redis counts on its own).
    // How the window spreads 12 calls over time is measured in bench/timings.ts.
    const waits: number[][] = [[], []];
    const [a, b] = [await connect(), await connect()].map(
      (link, i) => new RedisRateLimiter(link, new SlidingWindowRateLimiter(() => 5), { limitFor: () => 5, prefix: 'test:rl:', clock: recording(waits[i]!) }),
    );
    // Replica A fills the window (5 a second), each call answered at once...
    for (let i = 0; i < 5; i++) (await a!.acquire('partner:1:/x')).done();
    expect(waits[0]).toEqual([]);
    // ...so replica B's first call waits for it to slide (a window of B's own would let it go).
    (await b!.acquire('partner:1:/x')).done();
    expect(waits[1]).toHaveLength(1);
    expect(waits[1]![0]).toBeGreaterThan(0);
    expect(waits[1]![0]).toBeLessThanOrEqual(1001);
  });

  it('slows a bucket down for every replica after a rejection, and fails calls past their deadline', async () => {
    const links2 = [await connect(), await connect()];
    const [a, b] = links2.map(
      (link) => new RedisRateLimiter(link, new SlidingWindowRateLimiter(() => 10), { limitFor: () => 10, prefix: 'test:rl:', maxWaitMs: 50 }),
    );
    for (let i = 0; i < 4; i++) (await a!.acquire('partner:1:/slow')).done();
    await a!.penalize('partner:1:/slow');
    // Refused while sending 4 of 10 per second: the bucket drops to half of that, 2 per second.
    expect(Number(await links2[0]!.client.hGet('test:rl:partner:1:/slow:aimd', 'f'))).toBeCloseTo(0.2);
    const refused = (await b!.acquire('partner:1:/slow').catch((e: unknown) => e)) as RateLimitWaitError;
    expect(refused).toBeInstanceOf(RateLimitWaitError);
    expect(refused.details.retryAfterMs).toBeGreaterThan(0);
    await expect(b!.acquire('partner:1:/other')).resolves.toHaveProperty('done');
  });

  it('holds a slot for every replica until one second after its call was answered, or after the longest hold', async () => {
    // Checked on Redis's clock, in Redis's state: a slot's score is when it frees the window.
    const [linkA, linkB] = [await connect(), await connect()];
    const waitsB: number[] = [];
    const a = new RedisRateLimiter(linkA, new SlidingWindowRateLimiter(() => 1), { limitFor: () => 1, prefix: 'test:rl:', maxWaitMs: 5000, maxHoldMs: 400 });
    const b = new RedisRateLimiter(linkB, new SlidingWindowRateLimiter(() => 1), {
      limitFor: () => 1,
      prefix: 'test:rl:',
      maxWaitMs: 5000,
      maxHoldMs: 400,
      clock: recording(waitsB),
    });
    const redisNow = async () => {
      const [seconds, micros] = (await linkA.client.sendCommand(['TIME'])) as [string, string];
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    };
    const score = async (key: string) => (await linkA.client.zRangeWithScores(`test:rl:${key}:w`, 0, -1)).map((m) => m.score);

    const acquiredAt = await redisNow();
    const slow = await a.acquire('partner:1:/held');
    const held = (await score('partner:1:/held'))[0]!;
    // While its call runs, the slot is held for the longest hold from its start...
    expect(held).toBeGreaterThanOrEqual(acquiredAt + 400);
    expect(held).toBeLessThanOrEqual((await redisNow()) + 400);
    const answeredAt = await redisNow();
    slow.done();
    await until(async () => (await score('partner:1:/held'))[0] !== held, 'the answer to reach Redis');
    // ...and once answered, from the answer: the window frees a second after it.
    expect((await score('partner:1:/held'))[0]).toBeGreaterThanOrEqual(answeredAt);
    expect((await score('partner:1:/held'))[0]).toBeLessThanOrEqual(await redisNow());
    (await b.acquire('partner:1:/held')).done();
    expect(waitsB.length).toBeGreaterThan(0);

    // A replica that dies before the answer never reports it: its slot frees after the longest hold.
    const lostAt = await redisNow();
    await a.acquire('partner:1:/lost');
    const lost = (await score('partner:1:/lost'))[0]!;
    expect(lost).toBeGreaterThanOrEqual(lostAt + 400);
    expect(lost).toBeLessThanOrEqual((await redisNow()) + 400);
    const before = waitsB.length;
    await b.acquire('partner:1:/lost');
    expect(waitsB.length).toBeGreaterThan(before);
  });

  it('keeps sealed tokens in Redis, readable by another replica with the same key', async () => {
    const key = randomBytes(32);
    const record: TokenRecord = {
      accessToken: 'ACCESS_secret',
      accessTokenExpiresAt: 2_000_000_000,
      refreshToken: 'REFRESH_secret',
      refreshTokenExpiresAt: Math.floor(Date.now() / 1000) + 3600,
      openId: 'o',
      sellerName: 's',
      sellerBaseRegion: 'US',
      userType: 0,
      grantedScopes: [],
    };
    await new EncryptedTokenStore(new RedisSecretBackend(await connect()), key).set('app-1', record);
    await expect(new EncryptedTokenStore(new RedisSecretBackend(await connect()), key).get('app-1')).resolves.toEqual(record);
    const raw = (await links[0]!.client.get('shopgraph:v1:token:app-1'))!;
    expect(raw).not.toContain('secret');
    expect(await links[0]!.client.pTTL('shopgraph:v1:token:app-1')).toBeGreaterThan(3_500_000);
  });

  it('degrades when Redis dies (logging once), keeps answering locally, and recovers when it returns', async () => {
    const { logger, lines } = capturingLogger();
    const link = await connect({ logger });
    const store = new TieredCacheStore(link, { l1TtlMs: 0 });
    const tokens = new EncryptedTokenStore(new RedisSecretBackend(link), randomBytes(32));
    const record: TokenRecord = {
      accessToken: 'a',
      accessTokenExpiresAt: 1,
      refreshToken: 'r',
      refreshTokenExpiresAt: 2_000_000_000,
      openId: '',
      sellerName: '',
      sellerBaseRegion: '',
      userType: 0,
      grantedScopes: [],
    };
    await tokens.set('app', record);
    const limiter = new RedisRateLimiter(link, new SlidingWindowRateLimiter(() => 100), { limitFor: () => 100, prefix: 'test:rl:' });

    await shared.redis.kill();
    await until(() => !link.healthy, 'the link to notice Redis is gone');
    const entry = { value: 'local', storedAt: Date.now(), freshUntil: Date.now() + 60_000 };
    for (let i = 0; i < 5; i++) {
      await store.set(`k${i}`, entry, 60_000);
      await expect(store.get(`k${i}`)).resolves.toEqual(entry);
      (await limiter.acquire('partner:1:/down')).done();
    }
    await expect(tokens.get('app')).resolves.toEqual(record);
    expect(link.status()).toMatchObject({ ok: false, detail: expect.stringContaining('per-process') });
    expect(lines.filter((l) => l.msg.startsWith('Redis unavailable'))).toHaveLength(1);

    await shared.redis.restart();
    await until(() => link.healthy, 'the link to reconnect');
    expect(lines.filter((l) => l.msg.startsWith('Redis is back'))).toHaveLength(1);
    // Redis came back empty: the tokens are written back from the local copy.
    await expect(tokens.get('app')).resolves.toEqual(record);
    expect(await link.client.exists('shopgraph:v1:token:app')).toBe(1);
    await store.set('after', entry, 60_000);
    expect(await link.client.exists('shopgraph::after')).toBe(1);
    // What another replica writes now wins over what this one kept locally during the outage.
    const newer = { ...entry, value: 'shared', storedAt: entry.storedAt + 1 };
    await new TieredCacheStore(await connect()).set('k0', newer, 60_000);
    await expect(store.get('k0')).resolves.toEqual(newer);
  });

  it('refuses to start when Redis is unreachable, unless told Redis is optional', async () => {
    await shared.redis.kill();
    await expect(RedisLink.connect({ url: shared.redis.url, logger: silentLogger, connectTimeoutMs: 300 })).rejects.toThrow(
      /not reachable.*redis\.optional: true/,
    );
    const link = await connect({ optional: true });
    expect(link.healthy).toBe(false);
    await shared.redis.restart();
    await until(() => link.healthy, 'the optional link to connect once Redis is up');
  });
});
