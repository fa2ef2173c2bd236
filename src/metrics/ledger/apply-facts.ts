/**
 * Upserting order and refund facts into a ledger generation, with the day aggregates they change
 * (incrementally, see aggregate-delta.ts). Upserts are idempotent and keyed by id; an older
 * `update_time` never replaces a newer one, a replay of the version filed changes (and writes)
 * nothing, and a different version with the same `update_time` replaces it (TikTok's times are
 * whole seconds). An order is counted on the shop-local date of its `paid_time` (`create_time` for
 * cash on delivery) and moves when that date changes; its refunds live in its row, so they move
 * with it, and a refund of an order not read yet waits there until the order comes.
 *
 * @see docs/metrics.md ("The window", "Refunded GMV")
 */
import type { DayAggregate } from '../day-aggregate';
import { countedTime, type OrderFact, type RefundFact } from '../../domain/facts';
import { localDate } from '../../domain/window';
import { DayDelta } from './aggregate-delta';
import { LedgerEvictedError } from './ledger-errors';
import { encodeOrder, type OrderRow } from './ledger-rows';
import type { GenerationStore } from './ledger-store';
import { Pacer } from './pacer';

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
   * Dates whose day aggregates must exist (they were materialized), or null before the
   * generation's first backfill. A missing one was evicted.
   */
  materialized: { from: string; to: string } | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameOrder = (a: OrderFact | null | undefined, b: OrderFact): boolean => a !== null && a !== undefined && encodeOrder(a) === encodeOrder(b);

/** A unit of work over one generation: the rows it read, those it changed, written back in {@link commit}. */
class Batch {
  /** rows as stored when the batch began (absent: none) */
  private readonly before: Map<string, OrderRow>;
  /** rows the batch changed, as they are now */
  private readonly after = new Map<string, OrderRow>();

  constructor(
    private readonly store: GenerationStore,
    private readonly ctx: BatchContext,
    before: Map<string, OrderRow>,
  ) {
    this.before = before;
  }

  private row(orderId: string): OrderRow | undefined {
    return this.after.get(orderId) ?? this.before.get(orderId);
  }

  upsertOrder(order: OrderFact): void {
    const row = this.row(order.id);
    const filed = row?.order ?? null;
    if (filed && filed.updateTime > order.updateTime) return;
    const counted = countedTime(order);
    const day = counted === null ? null : countedDay(this.ctx.timezone, counted);
    // A replay of the version filed (overlapping syncs do that all the time) changes nothing.
    if (filed && filed.updateTime === order.updateTime && row!.day === day && sameOrder(filed, order)) return;
    // The order's refunds stay with it, wherever it is counted.
    this.after.set(order.id, { day, order, refunds: row?.refunds ?? [] });
  }

  upsertRefund(refund: RefundFact): void {
    const row = this.row(refund.orderId) ?? { day: null, order: null, refunds: [] };
    const list = row.refunds;
    const at = list.findIndex((r) => r.id === refund.id);
    const filed = list[at];
    if (filed && (filed.updateTime > refund.updateTime || (filed.updateTime === refund.updateTime && same(filed, refund)))) return;
    this.after.set(refund.orderId, { ...row, refunds: filed ? list.map((r, i) => (i === at ? refund : r)) : [...list, refund] });
  }

  /**
   * Writes the changed rows and the aggregates of the days they leave or join, in one atomic
   * write: each day's aggregate loses the contribution of the versions replaced and gains that of
   * the new ones.
   * @returns the dates whose aggregates changed
   */
  async commit(pacer: Pacer): Promise<string[]> {
    if (this.after.size === 0) return [];
    const deltas = new Map<string, DayDelta>();
    const delta = (date: string) => {
      let found = deltas.get(date);
      if (!found) deltas.set(date, (found = new DayDelta()));
      return found;
    };
    const { currency } = this.ctx;
    for (const [id, now] of this.after) {
      const was = this.before.get(id);
      if (was?.day && was.order) delta(was.day).add(was.order, was.refunds, was.day, currency, -1);
      if (now.day && now.order) delta(now.day).add(now.order, now.refunds, now.day, currency, 1);
      await pacer.pause();
    }
    const dates = [...deltas.keys()];
    const stored = await Promise.all(dates.map((date) => this.store.aggregate(date)));
    const aggregates: DayAggregate[] = [];
    for (const [i, date] of dates.entries()) {
      const m = this.ctx.materialized;
      if (stored[i] === undefined && m && m.from <= date && date <= m.to) throw new LedgerEvictedError(`aggregate of ${date} is missing`);
      aggregates.push(deltas.get(date)!.applyTo(stored[i], date, currency));
      await pacer.pause();
    }
    await this.store.write(this.after, aggregates);
    return dates;
  }
}

/**
 * Upserts a batch: orders first, so refunds of orders in the same batch are filed with them.
 * Reads the rows of the orders named (one read), writes what changed and the day aggregates it
 * changes (one atomic write): memory and work are bounded by the batch, not by the days it
 * touches. Callers serialize batches of one generation (see `KeyedMutex`).
 *
 * @returns the dates whose aggregates changed
 * @throws {@link LedgerEvictedError} when a materialized day's aggregate is gone
 */
export async function applyFacts(store: GenerationStore, ctx: BatchContext, orders: readonly OrderFact[], refunds: readonly RefundFact[]): Promise<string[]> {
  const pacer = new Pacer();
  const ids = [...new Set([...orders.map((o) => o.id), ...refunds.map((r) => r.orderId)])];
  const batch = new Batch(store, ctx, await store.rows(ids));
  for (const order of orders) {
    batch.upsertOrder(order);
    await pacer.pause();
  }
  for (const refund of refunds) {
    batch.upsertRefund(refund);
    await pacer.pause();
  }
  return batch.commit(pacer);
}
