/**
 * The emulator's in-memory data store: every upstream read the emulator serves is answered here,
 * in TikTok's own JSON shapes, with TikTok's query semantics (filters, sort orders, page tokens).
 * Request validation and enforcement (signing, limits, error codes) belong to the server layer,
 * so every method trusts its (already validated) arguments. Unknown shop or advertiser ids give
 * empty results: the server decides which ids exist (from `shops()` and `advertisers()`).
 * TikTok's semantics are summarized in docs/tiktok-api.md.
 */
import { integratedReport, listCampaigns } from './ads-report';
import { productPerformance, shopPerformance, skuPerformance } from './analytics';
import type { ContentQuery } from './content-types';
import { loadFixtures } from './fixtures';
import { listPayments, statementTransactions } from './finance-ledger';
import { ensureFinance } from './generate-finance';
import { generateState } from './generate';
import { gmvMaxReport, listGmvMaxCampaigns } from './gmv-max';
import { tick } from './live';
import { setExtraSpend } from './ad-controls';
import { cancelOrder, ControlError, placeOrder, shipOrder, type ControlResult, type PlaceOrderInput } from './order-controls';
import { receiveUnits } from './stock-controls';
import { livePerformance, type LiveSortField } from './lives';
import { findProduct, searchInventory, searchProducts, type ProductLookup } from './product-search';
import * as q from './queries';
import { REGIONS } from './regions';
import { paymentsAvailable, statementFor } from './statement-fields';
import type {
  EmuAdvertiser,
  FinancePayment,
  GmvMaxStore,
  InventoryResult,
  MarketingCampaignRaw,
  PartnerCancellation,
  PartnerOrder,
  PartnerOrderTransactions,
  PartnerProduct,
  PartnerProductSummary,
  PartnerReturnOrder,
  PartnerStatement,
  LiveSessionPerformance,
  ProductPerformance,
  ProductSearchVersion,
  ReportRowRaw,
  ShopPerformanceData,
  SkuPerformance,
  StatementTransactionsData,
  VideoPerformance,
} from './shapes';
import type { AdvertiserState, ShopState, StoreState } from './state';
import { videoPerformance, type VideoSortField } from './videos';
import type {
  AnalyticsRange,
  CancellationFilter,
  EmulatorChange,
  EmuShop,
  GenerateOptions,
  GmvMaxCampaignFilter,
  GmvMaxReportQuery,
  OffsetPage,
  OrderFilter,
  Page,
  PerformanceQuery,
  ProductFilter,
  RawShopData,
  RecordedExtras,
  ReportQuery,
  ReturnFilter,
  SortedPaging,
  StoreSettings,
  TokenPaging,
} from './store-types';

export type * from './shapes';
export type * from './store-types';
export type { ContentQuery } from './content-types';
export { LIVE_SORT_FIELDS, type LiveSortField } from './lives';
export { VIDEO_SORT_FIELDS, type VideoSortField } from './videos';
export { InvalidPageToken, ResultWindowExceeded } from './paging';
export type { ProductLookup } from './product-search';
export { ControlError, type ControlResult, type PlaceOrderInput } from './order-controls';

const emptyPage = <T>(): Page<T> => ({ items: [], next_page_token: '', total_count: 0 });
const emptyOffsetPage = <T>(page: number, pageSize: number): OffsetPage<T> => ({
  list: [],
  page_info: { page, page_size: pageSize, total_number: 0, total_page: 0 },
});

const noRecordings = (): RecordedExtras => ({ shops: new Map(), advertisers: new Map() });

/** In-memory TikTok Shop + Marketing API data with TikTok's query semantics. */
export class EmulatorStore {
  private constructor(
    private readonly state: StoreState,
    /** What fixtures recorded beyond the records: served as recorded. */
    private readonly recorded: RecordedExtras,
    private readonly settings: StoreSettings,
  ) {}

  /**
   * Deterministic demo data (same options → identical data): `shops` shops in US, GB, ID, MY, JP
   * order, `days` days of orders before `now`, about `ordersPerDay` a day per shop, plus a fixed
   * set of showcase orders per shop so every status and after-sale variant is present.
   */
  static generate(opts: GenerateOptions, settings: StoreSettings = {}): EmulatorStore {
    return new EmulatorStore(generateState(opts), noRecordings(), settings);
  }

  /**
   * Replays recorded upstream JSON as of `now` (Unix seconds): a fixture directory (layout in
   * `fixtures.ts`) or a directory of recorded TikTok answers (`recorded-scenario.ts`).
   * @throws Error naming the file and the JSON path of the first invalid value
   */
  static async fromFixtures(dir: string, now: number, settings: StoreSettings = {}): Promise<EmulatorStore> {
    const { state, recorded } = await loadFixtures(dir, now);
    return new EmulatorStore(state, recorded, settings);
  }

