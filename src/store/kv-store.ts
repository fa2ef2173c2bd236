/**
 * Where the metrics ledgers keep their entries: string values by key, each with a lifetime. The
 * embedded store (SQLite on local disk, {@link SqliteKv}) is the default; {@link RedisKv} when
 * replicas share Redis. Neither keeps values in the JS heap: a read gives the caller a fresh
 * string of its own, so a ledger's size is bounded by the disk (or Redis), not by memory.
 */
export interface KvStore {
  get(key: string): Promise<string | undefined>;
  /** The values of several keys, in their order (one round trip where the store allows). */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** `ttlMs`: how long the entry is kept unless written again. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Writes several entries all together or not at all (a SQLite transaction, a Redis
   * `MULTI`/`EXEC`): the ledger's order rows and the day aggregates they change must never be
   * seen, nor survive a crash, one without the other.
   */
  setMany(entries: readonly (readonly [string, string])[], ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}
