/**
 * Client-side upstream rate limiting: TikTok allows 50 requests per second per API for each app +
 * shop, and about 10 per second per app on the Marketing API. Each call waits for a slot instead
 * of being refused upstream; a call that would wait past its deadline fails instead.
 */
import { UpstreamError } from '../datasources/upstream-error';
import { aimdCut, aimdFactor, DEFAULT_AIMD, type AimdSettings, type AimdState } from './aimd';

/** Something a client awaits before each upstream attempt. */
export interface UpstreamLimiter {
  /**
   * Resolves when a call for `key` may go out.
   * @throws RateLimitWaitError when no slot frees up within the limiter's deadline
   */
  acquire(key: string): Promise<void>;
  /** TikTok refused a call for `key` as too frequent: slow that bucket down (AIMD). */
  penalize?(key: string): Promise<void>;
}

/** Clock and sleep, injectable so tests use fake time. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Options shared by the in-process and the Redis limiter. */
export interface LimiterOptions {
  /** Longest wait for a slot; past it the call fails `UPSTREAM_RATE_LIMITED`. @default 10000 */
  maxWaitMs?: number;
  /** @default DEFAULT_AIMD */
  aimd?: Partial<AimdSettings>;
  /**
   * A slot is reused this long after TikTok's one-second window would allow it: requests reach
   * TikTok unevenly delayed (a new connection, a busy event loop), and a burst admitted at a
   * window's edge must not land in the same upstream second as the previous one. @default 0
   */
  jitterMs?: number;
}

export const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The window TikTok counts requests in. */
export const WINDOW_MS = 1000;

/**
 * A wait for a slot that would run past the deadline. Not retryable: it already waited as long as
 * the caller allows. Carries `retryAfterMs` (when a slot frees) for the client.
 */
export class RateLimitWaitError extends UpstreamError {
  constructor(key: string, retryAfterMs: number) {
    const marketing = key.startsWith('marketing:');
    const path = marketing ? undefined : key.split(':').slice(2).join(':');
    super('rate_limited', `no upstream rate-limit slot for ${key} within the deadline`, {
      api: marketing ? 'marketing' : 'partner',
      path,
      retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
    });
  }

  override get retryable(): boolean {
    return false;
  }
}

/**
 * A sliding one-second window per key, the way TikTok counts: at most `limitFor(key)` calls (cut
 * by AIMD after rejections) in any second. Callers over the limit wait until a slot frees.
 */
export class SlidingWindowRateLimiter implements UpstreamLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly slowdowns = new Map<string, AimdState>();
  private readonly aimd: AimdSettings;
  private readonly maxWaitMs: number;
  private readonly windowMs: number;

  constructor(
    private readonly limitFor: (key: string) => number,
    private readonly clock: LimiterClock = realClock,
    options: LimiterOptions = {},
  ) {
    this.aimd = { ...DEFAULT_AIMD, ...options.aimd };
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    this.windowMs = WINDOW_MS + (options.jitterMs ?? 0);
  }

  /** @param deadline give up when no slot frees up by then (ms since epoch) @default now + maxWaitMs */
  async acquire(key: string, deadline: number = this.clock.now() + this.maxWaitMs): Promise<void> {
    for (;;) {
      const wait = this.tryAcquire(key);
      if (wait === 0) return;
      if (this.clock.now() + wait > deadline) throw new RateLimitWaitError(key, wait);
      await this.clock.sleep(wait);
    }
  }

  /** Takes a slot now and returns 0, or returns the ms until one may free up. */
  tryAcquire(key: string): number {
    const now = this.clock.now();
    const limit = this.limitOf(key, now);
    const window = (this.windows.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.windows.set(key, window);
    if (window.length < limit) {
      window.push(now);
      return 0;
    }
    // After a cut the window may hold more than the new limit: wait for the surplus to age out.
    return (window[window.length - limit] as number) + this.windowMs - now + 1;
  }

  async penalize(key: string): Promise<void> {
    const now = this.clock.now();
    const sent = (this.windows.get(key) ?? []).filter((t) => t > now - this.windowMs).length;
    this.slowdowns.set(key, aimdCut(this.slowdowns.get(key), now, this.aimd, sent / this.limitFor(key)));
  }

  /** The key's current limit per second. */
  limitOf(key: string, now: number = this.clock.now()): number {
    const factor = aimdFactor(this.slowdowns.get(key), now, this.aimd);
    if (factor >= 1) this.slowdowns.delete(key);
    return Math.max(1, Math.floor(this.limitFor(key) * factor));
  }
}

/** TikTok's limits (requests per second) and the share of them ShopGraph uses. */
export interface TiktokLimits {
  /** @default 50 */
  partnerPerSecond?: number;
  /** @default 10 */
  marketingPerSecond?: number;
  /** Kept below TikTok's limit for clock and network skew. @default 0.9 */
  headroom?: number;
}

/** Default {@link LimiterOptions.jitterMs} for TikTok's buckets. */
export const TIKTOK_JITTER_MS = 50;

/** The per-key limit function for TikTok's keys (`partner:…` and `marketing:app`). */
export function tiktokLimitFor(limits: TiktokLimits = {}): (key: string) => number {
  const headroom = limits.headroom ?? 0.9;
  const partner = (limits.partnerPerSecond ?? 50) * headroom;
  const marketing = (limits.marketingPerSecond ?? 10) * headroom;
  return (key) => (key.startsWith('marketing:') ? marketing : partner);
}

/** Defaults: TikTok's limits with 10% headroom and {@link TIKTOK_JITTER_MS} for network skew. */
export function tiktokLimiter(options: TiktokLimits & LimiterOptions = {}, clock?: LimiterClock): SlidingWindowRateLimiter {
  return new SlidingWindowRateLimiter(tiktokLimitFor(options), clock, { jitterMs: TIKTOK_JITTER_MS, ...options });
}
