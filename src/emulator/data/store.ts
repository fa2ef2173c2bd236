/**
 * The emulator's in-memory data store: every upstream read the emulator serves is answered here,
 * in TikTok's own JSON shapes, with TikTok's query semantics (filters, sort orders, page tokens).
 * Request validation and enforcement (signing, limits, error codes) belong to the server layer,
 * so every method trusts its (already validated) arguments. Unknown shop or advertiser ids give
 * empty results: the server decides which ids exist (from `shops()` and `advertisers()`).
 * TikTok's semantics are summarized in docs/tiktok-api.md.
 */
import { gmvMaxReport, integratedReport, listCampaigns } from './ads-report';
import { productPerformance, shopPerformance, skuPerformance } from './analytics';
import type { ContentQuery } from './content-types';
import { loadFixtures } from './fixtures';
import { listPayments, statementTransactions } from './finance-ledger';
import { ensureFinance } from './generate-finance';
import { generateState } from './generate';
import { tick } from './live';
import { livePerformance, type LiveSortField } from './lives';
import * as q from './queries';
import { REGIONS } from './regions';
import type {
  EmuAdvertiser, FinancePayment, GmvMaxStore, InventoryResult, MarketingCampaignRaw, PartnerCancellation, PartnerOrder,
  PartnerOrderTransactions, PartnerProduct, PartnerProductSummary, PartnerReturnOrder, PartnerStatement,
  LiveSessionPerformance, ProductPerformance, ReportRowRaw, ShopPerformanceData, SkuPerformance, StatementTransactionsData,
  VideoPerformance,
} from './shapes';
import type { AdvertiserState, ShopState, StoreState } from './state';
import { videoPerformance, type VideoSortField } from './videos';
import type {
  AnalyticsRange, CancellationFilter, EmulatorChange, EmuShop, GenerateOptions, GmvMaxReportQuery,
  OffsetPage, OrderFilter, Page, PerformanceQuery, ProductFilter, RawShopData, ReportQuery, ReturnFilter,
  SortedPaging, TokenPaging,
} from './store-types';

export type * from './shapes';
export type * from './store-types';
export type { ContentQuery } from './content-types';
export { LIVE_SORT_FIELDS, type LiveSortField } from './lives';
export { VIDEO_SORT_FIELDS, type VideoSortField } from './videos';
export { InvalidPageToken } from './paging';

const emptyPage = <T>(): Page<T> => ({ items: [], next_page_token: '', total_count: 0 });
const emptyOffsetPage = <T>(page: number, pageSize: number): OffsetPage<T> =>
  ({ list: [], page_info: { page, page_size: pageSize, total_number: 0, total_page: 0 } });

/** In-memory TikTok Shop + Marketing API data with TikTok's query semantics. */
export class EmulatorStore {
  private constructor(private readonly state: StoreState) {}

  /**
   * Deterministic demo data (same options → identical data): `shops` shops in US, GB, ID, MY, JP
   * order, `days` days of orders before `now`, about `ordersPerDay` a day per shop, plus a fixed
   * set of showcase orders per shop so every status and after-sale variant is present.
   */
  static generate(opts: GenerateOptions): EmulatorStore {
    return new EmulatorStore(generateState(opts));
  }

  /**
   * Replays recorded upstream JSON (layout in `fixtures.ts`) as of `now` (Unix seconds).
   * @throws Error naming the file and the JSON path of the first invalid value
   */
  static async fromFixtures(dir: string, now: number): Promise<EmulatorStore> {
    return new EmulatorStore(await loadFixtures(dir, now));
  }

  /** The emulated current time (Unix seconds): the data reflects this moment. */
  now(): number { return this.state.now; }

  /** Authorized shops, in a stable order. */
  shops(): EmuShop[] { return this.state.shops.map((s) => ({ ...s.shop })); }

  /** The shop whose `shop_cipher` this is. */
  shopByCipher(cipher: string): EmuShop | undefined {
    const found = this.state.shops.find((s) => s.shop.cipher === cipher);
    return found && { ...found.shop };
  }

  /** `POST /order/202309/orders/search`. @throws InvalidPageToken */
  searchOrders(shopId: string, f: OrderFilter, o: SortedPaging): Page<PartnerOrder> {
    return this.withShop(shopId, (s) => q.searchOrders(s, f, o), emptyPage<PartnerOrder>);
  }

  /** `GET /order/202309/orders?ids=`: in the order asked; unknown ids are simply absent. */
  getOrders(shopId: string, ids: string[]): PartnerOrder[] {
    return this.withShop(shopId, (s) => ids.flatMap((id) => s.orders.get(id) ?? []), () => []);
  }

