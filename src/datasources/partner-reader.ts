/**
 * What ShopGraph's graph reads of the Partner API, in one page shape whatever the endpoint, and
 * its adapter over the client.
 */
import type { PartnerClient } from './partner/partner-client';
import type { RejectedRow } from './lenient';
import type { PartnerCancellation, PartnerOrder, PartnerProduct, PartnerProductSummary, PartnerReturnOrder, PartnerShop } from './partner/schemas';

/** A shop as the Partner API addresses it. */
export interface ShopRef {
  id: string;
  cipher: string;
}

/** Order search query as TikTok takes it: filters in the body, paging and sort in the query. */
export interface OrderSearchQuery {
  filters: {
    order_status?: string;
    create_time_ge?: number;
    create_time_lt?: number;
    update_time_ge?: number;
    update_time_lt?: number;
  };
  sortField: 'create_time' | 'update_time';
  sortOrder: 'ASC' | 'DESC';
}

export interface ProductSearchQuery {
  filters: { status?: string; update_time_ge?: number; update_time_le?: number };
}

/** One upstream page. */
export interface UpstreamPage<T> {
  /** The rows ShopGraph could read, in TikTok's order. */
  items: T[];
  /**
   * Rows TikTok sent that lack what ShopGraph needs (never dropped silently): with `items` they
   * make up TikTok's list, each at its `index` there.
   */
  rejected: RejectedRow[];
  nextPageToken: string;
  totalCount: number | null;
}

/** Orders found by id: the readable ones, and those TikTok sent without what ShopGraph needs. */
export interface FoundOrders {
  found: Map<string, PartnerOrder>;
  rejected: Map<string, RejectedRow>;
}

/** The after-sale records of some orders, and the ones TikTok sent unreadable. */
export interface AfterSales {
  returns: PartnerReturnOrder[];
  cancellations: PartnerCancellation[];
  rejected: RejectedRow[];
}

/** The Partner API calls ShopGraph's graph reads (a subset of the client). */
export interface PartnerReader {
  getAuthorizedShops(): Promise<PartnerShop[]>;
  searchOrders(shop: ShopRef, q: OrderSearchQuery & { pageSize: number; pageToken?: string }): Promise<UpstreamPage<PartnerOrder>>;
  getOrders(shop: ShopRef, ids: string[]): Promise<{ orders: PartnerOrder[]; rejected: RejectedRow[] }>;
  searchProducts(shop: ShopRef, q: ProductSearchQuery & { pageSize: number; pageToken?: string }): Promise<UpstreamPage<PartnerProductSummary>>;
  getProduct(shop: ShopRef, productId: string): Promise<PartnerProduct>;
  searchReturns(
    shop: ShopRef,
    q: { filters: { order_ids?: string[]; create_time_ge?: number }; pageSize: number; pageToken?: string },
  ): Promise<UpstreamPage<PartnerReturnOrder>>;
  searchCancellations(
    shop: ShopRef,
    q: { filters: { order_ids?: string[]; create_time_ge?: number }; pageSize: number; pageToken?: string },
  ): Promise<UpstreamPage<PartnerCancellation>>;
}

function page<T>(items: T[], data: { next_page_token: string; total_count?: number; rejected: RejectedRow[] }): UpstreamPage<T> {
  return { items, rejected: data.rejected, nextPageToken: data.next_page_token, totalCount: data.total_count ?? null };
}

/** The graph's view of the Partner API client: pages in one shape whatever the endpoint. */
export function partnerReader(client: PartnerClient): PartnerReader {
  return {
    getAuthorizedShops: () => client.getAuthorizedShops(),
    searchOrders: async (shop, q) => {
      const d = await client.searchOrders(shop, {
        filters: q.filters,
        sortField: q.sortField,
        sortOrder: q.sortOrder,
        pageSize: q.pageSize,
        pageToken: q.pageToken,
      });
      return page(d.orders, d);
    },
    getOrders: (shop, ids) => client.getOrders(shop, ids),
    searchProducts: async (shop, q) => {
      // The walk's own tokens: catalogues past TikTok's 10,000-result cap are split by update_time.
      const d = await client.walkProducts(shop, { filters: q.filters, pageSize: q.pageSize }, q.pageToken ?? '');
      return page(d.products, d);
    },
    getProduct: (shop, id) => client.getProduct(shop, id),
    searchReturns: async (shop, q) => {
      const d = await client.searchReturns(shop, { filters: q.filters, pageSize: q.pageSize, pageToken: q.pageToken });
      return page(d.return_orders, d);
    },
    searchCancellations: async (shop, q) => {
      const d = await client.searchCancellations(shop, { filters: q.filters, pageSize: q.pageSize, pageToken: q.pageToken });
      return page(d.cancellations, d);
    },
  };
}
