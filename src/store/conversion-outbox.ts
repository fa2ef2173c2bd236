/**
 * Where conversions wait to reach TikTok, and the record of which orders already did. Durable:
 * the embedded store without Redis (`SqliteOutbox`), Redis with it (`RedisOutbox`, shared by
 * replicas). Every order id enters at most once — queued, then sent or given up — and is
 * remembered for the retention, so a paid order is reported once per order id whatever reads it
 * again (a webhook, a ledger sync, a restart, another replica).
 */

/** A conversion to send: the serialized wire event (identifiers already hashed). */
export interface OutboxEntry {
  orderId: string;
  shopId: string;
  /** the event as `EventsSender.prepare` wrote it */
  event: string;
}

/** An entry a replica holds the lease of. */
export interface ClaimedEntry extends OutboxEntry {
  /** deliveries before this one */
  attempts: number;
}

export interface ConversionOutbox {
  /** Queues the entry unless its order id was ever queued: `false` for a duplicate. */
  enqueue(entry: OutboxEntry, now: number): Promise<boolean>;
  /** Whether the order id was ever queued (and is still remembered). */
  known(orderId: string): Promise<boolean>;
  /**
   * Takes up to `max` entries due by `now` for `leaseMs`: no other replica gets them meanwhile;
   * a holder that stops (crash, restart) leaves them due again when the lease ends.
   */
  claim(max: number, now: number, leaseMs: number): Promise<ClaimedEntry[]>;
  /** The entries reached TikTok: out of the queue, remembered as sent. */
  sent(orderIds: readonly string[], now: number): Promise<void>;
  /** The entries are due again at `dueAt`, one delivery more. */
  retry(orderIds: readonly string[], dueAt: number): Promise<void>;
  /** Given up (TikTok refused them, or too many failures): out of the queue, remembered as failed. */
  giveUp(orderIds: readonly string[], now: number): Promise<void>;
  /** Entries waiting (due or leased). */
  depth(): Promise<number>;
  /** Forgets order ids queued before `before` that are no longer waiting. @returns how many */
  prune(before: number): Promise<number>;
}