  /** `POST /product/202309/products/search`. @throws InvalidPageToken */
  searchProducts(shopId: string, f: ProductFilter, o: TokenPaging): Page<PartnerProductSummary> {
    return this.withShop(shopId, (s) => q.searchProducts(s, f, o), emptyPage<PartnerProductSummary>);
  }

  /** `GET /product/202309/products/{product_id}`. */
  getProduct(shopId: string, productId: string): PartnerProduct | undefined {
    return this.withShop(shopId, (s) => s.products.find((p) => p.id === productId), () => undefined);
  }

  /** `POST /product/202309/inventory/search`. */
  searchInventory(shopId: string, f: { product_ids?: string[]; sku_ids?: string[] }): InventoryResult[] {
    return this.withShop(shopId, (s) => q.searchInventory(s, f), () => []);
  }

  /** `POST /return_refund/202309/returns/search` (TikTok's default sort is ASC). @throws InvalidPageToken */
  searchReturns(shopId: string, f: ReturnFilter, o: SortedPaging): Page<PartnerReturnOrder> {
    return this.withShop(shopId, (s) => q.searchReturns(s, f, o), emptyPage<PartnerReturnOrder>);
  }

  /** `POST /return_refund/202309/cancellations/search`. @throws InvalidPageToken */
  searchCancellations(shopId: string, f: CancellationFilter, o: SortedPaging): Page<PartnerCancellation> {
    return this.withShop(shopId, (s) => q.searchCancellations(s, f, o), emptyPage<PartnerCancellation>);
  }

  /** `GET /finance/202309/statements` (DESC by `statement_time` unless ASC). @throws InvalidPageToken */
  listStatements(shopId: string, f: { statement_time_ge?: number; statement_time_lt?: number }, o: TokenPaging & { sortOrder?: 'ASC' | 'DESC' }): Page<PartnerStatement> {
    return this.withShop(shopId, (s) => q.listStatements(this.financed(s), f, o), emptyPage<PartnerStatement>);
  }

  /** `GET /finance/202501/orders/{order_id}/statement_transactions`; undefined until settled. */
  orderStatementTransactions(shopId: string, orderId: string): PartnerOrderTransactions | undefined {
    return this.withShop(shopId, (s) => this.financed(s).transactions.get(orderId), () => undefined);
  }

  /** `GET /finance/202501/statements/{statement_id}/statement_transactions`; undefined for an unknown statement. @throws InvalidPageToken */
  statementTransactions(shopId: string, statementId: string, o: TokenPaging & { sortOrder: 'ASC' | 'DESC' }): StatementTransactionsData | undefined {
    return this.withShop(shopId, (s) => statementTransactions(this.state.seed, this.financed(s), statementId, o), () => undefined);
  }

  /** `GET /finance/202309/payments` (ASC by `create_time` unless DESC). @throws InvalidPageToken */
  listPayments(shopId: string, f: { create_time_ge?: number; create_time_lt?: number }, o: TokenPaging & { sortOrder: 'ASC' | 'DESC' }): Page<FinancePayment> {
    return this.withShop(shopId, (s) => listPayments(this.state.seed, this.financed(s), this.state.now, f, o), emptyPage<FinancePayment>);
  }

  /** `GET /analytics/202405/shop/performance`; intervals stop at `latest_available_date`. */
  shopPerformance(shopId: string, range: AnalyticsRange & { granularity: 'ALL' | '1D' }): ShopPerformanceData {
    const shop = this.shop(shopId);
    return shop ? shopPerformance(shop, this.state.now, range) : { performance: { intervals: [] }, latest_available_date: '1970-01-01' };
  }

  /** `GET /analytics/202405/shop_products/performance`. @throws InvalidPageToken */
  productPerformance(shopId: string, query: PerformanceQuery): Page<ProductPerformance> & { latest_available_date: string } {
    return this.withShop(shopId, (s) => productPerformance(s, this.state.now, query), () => ({ ...emptyPage<ProductPerformance>(), latest_available_date: '1970-01-01' }));
  }

  /** `GET /analytics/202406/shop_skus/performance`. @throws InvalidPageToken */
  skuPerformance(shopId: string, query: PerformanceQuery): Page<SkuPerformance> & { latest_available_date: string } {
    return this.withShop(shopId, (s) => skuPerformance(s, this.state.now, query), () => ({ ...emptyPage<SkuPerformance>(), latest_available_date: '1970-01-01' }));
  }

  /** `GET /analytics/202409/shop_videos/performance`. @throws InvalidPageToken */
  videoPerformance(shopId: string, query: ContentQuery<VideoSortField>): Page<VideoPerformance> & { latest_available_date: string } {
    return this.withShop(shopId, (s) => videoPerformance(s, this.state.now, query), () => ({ ...emptyPage<VideoPerformance>(), latest_available_date: '1970-01-01' }));
  }

