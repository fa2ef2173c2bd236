/**
 * Partner API searches over a shop's current data, with TikTok's semantics: `_ge` bounds are
 * inclusive, `_lt` exclusive (product search uses inclusive `_le`), order search sorts by
 * `create_time` DESC unless told otherwise, returns and cancellations default to ASC, and every
 * page token is tied to its query.
 * @see docs/tiktok-api.md (Endpoints ShopGraph reads)
 */
import { keysetPage, sortedKeysetPage } from './paging';
import { sortedBy, timeSlice, type TimeField, type Timed } from './search-index';
import type { PartnerCancellation, PartnerOrder, PartnerProductSummary, PartnerReturnOrder, PartnerStatement } from './shapes';
import type { ShopState } from './state';
import type { CancellationFilter, OrderFilter, Page, ProductFilter, ReturnFilter, SortedPaging, TokenPaging } from './store-types';

type TimeFilter = Pick<OrderFilter, 'create_time_ge' | 'create_time_lt' | 'update_time_ge' | 'update_time_lt'>;

function inTimes(item: Timed, f: TimeFilter): boolean {
  return (
    (f.create_time_ge === undefined || item.create_time >= f.create_time_ge) &&
    (f.create_time_lt === undefined || item.create_time < f.create_time_lt) &&
    (f.update_time_ge === undefined || item.update_time >= f.update_time_ge) &&
    (f.update_time_lt === undefined || item.update_time < f.update_time_lt)
  );
}

/**
 * The items matching the time bounds and `rest`, ascending by the sort field and id, from the
 * shop's sorted view: the sort field's own bounds are a binary-searched slice.
 */
function timedMatches<T extends Timed>(
  shop: ShopState,
  items: ReadonlyMap<string, T>,
  id: (item: T) => string,
  f: TimeFilter,
  o: SortedPaging,
  rest: ((item: T) => boolean) | null,
): readonly T[] {
  const field = o.sortField;
  const other: TimeField = field === 'create_time' ? 'update_time' : 'create_time';
  const slice = timeSlice(sortedBy(shop, items, field, id), field, f[`${field}_ge`], f[`${field}_lt`]);
  if (!rest && f[`${other}_ge`] === undefined && f[`${other}_lt`] === undefined) return slice;
  return slice.filter((item) => inTimes(item, f) && (!rest || rest(item)));
}

/** `rest` when any of the filters is set, else null (a search bounded by time alone needs no scan). */
function unlessUnset<T>(filters: unknown[], rest: (item: T) => boolean): ((item: T) => boolean) | null {
  return filters.every((x) => x === undefined) ? null : rest;
}

function sortedPage<T extends Timed>(matches: readonly T[], id: (item: T) => string, f: object, o: SortedPaging, kind: string): Page<T> {
  return sortedKeysetPage(matches, (item) => [item[o.sortField], id(item)], {
    desc: o.sortOrder === 'DESC',
    pageSize: o.pageSize,
    pageToken: o.pageToken,
    query: [kind, f, o.sortField, o.sortOrder],
  });
}

const orderId = (order: PartnerOrder) => order.id;
const returnId = (r: PartnerReturnOrder) => r.return_id;
const cancelId = (c: PartnerCancellation) => c.cancel_id;

/** `POST /order/202309/orders/search`. */
export function searchOrders(shop: ShopState, f: OrderFilter, o: SortedPaging): Page<PartnerOrder> {
  const matches = timedMatches(
    shop,
    shop.orders,
    orderId,
    f,
    o,
    unlessUnset(
      [f.order_status, f.buyer_user_id, f.shipping_type],
      (order) =>
        (f.order_status === undefined || order.status === f.order_status) &&
        (f.buyer_user_id === undefined || order.user_id === f.buyer_user_id) &&
        (f.shipping_type === undefined || order.shipping_type === f.shipping_type),
    ),
  );
  return sortedPage(matches, orderId, f, o, 'orders');
}

/** `POST /return_refund/202309/returns/search`. */
export function searchReturns(shop: ShopState, f: ReturnFilter, o: SortedPaging): Page<PartnerReturnOrder> {
  const ids = f.order_ids && new Set(f.order_ids);
  const matches = timedMatches(
    shop,
    shop.returns,
    returnId,
    f,
    o,
    unlessUnset([ids, f.return_status], (r) => (!ids || ids.has(r.order_id)) && (f.return_status === undefined || r.return_status === f.return_status)),
  );
  return sortedPage(matches, returnId, f, o, 'returns');
}

/** `POST /return_refund/202309/cancellations/search`. */
export function searchCancellations(shop: ShopState, f: CancellationFilter, o: SortedPaging): Page<PartnerCancellation> {
  const ids = f.order_ids && new Set(f.order_ids);
  const matches = timedMatches(
    shop,
    shop.cancellations,
    cancelId,
    f,
    o,
    unlessUnset([ids, f.cancel_status], (c) => (!ids || ids.has(c.order_id)) && (f.cancel_status === undefined || c.cancel_status === f.cancel_status)),
  );
  return sortedPage(matches, cancelId, f, o, 'cancellations');
}

/** `POST /product/202309/products/search`: summaries, newest first (TikTok documents no sort). */
export function searchProducts(shop: ShopState, f: ProductFilter, o: TokenPaging): Page<PartnerProductSummary> {
  const skus = f.seller_skus && new Set(f.seller_skus);
  const matches = shop.products.filter(
    (p) =>
      (f.status === undefined || p.status === f.status) &&
      (!skus || p.skus.some((s) => skus.has(s.seller_sku))) &&
      (f.create_time_ge === undefined || p.create_time >= f.create_time_ge) &&
      (f.create_time_le === undefined || p.create_time <= f.create_time_le) &&
      (f.update_time_ge === undefined || p.update_time >= f.update_time_ge) &&
      (f.update_time_le === undefined || p.update_time <= f.update_time_le),
  );
  const summaries: PartnerProductSummary[] = matches.map((p) => ({
    id: p.id,
    title: p.title,
    status: p.status,
    sales_regions: [shop.shop.region],
    create_time: p.create_time,
    update_time: p.update_time,
    skus: p.skus.map(({ id, seller_sku, price, inventory }) => ({ id, seller_sku, price, inventory })),
  }));
  return keysetPage(summaries, (p) => [p.create_time, p.id], {
    desc: true,
    pageSize: o.pageSize,
    pageToken: o.pageToken,
    query: ['products', f],
  });
}

/** `GET /finance/202309/statements` (sorted by `statement_time`, DESC unless ASC is asked). */
export function listStatements(
  shop: ShopState,
  f: { statement_time_ge?: number; statement_time_lt?: number },
  o: TokenPaging & { sortOrder?: 'ASC' | 'DESC' },
): Page<PartnerStatement> {
  const matches = shop.statements.filter(
    (s) =>
      (f.statement_time_ge === undefined || s.statement_time >= f.statement_time_ge) &&
      (f.statement_time_lt === undefined || s.statement_time < f.statement_time_lt),
  );
  const desc = o.sortOrder !== 'ASC';
  return keysetPage(matches, (s) => [s.statement_time, s.id], {
    desc,
    pageSize: o.pageSize,
    pageToken: o.pageToken,
    query: ['statements', f, desc],
  });
}
