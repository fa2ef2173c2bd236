/**
 * Claiming due entries of a Redis outbox (a sorted set scored by due time): one Lua script takes
 * up to `max` entries due by `now` and pushes each one's score to the end of its lease, so two
 * replicas claiming at once never get the same entry, and an entry whose claimer dies is due
 * again when its lease ends. Shared by the conversions outbox and the alert webhooks' outbox.
 */
import { z } from 'zod';
import type { RedisClient } from '../cache/redis-link';
import { evalScript } from '../cache/redis-script';

/**
 * KEYS: the due set, then hashes keyed by entry id. ARGV: now, max, lease end. Returns, per
 * entry, its id and then its field in each hash ('' when it has none).
 */
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[3], id)
  out[#out + 1] = id
  for k = 2, #KEYS do out[#out + 1] = redis.call('HGET', KEYS[k], id) or '' end
end
return out`;

const reply = z.array(z.string());

/** One claimed entry: its id, and its field in each hash asked for (in order; '' when absent). */
export interface Claimed {
  id: string;
  fields: string[];
}

/**
 * Claims up to `max` entries of `due` due by `now` until `leaseEnd`, with their fields in `hashes`.
 * @throws when Redis answers something else than the script returns (never trusted unchecked)
 */
export async function claimDue(
  client: RedisClient,
  due: string,
  hashes: readonly string[],
  settings: { now: number; max: number; leaseEnd: number },
): Promise<Claimed[]> {
  const flat = reply.parse(await evalScript(client, CLAIM, [due, ...hashes], [settings.now, settings.max, settings.leaseEnd]));
  const width = 1 + hashes.length;
  if (flat.length % width !== 0) throw new Error(`claiming ${due}: Redis answered ${flat.length} values, not a multiple of ${width}`);
  const claimed: Claimed[] = [];
  for (let i = 0; i < flat.length; i += width) claimed.push({ id: flat[i]!, fields: flat.slice(i + 1, i + width) });
  return claimed;
}
