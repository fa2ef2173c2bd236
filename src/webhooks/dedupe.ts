import type { CacheStore } from '../cache/cache-store';

/** Remembers which notifications were accepted, so a redelivery is acknowledged but not redone. */
export interface NotificationDedupe {
  /** True the first time an id is claimed within the window; false for a replay. */
  claim(id: string): Promise<boolean>;
  /** Forgets a claim whose notification could not be queued, so TikTok's retry is processed. */
  release(id: string): Promise<void>;
}

/** TikTok retries for about 15 hours (+2 min … +12 h); a day covers every retry. */
export const DEDUPE_WINDOW_MS = 24 * 3_600_000;

/**
 * Dedupe in the cache store: in memory by default, shared by every replica when the store is.
 * Claims in flight in this process are tracked too, so two concurrent deliveries of one id cannot
 * both pass between the read and the write.
 */
export class StoreDedupe implements NotificationDedupe {
  private readonly claiming = new Set<string>();

  constructor(
    private readonly store: CacheStore,
    private readonly now: () => number = Date.now,
    private readonly windowMs = DEDUPE_WINDOW_MS,
  ) {}

  async claim(id: string): Promise<boolean> {
    const key = keyOf(id);
    if (this.claiming.has(key)) return false;
    this.claiming.add(key);
    try {
      const seen = await this.store.get(key);
      const now = this.now();
      if (seen && seen.freshUntil > now) return false;
      await this.store.set(key, { value: true, storedAt: now, freshUntil: now + this.windowMs }, this.windowMs);
      return true;
    } finally {
      this.claiming.delete(key);
    }
  }

  release(id: string): Promise<void> {
    return this.store.delete(keyOf(id));
  }
}

const keyOf = (id: string) => `webhooks:v1:seen:${id}`;
