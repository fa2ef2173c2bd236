import { SlidingWindowLimiter } from '../../../../src/emulator/rate-limit';

describe('SlidingWindowLimiter', () => {
  it('admits `limit` calls per key in any 1 s window on the injected clock', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter(() => now);
    for (let i = 0; i < 50; i++) expect(limiter.tryAcquire('a', 50)).toBe(true);
    expect(limiter.tryAcquire('a', 50)).toBe(false);
    expect(limiter.tryAcquire('b', 50)).toBe(true);
    now += 999;
    expect(limiter.tryAcquire('a', 50)).toBe(false);
    now += 1;
    expect(limiter.tryAcquire('a', 50)).toBe(true);
  });

  it('slides: calls leave the window one by one', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(() => now);
    expect(limiter.tryAcquire('k', 2)).toBe(true);
    now = 500;
    expect(limiter.tryAcquire('k', 2)).toBe(true);
    expect(limiter.tryAcquire('k', 2)).toBe(false);
    now = 1000;
    expect(limiter.tryAcquire('k', 2)).toBe(true);
    expect(limiter.tryAcquire('k', 2)).toBe(false);
  });

  it('does not count refused calls against the caller', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(() => now);
    expect(limiter.tryAcquire('k', 1)).toBe(true);
    for (let i = 0; i < 5; i++) expect(limiter.tryAcquire('k', 1)).toBe(false);
    now = 1000;
    expect(limiter.tryAcquire('k', 1)).toBe(true);
  });
});
