import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import { rawCampaignPageDataSchema, rawGmvMaxReportRowSchema, rawIntegratedReportRowSchema } from '../../../../src/datasources/marketing/schemas';
import { INTEGRATED_REPORT_METRICS } from '../../../../src/datasources/marketing/schemas';
import { demoStore } from './demo-store';

const METRICS = [...INTEGRATED_REPORT_METRICS];

describe('Marketing API data', () => {
  const store = demoStore();
  const shops = store.shops();
  const advertisers = store.advertisers();

  it('links advertisers to shops: one shop with two, one in another time zone, one in another currency', () => {
    const first = advertisers.filter((a) => a.shop_ids.includes(shops[0]!.id));
    expect(first).toHaveLength(2);
    expect(new Set(first.map((a) => a.display_timezone)).size).toBe(2);
    const idr = advertisers.find((a) => a.shop_ids.includes(shops[2]!.id));
    expect(idr?.currency).not.toBe(shops[2]!.currency);
    expect(first[0]!.timezone).toBe('Etc/GMT+8');
  });

  it('hides deleted campaigns unless asked for, with offset paging', () => {
    const adv = advertisers[0]!;
    const visible = store.campaigns(adv.advertiser_id, { include_deleted: false }, { page: 1, pageSize: 100 });
    const all = store.campaigns(adv.advertiser_id, { include_deleted: true }, { page: 1, pageSize: 100 });
    expect(rawCampaignPageDataSchema.safeParse(all).success).toBe(true);
    expect(visible.list.some((c) => c.secondary_status === 'CAMPAIGN_STATUS_DELETE')).toBe(false);
    expect(all.list.filter((c) => c.secondary_status === 'CAMPAIGN_STATUS_DELETE')).toHaveLength(1);
    expect(all.page_info.total_number).toBe(visible.page_info.total_number + 1);
    const page2 = store.campaigns(adv.advertiser_id, { include_deleted: true }, { page: 2, pageSize: 2 });
    expect(page2.list.map((c) => c.campaign_id)).toEqual(all.list.slice(2, 4).map((c) => c.campaign_id));
    expect(page2.page_info).toEqual({ page: 2, page_size: 2, total_number: all.list.length, total_page: Math.ceil(all.list.length / 2) });
    const ids = [all.list[0]!.campaign_id];
    expect(store.campaigns(adv.advertiser_id, { include_deleted: true, campaign_ids: ids }, { page: 1, pageSize: 10 }).list.map((c) => c.campaign_id)).toEqual(
      ids,
    );
  });

  it('reports campaign × day rows with string metrics; deleted campaigns spend only with include_deleted', () => {
    const adv = advertisers[0]!;
    const q = { start_date: '2025-11-01', end_date: '2025-11-23', metrics: [...METRICS, 'cpc', 'onsite_shopping_roas'], page: 1, pageSize: 1000 };
    const without = store.report(adv.advertiser_id, { ...q, include_deleted: false });
    const withDeleted = store.report(adv.advertiser_id, { ...q, include_deleted: true });
    for (const row of withDeleted.list) expect(rawIntegratedReportRowSchema.safeParse(row).success).toBe(true);
    expect(withDeleted.list.length).toBeGreaterThan(without.list.length);
    const spend = (rows: typeof without.list): Decimal => rows.reduce((acc, r) => acc.plus(r.metrics.spend!), new Decimal(0));
    expect(spend(withDeleted.list).gt(spend(without.list))).toBe(true);
    expect(withDeleted.list.every((r) => /^\d+\.\d{3}$/.test(r.metrics.spend!) && /^\d+$/.test(r.metrics.impressions!))).toBe(true);
    // Traffic campaigns attribute no Shop purchases: TikTok writes "-".
    expect(withDeleted.list.some((r) => r.metrics.total_onsite_shopping_value === '-')).toBe(true);
    const days = new Set(withDeleted.list.map((r) => r.dimensions.stat_time_day));
    expect([...days].every((d) => d >= '2025-11-01 00:00:00' && d <= '2025-11-23 00:00:00')).toBe(true);
    expect(days.has('2025-11-01 00:00:00') && days.has('2025-11-23 00:00:00')).toBe(true);
    const paged = store.report(adv.advertiser_id, { ...q, include_deleted: true, page: 3, pageSize: 7 });
    expect(paged.list).toEqual(withDeleted.list.slice(14, 21));
  });

  it('credits all orders of the promoted products to GMV Max gross revenue, organic ones too', () => {
    const shop = shops[0]!;
    const adv = advertisers.find((a) => a.shop_ids.includes(shop.id))!;
    const report = store.gmvMaxReport(shop.id, adv.advertiser_id, {
      start_date: '2025-11-10',
      end_date: '2025-11-12',
      metrics: ['cost', 'gross_revenue', 'roi', 'orders'],
      page: 1,
      pageSize: 100,
    });
    expect(report.list.length).toBeGreaterThan(0);
    for (const row of report.list) expect(rawGmvMaxReportRowSchema.safeParse(row).success).toBe(true);
    // One product GMV Max campaign for the first shop, run by its first advertiser.
    expect(new Set(report.list.map((r) => r.dimensions.campaign_id)).size).toBe(1);
    const promoted = new Set<string>();
    for (const row of report.list) {
      const day = row.dimensions.stat_time_day.slice(0, 10);
      const paid = store
        .raw(shop.id)
        .orders.filter((o) => o.paid_time !== undefined && DateTime.fromSeconds(o.paid_time, { zone: adv.display_timezone }).toISODate() === day);
      // Gross revenue never exceeds the shop's whole GMV of the day, and is positive.
      const dayGmv = paid.reduce((acc, o) => o.line_items.reduce((a, l) => a.plus(l.sale_price).plus(l.platform_discount), acc), new Decimal(0));
      expect(new Decimal(row.metrics.gross_revenue!).lte(dayGmv)).toBe(true);
      expect(new Decimal(row.metrics.gross_revenue!).gt(0)).toBe(true);
      expect(new Decimal(row.metrics.roi!).toFixed(2)).toBe(new Decimal(row.metrics.gross_revenue!).div(row.metrics.cost!).toFixed(2));
      promoted.add(row.dimensions.campaign_id);
    }
    // The BASIC report knows nothing of GMV Max campaigns.
    const basic = store.report(adv.advertiser_id, {
      start_date: '2025-11-10',
      end_date: '2025-11-12',
      include_deleted: true,
      metrics: METRICS,
      page: 1,
      pageSize: 1000,
    });
    expect(basic.list.length).toBeGreaterThan(0);
    expect(basic.list.some((r) => promoted.has(r.dimensions.campaign_id))).toBe(false);
  });

  it('lists GMV Max stores of an advertiser and answers empty for unknown ids', () => {
    const adv = advertisers[0]!;
    expect(store.gmvMaxStores(adv.advertiser_id).map((s) => s.store_id)).toEqual(adv.shop_ids);
    expect(
      store.report('1', { start_date: '2025-11-01', end_date: '2025-11-02', include_deleted: true, metrics: METRICS, page: 1, pageSize: 10 }).list,
    ).toEqual([]);
  });
});
