/**
 * What the ledger reads upstream, already reduced to facts: order search, order detail and the
 * two after-sales searches. The Partner API adapter is below; unit tests use a fake.
 *
 * @see docs/tiktok-api.md
 */
import type { RejectedRow } from '../../datasources/lenient';
import type { PartnerClient } from '../../datasources/partner/partner-client';
import type { ShopInfo } from '../../datasources/shop-directory';
import type { OrderFact, RefundFact } from '../../domain/facts';
import { cancellationFact, orderFact, returnFact } from '../../datasources/partner-facts';
import type { UnreadableRow } from './unreadable';

/** The three upstream lists the ledger keeps in sync, each with its own cursor. */
export type LedgerFeed = 'orders' | 'returns' | 'cancellations';
export const LEDGER_FEEDS: readonly LedgerFeed[] = ['orders', 'returns', 'cancellations'];
export type RefundFeed = Exclude<LedgerFeed, 'orders'>;

/** A search, always ascending so a cursor can follow it. `_ge` inclusive, `_lt` exclusive. */
export interface FeedQuery {
  createTimeGe?: number;
  createTimeLt?: number;
  updateTimeGe?: number;
  /** After-sales searches only: the requests of these orders (at most 50). */
  orderIds?: string[];
  sortField: 'create_time' | 'update_time';
  pageToken?: string;
}

/** One page of facts. */
export interface FactPage<T> {
  items: T[];
  /** '' on the last page */
  nextPageToken: string;
  /** matches of the whole search, when upstream says */
  totalCount: number | null;
  /** rows of the page TikTok sent that could not be read into facts */
  unreadable: UnreadableRow[];
}

/** The ledger's upstream. */
export interface LedgerSource {
  /** One page of an order search. */
  orderPage(shop: ShopInfo, query: FeedQuery): Promise<FactPage<OrderFact>>;
  /** One page of a returns or cancellations search. */
  refundPage(shop: ShopInfo, feed: RefundFeed, query: FeedQuery): Promise<FactPage<RefundFact>>;
  /** Orders by id, at most 50 (order detail), and the rows of them that could not be read. */
  orders(shop: ShopInfo, ids: readonly string[]): Promise<{ items: OrderFact[]; unreadable: UnreadableRow[] }>;
}

/** Page sizes: TikTok's maxima (orders 1–100, returns 10–50, cancellations 1–50). */
export const PAGE_SIZES: Readonly<Record<LedgerFeed, number>> = { orders: 100, returns: 50, cancellations: 50 };

type PartnerLists = Pick<PartnerClient, 'searchOrders' | 'getOrders' | 'searchReturns' | 'searchCancellations'>;

function unreadable(feed: LedgerFeed, rows: readonly RejectedRow[]): UnreadableRow[] {
  return rows.map((r) => ({ feed, id: r.id, orderId: r.orderId, createTime: r.createTime, detail: `${r.path}: ${r.message}` }));
}

function page<T>(feed: LedgerFeed, items: T[], d: { next_page_token?: string; total_count?: number; rejected: readonly RejectedRow[] }): FactPage<T> {
  return { items, nextPageToken: d.next_page_token ?? '', totalCount: d.total_count ?? null, unreadable: unreadable(feed, d.rejected) };
}

/** The ledger's upstream over the Partner API client (signing, retries and rate limit included). */
export function partnerLedgerSource(client: PartnerLists): LedgerSource {
  const paging = (feed: LedgerFeed, q: FeedQuery) => ({
    sortField: q.sortField,
    sortOrder: 'ASC' as const,
    pageSize: PAGE_SIZES[feed],
    pageToken: q.pageToken,
  });
  const times = (q: FeedQuery) => ({ create_time_ge: q.createTimeGe, create_time_lt: q.createTimeLt, update_time_ge: q.updateTimeGe });
  return {
    async orderPage(shop, q) {
      const d = await client.searchOrders(shop, { ...paging('orders', q), filters: times(q) });
      return page('orders', d.orders.map(orderFact), d);
    },
    async refundPage(shop, feed, q) {
      const request = { ...paging(feed, q), filters: { ...times(q), order_ids: q.orderIds } };
      if (feed === 'returns') {
        const d = await client.searchReturns(shop, request);
        return page(
          'returns',
          d.return_orders.map((r) => returnFact(r, shop.currency)),
          d,
        );
      }
      const d = await client.searchCancellations(shop, request);
      return page(
        'cancellations',
        d.cancellations.map((c) => cancellationFact(c, shop.currency)),
        d,
      );
    },
    async orders(shop, ids) {
      const d = await client.getOrders(shop, ids);
      return { items: d.orders.map(orderFact), unreadable: unreadable('orders', d.rejected) };
    },
  };
}
