/**
 * The Partner API list endpoints as data: method, versioned path, TikTok's page-size range, where
 * filters go, and the schema of `data`. Versions are pinned here and nowhere else.
 * @see ../../../../shared/spec/upstream-partner-api.md (Endpoints ShopGraph reads)
 */
import type { z } from 'zod';
import {
  livePerformanceData,
  productPerformanceData,
  skuPerformanceData,
  videoPerformanceData,
} from './analytics-schemas';
import { paymentsData, statementsData } from './finance-schemas';
import { cancellationSearchData, orderSearchData, returnSearchData } from './order-schemas';
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

const getList = <S extends z.ZodType>(
  path: string,
  data: S,
  defaultSort?: string,
): ListEndpoint<S> => ({ method: 'GET', path, pageSize: [1, 100], filtersIn: 'query', defaultSort, data });

/** Every paged endpoint the client calls. */
export const LIST_ENDPOINTS = {
  orders: search('/order/202309/orders/search', [1, 100], orderSearchData),
  products: search('/product/202309/products/search', [1, 100], productSearchData),
  returns: search('/return_refund/202309/returns/search', [10, 50], returnSearchData),
  cancellations: search('/return_refund/202309/cancellations/search', [1, 50], cancellationSearchData),
  // TikTok requires sort_field on statements; statement_time is its only value.
  statements: getList('/finance/202309/statements', statementsData, 'statement_time'),
  // Likewise sort_field on payments: create_time only.
  payments: getList('/finance/202309/payments', paymentsData, 'create_time'),
  productPerformance: getList('/analytics/202405/shop_products/performance', productPerformanceData),
  skuPerformance: getList('/analytics/202406/shop_skus/performance', skuPerformanceData),
  videoPerformance: getList('/analytics/202409/shop_videos/performance', videoPerformanceData),
  livePerformance: getList('/analytics/202508/shop_lives/performance', livePerformanceData),
};

/** Single-call endpoints. */
export const PATHS = {
  authorizedShops: '/authorization/202309/shops',
  orderDetail: '/order/202309/orders',
  productDetail: '/product/202309/products/{product_id}',
  inventorySearch: '/product/202309/inventory/search',
  orderStatementTransactions: '/finance/202501/orders/{order_id}/statement_transactions',
  statementTransactions: '/finance/202501/statements/{statement_id}/statement_transactions',
  shopPerformance: '/analytics/202405/shop/performance',
  webhooks: '/event/202309/webhooks',
} as const;
