import type Database from 'better-sqlite3';
import type { Logger } from '../telemetry/logger';
import type { Notification } from '../upstream/notification';
import type { NotificationQueue } from './notification-queue';

/** Deliveries of a notification (each start of its processing) before it is dropped with an error line. */
const MAX_ATTEMPTS = 5;

interface Row {
  seq: number;
  notification: string;
  attempts: number;
}

/**
 * The webhook queue without Redis, in the embedded store's durable database: a notification is on
 * disk before TikTok gets its 200, processed one at a time in arrival order after the answer, and
 * deleted once processed. What a stopped or crashed process had not processed yet is processed
 * when the next one starts on the same data directory (processing is idempotent: invalidate and
 * re-read). A notification whose processing fails is logged and dropped, as in memory; one that
 * keeps taking the process down is dropped after {@link MAX_ATTEMPTS} starts.
 */
export class SqliteQueue implements NotificationQueue {
  private readonly insert: Database.Statement<[string]>;
  private readonly next: Database.Statement<[number], Row>;
  private readonly started: Database.Statement<[number]>;
  private readonly done: Database.Statement<[number]>;
  private running: Promise<void> | undefined;
  private closed = false;
  /** Highest seq processed (or dropped) by this queue. */
  private processed = 0;

  constructor(
    db: Database.Database,
    private readonly handle: (notification: Notification) => Promise<void>,
    private readonly logger: Logger,
  ) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS webhook_queue (seq INTEGER PRIMARY KEY AUTOINCREMENT, notification TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)',
    );
    this.insert = db.prepare('INSERT INTO webhook_queue (notification) VALUES (?)');
    this.next = db.prepare('SELECT seq, notification, attempts FROM webhook_queue WHERE seq > ? ORDER BY seq LIMIT 1');
    this.started = db.prepare('UPDATE webhook_queue SET attempts = attempts + 1 WHERE seq = ?');
    this.done = db.prepare('DELETE FROM webhook_queue WHERE seq = ?');
    // What the last process left is processed now.
    if (this.next.get(0)) this.kick();
  }

  async enqueue(notification: Notification): Promise<void> {
    if (this.closed) throw new Error('the notification queue is closed');
    this.insert.run(JSON.stringify(notification));
    this.kick();
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private kick(): void {
    this.running ??= this.work()
      .catch((error: unknown) => this.logger.error({ err: error }, 'webhook queue stopped: the embedded store failed'))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Processes rows until none is left, each on a later turn of the event loop (after the HTTP answer). */
  private async work(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const row = this.next.get(this.processed);
      if (!row) return;
      this.processed = row.seq;
      let notification: Notification | undefined;
      try {
        notification = JSON.parse(row.notification) as Notification;
      } catch {
        // Written by this class: unreadable only if the file was damaged.
      }
      if (!notification || row.attempts >= MAX_ATTEMPTS) {
        this.logger.error({ dropped: row.notification, attempts: row.attempts }, 'webhook notification dropped: it could not be processed');
        this.done.run(row.seq);
        continue;
      }
      this.started.run(row.seq);
      try {
        await this.handle(notification);
      } catch (error) {
        this.logger.error({ err: error, notification: notification.id, type: notification.type }, 'webhook processing failed');
      }
      this.done.run(row.seq);
    }
  }
}
