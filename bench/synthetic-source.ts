/**
 * A {@link LedgerSource} that computes its orders instead of holding them: the emulator keeps
 * ~12 KB of memory per order (500,000 orders took ~6 GB here), so it cannot hold the 1M-order shop
 * or the 200 × 10k-order portfolio of issue 18's scale scenarios on this machine (24 GB). Orders
 * come at a fixed cadence over the shop's days, each a pure function of its index; one in
 * `RETURN_EVERY` is returned a day after payment. Pages follow the Partner API's search semantics
 * (`_ge` inclusive, `_lt` exclusive, ascending, `total_count`), and each shop's searches are paced
 * at TikTok's allowance per feed when `perSecond` is set.
 */
import type { ShopInfo } from '../src/datasources/shop-directory';
import type { OrderFact, RefundFact } from '../src/domain/facts';
import { PAGE_SIZES, type FactPage, type FeedQuery, type LedgerFeed, type LedgerSource, type RefundFeed } from '../src/metrics/ledger/ledger-source';

const DAY = 86_400;
const RETURN_EVERY = 50;

export interface SyntheticShop {
  ordersPerDay: number;
  days: number;
}

/** Per shop and feed: a pacer allowing `perSecond` searches a second (TikTok: 50, less the headroom). */
class Pace {
  private next = 0;
  constructor(private readonly perSecond: number) {}
  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

export class SyntheticSource implements LedgerSource {
  /** searches answered, per feed */
  readonly calls: Record<LedgerFeed | 'detail', number> = { orders: 0, returns: 0, cancellations: 0, detail: 0 };
  private readonly paces = new Map<string, Pace>();

  constructor(
    private readonly shops: ReadonlyMap<string, SyntheticShop>,
    private readonly endSeconds: number,
    private readonly perSecond: number | null,
  ) {}

  private shape(shopId: string) {
    const shop = this.shops.get(shopId);
    if (!shop) throw new Error(`unknown shop ${shopId}`);
    const count = shop.ordersPerDay * shop.days;
    const start = this.endSeconds - shop.days * DAY;
    const step = DAY / shop.ordersPerDay;
    return { count, start, step };
  }

  private order(shopId: string, k: number, start: number, step: number): OrderFact {
    const createTime = start + Math.floor(k * step);
    const lines = 1 + (k % 3);
    return {
      id: `${shopId}${String(k).padStart(9, '0')}`,
      status: 'COMPLETED',
      createTime,
      updateTime: createTime + 120,
      paidTime: createTime + 60,
      cod: false,
      currency: 'USD',
      payment: { total: `${10 + lines * 5}.00`, shipping: '0.00', tax: '0.00' },
      lines: Array.from({ length: lines }, (_, i) => {
        const price = `${5 + ((k + i) % 20)}.${String((k * 7 + i) % 100).padStart(2, '0')}`;
        return { id: `${shopId}${k}-${i}`, productId: `P${(k + i) % 40}`, skuId: `S${(k + i) % 120}`, salePrice: price, gross: price };
      }),
    };
  }

  private refund(shopId: string, k: number, start: number, step: number): RefundFact {
    const o = this.order(shopId, k, start, step);
    const at = o.paidTime! + DAY;
    return {
      id: `R${o.id}`,
      orderId: o.id,
      kind: 'RETURN_AND_REFUND',
      status: 'RETURN_OR_REFUND_REQUEST_COMPLETE',
      createTime: at,
      updateTime: at,
      lines: [{ id: o.lines[0]!.id, refundSubtotal: null }],
      refundSubtotal: null,
      currency: 'USD',
    };
  }

  /** Indexes k in [0, count) whose time (`at(k)`, non-decreasing) is within [ge, lt). */
  private span(count: number, at: (k: number) => number, ge: number | undefined, lt: number | undefined): [number, number] {
    const first = (t: number | undefined) => {
      if (t === undefined) return 0;
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (at(mid) < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [first(ge), lt === undefined ? count : first(lt)];
  }

  private async pace(shopId: string, feed: LedgerFeed): Promise<void> {
    this.calls[feed] += 1;
    if (this.perSecond === null) return;
    const key = `${shopId}:${feed}`;
    let pace = this.paces.get(key);
    if (!pace) this.paces.set(key, (pace = new Pace(this.perSecond)));
    await pace.take();
  }

  private pageOf<T>(feed: LedgerFeed, count: number, at: (k: number) => number, make: (k: number) => T, q: FeedQuery): FactPage<T> {
    const time = q.sortField === 'create_time' ? { ge: q.createTimeGe, lt: q.createTimeLt } : { ge: q.updateTimeGe, lt: undefined };
    const [from, to] = this.span(count, at, time.ge, time.lt);
    const offset = q.pageToken ? Number(q.pageToken) : from;
    const end = Math.min(to, offset + PAGE_SIZES[feed]);
    const items = Array.from({ length: Math.max(0, end - offset) }, (_, i) => make(offset + i));
    return { items, nextPageToken: end < to ? String(end) : '', totalCount: to - from, unreadable: [] };
  }

  async orderPage(shop: ShopInfo, q: FeedQuery): Promise<FactPage<OrderFact>> {
    await this.pace(shop.id, 'orders');
    const { count, start, step } = this.shape(shop.id);
    const offset = q.sortField === 'create_time' ? 0 : 120;
    return this.pageOf(
      'orders',
      count,
      (k) => start + Math.floor(k * step) + offset,
      (k) => this.order(shop.id, k, start, step),
      q,
    );
  }

  async refundPage(shop: ShopInfo, feed: RefundFeed, q: FeedQuery): Promise<FactPage<RefundFact>> {
    await this.pace(shop.id, feed);
    if (feed === 'cancellations') return { items: [], nextPageToken: '', totalCount: 0, unreadable: [] };
    const { count, start, step } = this.shape(shop.id);
    // Returns: order j·RETURN_EVERY, made a day after its payment, until now.
    const returned = Math.floor((count - 1) / RETURN_EVERY) + 1;
    const at = (j: number) => start + Math.floor(j * RETURN_EVERY * step) + 60 + DAY;
    let made = returned;
    while (made > 0 && at(made - 1) > this.endSeconds) made -= 1;
    const ids = q.orderIds && new Set(q.orderIds);
    const page = this.pageOf(feed, made, at, (j) => this.refund(shop.id, j * RETURN_EVERY, start, step), q);
    return ids ? { ...page, items: page.items.filter((r) => ids.has(r.orderId)) } : page;
  }

  async orders(shop: ShopInfo, ids: readonly string[]): Promise<{ items: OrderFact[]; unreadable: [] }> {
    this.calls.detail += 1;
    const { start, step } = this.shape(shop.id);
    return { items: ids.map((id) => this.order(shop.id, Number(id.slice(shop.id.length)), start, step)), unreadable: [] };
  }
}
