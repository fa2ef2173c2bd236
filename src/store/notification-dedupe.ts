import type { CacheStore } from '../cache/cache-store';
import type { RedisLink } from '../cache/redis-link';
import { KEY_FAMILIES } from '../config/storage-keys';

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
 * Dedupe in a cache store, in memory: {@link RedisDedupe}'s fallback while Redis is away (without
 * Redis, the embedded store's `SqliteDedupe` keeps claims across restarts). Claims in flight in
 * this process are tracked too, so two concurrent deliveries of one id cannot both pass between
 * the read and the write.
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

const keyOf = (id: string) => `${KEY_FAMILIES.webhooksSeenLocal}:${id}`;

/**
 * Dedupe every replica shares: a claim is one `SET key 1 NX PX <window>`, so of two deliveries of
 * an id to any replicas exactly one wins, and claims outlive a Redis restart when Redis persists
 * (checked at start-up, docs/storage.md). While Redis is away claims fall back to this process's
 * own dedupe; a notification claimed there may be processed again if TikTok redelivers it to a
 * replica after Redis is back (processing is idempotent: invalidate and re-read).
 */
export class RedisDedupe implements NotificationDedupe {
  constructor(
    private readonly link: RedisLink,
    private readonly local: NotificationDedupe,
    private readonly prefix = `${KEY_FAMILIES.webhooksSeen}:`,
    private readonly windowMs = DEDUPE_WINDOW_MS,
  ) {}

  async claim(id: string): Promise<boolean> {
    if (!this.link.healthy) return this.local.claim(id);
    try {
      const set = await this.link.run((c) => c.set(this.prefix + id, '1', { condition: 'NX', expiration: { type: 'PX', value: this.windowMs } }));
      return set === 'OK';
    } catch {
      return this.local.claim(id);
    }
  }

  async release(id: string): Promise<void> {
    await this.local.release(id);
    if (!this.link.healthy) return;
    // Best effort: if Redis keeps the claim, TikTok's retries count as replays until it expires.
    await this.link.run((c) => c.del(this.prefix + id)).catch(() => undefined);
  }
}
