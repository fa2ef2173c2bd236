import { MarketingClient } from '../../../src/datasources/marketing/marketing-client';
import { PartnerClient } from '../../../src/datasources/partner/partner-client';
import { partnerOrder } from '../../../src/datasources/partner/schemas';
import { TokenManager } from '../../../src/datasources/partner/token-manager';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';

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
    expect(shops.map((s) => s.id).sort()).toEqual(emulator.store.shops().map((s) => s.id).sort());
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
    // The client keeps what the schema describes; the emulator's raw object is that plus extras.
    expect(detail.find((o) => o.id === ids[0])).toEqual(partnerOrder.parse(truth.find((o) => o.id === ids[0])));
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

  it('reads finance statements and an order\'s statement transactions', async () => {
    const shop = await firstShop();
    const statements = await partner.getStatements(shop, { pageSize: 100 });
    expect(statements.statements.length).toBeGreaterThan(0);
    const settled = emulator.store.raw(shop.id).orders.find((o) => o.status === 'COMPLETED');
    const tx = await partner.getOrderStatementTransactions(shop, settled!.id);
    expect(tx).toBeDefined();
  });

  it('reads shop, product and SKU performance analytics', async () => {
    const shop = await firstShop();
    const today = new Date(clock).toISOString().slice(0, 10);
    const from = new Date(clock - 14 * 86_400_000).toISOString().slice(0, 10);
    const perf = await partner.getShopPerformance(shop, { start_date_ge: from, end_date_lt: today, granularity: '1D' });
    expect(perf.performance.intervals.length).toBeGreaterThan(0);
    const products = await partner.getProductPerformance(shop, { filters: { start_date_ge: from, end_date_lt: today }, pageSize: 10 });
    expect(products).toBeDefined();
    const skus = await partner.getSkuPerformance(shop, { filters: { start_date_ge: from, end_date_lt: today }, pageSize: 10 });
    expect(skus).toBeDefined();
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
    expect(all.campaigns.length).toBeGreaterThanOrEqual(visible.campaigns.length);
    const to = new Date(clock).toISOString().slice(0, 10);
    const from = new Date(clock - 45 * 86_400_000).toISOString().slice(0, 10);
    const rows = await ads.getDailyReport(first.advertiser_id, { from, to });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.date >= from && r.date <= to)).toBe(true);
    const gmvMax = await ads.getGmvMaxReport(first.shop_ids[0]!, first.advertiser_id, { from, to });
    expect(Array.isArray(gmvMax)).toBe(true);
  });
});
