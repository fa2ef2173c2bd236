/**
 * Client-side upstream rate limiting: TikTok allows 50 requests per second per API for each app +
 * shop, and about 10 per second per app on the Marketing API. Each call waits for a slot instead
 * of being refused upstream; a call that would wait past its deadline fails instead.
 */
import { UpstreamError } from './upstream-error';
import { aimdCut, aimdFactor, DEFAULT_AIMD, type AimdSettings, type AimdState } from './aimd';

/**
 * A slot a call holds from its admission until it is over. TikTok counts a request when it
 * arrives, which the caller cannot see: somewhere between admission and answer (a new connection,
 * a busy event loop or a slow network all delay it). So a slot stays taken until one window after
 * the answer: any two calls that could arrive within one upstream second are then both counted
 * when the later one is admitted, however unevenly they travel.
 */
export interface RateSlot {
  /** The call is over: answered, refused, failed or timed out. Idempotent. */
  done(): void;
}

/** Something a client awaits before each upstream attempt. */
export interface UpstreamLimiter {
  /**
   * Resolves with a slot when a call for `key` may go out; the caller reports `done()` when the
   * call is over.
   * @throws RateLimitWaitError when no slot frees up within the limiter's deadline
   */
  acquire(key: string): Promise<RateSlot>;
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
  /** Extra ms a slot stays taken past one window after its answer. @default 0 */
  marginMs?: number;
  /**
   * A slot whose call never reports `done()` is freed this long after its admission (a lost
   * report must not shrink the bucket for good). Longer than any call's timeout. @default 60000
   */
  maxHoldMs?: number;
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

/** Default {@link LimiterOptions.maxHoldMs}. */
export const MAX_HOLD_MS = 60_000;

/** A slot taken at `start`, answered at `end` (null while the call is in flight). */
interface Held {
  start: number;
  end: number | null;
}

/**
 * A sliding one-second window per key, the way TikTok counts: at most `limitFor(key)` calls (cut
 * by AIMD after rejections) in flight or answered within the last second (see {@link RateSlot}).
 * Callers over the limit wait until a slot frees.
 */
export class SlidingWindowRateLimiter implements UpstreamLimiter {
  private readonly windows = new Map<string, Held[]>();
  private readonly slowdowns = new Map<string, AimdState>();
  private readonly aimd: AimdSettings;
  private readonly maxWaitMs: number;
  private readonly maxHoldMs: number;
  private readonly windowMs: number;

  constructor(
    private readonly limitFor: (key: string) => number,
    private readonly clock: LimiterClock = realClock,
    options: LimiterOptions = {},
  ) {
    this.aimd = { ...DEFAULT_AIMD, ...options.aimd };
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    this.maxHoldMs = options.maxHoldMs ?? MAX_HOLD_MS;
    this.windowMs = WINDOW_MS + (options.marginMs ?? 0);
  }

  /** @param deadline give up when no slot frees up by then (ms since epoch) @default now + maxWaitMs */
  async acquire(key: string, deadline: number = this.clock.now() + this.maxWaitMs): Promise<RateSlot> {
    for (;;) {
      const taken = this.tryAcquire(key);
      if (typeof taken !== 'number') return taken;
      if (this.clock.now() + taken > deadline) throw new RateLimitWaitError(key, taken);
      await this.clock.sleep(taken);
    }
  }

  /**
   * Takes a slot now, or returns the ms until one may free up at the soonest (a call in flight
   * may be answered right now; if it is not, the caller asks again then).
   */
  tryAcquire(key: string): RateSlot | number {
    const now = this.clock.now();
    const limit = this.limitOf(key, now);
    const held = this.held(key, now);
    if (held.length < limit) {
      const slot: Held = { start: now, end: null };
      held.push(slot);
      return {
        done: () => {
          slot.end ??= this.clock.now();
        },
      };
    }
    // After a cut the window may hold more than the new limit: wait for the surplus to age out.
    const ends = held.map((h) => h.end ?? Math.min(now, h.start + this.maxHoldMs)).sort((a, b) => a - b);
    return (ends[held.length - limit] as number) + this.windowMs - now + 1;
  }

  async penalize(key: string): Promise<void> {
    const now = this.clock.now();
    const sent = this.held(key, now).length;
    this.slowdowns.set(key, aimdCut(this.slowdowns.get(key), now, this.aimd, sent / this.limitFor(key)));
  }

  /** The key's current limit per second. */
  limitOf(key: string, now: number = this.clock.now()): number {
    const factor = aimdFactor(this.slowdowns.get(key), now, this.aimd);
    if (factor >= 1) this.slowdowns.delete(key);
    return Math.max(1, Math.floor(this.limitFor(key) * factor));
  }

  /** The key's slots still counted at `now`: in flight, or answered within the last window. */
  private held(key: string, now: number): Held[] {
    const held = (this.windows.get(key) ?? []).filter((h) => (h.end ?? h.start + this.maxHoldMs) > now - this.windowMs);
    this.windows.set(key, held);
    return held;
  }
}

/** TikTok's limits (requests per second) and the share of them ShopGraph uses. */
export interface TiktokLimits {
  /** @default 50 */
  partnerPerSecond?: number;
  /** @default 10 */
  marketingPerSecond?: number;
  /**
   * The share of TikTok's limit used: a margin for what the limiter cannot see (another process
   * of the app without the shared Redis limiter, TikTok counting other than documented). @default 0.9
   */
  headroom?: number;
}

/** The per-key limit function for TikTok's keys (`partner:…` and `marketing:app`). */
export function tiktokLimitFor(limits: TiktokLimits = {}): (key: string) => number {
  const headroom = limits.headroom ?? 0.9;
  const partner = (limits.partnerPerSecond ?? 50) * headroom;
  const marketing = (limits.marketingPerSecond ?? 10) * headroom;
  return (key) => (key.startsWith('marketing:') ? marketing : partner);
}

/** Defaults: TikTok's limits with 10% headroom. */
export function tiktokLimiter(options: TiktokLimits & LimiterOptions = {}, clock?: LimiterClock): SlidingWindowRateLimiter {
  return new SlidingWindowRateLimiter(tiktokLimitFor(options), clock, options);
}
