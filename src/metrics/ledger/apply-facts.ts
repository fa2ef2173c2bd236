/**
 * Upserting order and refund facts into a ledger generation, then re-aggregating the days that
 * changed. Upserts are idempotent and keyed by id; an older `update_time` never replaces a newer
 * one, a replay of the version filed changes (and writes) nothing, and a different version with
 * the same `update_time` replaces it (TikTok's times are whole seconds). An order is filed under the
 * shop-local date it is counted on (its `paid_time`; `create_time` for cash on delivery) and moves
 * when that date changes; a refund is filed beside its order, or kept pending until the order is filed.
 *
 * @see docs/metrics.md ("The window", "Refunded GMV")
 */
import { aggregateDay } from '../day-aggregate';
import { countedTime, type OrderFact, type RefundFact } from '../../domain/facts';
import { localDate } from '../../domain/window';
import { LedgerEvictedError } from './ledger-errors';
import { Pacer } from './pacer';
import { BUCKETS, bucketOf, encodeOrder, type DayFacts, type GenerationStore, type IndexBucket, type PendingBucket } from './ledger-store';

/** Thrown when an entry the state says exists is gone (evicted): the ledger must be rebuilt. */
export { LedgerEvictedError } from './ledger-errors';

/** Per time zone, the local date of each quarter hour seen (bounded; see {@link countedDay}). */
const quarterDates = new Map<string, Map<number, string>>();
const MAX_QUARTERS = 100_000;

/**
 * `localDate` memoized per quarter hour: every zone's offsets (and so its midnights) fall on
 * quarter hours, and luxon's zone checks cost more than the rest of an upsert.
 */
