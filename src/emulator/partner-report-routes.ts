/**
 * Partner API v2 routes for after-sales, finance and analytics: returns and cancellations
 * (different page_size ranges than orders, ASC by default), daily statements, payments, per-order
 * and per-statement transactions (202501) and shop/product/SKU/video/LIVE performance (dates in
 * the shop's zone).
 * @see docs/tiktok-api.md (Endpoints ShopGraph reads)
 */
import { EmulatorRejection, PartnerCode, unavailableInMarket } from './codes';
import { LIVE_SORT_FIELDS, VIDEO_SORT_FIELDS, type EmulatorStore, type PerformanceQuery } from './data/store';
import { analyticsRange, bodyInt, bodyString, bodyStrings, pageSize, pageToken, queryEnum, queryInt, type JsonObject, type Query } from './params';
import type { PartnerRouter } from './partner-routes';

const SORT_FIELDS = ['create_time', 'update_time'] as const;
const SORT_ORDERS = ['ASC', 'DESC'] as const;
const PRODUCT_SORT_FIELDS = ['gmv', 'order_count', 'unit_sold_count', 'click_through_rate'] as const;
/** The SKU API names its sort fields after its own response fields. */
const SKU_SORT_FIELDS = { gmv: 'gmv', sku_orders: 'order_count', units_sold: 'unit_sold_count' } as const;

