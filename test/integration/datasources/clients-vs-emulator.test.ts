import { MarketingClient } from '../../../src/datasources/marketing/marketing-client';
import { PartnerClient } from '../../../src/datasources/partner/partner-client';
import { TokenManager } from '../../../src/datasources/partner/token-manager';
import { Decimal } from 'decimal.js';
import type { OffsetPage, ReportRowRaw } from '../../../src/emulator/data/store';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';

/** Σ of decimal strings (TikTok's "-" for an empty metric counts 0), as a fixed-point string. */
const sumCents = (values: readonly (string | null | undefined)[]): string =>
  values.reduce((acc, v) => (v && v !== '-' ? acc.plus(v) : acc), new Decimal(0)).toFixed(2);

/** Every row of an offset-paged emulator report. */
function reportRows(page: (n: number) => OffsetPage<ReportRowRaw>): ReportRowRaw[] {
  const rows: ReportRowRaw[] = [];
  for (let n = 1; ; n++) {
    const { list, page_info } = page(n);
    rows.push(...list);
    if (n >= page_info.total_page) return rows;
  }
}
const reportQuery = (from: string, to: string, page: number) => ({
  start_date: from,
  end_date: to,
  include_deleted: true,
  metrics: ['spend'],
  page,
  pageSize: 1000,
});
const gmvMaxQuery = (from: string, to: string, page: number) => ({ start_date: from, end_date: to, metrics: ['cost'], page, pageSize: 1000 });

/**
 * Every client method against the emulator: what passes here speaks TikTok's protocol (signing,
 * tokens, paging, envelopes) the way the emulator enforces it.
 */
