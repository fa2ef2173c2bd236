import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { RedisClient, RedisLink } from '../cache/redis-link';
import type { Logger } from '../telemetry/logger';
import type { Notification } from '../upstream/notification';
import { InProcessQueue, type NotificationQueue } from '../store/notification-queue';

/** Options of {@link RedisStreamQueue}. */
export interface StreamQueueOptions {
  /** The stream's key; one per TikTok app, since processing uses the app's credentials. */
  stream: string;
  /** @default 'shopgraph' */
  group?: string;
  /** Entries the stream keeps, roughly (`XADD MAXLEN ~`): bounds Redis memory when nobody consumes. @default 10000 */
  maxLength?: number;
  /** How long one read waits for new entries, and so how often stale pending entries are looked for. @default 2000 */
  blockMs?: number;
  /** An entry unacknowledged this long (its replica crashed, or processing failed) is taken over. @default 60000 */
  claimIdleMs?: number;
  /** Deliveries of an entry before it is dropped (logged, then acknowledged). @default 5 */
  maxAttempts?: number;
}

const READ_COUNT = 10;
/** Pause after a failed read, unless Redis comes back sooner. */
const RETRY_MS = 1000;
const DRAIN_POLL_MS = 20;

/** An entry read back is bytes from outside this process: checked before anything uses it. */
const entrySchema = z.object({
  notification: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(
      z.object({
        id: z.string().min(1),
        type: z.number().int(),
        shopId: z.string().regex(/^\d+$/),
        timestamp: z.number().int(),
        orderId: z.string().optional(),
        productId: z.string().optional(),
        returnId: z.string().optional(),
        orderStatus: z.string().optional(),
      }),
    ),
});

/**
 * Notifications in a Redis stream that every replica consumes in one consumer group: accepted by
 * any replica, processed by one of them, and kept across restarts. Each replica reads on a
 * connection of its own (a blocking `XREADGROUP` would stall the shared one) and acknowledges
 * after processing; entries a crashed replica left unacknowledged are taken over (`XAUTOCLAIM`)
 * after `claimIdleMs` (so processing that outlasts it may run twice: the effects are idempotent).
 * A failed entry is retried the same way, up to `maxAttempts` deliveries, then dropped with an
 * error line holding the notification. While Redis is away, notifications go to an in-process
 * queue instead, so none that TikTok got a 200 for is lost.
 * @see https://redis.io/docs/latest/develop/data-types/streams/#consumer-groups
 */