  /** `GET /analytics/202508/shop_lives/performance`. @throws InvalidPageToken */
  livePerformance(shopId: string, query: ContentQuery<LiveSortField>): Page<LiveSessionPerformance> & { latest_available_date: string } {
    return this.withShop(shopId, (s) => livePerformance(s, this.state.now, query), () => ({ ...emptyPage<LiveSessionPerformance>(), latest_available_date: '1970-01-01' }));
  }

  /** `GET /event/202309/webhooks`. */
  webhooks(shopId: string): { event_type: string; address: string }[] {
    return [...(this.shop(shopId)?.webhooks ?? new Map<string, string>())].map(([event_type, address]) => ({ event_type, address }));
  }

  /** `PUT /event/202309/webhooks`: one address per event type, replaced on update. */
  putWebhook(shopId: string, eventType: string, address: string): void { this.shop(shopId)?.webhooks.set(eventType, address); }

  /** `DELETE /event/202309/webhooks`. */
  deleteWebhook(shopId: string, eventType: string): void { this.shop(shopId)?.webhooks.delete(eventType); }

  /** `GET advertiser/info/`, plus the shops each advertiser promotes. */
  advertisers(): EmuAdvertiser[] { return this.state.advertisers.map((a) => ({ ...a.advertiser, shop_ids: [...a.advertiser.shop_ids] })); }

  /** `GET gmv_max/store/list/`: the advertiser's linked shops. */
  gmvMaxStores(advertiserId: string): GmvMaxStore[] {
    const shopIds = this.advertiser(advertiserId)?.advertiser.shop_ids ?? [];
    return this.state.shops.filter((s) => shopIds.includes(s.shop.id)).map((s) => ({
      store_id: s.shop.id, store_name: s.shop.name, store_code: s.shop.code, store_status: 'ACTIVE',
      is_gmv_max_available: REGIONS.some((r) => r.region === s.shop.region), targeting_region_codes: [s.shop.region],
    }));
  }

  /** `GET campaign/get/` (deleted campaigns only with `include_deleted`). */
  campaigns(advertiserId: string, f: { campaign_ids?: string[]; include_deleted: boolean; primary_status?: string }, o: { page: number; pageSize: number }): OffsetPage<MarketingCampaignRaw> {
    const adv = this.advertiser(advertiserId);
    return adv ? listCampaigns(adv, f, o) : emptyOffsetPage(o.page, o.pageSize);
  }

  /** `GET report/integrated/get/` (campaign × day; metric values are strings, `"-"` when empty). */
  report(advertiserId: string, query: ReportQuery): OffsetPage<ReportRowRaw> {
    const adv = this.advertiser(advertiserId);
    return adv ? integratedReport(this.state.seed, adv, this.state.shops, this.state.now, query) : emptyOffsetPage(query.page, query.pageSize);
  }

  /** `GET gmv_max/report/get/` for one store, optionally one advertiser's campaigns only. */
  gmvMaxReport(storeId: string, query: GmvMaxReportQuery): OffsetPage<ReportRowRaw> {
    const shop = this.shop(storeId);
    return shop ? gmvMaxReport(this.state.seed, this.state.advertisers, shop, this.state.now, query) : emptyOffsetPage(query.page, query.pageSize);
  }

  /**
   * Live mode: advances the data to `now` (Unix seconds) and returns the changes, oldest first,
   * as webhook `type` + `shop_id` + `data`. Deterministic; a `now` not after `now()` changes nothing.
   */
  tick(now: number): EmulatorChange[] { return tick(this.state, now); }

  /** A shop's raw arrays, for tests that recompute figures by hand. */
  raw(shopId: string): RawShopData {
    const found = this.shop(shopId);
    const s = found && this.financed(found);
    return {
      orders: [...(s?.orders.values() ?? [])], products: [...(s?.products ?? [])], returns: [...(s?.returns.values() ?? [])],
      cancellations: [...(s?.cancellations.values() ?? [])], statements: [...(s?.statements ?? [])],
    };
  }

  private financed(shop: ShopState): ShopState {
    ensureFinance(this.state.seed, shop, this.state.now);
    return shop;
  }

  private shop(shopId: string): ShopState | undefined { return this.state.shops.find((s) => s.shop.id === shopId); }

  private advertiser(advertiserId: string): AdvertiserState | undefined {
    return this.state.advertisers.find((a) => a.advertiser.advertiser_id === advertiserId);
  }

  private withShop<T>(shopId: string, fn: (shop: ShopState) => T, otherwise: () => T): T {
    const shop = this.shop(shopId);
    return shop ? fn(shop) : otherwise();
  }
}
