/**
 * The ad ledger through the gateway: overlapping metrics windows share their report days, and the
 * figures are those of reading each window's report whole (what ShopGraph did before the ledger).
 */
import { tiktokLimiter } from '../../../src/upstream/rate-limiter';
import { MarketingClient } from '../../../src/datasources/marketing/marketing-client';
import { divide, roundMoney, roundRatio, sumDecimals } from '../../../src/domain/money';
import { localDate } from '../../../src/domain/window';
import { startStack, type Stack } from '../../helpers/stack';

const REPORT = 'GET /open_api/v1.3/report/integrated/get/';
const GMV_MAX = 'GET /open_api/v1.3/gmv_max/report/get/';
const METRICS = `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) {
  adSpend { value stale asOf } attributedRevenue { value } roas { value } gmvMaxRoi: metric(name: GMV_MAX_ROI) { value } } } }`;

type Figures = {
  adSpend: { value: string; stale: boolean; asOf: string };
  attributedRevenue: { value: string };
  roas: { value: string };
  gmvMaxRoi: { value: string };
};
type Answer = { shop: { metrics: Figures } };
type Shop = { id: string; currency: string; timezone: string; advertisers: { id: string; currency: string }[] };

/** The window's figures from each advertiser's report of exactly that window, read afresh. */
async function perWindowTruth(client: MarketingClient, shop: Shop, window: { from: string; to: string }) {
  const reports = await Promise.all(shop.advertisers.map((a) => client.getDailyReport(a.id, window)));
  const gmvMax = await Promise.all(shop.advertisers.map((a) => client.getGmvMaxReport(shop.id, a.id, window)));
  const rows = reports.flat();
  const spend = sumDecimals(rows.map((r) => r.spend ?? '0'));
  const attributed = sumDecimals(rows.map((r) => r.attributedRevenue ?? '0'));
  const cost = sumDecimals(gmvMax.flat().map((g) => g.cost ?? '0'));
  const revenue = sumDecimals(gmvMax.flat().map((g) => g.grossRevenue ?? '0'));
  return {
    // Ad spend is all of it: BASIC spend plus GMV Max cost; ROAS divides by the BASIC part only.
    adSpend: roundMoney(spend.plus(cost), shop.currency),
    attributedRevenue: roundMoney(attributed, shop.currency),
    roas: roundRatio(divide(attributed, spend)!),
    gmvMaxRoi: roundRatio(divide(revenue, cost)!),
  };
}

function values(f: Figures) {
  return { adSpend: f.adSpend.value, attributedRevenue: f.attributedRevenue.value, roas: f.roas.value, gmvMaxRoi: f.gmvMaxRoi.value };
}