describe('Partner and Marketing clients against the emulator', () => {
  let emulator: EmulatorHandle;
  let tokens: TokenManager;
  let partner: PartnerClient;
  let ads: MarketingClient;
  let clock = Date.now();
  const now = () => clock;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'clients', shops: 2, days: 20, ordersPerDay: 12, now, tokenTtlSeconds: 3600 });
    const t = emulator.tokens;
    tokens = new TokenManager({ appKey: t.appKey, appSecret: t.appSecret, authBaseUrl: emulator.url, now });
    await tokens.exchangeAuthCode(t.authCode);
    partner = new PartnerClient({ baseUrl: emulator.url, appKey: t.appKey, appSecret: t.appSecret, tokens, now });
    ads = new MarketingClient({ baseUrl: emulator.url, accessToken: t.adsToken, appId: t.appKey, appSecret: t.appSecret });
  });
  afterAll(() => emulator.close());

  async function firstShop() {
    const [shop] = await partner.getAuthorizedShops();
    return shop!;
  }

  it('lists the authorized shops with their ciphers', async () => {
    const shops = await partner.getAuthorizedShops();
    expect(shops.map((s) => s.id).sort()).toEqual(
      emulator.store
        .shops()
        .map((s) => s.id)
        .sort(),
    );
  });

  it('walks every order page to the end, and order detail agrees with search', async () => {
    const shop = await firstShop();
    const seen: string[] = [];
    for await (const page of partner.paginateOrders(shop, { pageSize: 100, sortField: 'create_time', sortOrder: 'ASC' })) {
      seen.push(...page.orders.map((o) => o.id));
    }
    const truth = emulator.store.raw(shop.id).orders;
    expect(new Set(seen).size).toBe(truth.length);
    const ids = truth.slice(0, 50).map((o) => o.id);
    const { orders: detail, rejected } = await partner.getOrders(shop, ids);
    expect(rejected).toEqual([]);
    expect(detail.map((o) => o.id).sort()).toEqual([...ids].sort());
    // Field by field against the emulator's raw orders (not the client's own schema run twice):
    // what ShopGraph reads of an order arrives as TikTok sent it.
    const view = (o: {
      id: string;
      status?: string;
      create_time: number;
      paid_time?: number;
      payment: { total_amount?: string; currency?: string };
      line_items: { id?: string; sku_id?: string; sale_price?: string; platform_discount?: string }[];
    }) => ({
      id: o.id,
      status: o.status,
      create_time: o.create_time,
      paid_time: o.paid_time,
      total: o.payment.total_amount,
      currency: o.payment.currency,
      lines: o.line_items.map((l) => [l.id, l.sku_id, l.sale_price, l.platform_discount]),
    });
    for (const id of ids) expect(view(detail.find((o) => o.id === id)!)).toEqual(view(truth.find((o) => o.id === id)!));
  });

  it('filters orders by status and update time in the body', async () => {
    const shop = await firstShop();
    const page = await partner.searchOrders(shop, { pageSize: 100, filters: { order_status: 'COMPLETED' } });
    expect(page.orders.every((o) => o.status === 'COMPLETED')).toBe(true);
    const truth = emulator.store.raw(shop.id).orders.filter((o) => o.status === 'COMPLETED');
    expect(page.total_count).toBe(truth.length);
  });

  it('searches and reads products, and inventory', async () => {
    const shop = await firstShop();
    const products = await partner.searchProducts(shop, { pageSize: 100 });
    // An unfiltered search lists every status but DELETED (as the recorded answers show).
    expect(products.products.length).toBe(emulator.store.raw(shop.id).products.filter((p) => p.status !== 'DELETED').length);
    const product = await partner.getProduct(shop, products.products[0]!.id);
    expect(product.skus.length).toBeGreaterThan(0);
    const inventory = await partner.searchInventory(shop, { product_ids: [product.id] });
    expect(inventory[0]!.product_id).toBe(product.id);
  });

  it('pages through returns and cancellations', async () => {
    const shop = await firstShop();
    const returns: string[] = [];
    for await (const page of partner.paginateReturns(shop, { pageSize: 50 })) returns.push(...page.return_orders.map((r) => r.return_id));
    expect(returns.length).toBe(emulator.store.raw(shop.id).returns.length);
    const cancellations: string[] = [];
    for await (const page of partner.paginateCancellations(shop, { pageSize: 50 })) cancellations.push(...page.cancellations.map((c) => c.cancel_id));
    expect(cancellations.length).toBe(emulator.store.raw(shop.id).cancellations.length);
  });

  it("reads finance statements and an order's statement transactions", async () => {
    const shop = await firstShop();
    const statements = await partner.getStatements(shop, { pageSize: 100 });
    expect(statements.statements.length).toBeGreaterThan(0);
    expect(statements.statements.map((s) => s.id).sort()).toEqual(
      emulator.store
        .raw(shop.id)
        .statements.map((s) => s.id)
        .sort(),
    );
    const settled = emulator.store.raw(shop.id).orders.find((o) => emulator.store.orderStatementTransactions(shop.id, o.id));
    if (!settled) throw new Error('the dataset has no settled order');
    const truth = emulator.store.orderStatementTransactions(shop.id, settled.id)!;
    const tx = await partner.getOrderStatementTransactions(shop, settled.id);
    expect({
      order: tx.order_id,
      currency: tx.currency,
      revenue: tx.revenue_amount,
      fees: tx.fee_and_tax_amount,
      shipping: tx.shipping_cost_amount,
      settlement: tx.settlement_amount,
      skus: tx.sku_transactions.length,
    }).toEqual({
      order: settled.id,
      currency: truth.currency,
      revenue: truth.revenue_amount,
      fees: truth.fee_and_tax_amount,
      shipping: truth.shipping_cost_amount,
      settlement: truth.settlement_amount,
      skus: truth.sku_transactions.length,
    });
  });

  it('reads shop, product and SKU performance analytics', async () => {
    const shop = await firstShop();
    const today = new Date(clock).toISOString().slice(0, 10);
    const from = new Date(clock - 14 * 86_400_000).toISOString().slice(0, 10);
    const range = { start_date_ge: from, end_date_lt: today };
    const perf = await partner.getShopPerformance(shop, { ...range, granularity: '1D' });
    const perfTruth = emulator.store.shopPerformance(shop.id, { ...range, granularity: '1D' });
    expect(perf.performance.intervals.map((i) => [i.start_date, i.orders, i.gmv.amount])).toEqual(
      perfTruth.performance.intervals.map((i) => [i.start_date, i.orders, i.gmv.amount]),
    );
    expect(perf.latest_available_date).toBe(perfTruth.latest_available_date);
    // One page holds every row here; compared as sets (the order is the sort's, not under test).
    const all = { ...range, pageSize: 100, sortField: 'gmv', sortOrder: 'DESC' } as const;
    const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    const products = await partner.getProductPerformance(shop, { filters: range, pageSize: 100 });
    const productTruth = emulator.store.productPerformance(shop.id, all);
    expect(productTruth.next_page_token).toBe('');
    expect(products.rejected).toEqual([]);
    expect(byId(products.products).map((p) => [p.id, p.orders, p.units_sold, p.gmv.amount])).toEqual(
      byId(productTruth.items).map((p) => [p.id, p.orders, p.units_sold, p.gmv.amount]),
    );
    const skus = await partner.getSkuPerformance(shop, { filters: range, pageSize: 100 });
    const skuTruth = emulator.store.skuPerformance(shop.id, all);
    expect(skuTruth.next_page_token).toBe('');
    expect(skus.rejected).toEqual([]);
    expect(byId(skus.skus).map((k) => [k.id, k.product_id, k.sku_orders, k.units_sold, k.gmv.amount])).toEqual(
      byId(skuTruth.items).map((k) => [k.id, k.product_id, k.sku_orders, k.units_sold, k.gmv.amount]),
    );
  });

  it('subscribes, lists and removes webhooks', async () => {
    const shop = await firstShop();
    await partner.putWebhook(shop, { event_type: 'ORDER_STATUS_CHANGE', address: 'https://example.test/hook' });
    expect((await partner.getWebhooks(shop)).map((w) => w.event_type)).toContain('ORDER_STATUS_CHANGE');
    await partner.deleteWebhook(shop, 'ORDER_STATUS_CHANGE');
    expect((await partner.getWebhooks(shop)).map((w) => w.event_type)).not.toContain('ORDER_STATUS_CHANGE');
  });

  it('refreshes exactly once for 10 concurrent calls across a token expiry', async () => {
    const shop = await firstShop();
    await fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
    clock += 2 * 3600 * 1000;
    await Promise.all(Array.from({ length: 10 }, () => partner.searchOrders(shop, { pageSize: 1 })));
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> };
    expect(stats.calls['GET /api/v2/token/refresh']).toBe(1);
    expect(stats.calls['POST /order/202309/orders/search']).toBe(10);
  });

  it('discovers advertisers, their shops, campaigns and daily reports on the Marketing API', async () => {
    const advertisers = await ads.getAuthorizedAdvertisers();
    expect(advertisers.length).toBe(emulator.store.advertisers().length);
    const info = await ads.getAdvertiserInfo(advertisers.map((a) => a.advertiserId));
    expect(info.every((a) => /^[A-Z]{3}$/.test(a.currency))).toBe(true);
    const first = emulator.store.advertisers()[0]!;
    const stores = await ads.getGmvMaxStores(first.advertiser_id);
    expect(stores.map((s) => s.storeId).sort()).toEqual([...first.shop_ids].sort());
    const all = await ads.getCampaigns(first.advertiser_id, { includeDeleted: true });
    const visible = await ads.getCampaigns(first.advertiser_id);
    const campaignTruth = emulator.store.campaigns(first.advertiser_id, { include_deleted: true }, { page: 1, pageSize: 1000 }).list;
    expect(all.campaigns.map((c) => c.campaignId).sort()).toEqual(campaignTruth.map((c) => c.campaign_id).sort());
    const visibleTruth = emulator.store.campaigns(first.advertiser_id, { include_deleted: false }, { page: 1, pageSize: 1000 }).list;
    expect(visible.campaigns.map((c) => c.campaignId).sort()).toEqual(visibleTruth.map((c) => c.campaign_id).sort());
    const to = new Date(clock).toISOString().slice(0, 10);
    const from = new Date(clock - 45 * 86_400_000).toISOString().slice(0, 10);
    const rows = await ads.getDailyReport(first.advertiser_id, { from, to });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.date >= from && r.date <= to)).toBe(true);
    // Spend summed by hand from the emulator's report rows over the same days.
    const spendTruth = sumCents(reportRows((page) => emulator.store.report(first.advertiser_id, reportQuery(from, to, page))).map((r) => r.metrics.spend));
    expect(sumCents(rows.map((r) => r.spend))).toBe(spendTruth);
    const gmvMax = await ads.getGmvMaxReport(first.shop_ids[0]!, first.advertiser_id, { from, to });
    const gmvMaxTruth = reportRows((page) => emulator.store.gmvMaxReport(first.shop_ids[0]!, first.advertiser_id, gmvMaxQuery(from, to, page)));
    expect(gmvMax).toHaveLength(gmvMaxTruth.length);
    expect(sumCents(gmvMax.map((r) => r.cost))).toBe(sumCents(gmvMaxTruth.map((r) => r.metrics.cost)));
  });
});
