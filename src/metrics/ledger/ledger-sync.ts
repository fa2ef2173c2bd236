/**
 * Reading upstream into the ledger: backfills by `create_time` in parallel slices, delta syncs
 * by `update_time` from each feed's cursor minus an overlap, and refreshes of named orders.
 * Facts are handed to `apply` in batches (it serializes them per shop).
 */
import type { ShopInfo } from '../../datasources/shop-directory';
import type { OrderFact, RefundFact } from '../../domain/facts';
import type { BackfillPlan, TimeRange } from './coverage';
import { pool, readRange, ReadProgress, walkPages } from './fetch-pages';
import { LEDGER_FEEDS, PAGE_SIZES, type FactPage, type FeedQuery, type LedgerFeed, type LedgerSource, type RefundFeed } from './ledger-source';
import type { UnreadableRow } from './unreadable';

const REFUND_FEEDS: readonly RefundFeed[] = ['returns', 'cancellations'];
/** Order detail takes at most 50 ids; the after-sales searches at most 50 order ids. */
const ID_BATCH = 50;
/**
 * Facts per applied batch: a batch reads and writes the rows of its orders and the aggregates of
 * the days they touch (one read and one atomic write), so what it holds is bounded by this, not
 * by the days' sizes; large enough that a day's aggregate is rewritten rarely.
 */
const BATCH_SIZE = 2_000;

/** What every read needs. */
export interface SyncContext {
  source: LedgerSource;
  shop: ShopInfo;
  /**
   * @param settledBefore - during a backfill: no fact still to come was created before this
   *   (unix s), so the days before it are unlikely to change again (-Infinity: any day may)
   */
  apply: (orders: OrderFact[], refunds: RefundFact[], settledBefore?: number) => Promise<void>;
  /** searches in flight at once per feed (each feed has its own rate-limit bucket) */
  concurrency: number;
  nowSeconds: number;
  /** facts per applied batch @default BATCH_SIZE */
  batchSize?: number;
  /** told of every row TikTok sent that could not be read */
  onUnreadable?: (rows: UnreadableRow[]) => void;
}

/** Collects facts from concurrent readers and applies them in batches. */
class FactBuffer {
  private orders: OrderFact[] = [];
  private refunds: RefundFact[] = [];

  /** @param settled - what `apply` is told a batch's `settledBefore` is, at the time of the batch */
  constructor(
    private readonly ctx: Pick<SyncContext, 'apply' | 'batchSize'>,
    private readonly settled?: () => number,
  ) {}

  async add(orders: readonly OrderFact[], refunds: readonly RefundFact[]): Promise<void> {
    this.orders.push(...orders);
    this.refunds.push(...refunds);
    if (this.orders.length + this.refunds.length >= (this.ctx.batchSize ?? BATCH_SIZE)) await this.flush();
  }

  async flush(): Promise<void> {
    const { orders, refunds } = this;
    const settledBefore = this.settled?.();
    this.orders = [];
    this.refunds = [];
    if (orders.length + refunds.length > 0) await this.ctx.apply(orders, refunds, settledBefore);
  }
}

async function pageOf(ctx: SyncContext, feed: LedgerFeed, query: FeedQuery): Promise<FactPage<OrderFact | RefundFact>> {
  const page = feed === 'orders' ? await ctx.source.orderPage(ctx.shop, query) : await ctx.source.refundPage(ctx.shop, feed, query);
  if (page.unreadable.length > 0) ctx.onUnreadable?.(page.unreadable);
  return page;
}

function add(buffer: FactBuffer, feed: LedgerFeed, items: (OrderFact | RefundFact)[]): Promise<void> {
  return feed === 'orders' ? buffer.add(items as OrderFact[], []) : buffer.add([], items as RefundFact[]);
}

/** Waits for every read, applies what was read, then throws the first failure if any. */
async function settle(buffer: FactBuffer, reads: Promise<unknown>[]): Promise<PromiseSettledResult<unknown>[]> {
  const results = await Promise.allSettled(reads);
  await buffer.flush();
  return results;
}

