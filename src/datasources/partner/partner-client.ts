/**
 * Typed TikTok Shop Partner API v2 endpoints. Every method returns the endpoint's `data` in
 * TikTok's own shape, validated by its zod schema; signing, tokens, retries and logging live in
 * {@link PartnerTransport}. Search methods have `paginate…` twins that walk every page. List
 * answers carry `rejected`: rows TikTok sent that lack what ShopGraph needs (see order-schemas.ts).
 * @see docs/tiktok-api.md (Endpoints ShopGraph reads)
 */
import type { z } from 'zod';
import { authorizedShopsData, webhooksData, type PartnerShop, type PartnerWebhook } from './account-schemas';
import * as analytics from './analytics-schemas';
import {
  orderStatementTransactionsData,
  statementTransactionsData,
  type OrderStatementTransactions,
  type PaymentsData,
  type StatementsData,
  type StatementTransactionsData,
} from './finance-schemas';
import type { CancellationSearchData, ReturnSearchData } from './after-sale-schemas';
import { orderDetailData, type OrderDetailData, type OrderSearchData } from './order-schemas';
import { LIST_ENDPOINTS as LISTS, PATHS, type ListEndpoint } from './partner-endpoints';
import * as req from './partner-requests';
import { PartnerTransport, type PartnerClientOptions, type PartnerShopRef as Shop } from './partner-transport';
import { productSearchPage } from './product-walk';
import { inventorySearchData, partnerProduct, type PartnerInventory, type PartnerProduct, type ProductSearchData } from './product-schemas';
import { emptyData } from './schema-primitives';

type Pages<T> = AsyncGenerator<T, void, undefined>;

/** Inventory Search's limits per call (its reference page). */
export const MAX_INVENTORY_PRODUCTS = 100;
export const MAX_INVENTORY_SKUS = 600;

/** The TikTok Shop Partner API v2, one method per endpoint ShopGraph reads. */
export class PartnerClient {
  private readonly transport: PartnerTransport;
  private readonly now: (() => number) | undefined;

  constructor(options: PartnerClientOptions) {
    this.transport = new PartnerTransport(options);
    this.now = options.now;
  }

  /** The shops this authorization covers, with the `cipher` shop-scoped calls need. */
  async getAuthorizedShops(): Promise<PartnerShop[]> {
    return (await this.transport.call({ method: 'GET', path: PATHS.authorizedShops, data: authorizedShopsData })).shops;
  }

  /** One page of full order objects. */
  searchOrders(shop: Shop, request: req.OrderSearch): Promise<OrderSearchData> {
    return this.list(shop, LISTS.orders, request);
  }

  /** Every page of the search above, first to last. */
  paginateOrders(shop: Shop, request: req.AllPages<req.OrderSearch>): Pages<OrderSearchData> {
    return req.walkPages(LISTS.orders.path, (pageToken) => this.searchOrders(shop, { ...request, pageToken }));
  }

  /**
   * Orders by ID: 1–50 per call (TikTok's limit, checked before sending). Ids TikTok does not know
   * are absent from `orders`, or fail the whole call as not_found (21008111).
   */
  async getOrders(shop: Shop, ids: readonly string[]): Promise<OrderDetailData> {
    req.checkIds(ids, 50, 'getOrders');
    const query = { ids: ids.join(',') };
    return this.transport.call({ method: 'GET', path: PATHS.orderDetail, query, shop, data: orderDetailData });
  }

  /** One page of product summaries: one call, TikTok's own page token (see {@link walkProducts}). */
  async searchProducts(shop: Shop, request: req.ProductSearch): Promise<ProductSearchData> {
    req.checkSellerSkus(request.filters, LISTS.products.path);
    return this.list(shop, LISTS.products, request);
  }

  /**
   * One page of a product search that lists catalogues past TikTok's 10,000-result cap by
   * splitting them into `update_time` ranges. `pageToken` is `''` first, then the previous page's
   * `next_page_token` (this walk's own tokens, not TikTok's).
   */
  walkProducts(shop: Shop, request: Omit<req.ProductSearch, 'pageToken'>, pageToken: string): Promise<ProductSearchData> {
    const now = () => Math.floor((this.now ?? Date.now)() / 1000);
    return productSearchPage((filters, token) => this.searchProducts(shop, { ...request, filters, pageToken: token }), request.filters ?? {}, pageToken, now);
  }

