/**
 * Upserting order and refund facts into a ledger generation, then re-aggregating the days that
 * changed. Upserts are idempotent and keyed by id; an older `update_time` never replaces a newer
 * one (equal ones replace, so replaying a page is harmless). An order is filed under the
 * shop-local date of its `paid_time` and moves when that date changes; a refund is filed beside
 * its order, or kept pending until the order is filed.
 *
 * @see /work/shared/spec/metrics.md ("The window", "Refunded GMV")
 */
import { aggregateDay } from '../day-aggregate';
import type { OrderFact, RefundFact } from '../facts';
import { localDate } from '../window';
import { bucketOf, type DayFacts, type GenerationStore, type IndexBucket, type PendingBucket } from './ledger-store';

/** Thrown when an entry the state says exists is gone (evicted): the ledger must be rebuilt. */
export class LedgerEvictedError extends Error {
  override readonly name = 'LedgerEvictedError';
}

/**
 * `localDate` memoized per quarter hour: every zone's offsets (and so its midnights) fall on
 * quarter hours, and luxon's zone checks cost more than the rest of an upsert.
 */
function paidDay(timeZone: string): (unixSeconds: number) => string {
  const dates = new Map<number, string>();
  return (seconds) => {
    const quarter = Math.floor(seconds / 900);
    let date = dates.get(quarter);
    if (date === undefined) {
      date = localDate(quarter * 900, timeZone);
      dates.set(quarter, date);
    }
    return date;
  };
}

/** What a batch needs to know about the shop and the generation. */
export interface BatchContext {
  timezone: string;
  currency: string;
  /**
   * Dates whose day entries must exist (they were materialized), or null before the generation's
   * first backfill; once set, every bucket exists too. A missing entry was evicted.
   */
  materialized: { from: string; to: string } | null;
}

/**
 * A unit of work over one generation: entries are read once, copied before any change (stored
 * values are shared with readers in a memory store), and written back in {@link commit}.
 */
class Batch {
  private readonly days = new Map<string, Promise<DayFacts>>();
  private readonly indexes = new Map<number, Promise<IndexBucket>>();
  private readonly pendings = new Map<number, Promise<PendingBucket>>();
  private readonly dirtyDays = new Set<string>();
  private readonly dirtyIndexes = new Set<number>();
  private readonly dirtyPendings = new Set<number>();

  private readonly paidDay: (unixSeconds: number) => string;

  constructor(
    private readonly store: GenerationStore,
    private readonly ctx: BatchContext,
  ) {
    this.paidDay = paidDay(ctx.timezone);
  }

  private day(date: string): Promise<DayFacts> {
    let found = this.days.get(date);
    if (!found) {
      found = this.store.day(date).then((facts) => {
        const m = this.ctx.materialized;
        if (m && m.from <= date && date <= m.to) this.required(facts, `day ${date}`);
        return { orders: { ...facts?.orders }, refunds: { ...facts?.refunds } };
      });
      this.days.set(date, found);
    }
    return found;
  }

  private index(orderId: string): Promise<IndexBucket> {
    return memo(this.indexes, bucketOf(orderId), async (b) => ({ ...this.required(await this.store.index(b), `index bucket ${b}`) }));
  }

  private pending(orderId: string): Promise<PendingBucket> {
    return memo(this.pendings, bucketOf(orderId), async (b) => ({ ...this.required(await this.store.pending(b), `pending bucket ${b}`) }));
  }

  private required<T>(value: T | undefined, what: string): T | undefined {
    if (value === undefined && this.ctx.materialized) throw new LedgerEvictedError(`${what} is missing`);
    return value;
  }

