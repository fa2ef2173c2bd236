import type { CacheStore } from '../cache/cache-store';
import type { RedisLink } from '../cache/redis-link';
import { evalScript } from '../cache/redis-script';
import type { AppendRefusal, AppendRule, UnitCostEntry, UnitCostRecords } from '../metrics/finance-costs';
import { StoreUnavailableError } from './store-unavailable';

/**
 * Checks and appends a call's entries in one step (Lua scripts run atomically), all or none: the
 * rule of `appendRule` in src/metrics/finance-costs.ts, against each SKU's `last:` field or the
 * config file's last day, whichever is later.
 * KEYS[1]: the shop's hash. ARGV[1]: the shop's today; then 4 per entry: SKU, from, record, the
 * config file's last from ('' for none). Returns 0, or {index, SKU, last, rule} of the first refusal.
 */
const APPEND = `
local today = ARGV[1]
local n = (#ARGV - 1) / 4
local lasts = {}
for i = 0, n - 1 do
  local sku, from, cfg = ARGV[2 + i * 4], ARGV[3 + i * 4], ARGV[5 + i * 4]
  local last = lasts[sku]
  if last == nil then
    last = redis.call('HGET', KEYS[1], 'last:' .. sku) or ''
    if cfg > last then last = cfg end
  end
  if last ~= '' then
    if from <= last then return {i, sku, last, 'after'} end
    if from < today then return {i, sku, last, 'past'} end
  end
  lasts[sku] = from
end
for i = 0, n - 1 do
  local sku, from, record = ARGV[2 + i * 4], ARGV[3 + i * 4], ARGV[4 + i * 4]
  redis.call('HSET', KEYS[1], 'e:' .. sku .. ':' .. from, record, 'last:' .. sku, from)
end
return 0
`;

/** Adds entries written before this layout (one JSON book per shop) unless there, then marks the hash migrated. */
const IMPORT = `
if redis.call('HSETNX', KEYS[1], 'migrated', '1') == 0 then return 0 end
for i = 1, #ARGV, 3 do
  local sku, from, record = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  redis.call('HSETNX', KEYS[1], 'e:' .. sku .. ':' .. from, record)
  local last = redis.call('HGET', KEYS[1], 'last:' .. sku)
  if not last or from > last then redis.call('HSET', KEYS[1], 'last:' .. sku, from) end
end
return 1
`;

interface Stored {
  amount: string;
  currency: string;
  setAt: number;
}

/**
 * Unit costs set through the API in Redis: one hash per shop (`shopgraph:costs:v2:{app:shop}`,
 * a Redis Cluster hash tag), one field per history entry (`e:{sku}:{from}`) beside each SKU's
 * last day (`last:{sku}`). Appends are one Lua script, so two replicas writing at once both keep
 * their costs; nothing is kept in the process, so every read sees what every replica wrote. While
 * Redis is away reads and writes fail ({@link StoreUnavailableError}), never answer with part of
 * the costs. They outlive a Redis restart only with persistence (docs/storage.md), which start-up
 * checks.
 */
export class RedisUnitCosts implements UnitCostRecords {
  private readonly imported = new Set<string>();

  /** @param legacy - the shared cache where costs were kept before this layout (one entry per shop), imported once */
  constructor(
    private readonly link: RedisLink,
    private readonly namespace: string,
    private readonly legacy?: CacheStore,
  ) {}

  private key(shopId: string): string {
    return `shopgraph:costs:v2:{${this.namespace}:${shopId}}`;
  }

  async list(shopId: string): Promise<UnitCostEntry[]> {
    const fields = await this.run(`unit costs of shop ${shopId}`, async () => {
      await this.importLegacy(shopId);
      return this.link.run((c) => c.hGetAll(this.key(shopId)));
    });
    return Object.entries(fields).flatMap(([field, value]): UnitCostEntry[] => {
      const match = /^e:(\d+):(\d{4}-\d{2}-\d{2})$/.exec(field);
      if (!match) return [];
      const stored = JSON.parse(value) as Stored;
      return [{ skuId: match[1]!, from: match[2]!, amount: stored.amount, currency: stored.currency, setAt: stored.setAt, source: 'API' }];
    });
  }

  async append(shopId: string, entries: readonly UnitCostEntry[], today: string, configLast: ReadonlyMap<string, string>): Promise<AppendRefusal | null> {
    const args = [today, ...entries.flatMap((e) => [e.skuId, e.from!, record(e), configLast.get(e.skuId) ?? ''])];
    const result = await this.run(`unit costs of shop ${shopId} (not saved)`, async () => {
      await this.importLegacy(shopId);
      return this.link.run((c) => evalScript(c, APPEND, [this.key(shopId)], args));
    });
    if (!Array.isArray(result)) return null;
    const [index, skuId, last, rule] = result as [number, string, string, AppendRule];
    return { index, skuId, last, rule };
  }

  private async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new StoreUnavailableError(what, error);
    }
  }

  /** Costs an earlier version kept as one cache entry per shop, moved here once. */
  private async importLegacy(shopId: string): Promise<void> {
    if (!this.legacy || this.imported.has(shopId)) return;
    const old = await this.legacy.get(['v1', this.namespace, 'shop', shopId, 'unit-costs'].join(':'));
    const entries = (old?.value as { entries?: UnitCostEntry[] } | undefined)?.entries ?? [];
    const args = entries.flatMap((e) => (e.from === null ? [] : [e.skuId, e.from, record(e)]));
    await this.link.run((c) => evalScript(c, IMPORT, [this.key(shopId)], args));
    this.imported.add(shopId);
  }
}

const record = (e: UnitCostEntry): string => JSON.stringify({ amount: e.amount, currency: e.currency, setAt: e.setAt ?? 0 } satisfies Stored);
