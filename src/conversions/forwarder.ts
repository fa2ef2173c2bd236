/**
 * The conversions forwarder: paid orders in, `Purchase` events out to TikTok's Events API,
 * at least once and — through the outbox's record of every order id — once per order id.
 * Orders are offered by the ledger's reads and by order webhooks; each replica sends what is due
 * every `flushIntervalMs`, in batches of at most `batchSize`, paced to `requestsPerSecond`.
 *
 * @see docs/conversions.md
 */
import type { EventsSender } from '../datasources/marketing/events-sender';
import type { PartnerOrder } from '../datasources/partner/order-schemas';
import { UpstreamError } from '../upstream/upstream-error';
import type { Logger } from '../telemetry/logger';
import type { ConversionsSettings } from '../config/conversions-section';
import { isPaid, purchaseOf } from './order-event';
import type { ClaimedEntry, ConversionOutbox } from '../store/conversion-outbox';

/** What the forwarder counts (`shopgraph_conversions_total{outcome}`). */
export type ConversionOutcome = 'queued' | 'duplicate' | 'sent' | 'retried' | 'failed' | 'too_old' | 'invalid';

/** How the forwarder reaches TikTok's Events API. */
export type EventsPort = Pick<EventsSender, 'prepare' | 'sendPrepared'>;

export interface ForwarderOptions {
  settings: ConversionsSettings;
  outbox: ConversionOutbox;
  events: EventsPort;
  logger: Logger;
  /** Reads orders by id (order detail) for webhooks about orders the ledger did not read. */
  readOrders?: (shopId: string, orderIds: string[]) => Promise<PartnerOrder[]>;
  observe?: (outcome: ConversionOutcome, n: number) => void;
  /** @default Date.now */
  now?: () => number;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** How long a claimed batch is this replica's: longer than a send with its retries (docs/conversions.md). */
export const LEASE_MS = 120_000;
/** Backoff of an event that failed: doubles per delivery from the first, up to the last. */
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Statuses of an order webhook that cannot be a payment. */
const UNPAID_STATUSES = new Set(['UNPAID', 'CANCELLED']);

export class ConversionsForwarder {
  private readonly settings: ConversionsSettings;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private nextRequestAt = 0;
  private prunedAt = 0;
  private closed = false;

  constructor(private readonly options: ForwarderOptions) {
    this.settings = options.settings;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Queues the paid orders among `orders` (others are ignored), each once per order id. Resolves
   * once they are in the outbox: a caller that awaits it (the ledger's read) loses none.
   */
  async offer(shopId: string, orders: readonly PartnerOrder[]): Promise<void> {
    const oldest = this.now() - this.settings.maxEventAgeHours * 3_600_000;
    for (const order of orders) {
      if (!isPaid(order)) continue;
      if ((order.paid_time ?? 0) * 1000 < oldest) {
        this.count('too_old', 1);
        continue;
      }
      let event: string;
      try {
        event = this.options.events.prepare(purchaseOf(order, shopId, this.settings.event));
      } catch (error) {
        // A malformed amount: TikTok would refuse the whole batch it travels in.
        this.count('invalid', 1);
        this.options.logger.warn({ shopId, orderId: order.id, err: error }, 'conversion not sent: the order cannot be written as an event');
        continue;
      }
      const queued = await this.options.outbox.enqueue({ orderId: order.id, shopId, event }, this.now());
      this.count(queued ? 'queued' : 'duplicate', 1);
    }
  }

  /**
   * An order webhook: when its status may follow a payment and the order was never queued, the
   * order is read (the ledger reads it only for shops it keeps) and offered.
   */
  async offerWebhook(shopId: string, orderId: string, status: string | undefined): Promise<void> {
    if (status === undefined || UNPAID_STATUSES.has(status) || !this.options.readOrders) return;
    if (await this.options.outbox.known(orderId)) return;
    await this.offer(shopId, await this.options.readOrders(shopId, [orderId]));
  }

  /** Sends every due entry every `flushIntervalMs` until {@link close}. */
  start(): void {
    if (this.closed || this.timer) return;
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.flush().finally(() => {
          if (!this.closed) tick();
        });
      }, this.settings.flushIntervalMs);
      this.timer.unref();
    };
    tick();
  }

  /** Sends what is due now, batch after batch; one flush at a time per process. Never throws. */
  flush(): Promise<void> {
    this.flushing ??= this.drainDue()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'conversions: the outbox could not be read; retried at the next flush'))
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /** Entries waiting in the outbox (the gauge). */
  depth(): Promise<number> {
    return this.options.outbox.depth();
  }

  /** Stops the timer and waits for a flush in progress; what is left waits in the outbox. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.flushing;
  }

  private async drainDue(): Promise<void> {
    await this.prune();
    while (!this.closed) {
      const batch = await this.options.outbox.claim(this.settings.batchSize, this.now(), LEASE_MS);
      if (batch.length === 0) return;
      await this.deliver(batch);
    }
  }

  /**
   * Sends a batch. TikTok refuses a request with one bad event as a whole (40002): the batch is
   * halved until the bad event is alone, and only it is given up. Throttling, outages and token
   * trouble leave the batch due again later.
   */
  private async deliver(batch: ClaimedEntry[]): Promise<void> {
    const ids = batch.map((e) => e.orderId);
    try {
      await this.pace();
      await this.options.events.sendPrepared(batch.map((e) => e.event));
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'bad_request') {
        if (batch.length > 1) {
          const half = Math.ceil(batch.length / 2);
          await this.deliver(batch.slice(0, half));
          await this.deliver(batch.slice(half));
          return;
        }
        await this.options.outbox.giveUp(ids, this.now());
        this.count('failed', 1);
        this.options.logger.warn({ orderId: ids[0], code: error.details.code, message: error.message }, 'conversion refused by TikTok: given up');
        return;
      }
      await this.later(batch, error);
      return;
    }
    await this.options.outbox.sent(ids, this.now());
    this.count('sent', ids.length);
  }

  private async later(batch: ClaimedEntry[], error: unknown): Promise<void> {
    const exhausted = batch.filter((e) => e.attempts + 1 >= this.settings.maxAttempts).map((e) => e.orderId);
    const again = batch.filter((e) => e.attempts + 1 < this.settings.maxAttempts);
    const attempts = Math.min(...batch.map((e) => e.attempts));
    const delay = Math.min(FIRST_RETRY_MS * 2 ** attempts, MAX_RETRY_MS);
    // Grouped by delivery count would be exact; one delay per batch keeps it one write.
    await this.options.outbox.retry(
      again.map((e) => e.orderId),
      this.now() + delay,
    );
    if (exhausted.length > 0) await this.options.outbox.giveUp(exhausted, this.now());
    this.count('retried', again.length);
    this.count('failed', exhausted.length);
    const kind = error instanceof UpstreamError ? error.kind : 'error';
    this.options.logger.warn({ events: batch.length, kind, retryInMs: delay, givenUp: exhausted.length }, 'conversions not delivered: retried later');
  }

  /** Waits for this replica's next request slot (`requestsPerSecond`). */
  private async pace(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextRequestAt);
    this.nextRequestAt = at + 1000 / this.settings.requestsPerSecond;
    if (at > now) await this.sleep(at - now);
  }

  private async prune(): Promise<void> {
    const now = this.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await this.options.outbox.prune(now - this.settings.sentRetentionDays * 86_400_000);
  }

  private count(outcome: ConversionOutcome, n: number): void {
    if (n > 0) this.options.observe?.(outcome, n);
  }
}
