/**
 * Unit costs of SKUs, for COGS: the config file's `costs` plus the ones set through the
 * `setUnitCosts` mutation, each with its currency and the first shop-local day it applies to.
 * A SKU's history only grows at its end: a new cost starts after the last one, so the COGS of a
 * past window never changes because a cost was updated today.
 */
import type { CacheStore } from '../cache/cache-store';
import { parseDecimal } from './money';

/** One step of a SKU's unit-cost history. */
export interface UnitCostEntry {
  skuId: string;
  /** exact decimal, per unit */
  amount: string;
  currency: string;
  /** first shop-local day (`YYYY-MM-DD`) it applies to; null: since always */
  from: string | null;
  source: 'CONFIG' | 'API';
  /** when it was set through the API (ms); null for the config file's */
  setAt: number | null;
}

/** The config file's `costs` (see `src/config/schema.ts`). */
export type ConfigCosts = Readonly<Record<string, string | ConfigCostEntry | readonly ConfigCostEntry[]>>;
interface ConfigCostEntry {
  amount: string;
  currency?: string;
  from?: string;
}

/** A cost to add through the API. */
export interface UnitCostInput {
  skuId: string;
  amount: string;
  /** @default the shop's currency */
  currency?: string;
  /** @default the shop's today */
  from?: string;
}

/** A cost the store refuses, and why (the mutation turns it into BAD_USER_INPUT). */
export class UnitCostRejected extends Error {
  override readonly name = 'UnitCostRejected';
}

const byFrom = (a: UnitCostEntry, b: UnitCostEntry): number => ((a.from ?? '') < (b.from ?? '') ? -1 : (a.from ?? '') > (b.from ?? '') ? 1 : 0);

/** The config file's costs as entries; a plain amount is the shop's currency since always. */
export function configEntries(costs: ConfigCosts, shopCurrency: string): UnitCostEntry[] {
  return Object.entries(costs).flatMap(([skuId, value]) => {
    const list = typeof value === 'string' ? [{ amount: value }] : Array.isArray(value) ? value : [value as ConfigCostEntry];
    return list.map((e): UnitCostEntry => ({ skuId, amount: e.amount, currency: e.currency ?? shopCurrency, from: e.from ?? null, source: 'CONFIG', setAt: null }));
  });
}

/** A shop's unit costs, looked up by SKU and day. */
export class UnitCostBook {
  private readonly bySku = new Map<string, UnitCostEntry[]>();

  constructor(entries: readonly UnitCostEntry[]) {
    for (const e of entries) this.bySku.set(e.skuId, [...(this.bySku.get(e.skuId) ?? []), e]);
    for (const list of this.bySku.values()) list.sort(byFrom);
  }

  /** The cost in force on a shop-local day: the latest entry starting on or before it. */
  at(skuId: string, date: string): UnitCostEntry | undefined {
    return this.bySku.get(skuId)?.filter((e) => e.from === null || e.from <= date).at(-1);
  }

  /** The histories of the given SKUs, in that order, each oldest entry first. */
  history(skuIds: readonly string[]): UnitCostEntry[] {
    return skuIds.flatMap((id) => this.bySku.get(id) ?? []);
  }
}

interface Stored {
  entries: UnitCostEntry[];
}

/** Kept as long as a seller's price history matters; the store has no "forever". */
const RETENTION_MS = 10 * 365 * 86_400_000;

/**
 * Costs set through the API, one entry per shop in a {@link CacheStore} (Redis when replicas
 * share one), beside the config file's. Writes of one shop are serialized in this process; two
 * replicas writing the same shop in the same instant may lose one of the two writes.
 */
export class UnitCostStore {
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: CacheStore,
    private readonly options: { namespace: string; config: ConfigCosts; now?: () => number },
  ) {}

  /** Every cost of the shop: the config file's and the API's. */
  async book(shop: { id: string; currency: string }): Promise<UnitCostBook> {
    return new UnitCostBook([...configEntries(this.options.config, shop.currency), ...(await this.stored(shop.id))]);
  }

  /**
   * Appends costs to the shop's SKU histories.
   * @param today - the shop's today, the first day of a cost given none
   * @returns the entries added
   * @throws UnitCostRejected when a cost would start on or before the SKU's last one
   */
  add(shop: { id: string; currency: string }, inputs: readonly UnitCostInput[], today: string): Promise<UnitCostEntry[]> {
    const previous = this.writes.get(shop.id) ?? Promise.resolve();
    const write = previous.catch(() => undefined).then(() => this.append(shop, inputs, today));
    this.writes.set(shop.id, write);
    void write.finally(() => {
      if (this.writes.get(shop.id) === write) this.writes.delete(shop.id);
    }).catch(() => undefined);
    return write;
  }

  private async append(shop: { id: string; currency: string }, inputs: readonly UnitCostInput[], today: string): Promise<UnitCostEntry[]> {
    const stored = await this.stored(shop.id);
    const book = new UnitCostBook([...configEntries(this.options.config, shop.currency), ...stored]);
    const setAt = (this.options.now ?? Date.now)();
    const added: UnitCostEntry[] = [];
    for (const input of inputs) {
      if (parseDecimal(input.amount).isNegative()) throw new UnitCostRejected(`SKU ${input.skuId}: a unit cost cannot be negative`);
      const from = input.from ?? today;
      const last = [...book.history([input.skuId]), ...added.filter((e) => e.skuId === input.skuId)].sort(byFrom).at(-1);
      if (last?.from !== undefined && last.from !== null && from <= last.from) {
        throw new UnitCostRejected(`SKU ${input.skuId} has a cost from ${last.from}: a new one must start after it (costs are never rewritten; give a later effectiveFrom)`);
      }
      added.push({ skuId: input.skuId, amount: input.amount, currency: input.currency ?? shop.currency, from, source: 'API', setAt });
    }
    await this.store.set(this.key(shop.id), { value: { entries: [...stored, ...added] } satisfies Stored, storedAt: setAt, freshUntil: setAt + RETENTION_MS }, RETENTION_MS);
    return added;
  }

  private async stored(shopId: string): Promise<UnitCostEntry[]> {
    const entry = await this.store.get(this.key(shopId));
    return (entry?.value as Stored | undefined)?.entries ?? [];
  }

  private key(shopId: string): string {
    return ['v1', this.options.namespace, 'shop', shopId, 'unit-costs'].join(':');
  }
}
