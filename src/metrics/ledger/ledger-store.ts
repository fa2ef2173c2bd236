/**
 * The ledger's layout in a {@link KvStore} (the embedded store, or Redis): JSON strings,
 * partitioned so no key grows with the shop's history or with its orders a day:
 *
 * | key (under `ledger:v6:{{namespace}:{shop}}`) | value |
 * |---|---|
 * | `:state` | {@link LedgerState}: coverage, cursors, last sync, the current generation and revision |
 * | `:unreadable` | {@link UnreadableState}: rows TikTok sent that could not be read, until read well |
 * | `:g{gen}:o:{order id}` | the order's {@link OrderRow}: the order, the day it is counted on, its refunds |
 * | `:g{gen}:agg:{YYYY-MM-DD}` | that day's {@link DayAggregate}, kept up to date with each batch: all a window query reads |
 *
 * v4: values are the JSON itself (v3 wrapped them in cache entries), and the shop part of the key
 * is a Redis Cluster hash tag, so all of one shop's keys live on one slot. v5: orders carry their
 * fulfilment times and day aggregates their fulfilment counts and units per SKU. v6: one row per
 * order instead of one value per day (decoded and rewritten whole by every batch touching the day)
 * and index buckets; a batch writes its rows and the aggregates it changed in one atomic write
 * ({@link KvStore.setMany}), so an aggregate never misses or double-counts a row.
 *
 * A new generation (time zone changed, entries evicted) starts from nothing without deleting
 * keys one by one; the old generation's keys simply expire.
 */
import type { KvStore } from '../../store/kv-store';
import type { DayAggregate, OrderAggregate } from '../day-aggregate';
import type { DayCache } from './day-cache';
import type { LedgerFeed } from './ledger-source';
import type { UnreadableState } from './unreadable';
import { aggregateProblem, schemaProblem, storedState, storedUnreadable } from './ledger-entries';
import { LedgerCorruptError } from './ledger-errors';
import { decodeRow, encodeRow, type OrderRow } from './ledger-rows';
import { KEY_FAMILIES } from '../../config/storage-keys';

const STATE_PROBLEM = schemaProblem(storedState);
const UNREADABLE_PROBLEM = schemaProblem(storedUnreadable);

/** The shop-local dates the ledger holds every order for; `to: null` means up to now and onward. */
export interface Coverage {
  from: string;
  to: string | null;
}

/** Per-shop sync state. */
export interface LedgerState {
  generation: string;
  /** what the partitioning depends on: when one changes, a new generation is started */
  timezone: string;
  currency: string;
  lookbackDays: number;
  coverage: Coverage | null;
  /** last date whose day entries are known to exist (empty days included); see `materialize` */
  materializedTo: string | null;
  /** per feed, the highest `update_time` (unix s) the ledger has seen everything up to */
  cursors: Record<LedgerFeed, number> | null;
  /** ms: start of the last sync that fully succeeded */
  syncedAt: number;
  /**
   * Changes each time the state is saved: cached day aggregates are valid for one revision (see
   * {@link DayCache}). Absent in states saved before it existed.
   */
  revision?: string;
}

/** The key prefix of a shop's ledger: the hash tag keeps one shop's keys on one Redis Cluster slot. */
export function ledgerPrefix(namespace: string, shopId: string): string {
  return `${KEY_FAMILIES.orderLedger}:{${namespace}:${shopId}}`;
}

/**
 * An entry's JSON, checked (see ledger-entries.ts).
 * @throws {@link LedgerCorruptError} naming the key when it is not what the ledger writes
 */
function parseEntry<T>(key: string, text: string, problemOf: (value: unknown) => string | null): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerCorruptError(key, 'not JSON');
  }
  const problem = problemOf(value);
  if (problem !== null) throw new LedgerCorruptError(key, problem);
  return value as T;
}

/** Typed access to one shop's ledger entries. */
export class LedgerStore {
  constructor(
    private readonly store: KvStore,
    private readonly prefix: string,
    private readonly retentionMs: number,
    private readonly days?: DayCache,
    /** Told of each corrupt entry found (and deleted). */
    private readonly onCorrupt: (error: LedgerCorruptError) => void = () => undefined,
  ) {}

  /**
   * An entry, checked. A corrupt one is deleted (it can be read again from TikTok) and reported;
   * then {@link LedgerCorruptError} is thrown, or, with `absent`, the entry reads as absent.
   */
  private async get<T>(key: string, problemOf: (value: unknown) => string | null, absent = false): Promise<T | undefined> {
    const full = `${this.prefix}:${key}`;
    const stored = await this.store.get(full);
    if (stored === undefined) return undefined;
    try {
      return parseEntry<T>(full, stored, problemOf);
    } catch (error) {
      if (!(error instanceof LedgerCorruptError)) throw error;
      await this.corrupt(error);
      if (absent) return undefined;
      throw error;
    }
  }

  private async corrupt(error: LedgerCorruptError): Promise<void> {
    this.onCorrupt(error);
    await this.store.delete(error.key);
  }

