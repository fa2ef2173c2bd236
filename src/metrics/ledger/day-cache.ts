import { LRUCache } from 'lru-cache';
import type { DayAggregate } from '../day-aggregate';

/**
 * Heap bytes an aggregate takes per byte of its JSON: the estimate that bounds {@link DayCache} by
 * bytes. Measured on 12,200 day aggregates of emulator shops (200 orders a day, ~1.1 KB of JSON
 * each): 0.82 (V8 shares the repeated keys); rounded up.
 */
const HEAP_BYTES_PER_JSON_BYTE = 1;

interface Cached {
  /** the ledger state's revision the entry was read under */
  revision: string;
  aggregate: DayAggregate;
}

/**
 * The day aggregates windows are answered from, kept in memory and bounded by (estimated) bytes,
 * in front of the ledger's store: a warm window reads no store at all. An entry is valid for one
 * revision of its ledger's state: every sync that writes saves the state with a new revision, so
 * what another process or replica wrote since is read again, never served from an old copy.
 */
export class DayCache {
  private readonly lru: LRUCache<string, Cached>;

  /** @param maxBytes - estimated heap the cached aggregates may take */
  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, Cached>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (_value, key) => key.length + 64 });
  }

  get(key: string, revision: string): DayAggregate | undefined {
    const cached = this.lru.get(key);
    return cached?.revision === revision ? cached.aggregate : undefined;
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
    return this.lru.calculatedSize;
  }
}
