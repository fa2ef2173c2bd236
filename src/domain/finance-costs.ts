/**
 * Unit costs of SKUs, for COGS: the config file's `costs` plus the ones set through the
 * `setUnitCosts` mutation, each with its currency and the first shop-local day it applies to.
 *
 * A COGS figure once given never changes: a SKU's history only grows at its end, and every cost
 * after a SKU's first starts on the shop's today or later. Only a SKU's first cost may be dated in
 * the past (back to {@link EARLIEST_DATE}): before it, every window that sold the SKU had COGS null
 * with a reason naming it, so dating it back fills figures that were missing and changes none
 * that was given.
 *
 * Costs set through the API are records that exist nowhere else, so each is written once,
 * atomically with the check against the SKU's last cost, to a store that outlives the process
 * ({@link UnitCostRecords}: the embedded store, or Redis with persistence), and a read that cannot
 * see them all fails instead of answering with part of them.
 */
import { EARLIEST_DATE } from './window';

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

  /** @param field - the input field at fault, e.g. `costs[2].effectiveFrom` */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const byFrom = (a: UnitCostEntry, b: UnitCostEntry): number => ((a.from ?? '') < (b.from ?? '') ? -1 : (a.from ?? '') > (b.from ?? '') ? 1 : 0);

/** The config file's costs as entries; a plain amount is the shop's currency since always. */
export function configEntries(costs: ConfigCosts, shopCurrency: string): UnitCostEntry[] {
  return Object.entries(costs).flatMap(([skuId, value]) => {
    const list = typeof value === 'string' ? [{ amount: value }] : Array.isArray(value) ? value : [value as ConfigCostEntry];
    return list.map((e): UnitCostEntry => ({
      skuId,
      amount: e.amount,
      currency: e.currency ?? shopCurrency,
      from: e.from ?? null,
      source: 'CONFIG',
      setAt: null,
    }));
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
    return this.bySku
      .get(skuId)
      ?.filter((e) => e.from === null || e.from <= date)
      .at(-1);
  }

  /** The histories of the given SKUs, in that order, each oldest entry first. */
  history(skuIds: readonly string[]): UnitCostEntry[] {
    return skuIds.flatMap((id) => this.bySku.get(id) ?? []);
  }
}

/** How a config entry "since always" compares: before every date. */
export const SINCE_ALWAYS = '0000-00-00';

/** Why an entry cannot be appended after a SKU's last cost. */
export type AppendRule = 'after' | 'past';

/**
 * The rule every store applies, atomically with the write (the Redis store runs the same in Lua):
 * a new cost starts after the SKU's last one (`after`), and, unless it is the SKU's first, on the
 * shop's today or later (`past`).
 * @param last - the SKU's last `from` ({@link SINCE_ALWAYS} for "since always"), undefined for none
 */
export function appendRule(last: string | undefined, from: string, today: string): AppendRule | null {
  if (last === undefined) return null;
  if (from <= last) return 'after';
  if (from < today) return 'past';
  return null;
}

/** A refused append: which entry (index in the call), its SKU, the SKU's last `from`, the rule it broke. */
export interface AppendRefusal {
  index: number;
  skuId: string;
  last: string;
  rule: AppendRule;
}

/**
 * Where costs set through the API are kept: one record per entry, appended atomically (all of a
 * call's entries or none) and never rewritten.
 */
export interface UnitCostRecords {
  /**
   * Every cost set through the API for the shop.
   * @throws StoreUnavailableError when they cannot all be read
   */
  list(shopId: string): Promise<UnitCostEntry[]>;
  /**
   * Appends `entries` (in order) unless one breaks {@link appendRule} against the SKU's last cost
   * as stored at that moment or in `configLast` (the config file's, by SKU), whichever is later.
   * @returns the first refusal, or null once every entry is durably stored
   * @throws StoreUnavailableError when the store cannot take the write (nothing is acknowledged)
   */
  append(shopId: string, entries: readonly UnitCostEntry[], today: string, configLast: ReadonlyMap<string, string>): Promise<AppendRefusal | null>;
}

/** Applies {@link appendRule} to a call's entries in order, given each SKU's last stored `from`. */
export function firstRefusal(entries: readonly UnitCostEntry[], today: string, lastOf: (skuId: string) => string | undefined): AppendRefusal | null {
  const lasts = new Map<string, string | undefined>();
  for (const [index, e] of entries.entries()) {
    const last = lasts.has(e.skuId) ? lasts.get(e.skuId) : lastOf(e.skuId);
    const rule = appendRule(last, e.from!, today);
    if (rule) return { index, skuId: e.skuId, last: last!, rule };
    lasts.set(e.skuId, e.from!);
  }
  return null;
}

/** The later of two `from` values, either possibly missing. */
export const laterOf = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || a > b ? a : b);