function countedDay(timeZone: string, seconds: number): string {
  let dates = quarterDates.get(timeZone);
  if (!dates || dates.size > MAX_QUARTERS) {
    dates = new Map();
    quarterDates.set(timeZone, dates);
  }
  const quarter = Math.floor(seconds / 900);
  let date = dates.get(quarter);
  if (date === undefined) {
    date = localDate(quarter * 900, timeZone);
    dates.set(quarter, date);
  }
  return date;
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
 * Entries of one kind read at most once per batch, and copied on first change when `copy` is
 * given: values a memory store holds are shared with readers, so they are never changed in place.
 */
class Entries<K, V> {
  private readonly loaded = new Map<K, Promise<V>>();
  private readonly changed = new Map<K, V>();

  constructor(
    private readonly load: (key: K) => Promise<V>,
    private readonly copy: (value: V) => V = (value) => value,
  ) {}

  /** The entry as this batch sees it (with its changes). */
  async read(key: K): Promise<V> {
    let found = this.loaded.get(key);
    if (!found) {
      found = this.load(key);
      this.loaded.set(key, found);
    }
    const value = await found;
    return this.changed.get(key) ?? value;
  }

  /** The entry, to be changed and written back at commit. */
  async write(key: K): Promise<V> {
    const value = await this.read(key);
    let copy = this.changed.get(key);
    if (copy === undefined) {
      copy = this.copy(value);
      this.changed.set(key, copy);
    }
    return copy;
  }

  get dirty(): [K, V][] {
    return [...this.changed];
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameOrder = (a: OrderFact | undefined, b: OrderFact): boolean => a !== undefined && encodeOrder(a) === encodeOrder(b);

/** A unit of work over one generation, written back in {@link commit}. */
class Batch {
  private readonly days: Entries<string, DayFacts>;
  private readonly indexes: Entries<number, IndexBucket>;
  private readonly pendings: Entries<number, PendingBucket>;
  constructor(
    private readonly store: GenerationStore,
    private readonly ctx: BatchContext,
    private readonly pacer: Pacer,
  ) {
    const m = ctx.materialized;
    // Days and index buckets are decoded afresh on each read: this batch's copy is its own.
    this.days = new Entries(async (date) => {
      const facts = await store.day(date);
      return (m && m.from <= date && date <= m.to ? this.required(facts, `day ${date}`) : facts) ?? { orders: {}, refunds: {} };
    });
    this.indexes = new Entries(async (b) => this.required(await store.index(b), `index bucket ${b}`) ?? {});
    this.pendings = new Entries(
      async (b) => this.required(await store.pending(b), `pending bucket ${b}`) ?? {},
      (v) => ({ ...v }),
    );
  }

  private required<T>(value: T | undefined, what: string): T | undefined {
    if (value === undefined && this.ctx.materialized) throw new LedgerEvictedError(`${what} is missing`);
    return value;
  }

  async upsertOrder(order: OrderFact): Promise<void> {
    const b = bucketOf(order.id);
    const filed = (await this.indexes.read(b))[order.id];
    if (filed && filed.u > order.updateTime) return;
    const counted = countedTime(order);
    const date = counted === null ? null : countedDay(this.ctx.timezone, counted);
    const from = filed?.d ?? null;
    // A replay of the version filed (overlapping syncs do that all the time) changes nothing.
    if (filed && filed.u === order.updateTime && from === date && (date === null || sameOrder((await this.days.read(date)).orders[order.id], order))) return;

    // The order's refunds follow it: from its old day, or out of pending once it is counted.
    let refunds: RefundFact[] | undefined;
    if (from !== null && from !== date) {
      const old = await this.days.write(from);
      refunds = old.refunds[order.id];
      delete old.orders[order.id];
      delete old.refunds[order.id];
    } else if (from === null && date !== null && (await this.pendings.read(b))[order.id]) {
      const pending = await this.pendings.write(b);
      refunds = pending[order.id];
      delete pending[order.id];
    }

    if (date !== null) {
      const day = await this.days.write(date);
      day.orders[order.id] = order;
      if (refunds) day.refunds[order.id] = refunds;
    } else if (refunds) {
      (await this.pendings.write(b))[order.id] = refunds;
    }
    (await this.indexes.write(b))[order.id] = { d: date, u: order.updateTime };
  }

  async upsertRefund(refund: RefundFact): Promise<void> {
    const b = bucketOf(refund.orderId);
    const date = (await this.indexes.read(b))[refund.orderId]?.d ?? null;
    const holderOf = async (write: boolean) => {
      if (date === null) return write ? this.pendings.write(b) : this.pendings.read(b);
      return (write ? await this.days.write(date) : await this.days.read(date)).refunds;
    };
    const list = (await holderOf(false))[refund.orderId] ?? [];
    const at = list.findIndex((r) => r.id === refund.id);
    const filed = list[at];
    if (filed && (filed.updateTime > refund.updateTime || (filed.updateTime === refund.updateTime && same(filed, refund)))) return;
    (await holderOf(true))[refund.orderId] = filed ? list.map((r, i) => (i === at ? refund : r)) : [...list, refund];
  }

  /** Writes what changed, facts first, then (unless deferred) the aggregates of the days that changed. */
  async commit(aggregate: boolean): Promise<string[]> {
    const days = this.days.dirty;
    await this.pacer.all([
      ...days.map(
        ([date, facts]) =>
          () =>
            this.store.saveDay(date, facts),
      ),
      ...this.indexes.dirty.map(
        ([b, value]) =>
          () =>
            this.store.saveIndex(b, value),
      ),
      ...this.pendings.dirty.map(
        ([b, value]) =>
          () =>
            this.store.savePending(b, value),
      ),
    ]);
    if (aggregate)
      await this.pacer.all(
        days.map(
          ([date, facts]) =>
            () =>
              this.store.saveAggregate(aggregateOf(date, facts, this.ctx.currency)),
        ),
      );
    return days.map(([date]) => date);
  }
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
  const pacer = new Pacer();
  const batch = new Batch(store, ctx, pacer);
  for (const order of orders) {
    await batch.upsertOrder(order);
    await pacer.pause();
  }
  for (const refund of refunds) {
    await batch.upsertRefund(refund);
    await pacer.pause();
  }
  return batch.commit(!options.deferAggregates);
}

/**
 * Rewrites the aggregates of days from their stored facts.
 * @param pacer - shared by callers that aggregate in several sections, so its slices run across them
 */
export async function reaggregate(store: GenerationStore, dates: Iterable<string>, currency: string, pacer = new Pacer()): Promise<void> {
  await pacer.all(
    [...dates].map((date) => async () => {
      const facts = await store.day(date);
      if (facts) await store.saveAggregate(aggregateOf(date, facts, currency));
    }),
  );
}

/**
 * Drops pending refunds last updated before `horizon` (unix s): their orders have not reached the
 * ledger in all that time (never paid, or paid before anything the ledger will cover), and without
 * this they would be kept forever. Callers serialize it with batches of the same generation.
 * @returns how many refunds were dropped
 */
export async function prunePending(store: GenerationStore, horizon: number): Promise<number> {
  let dropped = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const pending = await store.pending(b);
    if (!pending) continue;
    const kept: PendingBucket = {};
    let removed = 0;
    for (const [orderId, refunds] of Object.entries(pending)) {
      const live = refunds.filter((r) => r.updateTime >= horizon);
      removed += refunds.length - live.length;
      if (live.length > 0) kept[orderId] = live;
    }
    if (removed > 0) await store.savePending(b, kept);
    dropped += removed;
  }
  return dropped;
}
