import { Decimal } from 'decimal.js';
import type { GmvMaxReportQuery } from '../../../../src/emulator/data/store';
import { demoStore } from './demo-store';

const BOTH = ['PRODUCT_GMV_MAX', 'LIVE_GMV_MAX'];
const WINDOW = { start_date: '2025-10-26', end_date: '2025-11-23' };
const sum = (values: readonly (string | undefined)[]): Decimal => values.reduce((acc, v) => acc.plus(v ?? 0), new Decimal(0));

describe('GMV Max in the demo data', () => {
  const store = demoStore();
  const [us, gb, id] = store.shops();
  /** The shop's first ad account (the one a GMV Max campaign can run from). */
  const accountOf = (shopId: string) => store.advertisers().find((a) => a.shop_ids.includes(shopId))!;
  const report = (shopId: string, advertiserId: string, q: Partial<GmvMaxReportQuery> = {}) =>
    store.gmvMaxReport(shopId, advertiserId, { ...WINDOW, metrics: ['cost', 'gross_revenue', 'orders', 'roi'], page: 1, pageSize: 1000, ...q });
  const basicSpend = (advertiserId: string): Decimal =>
    sum(store.report(advertiserId, { ...WINDOW, include_deleted: true, metrics: ['spend'], page: 1, pageSize: 1000 }).list.map((r) => r.metrics.spend));

  it('lists GMV Max campaigns only in gmv_max/campaign/get/, never in campaign/get/', () => {
    const adv = accountOf(us!.id);
    const gmv = store.gmvMaxCampaigns(adv.advertiser_id, { promotion_types: BOTH }, { page: 1, pageSize: 100 }).list;
    expect(gmv.map((c) => [c.store_id, c.shopping_ads_type, c.secondary_status])).toEqual([[us!.id, 'PRODUCT', 'CAMPAIGN_STATUS_ENABLE']]);
    const standard = store.campaigns(adv.advertiser_id, { include_deleted: true }, { page: 1, pageSize: 100 }).list.map((c) => c.campaign_id);
    expect(standard).toHaveLength(4);
    expect(standard).not.toContain(gmv[0]!.campaign_id);
  });

  it('the second shop runs GMV Max only, one LIVE campaign of it deleted: listed only when asked for', () => {
    const adv = accountOf(gb!.id);
    expect(store.campaigns(adv.advertiser_id, { include_deleted: true }, { page: 1, pageSize: 100 }).list).toEqual([]);
    const listed = store.gmvMaxCampaigns(adv.advertiser_id, { promotion_types: BOTH }, { page: 1, pageSize: 100 }).list;
    expect(listed.map((c) => c.shopping_ads_type)).toEqual(['PRODUCT']);
    const deleted = store.gmvMaxCampaigns(adv.advertiser_id, { promotion_types: BOTH, primary_status: 'STATUS_DELETE' }, { page: 1, pageSize: 100 }).list;
    expect(deleted.map((c) => [c.shopping_ads_type, c.secondary_status])).toEqual([['LIVE', 'CAMPAIGN_STATUS_DELETE']]);
    expect(store.gmvMaxCampaigns(adv.advertiser_id, { promotion_types: ['LIVE_GMV_MAX'] }, { page: 1, pageSize: 100 }).list).toEqual([]);
    expect(store.gmvMaxCampaigns(adv.advertiser_id, { promotion_types: BOTH, store_ids: [us!.id] }, { page: 1, pageSize: 100 }).list).toEqual([]);
  });

  it("reports the deleted campaign's cost only when campaign_statuses asks for it", () => {
    const adv = accountOf(gb!.id);
    const deletedId = store.gmvMaxCampaigns(adv.advertiser_id, { promotion_types: BOTH, primary_status: 'STATUS_DELETE' }, { page: 1, pageSize: 10 }).list[0]!
      .campaign_id;
    const plain = report(gb!.id, adv.advertiser_id).list;
    const all = report(gb!.id, adv.advertiser_id, { campaign_statuses: ['STATUS_ALL'] }).list;
    const explicit = report(gb!.id, adv.advertiser_id, {
      campaign_statuses: ['STATUS_DELIVERY_OK', 'STATUS_DISABLE', 'STATUS_DELETE', 'STATUS_NOT_DELIVERY'],
    }).list;
    expect(plain.some((r) => r.dimensions.campaign_id === deletedId)).toBe(false);
    const deletedRows = all.filter((r) => r.dimensions.campaign_id === deletedId);
    expect(deletedRows.length).toBeGreaterThan(0);
    expect(sum(deletedRows.map((r) => r.metrics.cost)).gt(0)).toBe(true);
    expect(explicit).toEqual(all);
    expect(report(gb!.id, adv.advertiser_id, { campaign_statuses: ['STATUS_ALL'], promotion_types: ['LIVE'] }).list).toEqual(deletedRows);
    // GBP amounts with the currency's two decimals; roi = gross_revenue / cost.
    for (const r of all) {
      expect(r.metrics.cost).toMatch(/^\d+\.\d{2}$/);
      expect(r.metrics.roi).toBe(new Decimal(r.metrics.gross_revenue!).div(r.metrics.cost!).toFixed(2));
    }
  });

  it('totals every page when asked (enable_total_metrics)', () => {
    const adv = accountOf(gb!.id);
    const all = report(gb!.id, adv.advertiser_id, { campaign_statuses: ['STATUS_ALL'], total_metrics: true, pageSize: 3 });
    const rows = report(gb!.id, adv.advertiser_id, { campaign_statuses: ['STATUS_ALL'] }).list;
    expect(all.list).toHaveLength(3);
    expect(all.total_metrics?.cost).toBe(sum(rows.map((r) => r.metrics.cost)).toFixed(2));
    expect(all.total_metrics?.orders).toBe(String(rows.reduce((n, r) => n + Number(r.metrics.orders), 0)));
  });

  it('is the main Shop-ads spend of the shops that run it; the IDR shop (USD account) runs standard campaigns only', () => {
    for (const shop of [us!, gb!]) {
      const accounts = store.advertisers().filter((a) => a.shop_ids.includes(shop.id));
      const gmvCost = sum(accounts.flatMap((a) => report(shop.id, a.advertiser_id, { campaign_statuses: ['STATUS_ALL'] }).list.map((r) => r.metrics.cost)));
      const basic = accounts.reduce((acc, a) => acc.plus(basicSpend(a.advertiser_id)), new Decimal(0));
      expect(gmvCost.gt(basic)).toBe(true);
    }
    const idr = store.advertisers().find((a) => a.shop_ids.includes(id!.id))!;
    expect(store.gmvMaxCampaigns(idr.advertiser_id, { promotion_types: BOTH }, { page: 1, pageSize: 10 }).list).toEqual([]);
    expect(basicSpend(idr.advertiser_id).gt(0)).toBe(true);
  });
});