  /**
   * Every page of the walk above, first to last. More than 10 `seller_skus` are searched 10 at a
   * time, one walk after the other.
   */
  async *paginateProducts(shop: Shop, request: req.AllPages<req.ProductSearch>): Pages<ProductSearchData> {
    const skus = request.filters?.seller_skus;
    const groups =
      skus && skus.length > req.MAX_SELLER_SKUS
        ? Array.from({ length: Math.ceil(skus.length / req.MAX_SELLER_SKUS) }, (_, i) => skus.slice(i * req.MAX_SELLER_SKUS, (i + 1) * req.MAX_SELLER_SKUS))
        : [skus];
    for (const group of groups) {
      const filters = group === undefined ? request.filters : { ...request.filters, seller_skus: group };
      yield* req.walkPages(LISTS.products.path, (pageToken) => this.walkProducts(shop, { ...request, filters }, pageToken ?? ''));
    }
  }

  /** One product in full detail. */
  getProduct(shop: Shop, productId: string): Promise<PartnerProduct> {
    const pathParams = { product_id: productId };
    return this.transport.call({ method: 'GET', path: PATHS.productDetail, pathParams, shop, data: partnerProduct });
  }

  /**
   * Per-SKU stock of up to 100 products or up to 600 SKUs (TikTok's limits, checked before
   * sending; Inventory Search answers 12019120 / 12019015 past them). Products TikTok does not
   * answer for are absent; rows it sent unreadable are left out, logged and counted (and a
   * product's unreadable SKUs are in its `rejected`).
   */
  async searchInventory(shop: Shop, query: req.InventoryQuery): Promise<PartnerInventory[]> {
    if (query.product_ids) req.checkIds(query.product_ids, MAX_INVENTORY_PRODUCTS, 'searchInventory product_ids');
    else req.checkIds(query.sku_ids, MAX_INVENTORY_SKUS, 'searchInventory sku_ids');
    // One kind of id per call: TikTok's page says a search is by one or the other.
    const body = query.product_ids ? { product_ids: query.product_ids } : { sku_ids: query.sku_ids };
    const call = { method: 'POST', path: PATHS.inventorySearch, body, shop, data: inventorySearchData } as const;
    return (await this.transport.call(call)).inventory;
  }

  /** One page of return orders (page size 10–50; TikTok sorts ASC by default here). */
  searchReturns(shop: Shop, request: req.ReturnSearch): Promise<ReturnSearchData> {
    return this.list(shop, LISTS.returns, request);
  }

  /** Every page of the search above, first to last. */
  paginateReturns(shop: Shop, request: req.AllPages<req.ReturnSearch>): Pages<ReturnSearchData> {
    return req.walkPages(LISTS.returns.path, (pageToken) => this.searchReturns(shop, { ...request, pageToken }));
  }

  /** One page of cancellations. */
  searchCancellations(shop: Shop, request: req.CancellationSearch): Promise<CancellationSearchData> {
    return this.list(shop, LISTS.cancellations, request);
  }

  /** Every page of the search above, first to last. */
  paginateCancellations(shop: Shop, request: req.AllPages<req.CancellationSearch>): Pages<CancellationSearchData> {
    const path = LISTS.cancellations.path;
    return req.walkPages(path, (pageToken) => this.searchCancellations(shop, { ...request, pageToken }));
  }

  /** One page of daily statements. */
  getStatements(shop: Shop, request: req.StatementList): Promise<StatementsData> {
    return this.list(shop, LISTS.statements, request);
  }

  /** Every page of the search above, first to last. */
  paginateStatements(shop: Shop, request: req.AllPages<req.StatementList>): Pages<StatementsData> {
    return req.walkPages(LISTS.statements.path, (pageToken) => this.getStatements(shop, { ...request, pageToken }));
  }

  /** One page of payments to the seller's bank account. */
  getPayments(shop: Shop, request: req.PaymentList): Promise<PaymentsData> {
    return this.list(shop, LISTS.payments, request);
  }

  /** Every page of the list above, first to last. */
  paginatePayments(shop: Shop, request: req.AllPages<req.PaymentList>): Pages<PaymentsData> {
    return req.walkPages(LISTS.payments.path, (pageToken) => this.getPayments(shop, { ...request, pageToken }));
  }

  /** One page of a statement's transactions (orders, adjustments, reserves; version 202501). */
  getStatementTransactions(shop: Shop, statementId: string, request: req.StatementTransactionList): Promise<StatementTransactionsData> {
    const path = PATHS.statementTransactions;
    req.checkPageSize(request.pageSize, 1, 100, path);
    const query = {
      page_size: request.pageSize,
      page_token: request.pageToken,
      sort_field: request.sortField ?? 'order_create_time',
      sort_order: request.sortOrder,
    };
    const pathParams = { statement_id: statementId };
    return this.transport.call({ method: 'GET', path, pathParams, query, shop, data: statementTransactionsData });
  }

