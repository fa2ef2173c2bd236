import type Database from 'better-sqlite3';
import type { ClaimedEntry, ConversionOutbox, OutboxEntry } from './conversion-outbox';

interface Row {
  order_id: string;
  shop_id: string;
  event: string;
  attempts: number;
}

/**
 * The conversions outbox in the embedded store's durable database (`state.sqlite`, written with
 * `synchronous=FULL`): one row per order id and pixel, kept after sending (its event dropped) as
 * the record that the order was reported. A claim is one immediate transaction, so processes on
 * one data directory never take the same row; its lease is the row's `due_at` pushed ahead.
 */
export class SqliteOutbox implements ConversionOutbox {
  private readonly insert: Database.Statement<[string, string, string, string, number, number]>;
  private readonly exists: Database.Statement<[string, string], { n: number }>;
  private readonly due: Database.Statement<[string, number, number], Row>;
  private readonly lease: Database.Statement<[number, string, string]>;
  private readonly finish: Database.Statement<[string, number, string, string]>;
  private readonly again: Database.Statement<[number, string, string]>;
  private readonly waiting: Database.Statement<[string], { n: number }>;
  private readonly forget: Database.Statement<[string, number]>;
  private readonly claimTx: Database.Transaction<(max: number, now: number, leaseMs: number) => ClaimedEntry[]>;

  /** @param namespace the pixel: another pixel has never been sent anything */
  constructor(
    private readonly db: Database.Database,
    private readonly namespace: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS conversions_outbox (
      ns TEXT NOT NULL, order_id TEXT NOT NULL, shop_id TEXT NOT NULL, event TEXT,
      state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL, queued_at INTEGER NOT NULL,
      PRIMARY KEY (ns, order_id)) WITHOUT ROWID`);
    db.exec('CREATE INDEX IF NOT EXISTS conversions_outbox_due ON conversions_outbox (ns, state, due_at)');
    this.insert = db.prepare(
      "INSERT INTO conversions_outbox (ns, order_id, shop_id, event, state, due_at, queued_at) VALUES (?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT DO NOTHING",
    );
    this.exists = db.prepare('SELECT COUNT(*) AS n FROM conversions_outbox WHERE ns = ? AND order_id = ?');
    this.due = db.prepare(
      "SELECT order_id, shop_id, event, attempts FROM conversions_outbox WHERE ns = ? AND state = 'queued' AND due_at <= ? ORDER BY due_at LIMIT ?",
    );
    this.lease = db.prepare('UPDATE conversions_outbox SET due_at = ? WHERE ns = ? AND order_id = ?');
    this.finish = db.prepare("UPDATE conversions_outbox SET state = ?, event = NULL, due_at = ? WHERE ns = ? AND order_id = ? AND state = 'queued'");
    this.again = db.prepare("UPDATE conversions_outbox SET due_at = ?, attempts = attempts + 1 WHERE ns = ? AND order_id = ? AND state = 'queued'");
    this.waiting = db.prepare("SELECT COUNT(*) AS n FROM conversions_outbox WHERE ns = ? AND state = 'queued'");
    this.forget = db.prepare("DELETE FROM conversions_outbox WHERE ns = ? AND state <> 'queued' AND queued_at < ?");
    this.claimTx = db.transaction((max: number, now: number, leaseMs: number) => {
      const rows = this.due.all(this.namespace, now, max);
      for (const row of rows) this.lease.run(now + leaseMs, this.namespace, row.order_id);
      return rows.map((r) => ({ orderId: r.order_id, shopId: r.shop_id, event: r.event, attempts: r.attempts }));
    });
  }

  async enqueue(entry: OutboxEntry, now: number): Promise<boolean> {
    return this.insert.run(this.namespace, entry.orderId, entry.shopId, entry.event, now, now).changes === 1;
  }

  async known(orderId: string): Promise<boolean> {
    return (this.exists.get(this.namespace, orderId)?.n ?? 0) > 0;
  }

  async claim(max: number, now: number, leaseMs: number): Promise<ClaimedEntry[]> {
    // IMMEDIATE: the write lock is taken before reading, so two processes never claim one row.
    return this.claimTx.immediate(max, now, leaseMs);
  }

  async sent(orderIds: readonly string[], now: number): Promise<void> {
    this.done('sent', orderIds, now);
  }

  async retry(orderIds: readonly string[], dueAt: number): Promise<void> {
    this.db.transaction(() => orderIds.forEach((id) => this.again.run(dueAt, this.namespace, id)))();
  }

  async giveUp(orderIds: readonly string[], now: number): Promise<void> {
    this.done('failed', orderIds, now);
  }

  async depth(): Promise<number> {
    return this.waiting.get(this.namespace)?.n ?? 0;
  }

  async prune(before: number): Promise<number> {
    return this.forget.run(this.namespace, before).changes;
  }

  private done(state: 'sent' | 'failed', orderIds: readonly string[], now: number): void {
    this.db.transaction(() => orderIds.forEach((id) => this.finish.run(state, now, this.namespace, id)))();
  }
}
