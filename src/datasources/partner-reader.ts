import type { PartnerClient } from './partner/partner-client';
import type { PartnerReader, UpstreamPage } from './shop-data';

function page<T>(items: T[], data: { next_page_token: string; total_count?: number }): UpstreamPage<T> {
  return { items, nextPageToken: data.next_page_token, totalCount: data.total_count ?? null };
}

/** The graph's view of the Partner API client: pages in one shape whatever the endpoint. */
export function partnerReader(client: PartnerClient): PartnerReader {
  return {
    getAuthorizedShops: () => client.getAuthorizedShops(),
    searchOrders: async (shop, q) => {
      const d = await client.searchOrders(shop, {
        filters: { ...q.filters, order_status: q.filters.order_status as never },
        sortField: q.sortField,
        sortOrder: q.sortOrder,
        pageSize: q.pageSize,
        pageToken: q.pageToken,
      });
      return page(d.orders, d);
    },
    getOrders: (shop, ids) => client.getOrders(shop, ids),
    searchProducts: async (shop, q) => {
      const d = await client.searchProducts(shop, { filters: { ...q.filters, status: q.filters.status as never }, pageSize: q.pageSize, pageToken: q.pageToken });
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
