import type { RedisLink } from '../cache/redis-link';
import { evalScript } from '../cache/redis-script';
import { claimDue, type Claimed } from '../store/redis-claim';
import { StoreUnavailableError } from '../store/store-unavailable';
import { eventSchema, ruleSchema, stateSchema, type AlertEvent, type AlertRule, type RuleState } from './alert-rule';
import type { AlertStore, DueDelivery } from './alert-store';
import { readRecord } from './stored-json';
import { KEY_FAMILIES } from '../config/storage-keys';

// KEYS: rules, owner's set, shop's set, shops. ARGV: id, rule JSON, limit, shop id.
const ADD = `
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[4])
return 1`;

// KEYS: rules, owner's set, shop's set, shops, states. ARGV: id, shop id.
const DELETE = `
if redis.call('SREM', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
if redis.call('SCARD', KEYS[3]) == 0 then redis.call('SREM', KEYS[4], ARGV[2]) end
return 1`;

// KEYS: states, rules, event, outbox. ARGV: rule id, expected version, state JSON, event JSON or '', retention ms, due ms or '', event id.
const TRANSITION = `
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[1], ARGV[1])
local version = 0
if current then version = cjson.decode(current).version end
if version ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[4] ~= '' then
  redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
  if ARGV[6] ~= '' then redis.call('ZADD', KEYS[4], 'NX', ARGV[6], ARGV[7]) end
end
return 1`;

// KEYS: outbox, attempts. ARGV: id, due.
const RETRY = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) == false then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
return 1`;

/**
 * {@link AlertStore} on Redis, shared by every replica of one app. Every key carries the app's
 * hash tag (`shopgraph:alerts:v1:{app}:…`), so each script's keys sit on one Redis Cluster slot;
 * alerts are few (a hundred rules a client by default), so one slot holds them all. Scripts make
 * each write atomic: the per-client limit, a deletion with its indexes, a transition with its
 * alert and outbox entry.
 */
export class RedisAlertStore implements AlertStore {
  private readonly p: string;

  constructor(
    private readonly link: RedisLink,
    appKey: string,
  ) {
    this.p = `${KEY_FAMILIES.alerts}:{${appKey}}:`;
  }

  private async run<T>(operation: Parameters<RedisLink['run']>[0]): Promise<T> {
    try {
      return (await this.link.run(operation)) as T;
    } catch (error) {
      throw new StoreUnavailableError('alert rules', error);
    }
  }

  private key(...parts: string[]): string {
    return this.p + parts.join(':');
  }

  async addRule(rule: AlertRule, maxPerOwner: number): Promise<boolean> {
    const keys = [this.key('rules'), this.key('owner', rule.owner), this.key('shop', rule.shopId), this.key('shops')];
    const added = await this.run<number>((c) => evalScript(c, ADD, keys, [rule.id, JSON.stringify(rule), maxPerOwner, rule.shopId]));
    return added === 1;
  }

  async deleteRule(owner: string, ruleId: string): Promise<boolean> {
    const rule = await this.rule(ruleId);
    if (!rule || rule.owner !== owner) return false;
    const keys = [this.key('rules'), this.key('owner', owner), this.key('shop', rule.shopId), this.key('shops'), this.key('states')];
    return (await this.run<number>((c) => evalScript(c, DELETE, keys, [ruleId, rule.shopId]))) === 1;
  }

  async rule(ruleId: string): Promise<AlertRule | undefined> {
    const text = await this.run<string | null>((c) => c.hGet(this.key('rules'), ruleId));
    return text === null ? undefined : readRecord(ruleSchema, text, `${this.key('rules')} field ${ruleId}`);
  }

  private async rulesIn(set: string): Promise<AlertRule[]> {
    const ids = await this.run<string[]>((c) => c.sMembers(set));
    if (ids.length === 0) return [];
    const texts = await this.run<(string | null)[]>((c) => c.hmGet(this.key('rules'), ids));
    const rules = texts.flatMap((t, i) => (t === null ? [] : [readRecord(ruleSchema, t, `${this.key('rules')} field ${ids[i]}`)]));
    return rules.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  rulesOfOwner(owner: string): Promise<AlertRule[]> {
    return this.rulesIn(this.key('owner', owner));
  }

  rulesOfShop(shopId: string): Promise<AlertRule[]> {
    return this.rulesIn(this.key('shop', shopId));
  }

  shops(): Promise<string[]> {
    return this.run<string[]>((c) => c.sMembers(this.key('shops')));
  }

  async states(ruleIds: readonly string[]): Promise<Map<string, RuleState>> {
    const out = new Map<string, RuleState>();
    if (ruleIds.length === 0) return out;
    const texts = await this.run<(string | null)[]>((c) => c.hmGet(this.key('states'), [...ruleIds]));
    texts.forEach((t, i) => {
      const id = ruleIds[i]!;
      if (t !== null) out.set(id, readRecord(stateSchema, t, `${this.key('states')} field ${id}`));
    });
    return out;
  }

  async transition(ruleId: string, next: RuleState, fired?: { event: AlertEvent; retentionMs: number; deliverAt?: number }): Promise<boolean> {
    const eventId = fired?.event.id ?? '';
    const keys = [this.key('states'), this.key('rules'), this.key('event', eventId), this.key('outbox')];
    const args = [
      ruleId,
      next.version - 1,
      JSON.stringify(next),
      fired ? JSON.stringify(fired.event) : '',
      fired?.retentionMs ?? 0,
      fired?.deliverAt ?? '',
      eventId,
    ];
    return (await this.run<number>((c) => evalScript(c, TRANSITION, keys, args))) === 1;
  }

  async event(eventId: string): Promise<AlertEvent | undefined> {
    const text = await this.run<string | null>((c) => c.get(this.key('event', eventId)));
    return text === null ? undefined : readRecord(eventSchema, text, this.key('event', eventId));
  }

  async claimDue(now: number, max: number, leaseMs: number): Promise<DueDelivery[]> {
    const claimed = await this.run<Claimed[]>((c) => claimDue(c, this.key('outbox'), [this.key('attempts')], { now, max, leaseEnd: now + leaseMs }));
    return claimed.map(({ id, fields: [tries = ''] }) => ({ eventId: id, attempts: Number(tries || 0) }));
  }

  async settle(eventId: string): Promise<void> {
    await this.run((c) => c.multi().zRem(this.key('outbox'), eventId).hDel(this.key('attempts'), eventId).exec());
  }

  async retryAt(eventId: string, dueAt: number): Promise<void> {
    await this.run((c) => evalScript(c, RETRY, [this.key('outbox'), this.key('attempts')], [eventId, dueAt]));
  }

  async nextDue(): Promise<number | undefined> {
    const first = await this.run<{ value: string; score: number }[]>((c) => c.zRangeWithScores(this.key('outbox'), 0, 0));
    return first[0]?.score;
  }

  async close(): Promise<void> {
    await this.link.close();
  }
}
