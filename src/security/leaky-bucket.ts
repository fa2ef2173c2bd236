import { LRUCache } from 'lru-cache';
import type { BucketSettings } from './caller';

/** A bucket after an operation on it. */
export interface BucketState {
  /** Cost points available now. */
  available: number;
}

/**
 * Per-client buckets of query cost. In memory by default; a shared (Redis) implementation of the
 * same interface makes several replicas drain one bucket per client.
 */
export interface BucketStore {
  /** Takes `cost` when that much is available; otherwise takes nothing (`ok` false). */
  take(key: string, cost: number, settings: BucketSettings): Promise<BucketState & { ok: boolean }>;
  /** Gives `amount` back, never above the bucket's size. */
  refund(key: string, amount: number, settings: BucketSettings): Promise<BucketState>;
}

interface Level {
  available: number;
  at: number;
}

/** Buckets in this process; refilled lazily from the clock, so nothing ticks in the background. */
export class MemoryBucketStore implements BucketStore {
  private readonly levels: LRUCache<string, Level>;

  /**
   * @param now clock in ms @default Date.now
   * @param maxKeys buckets kept (an evicted bucket comes back full) @default 10000
   */
  constructor(
    private readonly now: () => number = Date.now,
    maxKeys = 10_000,
  ) {
    this.levels = new LRUCache({ max: maxKeys });
  }

  async take(key: string, cost: number, settings: BucketSettings): Promise<BucketState & { ok: boolean }> {
    const level = this.level(key, settings);
    const ok = level.available >= cost;
    if (ok) level.available -= cost;
    this.levels.set(key, level);
    return { ok, available: level.available };
  }

  async refund(key: string, amount: number, settings: BucketSettings): Promise<BucketState> {
    const level = this.level(key, settings);
    level.available = Math.min(settings.bucket, level.available + Math.max(0, amount));
    this.levels.set(key, level);
    return { available: level.available };
  }

  private level(key: string, settings: BucketSettings): Level {
    const now = this.now();
    const previous = this.levels.get(key) ?? { available: settings.bucket, at: now };
    const restored = ((now - previous.at) / 1000) * settings.restorePerSecond;
    return { available: Math.min(settings.bucket, previous.available + Math.max(0, restored)), at: now };
  }
}
