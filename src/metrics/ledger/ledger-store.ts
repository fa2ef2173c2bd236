/**
 * The ledger's layout in a {@link CacheStore}: plain JSON values (so Redis holds them as well as
 * memory does), partitioned so no key grows with the shop's whole history:
 *
 * | key (under `ledger:v1:{namespace}:{shop}`) | value |
 * |---|---|
 * | `:state` | {@link LedgerState}: coverage, cursors, last sync, the current generation |
 * | `:g{gen}:day:{YYYY-MM-DD}` | {@link DayFacts}: the orders paid that shop-local day and their refunds |
 * | `:g{gen}:agg:{YYYY-MM-DD}` | that day's {@link DayAggregate}: all a window query reads |
 * | `:g{gen}:idx:{0..255}` | {@link IndexBucket}: where each order lives and its `update_time` |
 * | `:g{gen}:pending:{0..255}` | {@link PendingBucket}: refunds of orders not (yet) paid in the ledger |
 *
 * A new generation (time zone changed, entries evicted) starts from nothing without deleting
 * keys one by one; the old generation's keys simply expire.
 */
import type { CacheStore } from '../../cache/cache-store';
import type { DayAggregate } from '../day-aggregate';
import type { OrderFact, RefundFact } from '../facts';
import type { LedgerFeed } from './ledger-source';

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
}

/** The orders paid on one day, by id, and the refunds of those orders, by order id. */
export interface DayFacts {
  orders: Record<string, OrderFact>;
  refunds: Record<string, RefundFact[]>;
}

/** Order id → the day it is filed under (null: not paid) and the `update_time` filed. */
export type IndexBucket = Record<string, { d: string | null; u: number }>;

/** Order id → refunds waiting for their order to be filed under a day. */
export type PendingBucket = Record<string, RefundFact[]>;

export const BUCKETS = 256;

/** FNV-1a of the id, so ids spread over buckets whatever their digits look like. */
export function bucketOf(orderId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i++) hash = Math.imul(hash ^ orderId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/** Typed access to one shop's ledger entries. */
export class LedgerStore {
  constructor(
    private readonly store: CacheStore,
    private readonly prefix: string,
    private readonly retentionMs: number,
    private readonly now: () => number,
  ) {}

  private async get<T>(key: string): Promise<T | undefined> {
    return (await this.store.get(`${this.prefix}:${key}`))?.value as T | undefined;
  }

  private set(key: string, value: unknown): Promise<void> {
    const storedAt = this.now();
    return this.store.set(`${this.prefix}:${key}`, { value, storedAt, freshUntil: storedAt + this.retentionMs }, this.retentionMs);
  }

  state(): Promise<LedgerState | undefined> {
    return this.get('state');
  }

  saveState(state: LedgerState): Promise<void> {
    return this.set('state', state);
  }

  /** One generation's entries. */
  generation(gen: string): GenerationStore {
    return {
      day: (date) => this.get(`g${gen}:day:${date}`),
      aggregate: (date) => this.get(`g${gen}:agg:${date}`),
      index: (bucket) => this.get(`g${gen}:idx:${bucket}`),
      pending: (bucket) => this.get(`g${gen}:pending:${bucket}`),
      saveDay: (date, facts) => this.set(`g${gen}:day:${date}`, facts),
      saveAggregate: (aggregate) => this.set(`g${gen}:agg:${aggregate.date}`, aggregate),
      saveIndex: (bucket, value) => this.set(`g${gen}:idx:${bucket}`, value),
      savePending: (bucket, value) => this.set(`g${gen}:pending:${bucket}`, value),
    };
  }
}

/** The entries of one ledger generation. Values read must be treated as immutable. */
export interface GenerationStore {
  day(date: string): Promise<DayFacts | undefined>;
  aggregate(date: string): Promise<DayAggregate | undefined>;
  index(bucket: number): Promise<IndexBucket | undefined>;
  pending(bucket: number): Promise<PendingBucket | undefined>;
  saveDay(date: string, facts: DayFacts): Promise<void>;
  saveAggregate(aggregate: DayAggregate): Promise<void>;
  saveIndex(bucket: number, value: IndexBucket): Promise<void>;
  savePending(bucket: number, value: PendingBucket): Promise<void>;
}
