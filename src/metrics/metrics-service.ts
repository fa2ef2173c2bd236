import type { AdData } from '../datasources/ad-data';
import type { AdvertiserInfo, MarketingCampaign } from '../datasources/marketing/schemas';
import type { ShopData } from '../datasources/shop-data';
import type { ShopInfo } from '../datasources/shop-directory';
import { UpstreamError } from '../upstream/upstream-error';
import type { DayAggregate, OrderAggregate } from './day-aggregate';
import type { AdRowFact, GmvMaxRowFact, UnreadableFact } from '../domain/facts';
import type { AdLedger } from './ledger/ad-ledger';
import type { WindowCoverage } from './ledger/backfill-steps';
import type { OrderLedger } from './ledger/order-ledger';
import { assertValidWindow, assertWindowExists, localDate, type DateWindow } from '../domain/window';
import { withinFirstAnswer } from './ledger/first-answer';

/** Settings of the metrics. */
export interface MetricsSettings {
  /** Days whose ad figures still move (TikTok's default 7-day click attribution). @default 7 */
  attributionDays: number;
  now: () => number;
  /** Operator's fixed exchange rates ("USD/GBP" → "0.79"); empty means never convert. */
  rates: Record<string, string>;
  /**
   * How long a window waits for ad reports not read yet (a cold year of several advertisers is
   * dozens of report calls) before it is answered with the ad figures null and the reason; the
   * reports go on being read into the ad ledger for the next answer. @default no limit
   */
  firstAnswerMs?: number;
  /** Resolves when a window has waited long enough for its ad reports (tests pass their own). @default a timer of `firstAnswerMs` */
  adAnswerDeadline?: () => Promise<void>;
}

/** The ad figures' reason while a window's reports are still being read in the background. */
export const AD_REPORTS_READING = "provisional: TikTok's ad reports for this window are still being read; the ad figures follow in a later answer";

/** What the metrics read of the shops: their directory. */
export type MetricsShops = Pick<ShopData, 'shop' | 'shops'>;
/** What the metrics read of the ads besides the reports: which advertisers sell for a shop, and their campaigns. */
export type MetricsAds = Pick<AdData, 'unknownLinks' | 'advertiserIdsOf' | 'advertisers' | 'campaigns' | 'gmvMaxCampaigns'>;

/** Everything known about one shop's window, before it is shaped into metrics. */
export interface WindowData {
  shop: ShopInfo;
  window: DateWindow;
  /** the day aggregates of the covered days of the window (all of them once `coverage.complete`) */
  days: Map<string, DayAggregate>;
  /** {@link days} summed: kept by the ledger per revision, so a window asked again is not summed again */
  total: () => OrderAggregate;
  /**
   * The days of the window the shop's order ledger holds so far: order figures of a window not
   * wholly covered are null with the reason (docs/metrics.md, "Coverage").
   */
  coverage: WindowCoverage;
  /** rows TikTok sent that could not be read and may count in the window */
  unreadable: UnreadableFact[];
  adRows: AdRowFact[];
  gmvMax: GmvMaxRowFact[];
  advertisers: AdvertiserInfo[];
  campaigns: MarketingCampaign[];
  /** Time the order data reflects (ms), and whether it was served stale. */
  orders: { asOf: number; stale: boolean };
  /** Same for ad data; null when the shop has no advertisers or ads are not configured. */
  ads: { asOf: number; stale: boolean } | null;
  /** Why the shop's advertisers cannot be known, when they cannot: its ad figures are null with it. */
  adsUnknown: string | null;
  /** First shop day whose ad figures are still provisional. */
  provisionalFrom: string;
}

const DAY = 86_400;
/** How far back ad reports are asked for (TikTok keeps about three years of reporting). */
const REPORT_RETENTION_DAYS = 3 * 365;

/**
 * Gathers a window's facts: the day aggregates of the orders paid in it and their refunds, from
 * the shop's order ledger, and the report and GMV Max rows of the shop's advertisers, from the ad
 * ledger (its days shared by every window, the attribution window's re-read when stale).
 */
export class MetricsService {
  /** `ads` and `adLedger` are both null when no Marketing API token is configured. */
  constructor(
    private readonly shopData: MetricsShops,
    private readonly ads: MetricsAds | null,
    readonly settings: MetricsSettings,
    private readonly ledger: OrderLedger,
    private readonly adLedger: AdLedger | null,
  ) {}

  /**
   * Re-reads the orders that order, return or cancellation webhooks named, with their refunds,
   * into the shop's ledger (batched by 50 through order detail): the webhook receiver's entry.
   * @returns how many orders were read; 0 for an unknown shop or one without a ledger yet
   */
  async refreshOrders(shopId: string, orderIds: readonly string[]): Promise<number> {
    const shop = await this.shopData.shop(shopId);
    return shop ? this.ledger.refreshOrders(shop, orderIds) : 0;
  }