/** Registers returns, cancellations, finance and analytics routes. */
export function registerPartnerReportRoutes(router: PartnerRouter, store: EmulatorStore): void {
  router.route('POST', '/return_refund/202309/returns/search', ({ shop, query, body }) => {
    const page = store.searchReturns(
      shop.id,
      { ...afterSalesFilter(body), return_status: bodyString(body, 'return_status') },
      // TikTok: returns page_size 10–50, sorted ASC unless asked otherwise.
      afterSalesPaging(query, 10, 50),
    );
    return { return_orders: page.items, next_page_token: page.next_page_token, total_count: page.total_count };
  });

  router.route('POST', '/return_refund/202309/cancellations/search', ({ shop, query, body }) => {
    const page = store.searchCancellations(
      shop.id,
      { ...afterSalesFilter(body), cancel_status: bodyString(body, 'cancel_status') },
      afterSalesPaging(query, 1, 50),
    );
    return { cancellations: page.items, next_page_token: page.next_page_token, total_count: page.total_count };
  });

  router.route('GET', '/finance/202309/statements', ({ shop, query }) => {
    queryEnum(query, 'sort_field', ['statement_time'], 'statement_time');
    const page = store.listStatements(
      shop.id,
      { statement_time_ge: queryInt(query, 'statement_time_ge'), statement_time_lt: queryInt(query, 'statement_time_lt') },
      // No sort_order: the store applies TikTok's default for statements (ASC).
      {
        pageSize: pageSize(query, 1, 100),
        pageToken: pageToken(query),
        sortOrder: query.sort_order ? queryEnum(query, 'sort_order', SORT_ORDERS, 'DESC') : undefined,
      },
    );
    // Get Statements has no total_count (its reference and every recorded answer).
    return { statements: page.items, next_page_token: page.next_page_token };
  });

  router.route('GET', '/finance/202501/orders/:order_id/statement_transactions', ({ shop, params }) => {
    const transactions = store.orderStatementTransactions(shop.id, params.order_id ?? '');
    if (!transactions) throw new EmulatorRejection(PartnerCode.NOT_FOUND, 'Order does not exist or has no statement transactions', 404);
    return transactions;
  });

  router.route('GET', '/finance/202501/statements/:statement_id/statement_transactions', ({ shop, params, query }) => {
    queryEnum(query, 'sort_field', ['order_create_time'], 'order_create_time');
    const data = store.statementTransactions(shop.id, params.statement_id ?? '', {
      pageSize: pageSize(query, 1, 100),
      pageToken: pageToken(query),
      sortOrder: queryEnum(query, 'sort_order', SORT_ORDERS, 'ASC'),
    });
    if (!data) throw new EmulatorRejection(PartnerCode.NOT_FOUND, 'Statement does not exist', 404);
    return data;
  });

  router.route('GET', '/finance/202309/payments', ({ shop, query }) => {
    // "This API is currently unavailable to SEA markets" (Get Payments); see unavailableInMarket.
    if (!store.paymentsAvailable(shop.id)) throw unavailableInMarket('Get Payments', shop.region);
    queryEnum(query, 'sort_field', ['create_time'], 'create_time');
    const page = store.listPayments(
      shop.id,
      { create_time_ge: queryInt(query, 'create_time_ge'), create_time_lt: queryInt(query, 'create_time_lt') },
      { pageSize: pageSize(query, 1, 100), pageToken: pageToken(query), sortOrder: queryEnum(query, 'sort_order', SORT_ORDERS, 'ASC') },
    );
    // Like statements, payments come without total_count.
    return { payments: page.items, next_page_token: page.next_page_token };
  });

  router.route('GET', '/analytics/202405/shop/performance', ({ shop, query }) =>
    store.shopPerformance(shop.id, { ...analyticsRange(query), granularity: queryEnum(query, 'granularity', ['ALL', '1D'], 'ALL') }),
  );

  router.route('GET', '/analytics/202405/shop_products/performance', ({ shop, query }) => {
    const sortField = queryEnum(query, 'sort_field', PRODUCT_SORT_FIELDS, 'gmv');
    const { items, ...rest } = store.productPerformance(shop.id, performanceQuery(query, sortField));
    return { products: items, ...rest };
  });

  router.route('GET', '/analytics/202406/shop_skus/performance', ({ shop, query }) => {
    const sortField = SKU_SORT_FIELDS[queryEnum(query, 'sort_field', ['gmv', 'sku_orders', 'units_sold'], 'gmv')];
    const { items, ...rest } = store.skuPerformance(shop.id, performanceQuery(query, sortField));
    return { skus: items, ...rest };
  });

  router.route('GET', '/analytics/202409/shop_videos/performance', ({ shop, query }) => {
    const sortField = queryEnum(query, 'sort_field', VIDEO_SORT_FIELDS, 'gmv');
    const { items, ...rest } = store.videoPerformance(shop.id, { ...performanceQuery(query, 'gmv'), sortField });
    return { videos: items, ...rest };
  });

  router.route('GET', '/analytics/202508/shop_lives/performance', ({ shop, query }) => {
    const sortField = queryEnum(query, 'sort_field', LIVE_SORT_FIELDS, 'gmv');
    const { items, ...rest } = store.livePerformance(shop.id, { ...performanceQuery(query, 'gmv'), sortField });
    return { live_stream_sessions: items, ...rest };
  });
}

function afterSalesFilter(body: JsonObject) {
  return {
    order_ids: bodyStrings(body, 'order_ids', 50),
    create_time_ge: bodyInt(body, 'create_time_ge'),
    create_time_lt: bodyInt(body, 'create_time_lt'),
    update_time_ge: bodyInt(body, 'update_time_ge'),
    update_time_lt: bodyInt(body, 'update_time_lt'),
  };
}

function afterSalesPaging(query: Query, min: number, max: number) {
  return {
    pageSize: pageSize(query, min, max),
    pageToken: pageToken(query),
    sortField: queryEnum(query, 'sort_field', SORT_FIELDS, 'create_time'),
    sortOrder: queryEnum(query, 'sort_order', SORT_ORDERS, 'ASC'),
  };
}

function performanceQuery(query: Query, sortField: PerformanceQuery['sortField']): PerformanceQuery {
  return {
    ...analyticsRange(query),
    pageSize: pageSize(query, 1, 100),
    pageToken: pageToken(query),
    sortField,
    sortOrder: queryEnum(query, 'sort_order', SORT_ORDERS, 'DESC'),
  };
}
