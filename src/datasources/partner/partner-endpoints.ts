/**
 * Every Partner API endpoint ShopGraph calls, with its pinned version: the ONE table of versions
 * (nothing else in `src/` names a version). Each row says why that version. TikTok serves an older
 * version at least two months after announcing a newer one; its API testing tool's default is the
 * newest. Moving a row is a one-line change here once the emulator and the recorded contract
 * payloads speak the new version; the schemas already read both shapes where noted.
 * @see docs/tiktok-api.md (Endpoints and versions)
 */
import type { z } from 'zod';
import { livePerformanceData, productPerformanceData, skuPerformanceData, videoPerformanceData } from './analytics-schemas';
import { paymentsData, statementsData } from './finance-schemas';
import { cancellationSearchData, returnSearchData } from './after-sale-schemas';
import { orderSearchData } from './order-schemas';
import { productSearchData } from './product-schemas';

/** How a list endpoint takes its parameters. */
export interface ListEndpoint<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  pageSize: readonly [min: number, max: number];
  /** Search endpoints (POST) take filters in the JSON body; GET lists take them in the query. */
  filtersIn: 'body' | 'query';
  /** Sent when the caller names none, for endpoints that require `sort_field`. */
  defaultSort?: string;
  data: S;
}

const search = <S extends z.ZodType>(path: string, pageSize: readonly [number, number], data: S): ListEndpoint<S> => ({
  method: 'POST',
  path,
  pageSize,
  filtersIn: 'body',
  data,
});

const getList = <S extends z.ZodType>(path: string, data: S, defaultSort?: string): ListEndpoint<S> => ({
  method: 'GET',
  path,
  pageSize: [1, 100],
  filtersIn: 'query',
  defaultSort,
  data,
});

/** Every paged endpoint the client calls. */
export const LIST_ENDPOINTS = {
  // 202309 still served. Same order object as order detail; no newer search version is known.
  orders: search('/order/202309/orders/search', [1, 100], orderSearchData),
  // 202502, TikTok's testing tool default: its product rows are a superset of 202309's (the schema
  // reads both), the filters are the same plus `sku_ids` (≤ 10), the 10,000-result cap unchanged.
  products: search('/product/202502/products/search', [1, 100], productSearchData),
  // 202309 still served; the testing tool defaults to 202602, whose shape no evidence we hold shows.
  returns: search('/return_refund/202309/returns/search', [10, 50], returnSearchData),
  // Same as returns.
  cancellations: search('/return_refund/202309/cancellations/search', [1, 50], cancellationSearchData),
  // 202309 is the current version. TikTok requires sort_field here; statement_time is its only value.
  statements: getList('/finance/202309/statements', statementsData, 'statement_time'),
  // 202309 (202605 exists, shape unknown to us). sort_field required: create_time only. Not for SEA shops.
  payments: getList('/finance/202309/payments', paymentsData, 'create_time'),
  // Analytics versions are TikTok's current ones: each list exists in one version only.
  productPerformance: getList('/analytics/202405/shop_products/performance', productPerformanceData),
  skuPerformance: getList('/analytics/202406/shop_skus/performance', skuPerformanceData),
  videoPerformance: getList('/analytics/202409/shop_videos/performance', videoPerformanceData),
  // 202508: its sort field for units is `unit_sold` (not `units_sold`).
  livePerformance: getList('/analytics/202508/shop_lives/performance', livePerformanceData),
};

/** Single-call endpoints. */
export const PATHS = {
  // 202309 is the only version; it must not carry shop_cipher.
  authorizedShops: '/authorization/202309/shops',
  // 202507, TikTok's testing tool default: the 202309 order object without the two SEA-only
  // shipping hints (the schema reads both versions).
  orderDetail: '/order/202507/orders',
  // 202309 is the current version (sale_price for every seller, unlike search).
  productDetail: '/product/202309/products/{product_id}',
  // 202309 is the current version.
  inventorySearch: '/product/202309/inventory/search',
  // 202501: the 202309 transaction endpoints are retired.
  orderStatementTransactions: '/finance/202501/orders/{order_id}/statement_transactions',
  statementTransactions: '/finance/202501/statements/{statement_id}/statement_transactions',
  // 202405 is the only version.
  shopPerformance: '/analytics/202405/shop/performance',
  // 202309 is the current version (GET, PUT and DELETE share the path).
  webhooks: '/event/202309/webhooks',
} as const;
