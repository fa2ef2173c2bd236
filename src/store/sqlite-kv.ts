import type Database from 'better-sqlite3';
import type { KvStore } from './kv-store';

/**
 * {@link KvStore} in one SQLite table. Calls are synchronous underneath (better-sqlite3): each is
 * one indexed statement of microseconds, far cheaper than the event-loop hops an asynchronous
 * driver would add. An expired entry reads as missing until {@link sweep} deletes it.
 */
export class SqliteKv implements KvStore {
  private readonly select: Database.Statement<[string, number], { value: string }>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly expired: Database.Statement<[number]>;
  private readonly upsertAll: (entries: readonly (readonly [string, string])[], expiresAt: number) => void;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID');
    db.exec('CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires_at)');
    this.select = db.prepare('SELECT value FROM kv WHERE key = ? AND expires_at > ?');
    this.upsert = db.prepare(
      'INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
    );
    this.remove = db.prepare('DELETE FROM kv WHERE key = ?');
    this.upsertAll = db.transaction((entries: readonly (readonly [string, string])[], expiresAt: number) => {
      for (const [key, value] of entries) this.upsert.run(key, value, expiresAt);
    });
    this.expired = db.prepare('DELETE FROM kv WHERE key IN (SELECT key FROM kv WHERE expires_at <= ? LIMIT 10000)');
  }

  async get(key: string): Promise<string | undefined> {
    return this.select.get(key, this.now())?.value;
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    const now = this.now();
    return keys.map((key) => this.select.get(key, now)?.value);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.upsert.run(key, value, this.now() + ttlMs);
  }

  async setMany(entries: readonly (readonly [string, string])[], ttlMs: number): Promise<void> {
    if (entries.length > 0) this.upsertAll(entries, this.now() + ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.remove.run(key);
  }

  /**
   * Deletes expired entries, 10,000 at a time.
   * @returns how many were deleted
   */
  sweep(): number {
    let deleted = 0;
    for (;;) {
      const changes = this.expired.run(this.now()).changes;
      deleted += changes;
      if (changes < 10_000) return deleted;
    }
  }
}
