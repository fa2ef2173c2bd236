/**
 * An in-memory {@link LedgerSource} over plain facts, with the Partner API's search semantics:
 * `_ge` inclusive, `_lt` exclusive, ascending by the sort field then id, keyset page tokens.
 */
import { UpstreamError } from '../../../../src/upstream/upstream-error';
import type { OrderFact, RefundFact } from '../../../../src/domain/facts';
import { PAGE_SIZES, type FactPage, type FeedQuery, type LedgerFeed, type LedgerSource, type RefundFeed } from '../../../../src/metrics/ledger/ledger-source';
import type { UnreadableRow } from '../../../../src/metrics/ledger/unreadable';

type Item = OrderFact | RefundFact;

export class FakeSource implements LedgerSource {
  readonly data = { orders: new Map<string, OrderFact>(), returns: new Map<string, RefundFact>(), cancellations: new Map<string, RefundFact>() };
  /** calls per feed ('detail' for order detail) */
  calls: Record<LedgerFeed | 'detail', number> = { orders: 0, returns: 0, cancellations: 0, detail: 0 };
  /** when set, every call fails with it */
  failure: UpstreamError | null = null;
  /** resolves calls only when released, to hold a sync in flight */
  gate: Promise<void> | null = null;
  /** rows TikTok "sent" unreadable, per feed: answered on every page of that feed (and by order detail for orders) */
  readonly unreadable: Record<LedgerFeed, UnreadableRow[]> = { orders: [], returns: [], cancellations: [] };

  putOrder(...orders: OrderFact[]): void {
    for (const o of orders) this.data.orders.set(o.id, o);
  }

  putRefund(feed: RefundFeed, ...refunds: RefundFact[]): void {
    for (const r of refunds) this.data[feed].set(r.id, r);
  }

  resetCalls(): void {
    this.calls = { orders: 0, returns: 0, cancellations: 0, detail: 0 };
  }

  async orderPage(_shop: unknown, q: FeedQuery): Promise<FactPage<OrderFact>> {
    return this.page('orders', [...this.data.orders.values()], q) as Promise<FactPage<OrderFact>>;
  }

  async refundPage(_shop: unknown, feed: RefundFeed, q: FeedQuery): Promise<FactPage<RefundFact>> {
    const ids = q.orderIds && new Set(q.orderIds);
    return this.page(
      feed,
      [...this.data[feed].values()].filter((r) => !ids || ids.has(r.orderId)),
      q,
    ) as Promise<FactPage<RefundFact>>;
  }

  async orders(_shop: unknown, ids: readonly string[]): Promise<{ items: OrderFact[]; unreadable: UnreadableRow[] }> {
    await this.enter('detail');
    return {
      items: ids.flatMap((id) => this.data.orders.get(id) ?? []),
      unreadable: this.unreadable.orders.filter((r) => r.id !== null && ids.includes(r.id)),
    };
  }

  private async enter(feed: LedgerFeed | 'detail'): Promise<void> {
    this.calls[feed] += 1;
    if (this.gate) await this.gate;
    if (this.failure) throw this.failure;
  }

  private async page(feed: LedgerFeed, all: Item[], q: FeedQuery): Promise<FactPage<Item>> {
    await this.enter(feed);
    const field = q.sortField === 'create_time' ? 'createTime' : 'updateTime';
    const key = (i: Item): [number, string] => [i[field], i.id];
    const matches = all
      .filter(
        (i) =>
          (q.createTimeGe === undefined || i.createTime >= q.createTimeGe) &&
          (q.createTimeLt === undefined || i.createTime < q.createTimeLt) &&
          (q.updateTimeGe === undefined || i.updateTime >= q.updateTimeGe),
      )
      .sort((a, b) => key(a)[0] - key(b)[0] || (key(a)[1] < key(b)[1] ? -1 : 1));
    const after = q.pageToken ? (JSON.parse(q.pageToken) as [number, string]) : null;
    const rest = after ? matches.filter((i) => key(i)[0] > after[0] || (key(i)[0] === after[0] && key(i)[1] > after[1])) : matches;
    const items = rest.slice(0, PAGE_SIZES[feed]);
    const last = items.at(-1);
    return {
      items,
      nextPageToken: rest.length > items.length && last ? JSON.stringify(key(last)) : '',
      totalCount: matches.length,
      unreadable: this.unreadable[feed],
    };
  }
}

/** An upstream that is down. */
export const unavailable = (): UpstreamError => new UpstreamError('unavailable', 'TikTok is down', { api: 'partner' });