export class RedisStreamQueue implements NotificationQueue {
  /** This replica in the group: unique, and readable in `XINFO CONSUMERS`. */
  readonly consumer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly local: InProcessQueue;
  private readonly reader: RedisClient;
  private readonly settings: Required<StreamQueueOptions>;
  private readonly loop: Promise<void>;
  /** The newest entry this replica added and has not yet seen processed ({@link drain}). */
  private lastAdded: string | undefined;
  private grouped = false;
  private claimCursor = '0-0';
  private reading = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly link: RedisLink,
    private readonly handle: (notification: Notification) => Promise<void>,
    private readonly logger: Logger,
    options: StreamQueueOptions,
  ) {
    this.settings = { group: 'shopgraph', maxLength: 10_000, blockMs: 2000, claimIdleMs: 60_000, maxAttempts: 5, ...options };
    this.local = new InProcessQueue(handle, logger);
    this.reader = link.client.duplicate();
    // The shared link reports outages; this connection just reconnects and wakes the loop.
    this.reader.on('error', (error: Error) => logger.debug({ reason: error.message }, 'webhook stream reader: connection error'));
    this.reader.on('ready', () => this.wake?.());
    link.onRecovery(() => this.wake?.());
    void this.reader.connect().catch(() => undefined);
    this.loop = this.consume();
  }

  async enqueue(notification: Notification): Promise<void> {
    if (this.closed) throw new Error('the notification queue is closed');
    if (this.link.healthy) {
      const { stream, maxLength } = this.settings;
      try {
        const id = await this.link.run((c) =>
          c.xAdd(stream, '*', { notification: JSON.stringify(notification) }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxLength } }),
        );
        if (!this.lastAdded || compareIds(id, this.lastAdded) > 0) this.lastAdded = id;
        return;
      } catch {
        // The link logged the outage; the local queue takes it.
      }
    }
    await this.local.enqueue(notification);
  }

  /**
   * Resolves once every entry up to the last this replica added is processed, by any replica
   * (while Redis is away, it waits for Redis).
   */
  async drain(): Promise<void> {
    await this.local.drain();
    const target = this.lastAdded;
    if (target) {
      while (!(await this.processedUpTo(target))) await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
      if (this.lastAdded === target) this.lastAdded = undefined;
    }
    await this.local.drain();
  }

  /** Stops reading, finishes the entry in hand and the local queue, and closes the reading connection. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    this.wake?.();
    // Entries a blocked read was being handed stay pending, for another replica to claim.
    if (this.reading) this.reader.destroy();
    await this.loop;
    await this.local.close();
    if (this.reader.isReady) await this.reader.close().catch(() => this.reader.destroy());
    else if (this.reader.isOpen) this.reader.destroy();
    await this.leaveGroup();
  }

  /** Removes this consumer from the group unless it holds pending entries: once gone it is only noise. */
  private async leaveGroup(): Promise<void> {
    if (!this.link.healthy) return;
    const { stream, group } = this.settings;
    await this.link
      .run(async (c) => {
        try {
          const mine = await c.xPendingRange(stream, group, '-', '+', 1, { consumer: this.consumer });
          if (mine.length === 0) await c.xGroupDelConsumer(stream, group, this.consumer);
        } catch {
          // No group any more (Redis restarted empty): nothing to leave.
        }
      })
      .catch(() => undefined);
  }

  private async consume(): Promise<void> {
    while (!this.closed) {
      if (!this.reader.isReady) {
        await this.pause(RETRY_MS);
        continue;
      }
      try {
        if (!this.grouped) await this.createGroup();
        for (const entry of await this.claimStale()) await this.process(entry.id, entry.message, entry.attempt);
        for (const entry of await this.readNew()) await this.process(entry.id, entry.message, 1);
      } catch (error) {
        if (this.closed) break;
        // Redis restarted empty: the group went with the stream, and making it again is the fix.
        if (error instanceof Error && error.message.startsWith('NOGROUP')) {
          this.grouped = false;
          continue;
        }
        this.logger.debug({ reason: (error as Error).message }, 'webhook stream: read failed');
        await this.pause(RETRY_MS);
      }
    }
  }

  private async createGroup(): Promise<void> {
    // From '0': entries added before the group existed are processed too.
    await this.reader.xGroupCreate(this.settings.stream, this.settings.group, '0', { MKSTREAM: true }).catch((error: unknown) => {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    });
    this.grouped = true;
  }

  /** Entries left unacknowledged past `claimIdleMs`, now this replica's, with their delivery count. */
  private async claimStale(): Promise<{ id: string; message: unknown; attempt: number }[]> {
    const { stream, group, claimIdleMs } = this.settings;
    const claimed = await this.reader.xAutoClaim(stream, group, this.consumer, claimIdleMs, this.claimCursor, { COUNT: READ_COUNT });
    this.claimCursor = claimed.nextId;
    const messages = claimed.messages.flatMap((m) => (m ? [m] : []));
    if (messages.length === 0) return [];
    const pending = await this.reader.xPendingRange(stream, group, messages[0]!.id, messages.at(-1)!.id, 100, { consumer: this.consumer });
    const deliveries = new Map(pending.map((p) => [p.id, p.deliveriesCounter]));
    return messages.map((m) => ({ id: m.id, message: m.message, attempt: deliveries.get(m.id) ?? 2 }));
  }

  private async readNew(): Promise<{ id: string; message: unknown }[]> {
    if (this.closed) return [];
    const { stream, group, blockMs } = this.settings;
    this.reading = true;
    try {
      const reply = await this.reader.xReadGroup(group, this.consumer, { key: stream, id: '>' }, { COUNT: READ_COUNT, BLOCK: blockMs });
      return ((reply ?? []) as { messages: { id: string; message: unknown }[] }[]).flatMap((s) => s.messages);
    } finally {
      this.reading = false;
    }
  }

  private async process(entry: string, fields: unknown, attempt: number): Promise<void> {
    const { stream, group, maxAttempts } = this.settings;
    const parsed = entrySchema.safeParse(fields);
    if (!parsed.success) {
      this.logger.error({ stream, entry, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'webhook stream entry dropped: not a notification');
    } else {
      const notification = parsed.data.notification;
      const log = { notification: notification.id, type: notification.type, shopId: notification.shopId, entry, attempt };
      try {
        // Past the limit without a verdict: processing kept crashing its replica.
        if (attempt > maxAttempts) throw new Error(`delivered ${attempt} times without being acknowledged`);
        await this.handle(notification);
      } catch (error) {
        if (attempt < maxAttempts) {
          this.logger.warn({ ...log, err: error }, `webhook processing failed: retried once idle for ${this.settings.claimIdleMs} ms`);
          return;
        }
        this.logger.error({ ...log, err: error, dropped: notification }, `webhook notification dropped after ${maxAttempts} attempts`);
      }
    }
    await this.reader.xAck(stream, group, entry);
  }

  /**
   * Whether no entry up to `id` still waits for delivery or acknowledgement. Entries only move from
   * undelivered to pending to acknowledged, so checking in that order cannot miss one in between.
   */
  private async processedUpTo(id: string): Promise<boolean> {
    const { stream, group } = this.settings;
    try {
      return await this.link.run(async (c) => {
        // No stream: Redis lost it (and those entries) in a restart.
        if (!(await c.exists(stream))) return true;
        const info = (await c.xInfoGroups(stream)).find((g) => g.name === group);
        if (!info) return false;
        if ((await c.xRange(stream, `(${String(info['last-delivered-id'])}`, id, { COUNT: 1 })).length > 0) return false;
        return (await c.xPendingRange(stream, group, '-', id, 1)).length === 0;
      });
    } catch {
      return false;
    }
  }

  /** Waits `ms`, or less when Redis comes back or the queue closes. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** Orders stream ids (`<ms>-<seq>`). */
function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}
