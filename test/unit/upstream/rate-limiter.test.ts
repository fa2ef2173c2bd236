import fc from 'fast-check';
import { RateLimitWaitError, SlidingWindowRateLimiter, tiktokLimitFor, type LimiterClock } from '../../../src/upstream/rate-limiter';
import { UpstreamError } from '../../../src/upstream/upstream-error';

/** A fake clock whose sleeps advance time instantly, in order. */
function fakeClock(): LimiterClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** A call answered the moment it was admitted. */
async function call(limiter: SlidingWindowRateLimiter, key: string): Promise<void> {
  (await limiter.acquire(key)).done();
}

/** A clock whose sleeps wait until the test moves time past them. */
function steppedClock(): LimiterClock & { t: number; advance(ms: number): Promise<void> } {
  const sleepers: { until: number; wake: () => void }[] = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ until: clock.t + ms, wake })),
    async advance(ms: number) {
      const until = clock.t + ms;
      await settle();
      for (;;) {
        const next = sleepers.filter((s) => s.until <= until).sort((a, b) => a.until - b.until)[0];
        if (!next) break;
        sleepers.splice(sleepers.indexOf(next), 1);
        clock.t = next.until;
        next.wake();
        await settle();
      }
      clock.t = until;
    },
  };
  return clock;
}

describe('SlidingWindowRateLimiter', () => {
  it('never lets more than the limit through in any one-second window', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 5, clock);
    const admitted: number[] = [];
    for (let i = 0; i < 23; i++) {
      await call(limiter, 'k');
      admitted.push(clock.t);
    }
    for (const t of admitted) expect(admitted.filter((u) => u > t - 1000 && u <= t).length).toBeLessThanOrEqual(5);
    // Full rate: 23 calls at 5/s finish in just over 4 seconds.
    expect(clock.t).toBeLessThan(4100);
  });

  it('keeps keys apart', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 2, clock);
    for (const key of ['a', 'a', 'b', 'b']) await call(limiter, key);
    expect(clock.t).toBe(0);
  });
});

describe('SlidingWindowRateLimiter slots held until answered', () => {
  it('counts a slot until one second after its call was answered, however long the call took', async () => {
    const clock = steppedClock();
    const limiter = new SlidingWindowRateLimiter(() => 2, clock);
    const a = await limiter.acquire('k');
    const b = await limiter.acquire('k');
    let admittedAt: number | undefined;
    const third = limiter.acquire('k').then((slot) => {
      admittedAt = clock.t;
      return slot;
    });
    await clock.advance(300);
    a.done(); // a may have reached TikTok as late as now
    await clock.advance(1200);
    // Not at 1000 (a second after a was admitted): a slot frees a second after a's answer.
    expect(admittedAt).toBe(1301);
    (await third).done();
    b.done();
  });

  it('waits while every slot is in flight, and admits a second after the first answer', async () => {
    const clock = steppedClock();
    const limiter = new SlidingWindowRateLimiter(() => 1, clock);
    const slow = await limiter.acquire('k');
    let admittedAt: number | undefined;
    const next = limiter.acquire('k').then((slot) => {
      admittedAt = clock.t;
      return slot;
    });
    await clock.advance(5000);
    expect(admittedAt).toBeUndefined(); // still in flight after 5 s: nothing frees
    slow.done();
    slow.done(); // idempotent: the answer time stays the first report's
    await clock.advance(2000);
    expect(admittedAt).toBe(6001);
    (await next).done();
  });

  it('never lets more than the limit arrive upstream in any second, whenever each request arrives between admission and answer', async () => {
    const call = fc.record({ latency: fc.integer({ min: 0, max: 1500 }), arrival: fc.double({ min: 0, max: 1, noNaN: true }) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(fc.array(call, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), async (limit, workers) => {
        const clock = steppedClock();
        const limiter = new SlidingWindowRateLimiter(() => limit, clock, { maxWaitMs: 1e9 });
        const arrivals: number[] = [];
        const run = async (calls: { latency: number; arrival: number }[]) => {
          for (const c of calls) {
            const slot = await limiter.acquire('k');
            arrivals.push(clock.t + c.arrival * c.latency);
            await clock.sleep(c.latency);
            slot.done();
          }
        };
        const done = Promise.all(workers.map(run));
        await clock.advance(1e7);
        await done;
        arrivals.sort((a, b) => a - b);
        for (const a of arrivals) expect(arrivals.filter((b) => b >= a && b < a + 1000).length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 60 },
    );
  });

  it('frees a slot whose call never reports back after maxHoldMs', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 1, clock, { maxHoldMs: 3000, maxWaitMs: 60_000 });
    await limiter.acquire('k'); // its done() is lost
    await call(limiter, 'k');
    expect(clock.t).toBe(4001);
  });

  it('fails at once when even an answer right now would free a slot past the deadline', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 1, clock, { maxWaitMs: 800 });
    const slot = await limiter.acquire('k');
    const error = (await limiter.acquire('k').catch((e: unknown) => e)) as RateLimitWaitError;
    expect(error).toBeInstanceOf(RateLimitWaitError);
    expect(error.details.retryAfterMs).toBe(1001);
    expect(clock.t).toBe(0);
    slot.done();
  });

  it('keeps a margin past the window when asked to', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 1, clock, { marginMs: 50 });
    await call(limiter, 'k');
    await call(limiter, 'k');
    expect(clock.t).toBe(1051);
  });
});

