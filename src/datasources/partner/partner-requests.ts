/**
 * Request shapes of the Partner API client, and the client-side limits TikTok documents. Paging and
 * sorting are camelCase (the client drives them); endpoint filters keep TikTok's own snake_case
 * names and types (`create_time_ge` is an integer: TikTok rejects a string), so they map to the
 * wire one to one.
 * @see docs/tiktok-api.md (Endpoints ShopGraph reads)
 */
import { UpstreamError } from '../../upstream/upstream-error';
import type { PartnerOrderStatus } from './order-schemas';
import type { PartnerProductStatus } from './product-schemas';

export type SortOrder = 'ASC' | 'DESC';

/** Paging and sorting of a list call. `pageToken` is the previous page's `next_page_token`. */
export interface PageRequest<SortField extends string = never> {
  pageSize: number;
  pageToken?: string;
  sortField?: SortField;
  sortOrder?: SortOrder;
}

/** A list call's request: paging plus the endpoint's filters. */
export type ListRequest<Filters, SortField extends string = never> = PageRequest<SortField> & { filters?: Filters };

/** Body filters of `POST /order/202309/orders/search` (times in Unix seconds). */
export interface OrderSearchFilters {
  order_status?: PartnerOrderStatus;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
  buyer_user_id?: string;
  shipping_type?: 'TIKTOK' | 'SELLER';
}

/** Body filters of the product search. */
export interface ProductSearchFilters {
  status?: PartnerProductStatus | 'ALL';
  /** At most {@link MAX_SELLER_SKUS} (TikTok's 12019027). */
  seller_skus?: string[];
  create_time_ge?: number;
  create_time_le?: number;
  update_time_ge?: number;
  update_time_le?: number;
}

/** Inventory search: by products (≤100) or by SKUs (≤600), not both. */
export type InventoryQuery = { product_ids: string[]; sku_ids?: never } | { sku_ids: string[]; product_ids?: never };

/** Body filters of the returns search. */
export interface ReturnSearchFilters {
  order_ids?: string[];
  return_status?: string[];
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
}

/** Body filters of the cancellations search. */
export interface CancellationSearchFilters {
  order_ids?: string[];
  cancel_status?: string[];
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
}

/** Query filters of `GET /finance/202309/statements` (Unix seconds). */
export interface StatementFilters {
  statement_time_ge?: number;
  statement_time_lt?: number;
  payment_status?: 'PROCESSING' | 'PAID' | 'FAILED';
}

/** Query filters of `GET /finance/202309/payments` (Unix seconds). */
export interface PaymentFilters {
  create_time_ge?: number;
  create_time_lt?: number;
}

/** The date range of an analytics call: `YYYY-MM-DD` in the shop's time zone, end exclusive. */
export interface AnalyticsRange {
  start_date_ge: string;
  end_date_lt: string;
  /** `USD` converts; `LOCAL` keeps the shop's currency. */
  currency?: 'USD' | 'LOCAL';
}

/** Query of shop performance. */
export interface ShopPerformanceQuery extends AnalyticsRange {
  /** `ALL` = one interval for the range, `1D` = one per day. */
  granularity?: 'ALL' | '1D';
}

/** Sort fields of the analytics lists. */
export type ProductPerformanceSort = 'gmv' | 'order_count' | 'unit_sold_count' | 'click_through_rate';
export type SkuPerformanceSort = 'gmv' | 'sku_orders' | 'units_sold';
export type VideoPerformanceSort = 'gmv' | 'views' | 'sku_orders' | 'units_sold' | 'click_through_rate';
/** TikTok's LIVE list (202508) names units `unit_sold`, unlike the other lists. */
export type LivePerformanceSort = 'gmv' | 'products_added' | 'different_products_sold' | 'sku_orders' | 'unit_sold' | 'customers' | '24h_live_gmv';

/** The most `seller_skus` one product search may filter on (TikTok's error 12019027). */
export const MAX_SELLER_SKUS = 10;

/** A webhook subscription to create or replace. */
export interface WebhookSubscription {
  event_type: string;
  address: string;
}

type Timed = 'create_time' | 'update_time';
/** Request of a search endpoint. */
export type OrderSearch = ListRequest<OrderSearchFilters, Timed>;
export type ProductSearch = ListRequest<ProductSearchFilters>;
export type ReturnSearch = ListRequest<ReturnSearchFilters, Timed>;
export type CancellationSearch = ListRequest<CancellationSearchFilters, Timed>;
export type StatementList = ListRequest<StatementFilters, 'statement_time'>;
export type PaymentList = ListRequest<PaymentFilters, 'create_time'>;
/** Paging of one statement's transactions; TikTok sorts them by `order_create_time` only. */
export type StatementTransactionList = PageRequest<'order_create_time'>;
/** Request of an analytics list: the date range is required. */
export type AnalyticsList<Sort extends string> = PageRequest<Sort> & { filters: AnalyticsRange };
/** A request for a `paginate…` method: everything but the page token, which the walk drives. */
export type AllPages<R> = Omit<R, 'pageToken'>;

/** Throws a RangeError (a caller bug) unless `pageSize` is within the endpoint's documented range. */
export function checkPageSize(pageSize: number, min: number, max: number, endpoint: string): void {
  if (!Number.isInteger(pageSize) || pageSize < min || pageSize > max) {
    throw new RangeError(`${endpoint}: page_size must be an integer in ${min}–${max}, got ${pageSize}`);
  }
}

/** Throws a RangeError (a caller bug) when a product search filters on too many seller SKUs. */
export function checkSellerSkus(filters: ProductSearchFilters | undefined, endpoint: string): void {
  const count = filters?.seller_skus?.length ?? 0;
  if (count > MAX_SELLER_SKUS) {
    throw new RangeError(`${endpoint}: at most ${MAX_SELLER_SKUS} seller_skus per request, got ${count}`);
  }
}

/** Throws a RangeError unless there are 1..`max` decimal IDs. */
export function checkIds(ids: readonly string[], max: number, what: string): void {
  if (ids.length === 0 || ids.length > max) {
    throw new RangeError(`${what}: between 1 and ${max} IDs per call, got ${ids.length}`);
  }
  const bad = ids.find((id) => !/^\d{1,20}$/.test(id));
  if (bad !== undefined) throw new RangeError(`${what}: ${JSON.stringify(bad)} is not a decimal ID`);
}

/**
 * Walks `next_page_token` from the first page to the last (`""`), yielding each page. A token that
 * comes back twice would loop forever, so it is reported as an invalid response.
 */
export async function* walkPages<Page extends { next_page_token: string }>(
  path: string,
  fetchPage: (pageToken: string | undefined) => Promise<Page>,
): AsyncGenerator<Page, void, undefined> {
  const seen = new Set<string>();
  let pageToken: string | undefined;
  for (;;) {
    const page = await fetchPage(pageToken);
    yield page;
    if (page.next_page_token === '') return;
    if (seen.has(page.next_page_token)) {
      throw new UpstreamError('invalid_response', `${path} returned the same next_page_token twice`, {
        api: 'partner',
        path,
      });
    }
    seen.add(page.next_page_token);
    pageToken = page.next_page_token;
  }
}