  /**
   * Starts reading the last `days` days of order history of shops without a ledger (just
   * authorized, or new to this store), in the background: their first dashboard finds them read.
   * Backfills run `concurrentBackfills` at a time, newest days first. Resolves once every shop's
   * backfill has started waiting for its turn; never rejects.
   * @param shopIds - the shops; all the app's shops when omitted
   */
  async prime(days: number, shopIds?: readonly string[]): Promise<void> {
    if (days <= 0) return;
    const nowSeconds = Math.floor(this.settings.now() / 1000);
    let shops: ShopInfo[];
    try {
      shops =
        shopIds === undefined
          ? (await this.shopData.shops()).value
          : (await Promise.all(shopIds.map((id) => this.shopData.shop(id)))).filter((s): s is ShopInfo => s !== undefined);
    } catch {
      return; // the shops cannot be listed now: their first windows read what they ask
    }
    for (const shop of shops) {
      const window = { from: localDate(nowSeconds - (days - 1) * DAY, shop.timezone), to: localDate(nowSeconds, shop.timezone) };
      void this.ledger.prime(shop, window);
    }
  }

  /**
   * Reads a window of a shop's order history into its ledger, resolving once all of it is there
   * (`shopgraph backfill`); {@link window} answers after a few seconds with what is covered.
   */
  backfill(shop: ShopInfo, window: DateWindow): Promise<void> {
    assertWindowExists(window, shop.timezone, this.settings.now());
    return this.ledger.complete(shop, window);
  }

  /** Report rows of one advertiser for a window of its own days (for campaign metrics). */
  async advertiserReport(advertiserId: string, window: DateWindow) {
    if (!this.ads || !this.adLedger) return null;
    assertValidWindow(window);
    const [info] = await this.ads.advertisers([advertiserId]);
    if (!info) return null;
    // The advertiser's days still inside the attribution window: figures of those days still move.
    const provisionalFrom = localDate(Math.floor(this.settings.now() / 1000) - this.settings.attributionDays * DAY, info.displayTimezone);
    return { info, report: await this.adLedger.report(info, window), provisionalFrom };
  }

  /** @param since - see {@link OrderLedger.window} */
  async window(shop: ShopInfo, window: DateWindow, since?: number): Promise<WindowData> {
    // Not before TikTok Shop, not after tomorrow in the shop's zone: the ledger never fills days that cannot have data.
    assertWindowExists(window, shop.timezone, this.settings.now());
    const [orders, ads] = await Promise.all([this.orderDays(shop, window, since), this.adFacts(shop, window, since)]);
    const today = localDate(Math.floor(this.settings.now() / 1000), shop.timezone);
    const provisionalFrom = localDate(Math.floor(this.settings.now() / 1000) - this.settings.attributionDays * DAY, shop.timezone);
    return { shop, window, ...orders, ...ads, provisionalFrom: provisionalFrom < today ? provisionalFrom : today };
  }

  async advertisers(shopId: string): Promise<AdvertiserInfo[]> {
    if (!this.ads) return [];
    return this.ads.advertisers(await this.ads.advertiserIdsOf(shopId));
  }

  async campaigns(shopId: string): Promise<MarketingCampaign[]> {
    if (!this.ads) return [];
    const ids = await this.ads.advertiserIdsOf(shopId);
    return (await Promise.all(ids.map((id) => this.ads!.campaigns(id)))).flat();
  }

  /** Campaigns of one advertiser, deleted ones included. */
  async campaignsOf(advertiserId: string): Promise<MarketingCampaign[]> {
    return this.ads ? this.ads.campaigns(advertiserId) : [];
  }

  async advertiserInfo(advertiserId: string): Promise<AdvertiserInfo | undefined> {
    return this.ads ? (await this.ads.advertisers([advertiserId]))[0] : undefined;
  }

  private async orderDays(shop: ShopInfo, window: DateWindow, since?: number) {
    const ledger = await this.ledger.window(shop, window, since);
    return {
      days: ledger.days,
      total: ledger.total,
      coverage: ledger.coverage,
      unreadable: ledger.unreadable,
      orders: { asOf: ledger.asOf, stale: ledger.stale },
    };
  }

  /**
   * The part of a window ad reports can have data for: no later than tomorrow (an advertiser's
   * zone may be ahead of the shop's) and no more than TikTok's report retention back; null when
   * nothing is left. Asking TikTok for 100 years of days would cost 1,200 report calls.
   */
  private adRange(shop: ShopInfo, window: DateWindow): DateWindow | null {
    const nowSeconds = Math.floor(this.settings.now() / 1000);
    const latest = localDate(nowSeconds + DAY, shop.timezone);
    const earliest = localDate(nowSeconds - REPORT_RETENTION_DAYS * DAY, shop.timezone);
    const from = window.from > earliest ? window.from : earliest;
    const to = window.to < latest ? window.to : latest;
    return from <= to ? { from, to } : null;
  }

