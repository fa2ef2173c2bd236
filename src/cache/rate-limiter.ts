/**
 * Client-side upstream rate limiting: TikTok allows 50 requests per second per API for each app +
 * shop, and about 10 per second per app on the Marketing API. Each call waits for a slot instead
 * of being refused upstream.
 */

/** Something a client awaits before each upstream attempt. */
export interface UpstreamLimiter {
  /** Resolves when a call for `key` may go out. */
  acquire(key: string): Promise<void>;
}

/** Clock and sleep, injectable so tests use fake time. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A sliding one-second window per key, the way TikTok counts: at most `limitFor(key)` calls in
 * any second. Callers over the limit wait until the oldest call of the window is a second old.
 */
export class SlidingWindowRateLimiter implements UpstreamLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly limitFor: (key: string) => number,
    private readonly clock: LimiterClock = realClock,
  ) {}

  async acquire(key: string): Promise<void> {
    const limit = Math.max(1, Math.floor(this.limitFor(key)));
    for (;;) {
      const now = this.clock.now();
      const window = (this.windows.get(key) ?? []).filter((t) => t > now - 1000);
      if (window.length < limit) {
        window.push(now);
        this.windows.set(key, window);
        return;
      }
      this.windows.set(key, window);
      await this.clock.sleep((window[0] as number) + 1000 - now + 1);
    }
  }
}

/** Defaults: TikTok's limits with 10% headroom for clock and network skew. */
export function tiktokLimiter(options: { partnerPerSecond?: number; marketingPerSecond?: number; headroom?: number } = {}, clock?: LimiterClock): SlidingWindowRateLimiter {
  const headroom = options.headroom ?? 0.9;
  const partner = (options.partnerPerSecond ?? 50) * headroom;
  const marketing = (options.marketingPerSecond ?? 10) * headroom;
  return new SlidingWindowRateLimiter((key) => (key.startsWith('marketing:') ? marketing : partner), clock);
}