  private put(key: string, value: string): Promise<void> {
    return this.store.set(`${this.prefix}:${key}`, value, this.retentionMs);
  }

  /** The state; a corrupt one reads as none: the ledger starts again (a new generation). */
  state(): Promise<LedgerState | undefined> {
    return this.get('state', STATE_PROBLEM, true);
  }

  saveState(state: LedgerState): Promise<void> {
    return this.put('state', JSON.stringify(state));
  }

  /** @throws {@link LedgerCorruptError} when corrupt (then deleted): the rows are found again by reading the shop again */
  unreadable(): Promise<UnreadableState | undefined> {
    return this.get('unreadable', UNREADABLE_PROBLEM);
  }

  saveUnreadable(state: UnreadableState): Promise<void> {
    return this.put('unreadable', JSON.stringify(state));
  }

  /** The day aggregates the day cache holds for a revision of the state, without reading the store. */
  cachedAggregates(gen: string, dates: readonly string[], revision: string | undefined): (DayAggregate | undefined)[] {
    return dates.map((date) => (revision === undefined ? undefined : this.days?.get(`${this.prefix}:g${gen}:agg:${date}`, revision)));
  }

  /**
   * A window's total (its days' aggregates combined), computed once per revision of the state and
   * kept in the day cache: a warm window is not summed again. The object is shared: treat it as
   * immutable. Without a day cache or a revision, computed each time.
   */
  cachedTotal(gen: string, range: { from: string; to: string } | null, revision: string | undefined, compute: () => OrderAggregate): OrderAggregate {
    if (!this.days || revision === undefined || range === null) return compute();
    const key = `${this.prefix}:g${gen}:total:${range.from}:${range.to}:${this.days.epoch(this.prefix)}`;
    const cached = this.days.getTotal(key, revision);
    if (cached) return cached;
    const total = compute();
    this.days.setTotal(key, revision, total, JSON.stringify(total).length);
    return total;
  }

  /** One generation's entries. */
  generation(gen: string): GenerationStore {
    const aggKey = (date: string) => `${this.prefix}:g${gen}:agg:${date}`;
    const rowKey = (orderId: string) => `${this.prefix}:g${gen}:o:${orderId}`;
    return {
      rows: async (orderIds) => {
        const stored = await this.store.getMany(orderIds.map(rowKey));
        const rows = new Map<string, OrderRow>();
        for (const [i, text] of stored.entries()) {
          if (text === undefined) continue;
          const key = rowKey(orderIds[i]!);
          try {
            rows.set(orderIds[i]!, decodeRow(key, text));
          } catch (error) {
            if (error instanceof LedgerCorruptError) await this.corrupt(error);
            throw error;
          }
        }
        return rows;
      },
      aggregate: (date) => this.get(`g${gen}:agg:${date}`, aggregateProblem),
      aggregates: async (dates, revision) => {
        const found: (DayAggregate | undefined)[] = dates.map((date) => (revision === undefined ? undefined : this.days?.get(aggKey(date), revision)));
        const missing = dates.flatMap((date, i) => (found[i] === undefined ? [i] : []));
        const stored = await this.store.getMany(missing.map((i) => aggKey(dates[i]!)));
        for (const [j, at] of missing.entries()) {
          const text = stored[j];
          if (text === undefined) continue;
          let aggregate: DayAggregate;
          try {
            aggregate = parseEntry<DayAggregate>(aggKey(dates[at]!), text, aggregateProblem);
          } catch (error) {
            if (error instanceof LedgerCorruptError) await this.corrupt(error);
            throw error;
          }
          found[at] = aggregate;
          if (revision !== undefined) this.days?.set(aggKey(dates[at]!), revision, aggregate, text.length);
        }
        return found;
      },
      write: (rows, aggregates) => {
        for (const aggregate of aggregates) this.days?.delete(aggKey(aggregate.date));
        if (aggregates.length > 0) this.days?.touched(this.prefix);
        return this.store.setMany(
          [
            ...[...rows].map(([id, row]): [string, string] => [rowKey(id), encodeRow(row)]),
            ...aggregates.map((aggregate): [string, string] => [aggKey(aggregate.date), JSON.stringify(aggregate)]),
          ],
          this.retentionMs,
        );
      },
    };
  }
}

/**
 * The entries of one ledger generation. Every read decodes a fresh object the caller may change,
 * except aggregates served from the {@link DayCache}, which must be treated as immutable.
 */
export interface GenerationStore {
  /** The rows of these orders that exist, by order id. @throws {@link LedgerCorruptError} (the row deleted) */
  rows(orderIds: readonly string[]): Promise<Map<string, OrderRow>>;
  aggregate(date: string): Promise<DayAggregate | undefined>;
  /**
   * The aggregates of several days, in their order, through the day cache when `revision` (the
   * state's) is given.
   */
  aggregates(dates: readonly string[], revision?: string): Promise<(DayAggregate | undefined)[]>;
  /** Writes rows and day aggregates all together or not at all. */
  write(rows: ReadonlyMap<string, OrderRow>, aggregates: readonly DayAggregate[]): Promise<void>;
}
