import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { EmulatorStore } from '../../../../src/emulator/data/store';

const RECORDED = join(__dirname, '../../../contract/recorded');
/** 2026-11-18T09:20:00Z, just after the recordings. */
const NOW = 1795512000;
const US_SHOP = '7494726673780148801';
const VN_SHOP = '7494726673780148803';
const US_ADS = '7302238017842757601';
const VN_ADS = '7302238017842757602';

/** The `data` of a recorded answer, read as plain JSON (the recordings keep ids as strings). */
function recorded<T>(file: string): T {
  return (JSON.parse(readFileSync(join(RECORDED, file), 'utf8')) as { data: T }).data;
}

const total = (values: readonly (string | undefined)[]): string => values.reduce((acc, v) => acc.plus(v ?? 0), new Decimal(0)).toFixed(2);

describe('replaying recorded TikTok answers (test/contract/recorded)', () => {
  it('one scenario: its shop, and only the advertiser linked to it as a GMV Max store', async () => {
    const store = await EmulatorStore.fromFixtures(join(RECORDED, 'us-local'), NOW);
    expect(store.shops()).toEqual([
      {
        id: US_SHOP,
        name: 'Juniper & Loom',
        region: 'US',
        seller_type: 'LOCAL',
        cipher: 'ROW_Hq7bgAAAAC1k0u9sVXqB2f7mT4pLw',
        code: 'USLCL4X9Q2MZ',
        currency: 'USD',
        timezone: 'America/Los_Angeles',
      },
    ]);
    expect(store.advertisers().map((a) => [a.advertiser_id, a.shop_ids])).toEqual([[US_ADS, [US_SHOP]]]);
  });

  it("the root: every scenario's shops and both advertisers", async () => {
    const store = await EmulatorStore.fromFixtures(RECORDED, NOW);
    expect(
      store
        .shops()
        .map((s) => s.id)
        .sort(),
    ).toEqual(['7494726673780148801', '7494726673780148802', '7494726673780148803', '7495126673780148804']);
    expect(
      store
        .advertisers()
        .map((a) => a.advertiser_id)
        .sort(),
    ).toEqual([US_ADS, VN_ADS]);
  });

  it('serves search rows, statements and payments exactly as recorded (what TikTok left out stays out)', async () => {
    const store = await EmulatorStore.fromFixtures(join(RECORDED, 'us-local'), NOW);
    expect(store.searchProducts(US_SHOP, {}, { pageSize: 20 }).items).toEqual(
      recorded<{ products: unknown[] }>('us-local/partner/products-search.json').products,
    );
    const statements = store.listStatements(US_SHOP, {}, { pageSize: 20, sortOrder: 'ASC' }).items;
    expect(statements).toEqual(recorded<{ statements: unknown[] }>('us-local/partner/statements.json').statements);
    expect(statements.some((s) => 'revenue_amount' in s)).toBe(false);
    expect(store.listPayments(US_SHOP, {}, { pageSize: 20, sortOrder: 'ASC' }).items).toEqual(
      recorded<{ payments: unknown[] }>('us-local/partner/payments.json').payments,
    );
  });

  it('merges the order pages and the detail; a recorded deleted product answers deleted, others unknown', async () => {
    const store = await EmulatorStore.fromFixtures(join(RECORDED, 'us-local'), NOW);
    const ids = [
      ...recorded<{ orders: { id: string }[] }>('us-local/partner/orders-search-page-1.json').orders,
      ...recorded<{ orders: { id: string }[] }>('us-local/partner/orders-search-page-2.json').orders,
    ].map((o) => o.id);
    expect(
      store
        .raw(US_SHOP)
        .orders.map((o) => o.id)
        .sort(),
    ).toEqual([...new Set(ids)].sort());
    expect(store.findProduct(US_SHOP, '1731000000000000004')).toEqual({ missing: 'deleted' });
    expect(store.findProduct(US_SHOP, '1731000000000000099')).toEqual({ missing: 'unknown' });
    // The recorded detail of P1 replaces the search row: sale_price, as Get Product gives everyone.
    expect(store.getProduct(US_SHOP, '1731000000000000001')?.skus[0]?.price).toEqual({ currency: 'USD', sale_price: '12.99' });
  });

  it('keeps COD orders without paid_time, a status-less product and UK orders without any tax field', async () => {
    const vn = await EmulatorStore.fromFixtures(join(RECORDED, 'vn-local-cod'), NOW);
    const cod = vn.getOrders(VN_SHOP, ['584700000000000001'])[0]!;
    expect([cod.is_cod, 'paid_time' in cod]).toEqual([true, false]);
    const row = vn.searchProducts(VN_SHOP, {}, { pageSize: 20 }).items.find((p) => p.id === '1733000000000000003')!;
    expect('status' in row).toBe(false);
    expect(vn.paymentsAvailable(VN_SHOP)).toBe(false);
    const gb = await EmulatorStore.fromFixtures(join(RECORDED, 'gb-local'), NOW);
    const orders = gb.raw('7494726673780148802').orders;
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => Object.keys(o.payment).every((k) => !k.includes('tax')))).toBe(true);
  });

  it('GMV Max: the deleted LIVE campaign missing from the recorded list costs only with STATUS_ALL; BASIC as recorded', async () => {
    const store = await EmulatorStore.fromFixtures(join(RECORDED, 'us-local'), NOW);
    const q = { start_date: '2026-11-09', end_date: '2026-11-15', metrics: ['cost', 'gross_revenue'], page: 1, pageSize: 1000 };
    // README worked example: 80.00 from campaign …01, plus 10.00 from the deleted …02.
    expect(total(store.gmvMaxReport(US_SHOP, US_ADS, q).list.map((r) => r.metrics.cost))).toBe('80.00');
    expect(total(store.gmvMaxReport(US_SHOP, US_ADS, { ...q, campaign_statuses: ['STATUS_ALL'] }).list.map((r) => r.metrics.cost))).toBe('90.00');
    const basic = { start_date: '2026-11-09', end_date: '2026-11-15', metrics: ['spend'], page: 1, pageSize: 1000 };
    expect(total(store.report(US_ADS, { ...basic, include_deleted: true }).list.map((r) => r.metrics.spend))).toBe('112.10');
    expect(total(store.report(US_ADS, { ...basic, include_deleted: false }).list.map((r) => r.metrics.spend))).toBe('95.20');
    const gmv = store.gmvMaxCampaigns(US_ADS, { promotion_types: ['PRODUCT_GMV_MAX', 'LIVE_GMV_MAX'] }, { page: 1, pageSize: 100 }).list;
    expect(gmv.map((c) => c.campaign_id)).toEqual(['1847390000000001']);
    expect(
      store
        .campaigns(US_ADS, { include_deleted: true }, { page: 1, pageSize: 100 })
        .list.map((c) => c.campaign_id)
        .sort(),
    ).toEqual(['1847310000000001', '1847310000000002', '1847310000000003']);
  });

  it('VN: GMV Max cost 1210000 VND, the store list as recorded', async () => {
    const store = await EmulatorStore.fromFixtures(join(RECORDED, 'vn-local-cod'), NOW);
    const rows = store.gmvMaxReport(VN_SHOP, VN_ADS, {
      start_date: '2026-11-09',
      end_date: '2026-11-15',
      metrics: ['cost'],
      page: 1,
      pageSize: 100,
      campaign_statuses: ['STATUS_ALL'],
    }).list;
    expect(rows.reduce((acc, r) => acc.plus(r.metrics.cost!), new Decimal(0)).toFixed(0)).toBe('1210000');
    expect(store.gmvMaxStores(VN_ADS)).toEqual(recorded<{ store_list: unknown[] }>('ads/marketing/gmv-max-stores-vn.json').store_list);
  });
});
