import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LeaseLock } from '../cache/flight-lock';

/**
 * Leases in the embedded store, so processes sharing one data directory (`shopgraph backfill`
 * beside `shopgraph serve`) sync a shop's ledger one at a time, as replicas do through Redis.
 * Taking one is a single statement (SQLite serializes writers), renewed every third of its TTL
 * while held; a holder that dies blocks the key for at most the TTL.
 */
export class SqliteLeaseLock implements LeaseLock {
  private readonly take: Database.Statement<[string, string, number, number]>;
  private readonly renew: Database.Statement<[number, string, string]>;
  private readonly free: Database.Statement<[string, string]>;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS leases (key TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID');
    // Inserted, or taken over once expired; otherwise nothing changes.
    this.take = db.prepare(
      'INSERT INTO leases (key, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.expires_at <= ?',
    );
    this.renew = db.prepare('UPDATE leases SET expires_at = ? WHERE key = ? AND holder = ?');
    this.free = db.prepare('DELETE FROM leases WHERE key = ? AND holder = ?');
  }

  async tryLease(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const holder = randomUUID();
    const now = this.now();
    if (this.take.run(key, holder, now + ttlMs, now).changes === 0) return undefined;
    const renewal = setInterval(
      () => {
        try {
          this.renew.run(this.now() + ttlMs, key, holder);
        } catch {
          // Retried on the next tick; past the TTL another process may take over.
        }
      },
      Math.max(1, Math.floor(ttlMs / 3)),
    );
    renewal.unref();
    return async () => {
      clearInterval(renewal);
      try {
        this.free.run(key, holder);
      } catch {
        // The database is closed (shutting down): the lease expires by itself.
      }
    };
  }
}
