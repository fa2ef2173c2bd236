import type { RedisLink } from '../cache/redis-link';
import { evalScript } from '../cache/redis-script';
import type { ClaimedEntry, ConversionOutbox, OutboxEntry } from './conversion-outbox';
import { claimDue } from './redis-claim';

/**
 * Queues the entry unless the order id is known. KEYS: known (zset, score = queued at), due (zset,
 * score = due at), events (hash), shops (hash). ARGV: order id, shop id, event, now.
 */
const ENQUEUE = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return 1`;

/** Ends entries. KEYS: due, events, shops, attempts, done (zset of ARGV[1] = state). ARGV: state, now, ids… */
const FINISH = `
for i = 3, #ARGV do
  if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
    redis.call('HDEL', KEYS[2], ARGV[i])
    redis.call('HDEL', KEYS[3], ARGV[i])
    redis.call('HDEL', KEYS[4], ARGV[i])
    redis.call('ZADD', KEYS[5], ARGV[2], ARGV[i])
  end
end
return 1`;

/** Reschedules entries still waiting. KEYS: due, attempts. ARGV: due at, ids… */
const RETRY = `
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
    redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
  end
end
return 1`;

/** Forgets ids queued before ARGV[1] that no longer wait. KEYS: known, due, sent, failed. */
const PRUNE = `
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, 10000)
local n = 0
for _, id in ipairs(old) do
  if not redis.call('ZSCORE', KEYS[2], id) then
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZREM', KEYS[3], id)
    redis.call('ZREM', KEYS[4], id)
    n = n + 1
  end
end
return n`;

/**
 * The conversions outbox on Redis, shared by every replica: each step is one Lua script, so of
 * two replicas claiming at once each gets different entries, and an order id enqueued by both is
 * queued once. Keys under `{prefix}`: `known` (every order id queued, by time), `due` (waiting
 * entries by due time, a claimed one's lease end), `events`, `shops`, `attempts`, `sent`, `failed`.
 * Nothing is kept in memory: while Redis is away every call fails and the forwarder retries later.
 */
export class RedisOutbox implements ConversionOutbox {
  private readonly keys: Record<'known' | 'due' | 'events' | 'shops' | 'attempts' | 'sent' | 'failed', string>;

  /** @param prefix e.g. `shopgraph:conversions:v1:{pixel}:` */
  constructor(
    private readonly link: RedisLink,
    prefix: string,
  ) {
    const k = (name: string) => `${prefix}${name}`;
    this.keys = { known: k('known'), due: k('due'), events: k('events'), shops: k('shops'), attempts: k('attempts'), sent: k('sent'), failed: k('failed') };
  }

  async enqueue(entry: OutboxEntry, now: number): Promise<boolean> {
    const { known, due, events, shops } = this.keys;
    const added = await this.link.run((c) => evalScript(c, ENQUEUE, [known, due, events, shops], [entry.orderId, entry.shopId, entry.event, now]));
    return Number(added) === 1;
  }

  async known(orderId: string): Promise<boolean> {
    return (await this.link.run((c) => c.zScore(this.keys.known, orderId))) !== null;
  }

  async claim(max: number, now: number, leaseMs: number): Promise<ClaimedEntry[]> {
    const { due, events, shops, attempts } = this.keys;
    const claimed = await this.link.run((c) => claimDue(c, due, [shops, events, attempts], { now, max, leaseEnd: now + leaseMs }));
    return claimed.map(({ id, fields: [shopId = '', event = '', tries = ''] }) => ({ orderId: id, shopId, event, attempts: Number(tries || 0) }));
  }

  sent(orderIds: readonly string[], now: number): Promise<void> {
    return this.finish(this.keys.sent, orderIds, now);
  }

  async retry(orderIds: readonly string[], dueAt: number): Promise<void> {
    if (orderIds.length === 0) return;
    await this.link.run((c) => evalScript(c, RETRY, [this.keys.due, this.keys.attempts], [dueAt, ...orderIds]));
  }

  giveUp(orderIds: readonly string[], now: number): Promise<void> {
    return this.finish(this.keys.failed, orderIds, now);
  }

  async depth(): Promise<number> {
    return this.link.run((c) => c.zCard(this.keys.due));
  }

  async prune(before: number): Promise<number> {
    const { known, due, sent, failed } = this.keys;
    return Number(await this.link.run((c) => evalScript(c, PRUNE, [known, due, sent, failed], [before])));
  }

  private async finish(doneKey: string, orderIds: readonly string[], now: number): Promise<void> {
    if (orderIds.length === 0) return;
    const { due, events, shops, attempts } = this.keys;
    await this.link.run((c) => evalScript(c, FINISH, [due, events, shops, attempts, doneKey], ['', now, ...orderIds]));
  }
}