describe('ad metrics through the ad ledger', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ emulator: { shops: 1, days: 120, ordersPerDay: 4 } });
  });
  afterAll(() => stack.close());

  it('a 90-day window after a 30-day one reads only the 60 missing days, and the 30-day one again reads none', async () => {
    const shops = await stack.gql<{ shops: Shop[] }>('{ shops { id currency timezone advertisers { id currency } } }');
    expect(shops.errors).toBeUndefined();
    const shop = shops.data!.shops[0]!;
    // Two advertisers, one in another zone, both in the shop's currency: ROAS needs no rates.
    expect(shop.advertisers).toHaveLength(2);
    expect(shop.advertisers.every((a) => a.currency === shop.currency)).toBe(true);
    const now = Math.floor(Date.now() / 1000);
    const day = (back: number) => localDate(now - back * 86_400, shop.timezone);
    const month = { from: day(29), to: day(0) };
    const quarter = { from: day(89), to: day(0) };
    const perAdvertiser = shop.advertisers.length;

    await stack.resetCalls();
    const first = await stack.gql<Answer>(METRICS, { s: shop.id, r: month });
    expect(first.errors).toBeUndefined();
    const calls1 = await stack.calls();
    // One call per advertiser: 30 days (fewer when its zone is a day behind) fit one report call.
    expect([calls1[REPORT], calls1[GMV_MAX]]).toEqual([perAdvertiser, perAdvertiser]);

    await stack.resetCalls();
    const second = await stack.gql<Answer>(METRICS, { s: shop.id, r: quarter });
    expect(second.errors).toBeUndefined();
    const calls2 = await stack.calls();
    // The 60 missing days are two 30-day calls per advertiser; the whole 90 would have been three.
    expect([calls2[REPORT], calls2[GMV_MAX]]).toEqual([2 * perAdvertiser, 2 * perAdvertiser]);

    await stack.resetCalls();
    const third = await stack.gql<Answer>(METRICS, { s: shop.id, r: month });
    expect(third.errors).toBeUndefined();
    const calls3 = await stack.calls();
    expect([calls3[REPORT], calls3[GMV_MAX]]).toEqual([undefined, undefined]);
    expect(third).toEqual(first);
    expect(first.data!.shop.metrics.adSpend.stale).toBe(false);

    // Paced under the emulator's 10/s per app, which the gateway's own calls count against too.
    const client = new MarketingClient({ baseUrl: stack.emulator.url, accessToken: stack.emulator.tokens.adsToken, limiter: tiktokLimiter({ headroom: 0.5 }) });
    const [monthTruth, quarterTruth] = [await perWindowTruth(client, shop, month), await perWindowTruth(client, shop, quarter)];
    expect(values(first.data!.shop.metrics)).toEqual(monthTruth);
    expect(values(second.data!.shop.metrics)).toEqual(quarterTruth);
    expect(Number(quarterTruth.adSpend)).toBeGreaterThan(Number(monthTruth.adSpend));
  });

  it('campaign metrics read the same days: no report call, each campaign spends what its report rows say', async () => {
    const shops = await stack.gql<{ shops: Shop[] }>('{ shops { id currency timezone advertisers { id currency } } }');
    const shop = shops.data!.shops[0]!;
    const now = Math.floor(Date.now() / 1000);
    const month = { from: localDate(now - 29 * 86_400, shop.timezone), to: localDate(now, shop.timezone) };
    await stack.gql<Answer>(METRICS, { s: shop.id, r: month });

    await stack.resetCalls();
    const query = `query($s: ID!, $r: DateRange!) { shop(id: $s) { campaigns { id advertiserId status metrics(range: $r) { spend { value stale } } } } }`;
    type Campaigns = {
      shop: { campaigns: { id: string; advertiserId: string; status: string; metrics: { spend: { value: string | null; stale: boolean } } }[] };
    };
    const res = await stack.gql<Campaigns>(query, { s: shop.id, r: month });
    expect(res.errors).toBeUndefined();
    expect((await stack.calls())[REPORT]).toBeUndefined();

    // Paced under the emulator's 10/s per app, which the gateway's own calls count against too.
    const client = new MarketingClient({ baseUrl: stack.emulator.url, accessToken: stack.emulator.tokens.adsToken, limiter: tiktokLimiter({ headroom: 0.5 }) });
    const rows = (
      await Promise.all(shop.advertisers.map(async (a) => (await client.getDailyReport(a.id, month)).map((r) => ({ ...r, advertiserId: a.id }))))
    ).flat();
    const campaigns = res.data!.shop.campaigns;
    expect(campaigns.some((c) => c.status === 'CAMPAIGN_STATUS_DELETE' && c.metrics.spend.value !== null && Number(c.metrics.spend.value) > 0)).toBe(true);
    for (const c of campaigns) {
      const own = rows.filter((r) => r.campaignId === c.id && r.advertiserId === c.advertiserId);
      expect([c.id, c.metrics.spend.value]).toEqual([c.id, roundMoney(sumDecimals(own.map((r) => r.spend ?? '0')), shop.currency)]);
    }
  });
});
