import { RateLimitWaitError, SlidingWindowRateLimiter, tiktokLimitFor, type LimiterClock } from '../../../src/cache/rate-limiter';
import { UpstreamError } from '../../../src/datasources/upstream-error';

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

describe('SlidingWindowRateLimiter', () => {
  it('never lets more than the limit through in any one-second window', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 5, clock);
    const admitted: number[] = [];
    for (let i = 0; i < 23; i++) {
      await limiter.acquire('k');
      admitted.push(clock.t);
    }
    for (const t of admitted) expect(admitted.filter((u) => u > t - 1000 && u <= t).length).toBeLessThanOrEqual(5);
    // Full rate: 23 calls at 5/s finish in just over 4 seconds.
    expect(clock.t).toBeLessThan(4100);
  });

  it('keeps keys apart', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 2, clock);
    for (const key of ['a', 'a', 'b', 'b']) await limiter.acquire(key);
    expect(clock.t).toBe(0);
  });
});

describe('SlidingWindowRateLimiter deadlines and slow-downs', () => {
  it('fails with UPSTREAM_RATE_LIMITED details instead of waiting past its deadline', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowRateLimiter(() => 1, clock, { maxWaitMs: 500 });
    await limiter.acquire('partner:7:/product/202309/products/{product_id}');
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
    for (let i = 0; i < 40; i++) await limiter.acquire('k');
    await limiter.penalize('k');
    await limiter.penalize('k'); // sent before the cut took effect: no second cut
    expect(limiter.limitOf('k')).toBe(20);
    clock.t += 1500;
    for (let i = 0; i < 20; i++) await limiter.acquire('k');
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
    for (let i = 0; i < 10; i++) await limiter.acquire('k');
    await limiter.penalize('k');
    const admitted: number[] = [];
    for (let i = 0; i < 8; i++) {
      await limiter.acquire('k');
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
    expect(limitFor('partner:1:/order/202309/orders')).toBe(40);
    expect(limitFor('marketing:app')).toBe(8);
  });
});