/** Digits a unit cost may have before and after the point. */
export const MAX_INTEGER_DIGITS = 12;
export const MAX_FRACTION_DIGITS = 6;
const AMOUNT = new RegExp(`^(0|[1-9]\\d{0,${MAX_INTEGER_DIGITS - 1}})(\\.\\d{1,${MAX_FRACTION_DIGITS}})?$`);
/** How far ahead a cost may be scheduled. */
export const MAX_DAYS_AHEAD = 366;

/** The shop-local date `days` after `date` (both `YYYY-MM-DD`). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Checks costs at the door, naming the field at fault: a SKU id, an amount of at most
 * {@link MAX_INTEGER_DIGITS} digits and {@link MAX_FRACTION_DIGITS} decimals, zero or more, an ISO
 * 4217 currency, a first day from {@link EARLIEST_DATE} up to {@link MAX_DAYS_AHEAD} days after the
 * shop's today.
 * @returns the first problem, or null
 */
export function unitCostProblem(inputs: readonly UnitCostInput[], today: string): { field: string; message: string } | null {
  const latest = addDays(today, MAX_DAYS_AHEAD);
  for (const [i, input] of inputs.entries()) {
    const at = `costs[${i}]`;
    if (!/^\d{1,20}$/.test(input.skuId)) return { field: `${at}.skuId`, message: `${JSON.stringify(input.skuId.slice(0, 40))} is not a SKU id` };
    if (input.amount.startsWith('-')) return { field: `${at}.amount`, message: 'a unit cost cannot be negative' };
    if (!AMOUNT.test(input.amount)) {
      return {
        field: `${at}.amount`,
        message: `at most ${MAX_INTEGER_DIGITS} digits before the point and ${MAX_FRACTION_DIGITS} after it, like "12.30" (got ${input.amount.length} characters)`,
      };
    }
    if (input.currency !== undefined && !/^[A-Z]{3}$/.test(input.currency)) {
      return { field: `${at}.currency`, message: `${JSON.stringify(input.currency.slice(0, 40))} is not an ISO 4217 code` };
    }
    if (input.from !== undefined && (input.from < EARLIEST_DATE || input.from > latest)) {
      return {
        field: `${at}.effectiveFrom`,
        message: `must be from ${EARLIEST_DATE} to ${latest} (${MAX_DAYS_AHEAD} days after the shop's today), got ${input.from}`,
      };
    }
  }
  return null;
}

function refusalMessage(refusal: AppendRefusal, today: string): string {
  const last = refusal.last === SINCE_ALWAYS ? 'a cost since always' : `a cost from ${refusal.last}`;
  return refusal.rule === 'after'
    ? `SKU ${refusal.skuId} has ${last}: a new one must start after it (costs are never rewritten; give a later effectiveFrom)`
    : `SKU ${refusal.skuId} has ${last}: a later cost starts on the shop's today (${today}) or after, so the COGS of past days never changes (only a SKU's first cost may be dated in the past)`;
}

/**
 * Costs set through the API, kept in {@link UnitCostRecords} beside the config file's. Replicas
 * may write at once: each append is checked and written in one atomic step of the store.
 */
export class UnitCostStore {
  constructor(
    private readonly records: UnitCostRecords,
    private readonly options: { config: ConfigCosts; now?: () => number },
  ) {}

  /**
   * Every cost of the shop: the config file's and the API's.
   * @throws StoreUnavailableError when the API's cannot all be read
   */
  async book(shop: { id: string; currency: string }): Promise<UnitCostBook> {
    return new UnitCostBook([...configEntries(this.options.config, shop.currency), ...(await this.records.list(shop.id))]);
  }

  /**
   * Appends costs to the shop's SKU histories: all of them, or none.
   * @param today - the shop's today, the first day of a cost given none
   * @returns the entries added, once durably stored
   * @throws UnitCostRejected when a cost is malformed or breaks the history's rules
   * @throws StoreUnavailableError when the store cannot take the write
   */
  async add(shop: { id: string; currency: string }, inputs: readonly UnitCostInput[], today: string): Promise<UnitCostEntry[]> {
    const problem = unitCostProblem(inputs, today);
    if (problem) throw new UnitCostRejected(problem.field, problem.message);
    const setAt = (this.options.now ?? Date.now)();
    const entries = inputs.map((input): UnitCostEntry => ({
      skuId: input.skuId,
      amount: input.amount,
      currency: input.currency ?? shop.currency,
      from: input.from ?? today,
      source: 'API',
      setAt,
    }));
    const configLast = new Map<string, string>();
    for (const e of configEntries(this.options.config, shop.currency)) configLast.set(e.skuId, laterOf(configLast.get(e.skuId), e.from ?? SINCE_ALWAYS)!);
    const refusal = await this.records.append(shop.id, entries, today, configLast);
    if (refusal) throw new UnitCostRejected(`costs[${refusal.index}].effectiveFrom`, refusalMessage(refusal, today));
    return entries;
  }
}
