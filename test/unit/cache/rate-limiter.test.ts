import { SlidingWindowRateLimiter, type LimiterClock } from '../../../src/cache/rate-limiter';

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
