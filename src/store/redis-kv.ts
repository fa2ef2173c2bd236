import type { RedisLink } from '../cache/redis-link';
import type { KvStore } from './kv-store';
import { StoreUnavailableError } from './store-unavailable';
import { KEY_FAMILIES } from '../config/storage-keys';

/**
 * {@link KvStore} on Redis, for replicas sharing one: plain strings (`GET`, `SET … PX`, `MGET`, `MULTI`/`EXEC` for writes that go together),
 * with no copy kept in this process (the ledgers' day aggregates have their own bounded cache).
 * Keys carry a hash tag per shop (`{app:shop}`, chosen by the ledgers), so a `MGET` of one shop's
 * keys stays on one Redis Cluster slot. While Redis is away every call fails with
 * {@link StoreUnavailableError}: there is no per-process copy to answer from in its place.
 */
export class RedisKv implements KvStore {
  constructor(
    private readonly link: RedisLink,
    private readonly prefix: string = KEY_FAMILIES.ledgerStoreRoot,
  ) {}

  private async run<T>(operation: Parameters<RedisLink['run']>[0]): Promise<T> {
    try {
      return (await this.link.run(operation)) as T;
    } catch (error) {
      throw new StoreUnavailableError('the metrics ledger', error);
    }
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.run<string | null>((c) => c.get(this.prefix + key))) ?? undefined;
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.run<(string | null)[]>((c) => c.mGet(keys.map((k) => this.prefix + k)));
    return values.map((v) => v ?? undefined);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.run((c) => c.set(this.prefix + key, value, { expiration: { type: 'PX', value: Math.max(1, Math.round(ttlMs)) } }));
  }

  async setMany(entries: readonly (readonly [string, string])[], ttlMs: number): Promise<void> {
    if (entries.length === 0) return;
    const px = Math.max(1, Math.round(ttlMs));
    // One MULTI/EXEC: applied whole or not at all. The ledger writes one shop's keys at a time, all
    // under its hash tag, so the transaction stays on one Redis Cluster slot.
    await this.run((c) => {
      const multi = c.multi();
      for (const [key, value] of entries) multi.set(this.prefix + key, value, { expiration: { type: 'PX', value: px } });
      return multi.exec();
    });
  }

  async delete(key: string): Promise<void> {
    await this.run((c) => c.del(this.prefix + key));
  }
}