  /**
   * The window's ad facts. TikTok's Marketing API failing (or not answering within the request's
   * budget) leaves the ad figures null with the reason, never the order figures: the reports go on
   * being read for the next answer.
   */
  private async adFacts(shop: ShopInfo, window: DateWindow, since?: number) {
    const none = { adRows: [], gmvMax: [], advertisers: [], campaigns: [], ads: null, adsUnknown: null };
    const { ads, adLedger } = this;
    if (!ads || !adLedger) return none;
    try {
      const unknown = await ads.unknownLinks(shop.id);
      if (unknown) return { ...none, adsUnknown: unknown };
      const read = await this.adsWithinFirstAnswer(this.readAdFacts(shop, window, ads, adLedger), since);
      return read ?? { ...none, adsUnknown: AD_REPORTS_READING };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      return { ...none, adsUnknown: `unavailable: ${error.message}; the ad figures follow once TikTok's ad reports are read` };
    }
  }

  /**
   * `reading`, or null once the window has waited `firstAnswerMs` since `since` (the request's
   * start): the ad ledger keeps the days the read goes on to fetch, so a later answer has them.
   */
  private async adsWithinFirstAnswer<T>(reading: Promise<T>, since?: number): Promise<T | null> {
    const { firstAnswerMs, adAnswerDeadline: deadline, now } = this.settings;
    if (firstAnswerMs === undefined && !deadline) return reading;
    // A read past the wait fails, if it fails, for the next window (the ad ledger backs off and serves stale).
    const first = await withinFirstAnswer(reading, { since, waitMs: firstAnswerMs ?? 0, now, deadline });
    return first === 'late' ? null : first.value;
  }

  /** An advertiser's GMV Max campaigns; none when TikTok cannot list them now (their figures stand, unnamed). */
  private async gmvMaxCampaignsOf(ads: MetricsAds, advertiserId: string): Promise<MarketingCampaign[]> {
    try {
      return (await ads.gmvMaxCampaigns(advertiserId)).campaigns;
    } catch (error) {
      if (error instanceof UpstreamError) return [];
      throw error;
    }
  }

  private async readAdFacts(shop: ShopInfo, window: DateWindow, ads: MetricsAds, adLedger: AdLedger) {
    const none = { adRows: [], gmvMax: [], advertisers: [], campaigns: [], ads: null, adsUnknown: null };
    const advertisers = await this.advertisers(shop.id);
    if (advertisers.length === 0) return none;
    const range = this.adRange(shop, window);
    if (!range) return { ...none, advertisers, ads: { asOf: this.settings.now(), stale: false } };
    const perAdvertiser = await Promise.all(
      advertisers.map(async (a) => {
        // Ad days are the advertiser's, matched to the shop's by their date label (docs/metrics.md).
        const [campaigns, report, gmvMax] = await Promise.all([
          ads.campaigns(a.advertiserId),
          adLedger.report(a, range),
          adLedger.gmvMaxReport(shop.id, a, range),
        ]);
        const deleted = new Set(campaigns.filter((c) => c.deleted).map((c) => c.campaignId));
        const rows: AdRowFact[] = report.value.map((r) => ({
          advertiserId: a.advertiserId,
          campaignId: r.campaignId,
          date: r.date,
          currency: a.currency,
          spend: r.spend,
          attributedRevenue: r.attributedRevenue,
          impressions: r.impressions,
          clicks: r.clicks,
          campaignDeleted: deleted.has(r.campaignId),
        }));
        const gmv: GmvMaxRowFact[] = gmvMax.value.map((g) => ({
          advertiserId: a.advertiserId,
          campaignId: g.campaignId,
          date: g.date,
          currency: a.currency,
          cost: g.cost,
          grossRevenue: g.grossRevenue,
        }));
        // GMV Max campaigns are not in `campaign/get/`: named from their own list when they have rows.
        const maxCampaigns = gmv.length > 0 ? await this.gmvMaxCampaignsOf(ads, a.advertiserId) : [];
        return { campaigns: [...campaigns, ...maxCampaigns], rows, gmv, fetched: [report, gmvMax] };
      }),
    );
    const fetched = perAdvertiser.flatMap((p) => p.fetched);
    return {
      adRows: perAdvertiser.flatMap((p) => p.rows),
      gmvMax: perAdvertiser.flatMap((p) => p.gmv),
      advertisers,
      campaigns: perAdvertiser.flatMap((p) => p.campaigns),
      ads: { asOf: Math.min(...fetched.map((f) => f.fetchedAt)), stale: fetched.some((f) => f.stale) },
      adsUnknown: null,
    };
  }
}
