/**
 * The ad side of a window's first answer (issue 18): ad reports not read yet (a cold year of
 * several advertisers is dozens of report calls) do not hold the answer past its deadline. The
 * ad figures are null with the reason while the order figures stand, the reports go on being read
 * into the ad ledger, and the next answer has them — exact, with no second upstream read.
 */
import type { ShopInfo } from '../../../src/datasources/shop-directory';
import type { AdvertiserInfo, GmvMaxReportRow, ReportRow } from '../../../src/datasources/marketing/schemas';
import type { DayRange } from '../../../src/datasources/marketing/date-range';
import { AdLedger, type AdReportSource } from '../../../src/metrics/ledger/ad-ledger';
import { OrderLedger } from '../../../src/metrics/ledger/order-ledger';
import { AD_REPORTS_READING, MetricsService, type MetricsAds } from '../../../src/metrics/metrics-service';
import { at, LA, line, order } from './fixtures';
import { FakeSource } from './ledger/fake-source';
import { memoryKv } from './ledger/memory-kv';

const SHOP: ShopInfo = { id: '1', name: 'Shop', code: null, region: 'US', sellerType: 'LOCAL', cipher: 'c', currency: 'USD', timezone: LA };
const ADVERTISER: AdvertiserInfo = {
  advertiserId: 'A1',
  name: 'Ads',
  currency: 'USD',
  timezone: 'America/Los_Angeles',
  displayTimezone: LA,
  status: 'STATUS_ENABLE',
};
const MARCH = { from: '2024-03-01', to: '2024-03-10' };
const NOW = Date.parse('2024-03-20T20:00:00Z');

const spendRow = (date: string, spend: string): ReportRow => ({
  campaignId: 'C1',
  date,
  spend,
  impressions: 100,
  clicks: 10,
  conversions: 1,
  shopPurchases: 1,
  attributedRevenue: '0.00',
  shopRoas: null,
});

/** Report calls held until released: the Marketing API taking longer than the first answer may wait. */
class HeldReports implements AdReportSource {
  calls = 0;
  private release: () => void = () => undefined;
  private held: Promise<void> = new Promise((resolve) => (this.release = resolve));

  async getDailyReport(_advertiserId: string, range: DayRange): Promise<ReportRow[]> {
    this.calls++;
    await this.held;
    return [spendRow(range.from, '12.34'), spendRow(range.to, '0.66')];
  }

  async getGmvMaxReport(): Promise<GmvMaxReportRow[]> {
    await this.held;
    return [];
  }

  /** Lets every held call answer; resolves once they have been answered. */
  async answer(): Promise<void> {
    this.release();
    await this.held;
  }
}

function setup(deadline: () => Promise<void>) {
  const orders = new FakeSource();
  orders.putOrder(order('O1', [line('O1-1', '40.00')], { paidTime: at('2024-03-02T10:00', LA) }));
  orders.putOrder(order('O2', [line('O2-1', '2.50')], { paidTime: at('2024-03-09T18:30', LA) }));
  const store = memoryKv();
  const reports = new HeldReports();
  const ads: MetricsAds = {
    unknownLinks: async () => null,
    advertiserIdsOf: async (shopId) => (shopId === SHOP.id ? [ADVERTISER.advertiserId] : []),
    advertisers: async (ids) => (ids.includes(ADVERTISER.advertiserId) ? [ADVERTISER] : []),
    campaigns: async () => [],
    gmvMaxCampaigns: async () => ({ campaigns: [], rejected: [] }),
  };
  const shops = { shop: async () => SHOP, shops: async () => ({ value: [SHOP], fetchedAt: NOW, stale: false, fromUpstream: false }) };
  const service = new MetricsService(
    shops,
    ads,
    { attributionDays: 7, now: () => NOW, rates: {}, adAnswerDeadline: deadline },
    new OrderLedger(store, orders, { namespace: 'app', now: () => NOW }),
    new AdLedger(store, reports, { namespace: 'ads', now: () => NOW }),
  );
  return { service, reports };
}

describe('a window whose ad reports are not read yet', () => {
  it('answers at the deadline with the order facts and the reason, then with the ad rows once read', async () => {
    let answerNow = () => undefined as void;
    const { service, reports } = setup(() => new Promise<void>((resolve) => (answerNow = resolve)));
    const pending = service.window(SHOP, MARCH);
    // The report call is under way and held: the deadline passes.
    await new Promise<void>((resolve) => setImmediate(resolve));
    answerNow();
    const first = await pending;
    expect(first.adsUnknown).toBe(AD_REPORTS_READING);
    expect(first.adRows).toEqual([]);
    // The order facts stand: both orders on their days, with their gross as paid.
    const gmvByDay = [...first.days.values()].filter((d) => d.orders > 0).map((d) => `${d.date} ${String(d.gmv)}`);
    expect(gmvByDay).toEqual(['2024-03-02 40', '2024-03-09 2.5']);
    expect(first.coverage.complete).toBe(true);

    await reports.answer();
    const calls = reports.calls;
    const second = await service.window(SHOP, MARCH);
    expect(second.adsUnknown).toBeNull();
    // The rows the held call returned, kept by the ad ledger: 12.34 on the first day, 0.66 on the last.
    expect(second.adRows.map((r) => `${r.date} ${r.spend}`).sort()).toEqual(['2024-03-01 12.34', '2024-03-10 0.66']);
    expect(reports.calls).toBe(calls);
  });

  it('waits for reports that answer before the deadline', async () => {
    const { service, reports } = setup(() => new Promise<void>(() => undefined));
    const pending = service.window(SHOP, MARCH);
    await reports.answer();
    const answer = await pending;
    expect(answer.adsUnknown).toBeNull();
    expect(answer.adRows).toHaveLength(2);
  });
});