  /** Revenue, fees and settlement of one order, in total and per SKU (version 202501). */
  getOrderStatementTransactions(shop: Shop, orderId: string): Promise<OrderStatementTransactions> {
    const pathParams = { order_id: orderId };
    const data = orderStatementTransactionsData;
    return this.transport.call({ method: 'GET', path: PATHS.orderStatementTransactions, pathParams, shop, data });
  }

  /** TikTok's own shop figures over a date range, for reconciliation. */
  getShopPerformance(shop: Shop, query: req.ShopPerformanceQuery): Promise<analytics.ShopPerformance> {
    const data = analytics.shopPerformanceData;
    return this.transport.call({ method: 'GET', path: PATHS.shopPerformance, query: { ...query }, shop, data });
  }

  /** One page of per-product performance. */
  getProductPerformance(shop: Shop, request: req.AnalyticsList<req.ProductPerformanceSort>): Promise<analytics.ProductPerformanceData> {
    return this.list(shop, LISTS.productPerformance, request);
  }

  /** Every page of the search above, first to last. */
  paginateProductPerformance(shop: Shop, request: req.AllPages<req.AnalyticsList<req.ProductPerformanceSort>>): Pages<analytics.ProductPerformanceData> {
    const path = LISTS.productPerformance.path;
    return req.walkPages(path, (pageToken) => this.getProductPerformance(shop, { ...request, pageToken }));
  }

  /** One page of per-SKU performance. */
  getSkuPerformance(shop: Shop, request: req.AnalyticsList<req.SkuPerformanceSort>): Promise<analytics.SkuPerformanceData> {
    return this.list(shop, LISTS.skuPerformance, request);
  }

  /** Every page of the search above, first to last. */
  paginateSkuPerformance(shop: Shop, request: req.AllPages<req.AnalyticsList<req.SkuPerformanceSort>>): Pages<analytics.SkuPerformanceData> {
    const path = LISTS.skuPerformance.path;
    return req.walkPages(path, (pageToken) => this.getSkuPerformance(shop, { ...request, pageToken }));
  }

  /** One page of per-video performance. */
  getVideoPerformance(shop: Shop, request: req.AnalyticsList<req.VideoPerformanceSort>): Promise<analytics.VideoPerformanceData> {
    return this.list(shop, LISTS.videoPerformance, request);
  }

  /** One page of per-LIVE-session performance. */
  getLivePerformance(shop: Shop, request: req.AnalyticsList<req.LivePerformanceSort>): Promise<analytics.LivePerformanceData> {
    return this.list(shop, LISTS.livePerformance, request);
  }

  /** The shop's webhook subscriptions. */
  async getWebhooks(shop: Shop): Promise<PartnerWebhook[]> {
    return (await this.transport.call({ method: 'GET', path: PATHS.webhooks, shop, data: webhooksData })).webhooks;
  }

  /** Subscribes `address` to `event_type`, replacing the previous address. */
  async putWebhook(shop: Shop, subscription: req.WebhookSubscription): Promise<void> {
    const body = { ...subscription };
    await this.transport.call({ method: 'PUT', path: PATHS.webhooks, body, shop, data: emptyData });
  }

  /** Removes the subscription of `eventType`. */
  async deleteWebhook(shop: Shop, eventType: string): Promise<void> {
    const body = { event_type: eventType };
    await this.transport.call({ method: 'DELETE', path: PATHS.webhooks, body, shop, data: emptyData });
  }

  /** Paging and sort go in the query; filters in the body or the query, as the endpoint takes them. */
  private async list<S extends z.ZodType>(
    shop: Shop,
    endpoint: ListEndpoint<S>,
    request: req.PageRequest<string> & { filters?: object },
  ): Promise<z.output<S>> {
    const { method, path, data } = endpoint;
    req.checkPageSize(request.pageSize, endpoint.pageSize[0], endpoint.pageSize[1], path);
    const paging = {
      page_size: request.pageSize,
      page_token: request.pageToken,
      sort_field: request.sortField ?? endpoint.defaultSort,
      sort_order: request.sortOrder,
    };
    const filters = { ...request.filters } as Record<string, string | number | undefined>;
    if (endpoint.filtersIn === 'body') {
      return this.transport.call({ method, path, query: paging, body: filters, shop, data });
    }
    return this.transport.call({ method, path, query: { ...paging, ...filters }, shop, data });
  }
}

export type { PartnerClientOptions, PartnerShopRef } from './partner-transport';