  /** The emulated current time (Unix seconds): the data reflects this moment. */
  now(): number {
    return this.state.now;
  }

  /** Authorized shops, in a stable order. */
  shops(): EmuShop[] {
    return this.state.shops.map((s) => ({ ...s.shop }));
  }

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
    return this.withShop(
      shopId,
      (s) => ids.flatMap((id) => s.orders.get(id) ?? []),
      () => [],
    );
  }

  /**
   * `POST /product/{version}/products/search` (202309 rows lack 202502's additions).
   * @throws InvalidPageToken
   * @throws ResultWindowExceeded past the product search cap (TikTok's 10,000 unless set lower)
   */
  searchProducts(shopId: string, f: ProductFilter, o: TokenPaging & { version?: ProductSearchVersion }): Page<PartnerProductSummary> {
    return this.withShop(
      shopId,
      (s) => searchProducts(s, this.recorded.shops.get(shopId), f, { ...o, version: o.version ?? '202502' }, this.settings.productSearchCap),
      emptyPage<PartnerProductSummary>,
    );
  }

  /** `GET /product/202309/products/{product_id}`: the product, or which kind of "does not exist". */
  findProduct(shopId: string, productId: string): ProductLookup {
    return this.withShop(
      shopId,
      (s) => findProduct(s, this.recorded.shops.get(shopId), productId),
      () => ({ missing: 'unknown' as const }),
    );
  }

  /** The product Get Product answers with, if any. */
  getProduct(shopId: string, productId: string): PartnerProduct | undefined {
    const found = this.findProduct(shopId, productId);
    return 'product' in found ? found.product : undefined;
  }

  /** `POST /product/202309/inventory/search`. */
  searchInventory(shopId: string, f: { product_ids?: string[]; sku_ids?: string[] }): InventoryResult[] {
    return this.withShop(
      shopId,
      (s) => searchInventory(s, this.recorded.shops.get(shopId), f),
      () => [],
    );
  }

  /** `POST /return_refund/202309/returns/search` (TikTok's default sort is ASC). @throws InvalidPageToken */
  searchReturns(shopId: string, f: ReturnFilter, o: SortedPaging): Page<PartnerReturnOrder> {
    return this.withShop(shopId, (s) => q.searchReturns(s, f, o), emptyPage<PartnerReturnOrder>);
  }

  /** `POST /return_refund/202309/cancellations/search`. @throws InvalidPageToken */
  searchCancellations(shopId: string, f: CancellationFilter, o: SortedPaging): Page<PartnerCancellation> {
    return this.withShop(shopId, (s) => q.searchCancellations(s, f, o), emptyPage<PartnerCancellation>);
  }

  /**
   * `GET /finance/202309/statements`, by `statement_time` ASC unless DESC is asked (Get Statements:
   * "Default: ASC"), with the amounts the shop's market and seller type get (recorded statements
   * as recorded). @throws InvalidPageToken
   */
  listStatements(
    shopId: string,
    f: { statement_time_ge?: number; statement_time_lt?: number },
    o: TokenPaging & { sortOrder?: 'ASC' | 'DESC' },
  ): Page<PartnerStatement> {
    return this.withShop(
      shopId,
      (s) => {
        const page = q.listStatements(this.financed(s), f, { ...o, sortOrder: o.sortOrder ?? 'ASC' });
        return this.recorded.shops.get(shopId)?.financeRecorded ? page : { ...page, items: page.items.map((st) => statementFor(s.shop, st)) };
      },
      emptyPage<PartnerStatement>,
    );
  }

  /** `GET /finance/202501/orders/{order_id}/statement_transactions`; undefined until settled. */
  orderStatementTransactions(shopId: string, orderId: string): PartnerOrderTransactions | undefined {
    return this.withShop(
      shopId,
      (s) => this.financed(s).transactions.get(orderId),
      () => undefined,
    );
  }

  /** `GET /finance/202501/statements/{statement_id}/statement_transactions`; undefined for an unknown statement. @throws InvalidPageToken */
  statementTransactions(shopId: string, statementId: string, o: TokenPaging & { sortOrder: 'ASC' | 'DESC' }): StatementTransactionsData | undefined {
    return this.withShop(
      shopId,
      (s) => statementTransactions(this.state.seed, this.financed(s), statementId, o),
      () => undefined,
    );
  }

  /** Whether `GET /finance/202309/payments` answers for the shop ("currently unavailable to SEA markets"). */
  paymentsAvailable(shopId: string): boolean {
    const shop = this.shop(shopId);
    return shop !== undefined && paymentsAvailable(shop.shop);
  }

  /** `GET /finance/202309/payments` (ASC by `create_time` unless DESC; recorded ones as recorded). @throws InvalidPageToken */
  listPayments(shopId: string, f: { create_time_ge?: number; create_time_lt?: number }, o: TokenPaging & { sortOrder: 'ASC' | 'DESC' }): Page<FinancePayment> {
    const recorded = this.recorded.shops.get(shopId)?.payments;
    return this.withShop(shopId, (s) => listPayments(this.state.seed, this.financed(s), this.state.now, f, o, recorded), emptyPage<FinancePayment>);
  }

  /** `GET /analytics/202405/shop/performance`; intervals stop at `latest_available_date`. */
  shopPerformance(shopId: string, range: AnalyticsRange & { granularity: 'ALL' | '1D' }): ShopPerformanceData {
    const shop = this.shop(shopId);
    return shop ? shopPerformance(shop, this.state.now, range) : { performance: { intervals: [] }, latest_available_date: '1970-01-01' };
  }

  /** `GET /analytics/202405/shop_products/performance`. @throws InvalidPageToken */
  productPerformance(shopId: string, query: PerformanceQuery): Page<ProductPerformance> & { latest_available_date: string } {
    return this.withShop(
      shopId,
      (s) => productPerformance(s, this.state.now, query),
      () => ({ ...emptyPage<ProductPerformance>(), latest_available_date: '1970-01-01' }),
    );
  }

  /** `GET /analytics/202406/shop_skus/performance`. @throws InvalidPageToken */
  skuPerformance(shopId: string, query: PerformanceQuery): Page<SkuPerformance> & { latest_available_date: string } {
    return this.withShop(
      shopId,
      (s) => skuPerformance(s, this.state.now, query),
      () => ({ ...emptyPage<SkuPerformance>(), latest_available_date: '1970-01-01' }),
    );
  }

  /** `GET /analytics/202409/shop_videos/performance`. @throws InvalidPageToken */
  videoPerformance(shopId: string, query: ContentQuery<VideoSortField>): Page<VideoPerformance> & { latest_available_date: string } {
    return this.withShop(
      shopId,
      (s) => videoPerformance(s, this.state.now, query),
      () => ({ ...emptyPage<VideoPerformance>(), latest_available_date: '1970-01-01' }),
    );
  }

  /** `GET /analytics/202508/shop_lives/performance`. @throws InvalidPageToken */
  livePerformance(shopId: string, query: ContentQuery<LiveSortField>): Page<LiveSessionPerformance> & { latest_available_date: string } {
    return this.withShop(
      shopId,
      (s) => livePerformance(s, this.state.now, query),
      () => ({ ...emptyPage<LiveSessionPerformance>(), latest_available_date: '1970-01-01' }),
    );
  }

  /** `GET /event/202309/webhooks`. */
  webhooks(shopId: string): { event_type: string; address: string }[] {
    return [...(this.shop(shopId)?.webhooks ?? new Map<string, string>())].map(([event_type, address]) => ({ event_type, address }));
  }

  /** `PUT /event/202309/webhooks`: one address per event type, replaced on update. */
  putWebhook(shopId: string, eventType: string, address: string): void {
    this.shop(shopId)?.webhooks.set(eventType, address);
  }

  /** `DELETE /event/202309/webhooks`. */
  deleteWebhook(shopId: string, eventType: string): void {
    this.shop(shopId)?.webhooks.delete(eventType);
  }

  /** `GET advertiser/info/`, plus the shops each advertiser promotes. */
  advertisers(): EmuAdvertiser[] {
    return this.state.advertisers.map((a) => ({ ...a.advertiser, shop_ids: [...a.advertiser.shop_ids] }));
  }

  /** `GET gmv_max/store/list/`: the advertiser's linked shops (recorded ones as recorded). */
  gmvMaxStores(advertiserId: string): GmvMaxStore[] {
    const recorded = this.recorded.advertisers.get(advertiserId)?.stores;
    if (recorded) return recorded;
    const shopIds = this.advertiser(advertiserId)?.advertiser.shop_ids ?? [];
    return this.state.shops
      .filter((s) => shopIds.includes(s.shop.id))
      .map((s) => ({
        store_id: s.shop.id,
        store_name: s.shop.name,
        store_code: s.shop.code,
        store_status: 'ACTIVE',
        is_gmv_max_available: REGIONS.some((r) => r.region === s.shop.region),
        targeting_region_codes: [s.shop.region],
      }));
  }

  /** `GET campaign/get/` (deleted campaigns only with `include_deleted`; never GMV Max ones). */
  campaigns(
    advertiserId: string,
    f: { campaign_ids?: string[]; include_deleted: boolean; primary_status?: string },
    o: { page: number; pageSize: number },
  ): OffsetPage<MarketingCampaignRaw> {
    const adv = this.advertiser(advertiserId);
    return adv ? listCampaigns(adv, f, o) : emptyOffsetPage(o.page, o.pageSize);
  }

  /** `GET report/integrated/get/` (campaign × day; metric values are strings, `"-"` when empty). */
  report(advertiserId: string, query: ReportQuery): OffsetPage<ReportRowRaw> {
    const adv = this.advertiser(advertiserId);
    return adv ? integratedReport(this.state.seed, adv, this.state.shops, this.state.now, query) : emptyOffsetPage(query.page, query.pageSize);
  }

  /** `GET gmv_max/campaign/get/`: the advertiser's GMV Max campaigns (deleted ones only when asked). */
  gmvMaxCampaigns(advertiserId: string, f: GmvMaxCampaignFilter, o: { page: number; pageSize: number }): OffsetPage<MarketingCampaignRaw> {
    const adv = this.advertiser(advertiserId);
    return adv ? listGmvMaxCampaigns(adv, f, o) : emptyOffsetPage(o.page, o.pageSize);
  }

  /** `GET gmv_max/report/get/` for one store and one advertiser's GMV Max campaigns there. */
  gmvMaxReport(storeId: string, advertiserId: string, query: GmvMaxReportQuery): OffsetPage<ReportRowRaw> & { total_metrics?: Record<string, string> } {
    const shop = this.shop(storeId);
    const adv = this.advertiser(advertiserId);
    return shop && adv
      ? gmvMaxReport(this.state.seed, adv, this.recorded.advertisers.get(advertiserId), shop, this.state.now, query)
      : emptyOffsetPage(query.page, query.pageSize);
  }

  /**
   * Live mode: advances the data to `now` (Unix seconds) and returns the changes, oldest first,
   * as webhook `type` + `shop_id` + `data`. Deterministic; a `now` not after `now()` changes nothing.
   */
  tick(now: number): EmulatorChange[] {
    return tick(this.state, now);
  }

  /** Control plane: a paid order placed now (`order-controls.ts`). @throws ControlError */
  placeOrder(shopId: string, input: PlaceOrderInput): ControlResult {
    return placeOrder(this.state, this.controlled(shopId), input);
  }

  /** Control plane: the seller ships an order now. @throws ControlError */
  shipOrder(shopId: string, orderId: string): ControlResult {
    return shipOrder(this.state, this.controlled(shopId), orderId);
  }

  /** Control plane: the seller cancels an order now. @throws ControlError */
  cancelOrder(shopId: string, orderId: string): ControlResult {
    return cancelOrder(this.state, this.controlled(shopId), orderId);
  }

  /** Control plane: units received into a SKU's warehouse. @throws ControlError */
  receiveStock(shopId: string, skuId: string, units: number, warehouseId?: string): { warehouse_id: string } {
    return receiveUnits(this.controlled(shopId), skuId, units, warehouseId);
  }

  /** Control plane: a campaign-day's extra spend (`ad-controls.ts`). @throws ControlError */
  setExtraSpend(advertiserId: string, campaignId: string, date: string, amount: string): void {
    setExtraSpend(this.state, advertiserId, campaignId, date, amount);
  }

  /** A shop's raw arrays, for tests that recompute figures by hand. */
  raw(shopId: string): RawShopData {
    const found = this.shop(shopId);
    const s = found && this.financed(found);
    return {
      orders: [...(s?.orders.values() ?? [])],
      products: [...(s?.products ?? [])],
      returns: [...(s?.returns.values() ?? [])],
      cancellations: [...(s?.cancellations.values() ?? [])],
      statements: [...(s?.statements ?? [])],
    };
  }

  /** The shop with its finance current (recorded finance is kept as recorded). */
  private financed(shop: ShopState): ShopState {
    if (!this.recorded.shops.get(shop.shop.id)?.financeRecorded) ensureFinance(this.state.seed, shop, this.state.now);
    return shop;
  }

  private controlled(shopId: string): ShopState {
    const shop = this.shop(shopId);
    if (!shop) throw new ControlError(`no shop ${shopId}`, 404);
    return shop;
  }

  private shop(shopId: string): ShopState | undefined {
    return this.state.shops.find((s) => s.shop.id === shopId);
  }

  private advertiser(advertiserId: string): AdvertiserState | undefined {
    return this.state.advertisers.find((a) => a.advertiser.advertiser_id === advertiserId);
  }

  private withShop<T>(shopId: string, fn: (shop: ShopState) => T, otherwise: () => T): T {
    const shop = this.shop(shopId);
    return shop ? fn(shop) : otherwise();
  }
}
