import { LRUCache } from 'lru-cache';
import type { DayAggregate, OrderAggregate } from '../day-aggregate';

/**
 * Heap bytes an aggregate takes per byte of its JSON: the estimate that bounds {@link DayCache} by
 * bytes. Measured on 12,200 day aggregates of emulator shops (200 orders a day, ~1.1 KB of JSON
 * each): 0.82 (V8 shares the repeated keys); rounded up.
 */
const HEAP_BYTES_PER_JSON_BYTE = 1;

interface Cached {
  /** the ledger state's revision the entry was read under */
  revision: string;
  /** a day's aggregate, or (under a `:total:` key) the sum of a window's days */
  aggregate: OrderAggregate;
}

/**
 * The day aggregates windows are answered from, kept in memory and bounded by (estimated) bytes,
 * in front of the ledger's store: a warm window reads no store at all. An entry is valid for one
 * revision of its ledger's state: every sync that writes saves the state with a new revision, so
 * what another process or replica wrote since is read again, never served from an old copy.
 */
export class DayCache {
  private readonly lru: LRUCache<string, Cached>;
  /**
   * Window totals, apart from the days: a portfolio whose days do not all fit streams them through
   * the days' cache at each answer, which would evict every total before it is asked again.
   */
  private readonly totals: LRUCache<string, Cached>;
  /** Per ledger (key prefix), how many times this process wrote its aggregates: part of a window total's key. */
  private readonly epochs = new Map<string, number>();

  /** @param maxBytes - estimated heap the cached aggregates may take: 7/8 for days, 1/8 for window totals */
  constructor(maxBytes: number) {
    const forTotals = Math.floor(maxBytes / 8);
    this.lru = new LRUCache<string, Cached>({ maxSize: Math.max(1, maxBytes - forTotals), sizeCalculation: (_value, key) => key.length + 64 });
    this.totals = new LRUCache<string, Cached>({ maxSize: Math.max(1, forTotals), sizeCalculation: (_value, key) => key.length + 64 });
  }

  get(key: string, revision: string): DayAggregate | undefined {
    const cached = this.lru.get(key);
    return cached?.revision === revision ? (cached.aggregate as DayAggregate) : undefined;
  }

  /** A window's total cached under `key` for that revision (see `LedgerStore.cachedTotal`). */
  getTotal(key: string, revision: string): OrderAggregate | undefined {
    const cached = this.totals.get(key);
    return cached?.revision === revision ? cached.aggregate : undefined;
  }

  setTotal(key: string, revision: string, total: OrderAggregate, jsonBytes: number): void {
    this.totals.set(key, { revision, aggregate: total }, { size: key.length + jsonBytes * HEAP_BYTES_PER_JSON_BYTE });
  }

  /**
   * Called by every write of a ledger's day aggregates in this process: window totals cached before
   * it are never served again (within a revision, a sync may write before it saves its state; other
   * processes' writes come with a new revision).
   */
  touched(prefix: string): void {
    this.epochs.set(prefix, (this.epochs.get(prefix) ?? 0) + 1);
  }

  epoch(prefix: string): number {
    return this.epochs.get(prefix) ?? 0;
  }

  /** @param jsonBytes - the length of the aggregate's JSON, from which its heap size is estimated */
  set(key: string, revision: string, aggregate: DayAggregate, jsonBytes: number): void {
    this.lru.set(key, { revision, aggregate }, { size: key.length + jsonBytes * HEAP_BYTES_PER_JSON_BYTE });
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  /** Estimated bytes held (telemetry, tests). */
  get bytes(): number {
    return this.lru.calculatedSize + this.totals.calculatedSize;
  }
}
