import { z } from 'zod';
import type { CacheStore } from '../cache/cache-store';
import { isRedisUnavailable, type RedisLink } from '../cache/redis-link';
import { evalScript } from '../cache/redis-script';
import type { AppendRefusal, UnitCostEntry, UnitCostRecords } from '../domain/finance-costs';
import { StoredRecordCorruptError } from './stored-record-corrupt';
import { StoreUnavailableError } from './store-unavailable';
import { KEY_FAMILIES } from '../config/storage-keys';

/**
 * Checks and appends a call's entries in one step (Lua scripts run atomically), all or none: the
 * rule of `appendRule` in src/domain/finance-costs.ts, against each SKU's `last:` field or the
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

const SKU = /^\d{1,20}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One history entry's value, as {@link record} writes it. */
const storedSchema = z.strictObject({
  amount: z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'amount is not a decimal string'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency is not an ISO 4217 code'),
  setAt: z.number().int().nonnegative(),
});
type Stored = z.output<typeof storedSchema>;

/** The fields of a shop's hash: its history entries, each SKU's last day, the migration mark. */
const FIELD = /^(?:e:(\d+):(\d{4}-\d{2}-\d{2})|last:(\d+)|migrated)$/;

/** The script's answer: 0 (appended), or the first refusal. */
const appendReplySchema = z.union([z.literal(0), z.tuple([z.number().int().nonnegative(), z.string().regex(SKU), z.string(), z.enum(['after', 'past'])])]);

/** Entries an earlier version kept in the shared cache, one book per shop. */
const legacySchema = z.looseObject({
  entries: z
    .array(
      z.looseObject({
        skuId: z.string().regex(SKU),
        from: z.string().regex(DAY).nullable(),
        amount: z.string(),
        currency: z.string(),
        setAt: z.number().nullable(),
      }),
    )
    .optional(),
});

/** What a hash field holds, or why it is not a record ShopGraph wrote. */
function parseStored(value: string): Stored | string {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return 'not JSON';
  }
  const parsed = storedSchema.safeParse(json);
  return parsed.success ? parsed.data : parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
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
    return `${KEY_FAMILIES.unitCosts}:{${this.namespace}:${shopId}}`;
  }

  async list(shopId: string): Promise<UnitCostEntry[]> {
    const fields = await this.run(`unit costs of shop ${shopId}`, async () => {
      await this.importLegacy(shopId);
      return this.link.run((c) => c.hGetAll(this.key(shopId)));
    });
    // Read back, checked: a field or value this class never writes fails the read (naming it)
    // rather than becoming a cost, or being skipped and leaving COGS with a hole in a history.
    return Object.entries(fields).flatMap(([field, value]): UnitCostEntry[] => {
      const match = FIELD.exec(field);
      if (!match) throw new StoredRecordCorruptError(`${this.key(shopId)} field ${JSON.stringify(field.slice(0, 80))}`, 'not a field of a unit-cost hash');
      if (match[1] === undefined) {
        if (match[3] !== undefined && !DAY.test(value))
          throw new StoredRecordCorruptError(`${this.key(shopId)} field ${field}`, "a SKU's last day is not YYYY-MM-DD");
        return [];
      }
      const stored = parseStored(value);
      if (typeof stored === 'string') throw new StoredRecordCorruptError(`${this.key(shopId)} field ${field}`, stored);
      return [{ skuId: match[1], from: match[2]!, amount: stored.amount, currency: stored.currency, setAt: stored.setAt, source: 'API' }];
    });
  }

  async append(shopId: string, entries: readonly UnitCostEntry[], today: string, configLast: ReadonlyMap<string, string>): Promise<AppendRefusal | null> {
    const args = [today, ...entries.flatMap((e) => [e.skuId, e.from!, record(e), configLast.get(e.skuId) ?? ''])];
    const result = await this.run(`unit costs of shop ${shopId} (not saved)`, async () => {
      await this.importLegacy(shopId);
      // Parsed inside the link's call: an answer that is not the script's is a failure counted there.
      return this.link.run(async (c) => appendReplySchema.parse(await evalScript(c, APPEND, [this.key(shopId)], args)));
    });
    if (result === 0) return null;
    const [index, skuId, last, rule] = result;
    return { index, skuId, last, rule };
  }

  /** Redis away is {@link StoreUnavailableError}; anything else (a refused script, a corrupt record) is thrown as it is. */
  private async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isRedisUnavailable(error)) throw new StoreUnavailableError(what, error);
      throw error;
    }
  }

  /** Costs an earlier version kept as one cache entry per shop, moved here once. */
  private async importLegacy(shopId: string): Promise<void> {
    if (!this.legacy || this.imported.has(shopId)) return;
    const key = ['v1', this.namespace, 'shop', shopId, 'unit-costs'].join(':');
    const old = await this.legacy.get(key);
    const parsed = old === undefined ? { success: true as const, data: {} } : legacySchema.safeParse(old.value);
    if (!parsed.success)
      throw new StoredRecordCorruptError(
        `${key} (unit costs of an earlier version)`,
        parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '),
      );
    const entries = parsed.data.entries ?? [];
    const args = entries.flatMap((e) => (e.from === null ? [] : [e.skuId, e.from, record(e)]));
    await this.link.run((c) => evalScript(c, IMPORT, [this.key(shopId)], args));
    this.imported.add(shopId);
  }
}

const record = (e: Pick<UnitCostEntry, 'amount' | 'currency' | 'setAt'>): string =>
  JSON.stringify({ amount: e.amount, currency: e.currency, setAt: e.setAt ?? 0 } satisfies Stored);
