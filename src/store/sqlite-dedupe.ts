import type Database from 'better-sqlite3';
import { DEDUPE_WINDOW_MS, type NotificationDedupe } from './notification-dedupe';

/**
 * Webhook dedupe in the embedded store's durable database: a claim is one statement that inserts
 * the notification id, or takes over an expired one, so of two deliveries exactly one wins — in
 * this process, in another on the same data directory, and across a restart (a notification TikTok
 * redelivers after the restart is acknowledged, not processed again).
 */
export class SqliteDedupe implements NotificationDedupe {
  private readonly take: Database.Statement<[string, number, number]>;
  private readonly forget: Database.Statement<[string]>;
  private readonly expired: Database.Statement<[number]>;
  private claims = 0;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
    private readonly windowMs = DEDUPE_WINDOW_MS,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS webhook_seen (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID');
    this.take = db.prepare(
      'INSERT INTO webhook_seen (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE webhook_seen.expires_at <= ?',
    );
    this.forget = db.prepare('DELETE FROM webhook_seen WHERE id = ?');
    this.expired = db.prepare('DELETE FROM webhook_seen WHERE id IN (SELECT id FROM webhook_seen WHERE expires_at <= ? LIMIT 1000)');
  }

  async claim(id: string): Promise<boolean> {
    const now = this.now();
    // Claims that expired are deleted as new ones come, a batch every thousand claims.
    if (++this.claims % 1000 === 0) this.expired.run(now);
    return this.take.run(id, now + this.windowMs, now).changes === 1;
  }

  async release(id: string): Promise<void> {
    this.forget.run(id);
  }
}
