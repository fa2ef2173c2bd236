import { z } from 'zod';
import { RedisUnavailableError, type RedisLink } from '../cache/redis-link';
import { evalScript } from '../cache/redis-script';
import type { BucketSettings } from './caller';
import { MemoryBucketStore, type BucketState, type BucketStore } from './leaky-bucket';

/**
 * The level of a bucket now, refilled lazily from the time elapsed since it was last written:
 * the arithmetic of {@link MemoryBucketStore}, in the same order, so both agree to the last bit.
 * A missing bucket is full. KEYS: the bucket (hash `available`, `at`). ARGV: size, restore per
 * second, amount, now in ms (empty: Redis's clock, so replicas' clocks do not matter).
 */
const LEVEL = `
local size = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local amount = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local redisClock = not now
if redisClock then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local available = size
local s = redis.call('HMGET', KEYS[1], 'available', 'at')
if s[1] then available = math.min(size, tonumber(s[1]) + math.max(0, ((now - tonumber(s[2])) / 1000) * rate)) end
local ok = 1
`;

/**
 * Writes the level back and returns {ok, available}. Numbers go out as '%.17g' strings: Redis
 * would truncate a Lua number to an integer, and 17 digits round-trip a double exactly.
 *
 * A full bucket is a missing one, so the key may vanish only once the bucket is full again on the
 * clock its level is measured by. On Redis's clock it expires AT that instant (PEXPIREAT, rounded
 * up): PEXPIRE would count from Redis's whole-millisecond command time, which lags the
 * microsecond `now`, and let the key go up to 1 ms early — a full bucket a little before its time.
 * An injected clock is not Redis's: Redis cannot expire anything on it, so such keys have no
 * expiry and go only when a write finds them full (a test whose clock stands still while real
 * time runs would otherwise see a drained bucket come back full).
 */
const SAVE = `
local fmt = function(x) return string.format('%.17g', x) end
if available < size then
  redis.call('HSET', KEYS[1], 'available', fmt(available), 'at', fmt(now))
  if redisClock then redis.call('PEXPIREAT', KEYS[1], fmt(math.ceil(now + (size - available) / rate * 1000))) end
else
  redis.call('DEL', KEYS[1])
end
return {ok, fmt(available)}`;

/** Takes `amount` when that much is available, else nothing (ok 0). */
const TAKE = `${LEVEL}
if available >= amount then available = available - amount else ok = 0 end
${SAVE}`;

/** Gives `amount` back (a negative one counts as 0), never above the size. */
const REFUND = `${LEVEL}
available = math.min(size, available + math.max(0, amount))
${SAVE}`;

/**
 * The scripts' answer, checked: a level that is not a finite, non-negative number (a script bug,
 * or a hash someone else wrote under our key) is an error to surface, never a level to trust.
 */
const replySchema = z.tuple([z.union([z.literal(0), z.literal(1)]), z.string().transform(Number).pipe(z.number().finite().nonnegative())]);

/** Options of {@link RedisBucketStore}. */
export interface RedisBucketStoreOptions {
  /** Prefix of the bucket keys, e.g. `shopgraph:cost:<app key>:`; the client name follows. */
  prefix: string;
  /**
   * Clock in ms, for tests. Redis cannot expire keys on it, so with it buckets never expire: they
   * are deleted when a write finds them full. @default Redis's clock (`TIME`)
   */
  clock?: () => number;
}

/**
 * Cost buckets every replica drains together: one Lua script per take or refund, so concurrent
 * requests on any replica see one level per client. While Redis is away each process falls back
 * to its own in-memory buckets (which start full), as the upstream limiter does; any other
 * failure (a command Redis refuses, an answer that does not parse) is an error, not an outage.
 */
export class RedisBucketStore implements BucketStore {
  constructor(
    private readonly link: RedisLink,
    private readonly options: RedisBucketStoreOptions,
    private readonly local: BucketStore = new MemoryBucketStore(),
  ) {}

  async take(key: string, cost: number, settings: BucketSettings): Promise<BucketState & { ok: boolean }> {
    const reply = await this.shared(TAKE, key, cost, settings);
    return reply ? { ok: reply.ok, available: reply.available } : this.local.take(key, cost, settings);
  }

  async refund(key: string, amount: number, settings: BucketSettings): Promise<BucketState> {
    const reply = await this.shared(REFUND, key, amount, settings);
    return reply ? { available: reply.available } : this.local.refund(key, amount, settings);
  }

  /** The script's answer, or undefined when Redis is away (the link logs that once). */
  private async shared(script: string, key: string, amount: number, settings: BucketSettings): Promise<{ ok: boolean; available: number } | undefined> {
    if (!this.link.healthy) return undefined;
    const args = [settings.bucket, settings.restorePerSecond, amount, this.options.clock?.() ?? ''];
    try {
      // Parsed inside the link's call, so a malformed answer is logged and counted as a failure there.
      const [ok, available] = await this.link.run(async (c) => replySchema.parse(await evalScript(c, script, [this.options.prefix + key], args)));
      return { ok: ok === 1, available };
    } catch (error) {
      if (error instanceof RedisUnavailableError) return undefined;
      throw error;
    }
  }
}
