/**
 * Issue 19's campaign defects: `Campaign.metrics(granularity)` was ignored (the series was daily
 * whatever was asked), and the campaign path built a stand-in shop whose open window made every
 * bucket provisional (its "provisional from" was the window's first day). Now the series follows
 * the granularity, and a bucket is provisional only when it reaches into the advertiser's
 * attribution window (docs/metrics.md, "Freshness and provenance").
 */
import { startStack, type Stack } from '../../helpers/stack';

type Point = { from: string; to: string; metrics: { name: string; value: string | null; provisional: boolean }[] };
type Answer = {
  shop: {
    advertisers: { id: string; timezone: string }[];
    campaigns: ({ id: string; advertiserId: string; metrics: { spend: { value: string | null }; series: Point[] } } | null)[];
  };
};
const QUERY = `query($s: ID!, $r: DateRange!, $g: Granularity!) { shop(id: $s) { advertisers { id timezone } campaigns { ... on Campaign { id advertiserId
  metrics(range: $r, granularity: $g) { spend { value } series { from to metrics { name value provisional } } } } } } }`;
const DAY_MS = 86_400_000;

const dayIn = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** ISO weeks (Monday first) of a window, clipped to it, by hand. */
function weeks(from: string, to: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let start = from; start <= to;) {
    const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    const end = addDays(start, 6 - weekday);
    out.push({ from: start, to: end < to ? end : to });
    start = addDays(end, 1);
  }
  return out;
}

describe('Campaign.metrics', () => {
  let stack: Stack;
  let shopId: string;

  beforeAll(async () => {
    stack = await startStack({ emulator: { seed: 'campaign-metrics', shops: 1, days: 30 } });
    shopId = stack.emulator.store.shops()[0]!.id;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('gives the series per bucket of the granularity asked, provisional only inside the attribution window', async () => {
    const probe = await stack.gql<Answer>(QUERY, { s: shopId, r: { from: '2026-01-01', to: '2026-01-01' }, g: 'DAY' });
    const zones = new Map(probe.data!.shop.advertisers.map((a) => [a.id, a.timezone]));
    const to = dayIn(Date.now(), 'UTC');
    const range = { from: addDays(to, -20), to };
    // Each advertiser's days from 7 days ago on still move (the attribution window, 7 days by default).
    const provisionalFrom = (advertiserId: string) => dayIn(Date.now() - 7 * DAY_MS, zones.get(advertiserId)!);

    const weekly = await stack.gql<Answer>(QUERY, { s: shopId, r: range, g: 'WEEK' });
    expect(weekly.errors).toBeUndefined();
    const daily = await stack.gql<Answer>(QUERY, { s: shopId, r: range, g: 'DAY' });
    const campaigns = weekly.data!.shop.campaigns.filter((c) => c !== null);
    expect(campaigns.length).toBeGreaterThan(0);
    for (const campaign of campaigns) {
      const series = campaign.metrics.series;
      expect(series.map((p) => ({ from: p.from, to: p.to }))).toEqual(weeks(range.from, range.to));
      for (const point of series) {
        expect(point.metrics.map((m) => m.name)).toEqual(['AD_SPEND', 'ATTRIBUTED_REVENUE', 'ROAS']);
        expect(point.metrics.every((m) => m.provisional === point.to >= provisionalFrom(campaign.advertiserId))).toBe(true);
      }
      expect(series.some((p) => !p.metrics[0]!.provisional)).toBe(true);
      // The weekly buckets hold what the daily ones do.
      const days = daily.data!.shop.campaigns.find((c) => c?.id === campaign.id)!.metrics.series;
      expect(days).toHaveLength(21);
      const cents = (v: string | null) => Math.round(Number(v ?? 0) * 100);
      expect(series.reduce((n, p) => n + cents(p.metrics[0]!.value), 0)).toBe(days.reduce((n, p) => n + cents(p.metrics[0]!.value), 0));
    }
  });

  it("names every campaign of a shop's metrics, GMV Max ones (absent from campaign/get/) included", async () => {
    const to = dayIn(Date.now(), 'UTC');
    type Entry = { campaignId: string; campaign: { id: string; type: string | null } | null; spend: { value: string | null } };
    const res = await stack.gql<{ shop: { metrics: { campaigns: Entry[] } } }>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { campaigns { campaignId campaign { id type } spend { value } } } } }`,
      { s: shopId, r: { from: addDays(to, -20), to } },
    );
    expect(res.errors).toBeUndefined();
    const entries = res.data!.shop.metrics.campaigns;
    expect(entries.filter((e) => e.campaign === null).map((e) => e.campaignId)).toEqual([]);
    expect(entries.every((e) => e.campaign!.id === e.campaignId)).toBe(true);
    // The emulator's shop runs GMV Max beside standard campaigns: both kinds are named.
    expect(new Set(entries.map((e) => e.campaign!.type))).toEqual(new Set(['STANDARD', 'GMV_MAX']));
  });
});