describe('SlidingWindowRateLimiter deadlines and slow-downs', () => {
  it('fails with UPSTREAM_RATE_LIMITED details instead of waiting past its deadline', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 1, clock, { maxWaitMs: 500 });
    await call(limiter, 'partner:7:/product/202309/products/{product_id}');
    const error = await limiter.acquire('partner:7:/product/202309/products/{product_id}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitWaitError);
    expect(error).toBeInstanceOf(UpstreamError);
    const e = error as RateLimitWaitError;
    expect(e.kind).toBe('rate_limited');
    expect(e.retryable).toBe(false);
    expect(e.details).toMatchObject({ api: 'partner', path: '/product/202309/products/{product_id}' });
    expect(e.details.retryAfterMs).toBeGreaterThan(500);
    expect(clock.t).toBe(0);
  });

  it('halves the rate in use after a rejection, counts a burst of rejections once, and recovers additively', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 40, clock);
    expect(limiter.limitOf('k')).toBe(40);
    for (let i = 0; i < 40; i++) await call(limiter, 'k');
    await limiter.penalize('k');
    await limiter.penalize('k'); // sent before the cut took effect: no second cut
    expect(limiter.limitOf('k')).toBe(20);
    clock.t += 1500;
    for (let i = 0; i < 20; i++) await call(limiter, 'k');
    await limiter.penalize('k');
    // Refused while sending 20 of 40 (0.5; the allowance had recovered to 0.5 + 0.1/s × 1.5 s):
    // the cut halves what was in use, to 0.25 of 40.
    expect(limiter.limitOf('k')).toBe(10);
    clock.t += 10_000;
    expect(limiter.limitOf('k')).toBe(40);
    expect(limiter.limitOf('other')).toBe(40);
  });

  it('cuts to the floor when refused while sending nothing (another client uses the quota)', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 50, clock);
    await limiter.penalize('k');
    expect(limiter.limitOf('k')).toBe(5);
  });

  it('never cuts below the floor', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 50, clock);
    for (let i = 0; i < 10; i++) {
      await limiter.penalize('k');
      clock.t += 1000;
    }
    expect(limiter.limitOf('k')).toBeGreaterThanOrEqual(5);
  });

  it('after a cut, admits no more than the lowered limit per second', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 10, clock);
    for (let i = 0; i < 10; i++) await call(limiter, 'k');
    await limiter.penalize('k');
    const admitted: number[] = [];
    for (let i = 0; i < 8; i++) {
      await call(limiter, 'k');
      admitted.push(clock.t);
    }
    // The window was full at t=0, so admissions resume a second later at the cut rate: 10 × 0.5,
    // plus 0.1 per second of recovery since the cut = 6 in that second, not 10.
    expect(admitted[0]).toBeGreaterThanOrEqual(1000);
    expect(admitted.filter((t) => t < admitted[0]! + 1000)).toHaveLength(6);
  });
});

describe('tiktokLimitFor', () => {
  it('applies the headroom to the Partner and Marketing limits', () => {
    const limitFor = tiktokLimitFor({ headroom: 0.8 });
    expect(limitFor('partner:1:/order/202507/orders')).toBe(40);
    expect(limitFor('marketing:app')).toBe(8);
  });
});
