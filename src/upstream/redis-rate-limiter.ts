import { randomUUID } from 'node:crypto';
import { DEFAULT_AIMD, type AimdSettings } from './aimd';
import {
  MAX_HOLD_MS,
  RateLimitWaitError,
  realClock,
  WINDOW_MS,
  type LimiterClock,
  type LimiterOptions,
  type RateSlot,
  type SlidingWindowRateLimiter,
  type UpstreamLimiter,
} from './rate-limiter';
import { RedisUnavailableError, type RedisLink } from '../cache/redis-link';
import { evalScript } from '../cache/redis-script';

/**
 * One atomic step of a sliding one-second window shared by every replica, on Redis's clock (so
 * replicas' clocks do not matter). The limit is the bucket's full limit times its AIMD factor.
 * A slot's score is when its call was answered (see `RateSlot`); while the call is in flight, its
 * admission plus the longest hold, so a replica that dies mid-call frees the slot in time.
 * KEYS: window (sorted set of slots), AIMD state (hash f, at, cut).
 * ARGV: full limit, window ms, recovery per second, a unique member, longest hold ms.
 * Returns {0, limit} when admitted, else {ms until a slot may free up at the soonest, limit}.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local factor = 1
local s = redis.call('HMGET', KEYS[2], 'f', 'at')
if s[1] then factor = math.min(1, tonumber(s[1]) + tonumber(ARGV[3]) * (now - tonumber(s[2])) / 1000) end
local limit = math.max(1, math.floor(tonumber(ARGV[1]) * factor))
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), ARGV[4])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + window)
  return {0, limit}
end
local surplus = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return {math.min(tonumber(surplus[2]), now) + window - now + 1, limit}`;

/** A slot's call is over: its score becomes now. KEYS: window. ARGV: the slot's member. */
const DONE = `
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], 'XX', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
return 1`;

/**
 * AIMD cut of a bucket, applied to the rate in use (see aimd.ts: the same arithmetic).
 * KEYS: window, AIMD state. ARGV: decrease, recovery per second, floor, hold ms, full limit,
 * window ms. Returns the new factor as a string.
 */
const PENALIZE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local recovery = tonumber(ARGV[2])
local hold = tonumber(ARGV[4])
local s = redis.call('HMGET', KEYS[2], 'f', 'at', 'cut')
local factor = 1
if s[1] then factor = math.min(1, tonumber(s[1]) + recovery * (now - tonumber(s[2])) / 1000) end
local cut = now
if s[3] and now - tonumber(s[3]) < hold then
  cut = tonumber(s[3])
else
  local inUse = redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[6])), '+inf') / tonumber(ARGV[5])
  factor = math.max(tonumber(ARGV[3]), math.min(factor, inUse) * tonumber(ARGV[1]))
end
redis.call('HSET', KEYS[2], 'f', tostring(factor), 'at', tostring(now), 'cut', tostring(cut))
redis.call('PEXPIRE', KEYS[2], math.ceil((1 - factor) / recovery * 1000) + hold)
return tostring(factor)`;

/** Options of {@link RedisRateLimiter}. */
export interface RedisLimiterOptions extends LimiterOptions {
  /** Full limit per second of a key (before AIMD cuts). */
  limitFor: (key: string) => number;
  /** Prefix of the bucket keys; must name the app, as buckets are per app. */
  prefix: string;
  clock?: LimiterClock;
}

/**
 * The upstream limiter shared by every replica: one Lua script per acquisition. Within a process,
 * callers of one key queue in order, so only the head of the line asks Redis. While Redis is away
 * the process falls back to its own in-process limiter (and its own AIMD state).
 */
export class RedisRateLimiter implements UpstreamLimiter {
  private readonly lines = new Map<string, Promise<unknown>>();
  private readonly aimd: AimdSettings;
  private readonly clock: LimiterClock;
  private readonly member = randomUUID();
  private sequence = 0;
  private readonly windowMs: number;
  private readonly maxHoldMs: number;

  constructor(
    private readonly link: RedisLink,
    private readonly local: SlidingWindowRateLimiter,
    private readonly options: RedisLimiterOptions,
  ) {
    this.aimd = { ...DEFAULT_AIMD, ...options.aimd };
    this.clock = options.clock ?? realClock;
    this.windowMs = WINDOW_MS + (options.marginMs ?? 0);
    this.maxHoldMs = options.maxHoldMs ?? MAX_HOLD_MS;
  }

  acquire(key: string): Promise<RateSlot> {
    const deadline = this.clock.now() + (this.options.maxWaitMs ?? 10_000);
    const turn = (this.lines.get(key) ?? Promise.resolve()).then(() => this.take(key, deadline));
    const line = turn.catch(() => undefined);
    this.lines.set(key, line);
    void line.then(() => {
      if (this.lines.get(key) === line) this.lines.delete(key);
    });
    return turn;
  }

  async penalize(key: string): Promise<void> {
    if (!this.link.healthy) return this.local.penalize(key);
    const { decrease, recoveryPerSecond, floor, holdMs } = this.aimd;
    try {
      const args = [decrease, recoveryPerSecond, floor, holdMs, this.options.limitFor(key), this.windowMs];
      await this.link.run((c) => evalScript(c, PENALIZE, [this.bucket(key, 'w'), this.bucket(key, 'aimd')], args));
    } catch (error) {
      if (!(error instanceof RedisUnavailableError)) throw error;
      await this.local.penalize(key);
    }
  }

  private async take(key: string, deadline: number): Promise<RateSlot> {
    for (;;) {
      if (!this.link.healthy) return this.local.acquire(key, deadline);
      const member = `${this.member}:${++this.sequence}`;
      let wait: number;
      try {
        wait = await this.tryAcquire(key, member);
      } catch (error) {
        // A refused script is a bug to surface: retrying it would spin, as Redis stays up.
        if (!(error instanceof RedisUnavailableError)) throw error;
        continue; // the link is down now: the next round uses the local limiter
      }
      if (wait === 0) return { done: this.doneOnce(key, member) };
      if (this.clock.now() + wait > deadline) throw new RateLimitWaitError(key, wait);
      await this.clock.sleep(wait);
    }
  }

  private async tryAcquire(key: string, member: string): Promise<number> {
    const args = [this.options.limitFor(key), this.windowMs, this.aimd.recoveryPerSecond, member, this.maxHoldMs];
    const reply = await this.link.run((c) => evalScript(c, ACQUIRE, [this.bucket(key, 'w'), this.bucket(key, 'aimd')], args));
    return Number((reply as number[])[0]);
  }

  /** Reports the slot's call over, once; if Redis is away the slot frees after the longest hold. */
  private doneOnce(key: string, member: string): () => void {
    let reported = false;
    return () => {
      if (reported) return;
      reported = true;
      void this.link.run((c) => evalScript(c, DONE, [this.bucket(key, 'w')], [member])).catch(() => undefined);
    };
  }

  private bucket(key: string, part: 'w' | 'aimd'): string {
    return `${this.options.prefix}${key}:${part}`;
  }
}