  async upsertOrder(order: OrderFact): Promise<void> {
    const index = await this.index(order.id);
    const filed = index[order.id];
    if (filed && filed.u > order.updateTime) return;
    const date = order.paidTime === null ? null : this.paidDay(order.paidTime);
    const from = filed?.d ?? null;

    // The order's refunds follow it: from its old day, or out of pending once it is paid.
    let refunds: RefundFact[] | undefined;
    if (from !== null && from !== date) {
      const old = await this.day(from);
      refunds = old.refunds[order.id];
      delete old.orders[order.id];
      delete old.refunds[order.id];
      this.dirtyDays.add(from);
    } else if (from === null && date !== null) {
      const pending = await this.pending(order.id);
      refunds = pending[order.id];
      if (refunds) {
        delete pending[order.id];
        this.dirtyPendings.add(bucketOf(order.id));
      }
    }

    if (date !== null) {
      const day = await this.day(date);
      day.orders[order.id] = order;
      if (refunds) day.refunds[order.id] = refunds;
      this.dirtyDays.add(date);
    } else if (refunds) {
      (await this.pending(order.id))[order.id] = refunds;
      this.dirtyPendings.add(bucketOf(order.id));
    }
    index[order.id] = { d: date, u: order.updateTime };
    this.dirtyIndexes.add(bucketOf(order.id));
  }

  async upsertRefund(refund: RefundFact): Promise<void> {
    const date = (await this.index(refund.orderId))[refund.orderId]?.d ?? null;
    const holder = date === null ? await this.pending(refund.orderId) : (await this.day(date)).refunds;
    const list = holder[refund.orderId] ?? [];
    const at = list.findIndex((r) => r.id === refund.id);
    if (at >= 0 && (list[at] as RefundFact).updateTime > refund.updateTime) return;
    holder[refund.orderId] = at >= 0 ? list.map((r, i) => (i === at ? refund : r)) : [...list, refund];
    if (date === null) this.dirtyPendings.add(bucketOf(refund.orderId));
    else this.dirtyDays.add(date);
  }

  /** Writes what changed, facts first, then (unless deferred) the aggregates of the days that changed. */
  async commit(aggregate: boolean): Promise<string[]> {
    const days = await Promise.all([...this.dirtyDays].map(async (date) => [date, await this.days.get(date)!] as const));
    await Promise.all([
      ...days.map(([date, facts]) => this.store.saveDay(date, facts)),
      ...[...this.dirtyIndexes].map(async (b) => this.store.saveIndex(b, await this.indexes.get(b)!)),
      ...[...this.dirtyPendings].map(async (b) => this.store.savePending(b, await this.pendings.get(b)!)),
    ]);
    if (aggregate) await Promise.all(days.map(([date, facts]) => this.store.saveAggregate(aggregateOf(date, facts, this.ctx.currency))));
    return days.map(([date]) => date);
  }
}

function memo<K, V>(cache: Map<K, Promise<V>>, key: K, load: (key: K) => Promise<V>): Promise<V> {
  let found = cache.get(key);
  if (!found) {
    found = load(key);
    cache.set(key, found);
  }
  return found;
}

/** The aggregate of a day's stored facts. */
export function aggregateOf(date: string, facts: DayFacts, currency: string) {
  return aggregateDay(Object.values(facts.orders), new Map(Object.entries(facts.refunds)), date, currency);
}

/**
 * Upserts a batch: orders first, so refunds of orders in the same batch are filed beside them.
 * Callers serialize batches of one generation (see `KeyedMutex`).
 *
 * @param options.deferAggregates - leave the changed days' aggregates to {@link reaggregate}: a
 *   backfill touches each day in many batches and re-aggregates it once at its end
 * @returns the dates whose facts changed
 * @throws {@link LedgerEvictedError} when a materialized day's entry is gone
 */
export async function applyFacts(
  store: GenerationStore,
  ctx: BatchContext,
  orders: readonly OrderFact[],
  refunds: readonly RefundFact[],
  options: { deferAggregates?: boolean } = {},
): Promise<string[]> {
  const batch = new Batch(store, ctx);
  for (const order of orders) await batch.upsertOrder(order);
  for (const refund of refunds) await batch.upsertRefund(refund);
  return batch.commit(!options.deferAggregates);
}

/** Rewrites the aggregates of days from their stored facts. */
export async function reaggregate(store: GenerationStore, dates: Iterable<string>, currency: string): Promise<void> {
  await Promise.all([...dates].map(async (date) => {
    const facts = await store.day(date);
    if (facts) await store.saveAggregate(aggregateOf(date, facts, currency));
  }));
}
