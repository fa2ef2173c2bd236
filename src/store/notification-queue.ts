import type { Logger } from '../telemetry/logger';
import type { Notification } from '../upstream/notification';

/**
 * Where accepted notifications wait to be processed after TikTok got its 200: in the embedded
 * store without Redis (`SqliteQueue`, kept across restarts), on a Redis stream with it (kept, and
 * spread over replicas), in process only while Redis is away.
 */
export interface NotificationQueue {
  /** Resolves once the notification is queued (not processed). */
  enqueue(notification: Notification): Promise<void>;
  /** Resolves when everything queued so far has been processed. */
  drain(): Promise<void>;
  /** Stops taking notifications and finishes the queued ones. */
  close(): Promise<void>;
}

/** Processes notifications one at a time, in arrival order, on later turns of the event loop. */
export class InProcessQueue implements NotificationQueue {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly handle: (notification: Notification) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  async enqueue(notification: Notification): Promise<void> {
    if (this.closed) throw new Error('the notification queue is closed');
    // setImmediate: processing starts only after the HTTP answer has been written.
    this.tail = this.tail
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.handle(notification))
      .catch((error: unknown) => {
        this.logger.error({ err: error, notification: notification.id, type: notification.type }, 'webhook processing failed');
      });
  }

  drain(): Promise<void> {
    return this.tail;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }
}