/**
 * Reads the ranges of a backfill plan, all feeds at once. Each batch is told how far the reads
 * have settled: an order is paid after it is created, so once the order reads have passed a
 * `create_time`, earlier days get no more orders; a refund may belong to any order, so nothing is
 * settled while refunds are still being read.
 */
export async function backfill(ctx: SyncContext, plan: BackfillPlan): Promise<void> {
  const orderReads = new ReadProgress();
  let refundReadsLeft = plan.refunds.length * REFUND_FEEDS.length;
  const buffer = new FactBuffer(ctx, () => (refundReadsLeft > 0 ? Number.NEGATIVE_INFINITY : orderReads.low));
  const read = (feed: LedgerFeed, range: TimeRange, progress?: ReadProgress) =>
    readRange<OrderFact | RefundFact>(
      range,
      (slice, pageToken) => pageOf(ctx, feed, { createTimeGe: slice.ge, createTimeLt: slice.lt ?? undefined, sortField: 'create_time', pageToken }),
      (items) => add(buffer, feed, items),
      { concurrency: ctx.concurrency, pageSize: PAGE_SIZES[feed], nowSeconds: ctx.nowSeconds },
      progress,
    );
  const reads = [
    ...plan.orders.map((range) => read('orders', range, orderReads)),
    ...plan.refunds.flatMap((range) => REFUND_FEEDS.map((feed) => read(feed, range).then(() => void (refundReadsLeft -= 1)))),
  ];
  const failed = (await settle(buffer, reads)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The cursors after a delta sync, and the feeds that failed (their cursors did not move). */
export interface DeltaResult {
  cursors: Record<LedgerFeed, number>;
  errors: unknown[];
}

/**
 * Reads each feed's changes since its cursor minus `overlapSeconds`, oldest first. A feed's
 * cursor moves to the newest `update_time` read, only once the whole feed was read.
 */
export async function delta(ctx: SyncContext, cursors: Record<LedgerFeed, number>, overlapSeconds: number): Promise<DeltaResult> {
  const buffer = new FactBuffer(ctx);
  const reads = LEDGER_FEEDS.map(async (feed) => {
    let high = cursors[feed];
    const updateTimeGe = cursors[feed] - overlapSeconds;
    await walkPages(
      (pageToken) => pageOf(ctx, feed, { updateTimeGe, sortField: 'update_time', pageToken }),
      (items) => {
        for (const item of items) high = Math.max(high, item.updateTime);
        return add(buffer, feed, items);
      },
    );
    return high;
  });
  const results = await settle(buffer, reads);
  const next = { ...cursors };
  const errors: unknown[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') next[LEDGER_FEEDS[i] as LedgerFeed] = r.value as number;
    else errors.push(r.reason);
  });
  return { cursors: next, errors };
}

/** Reads the named orders through order detail, and their returns and cancellations. */
export async function refresh(ctx: SyncContext, orderIds: readonly string[]): Promise<void> {
  const buffer = new FactBuffer(ctx);
  const batches: string[][] = [];
  const unique = [...new Set(orderIds)];
  for (let i = 0; i < unique.length; i += ID_BATCH) batches.push(unique.slice(i, i + ID_BATCH));
  const read = pool(batches, ctx.concurrency, async (ids) => {
    const refunds = REFUND_FEEDS.map(async (feed) => {
      const found: RefundFact[] = [];
      await walkPages(
        (pageToken) => pageOf(ctx, feed, { orderIds: ids, sortField: 'update_time', pageToken }),
        async (items) => {
          found.push(...(items as RefundFact[]));
        },
      );
      return found;
    });
    const [orders, ...lists] = await Promise.all([ctx.source.orders(ctx.shop, ids), ...refunds]);
    if (orders.unreadable.length > 0) ctx.onUnreadable?.(orders.unreadable);
    await buffer.add(orders.items, lists.flat());
  });
  const failed = (await settle(buffer, [read])).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
