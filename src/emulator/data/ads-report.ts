/**
 * Marketing API reads: campaign listing and the integrated (BASIC) report; GMV Max has its own
 * endpoints (`gmv-max.ts`) and is absent from both. A campaign-day's figures are a pure function of
 * the seed, the campaign and the date, computed on demand; only the share of a day TikTok has
 * processed (data lags ~11 hours) shows, and Shop purchases of the last 7 days are still accruing
 * (attribution window).
 * @see docs/tiktok-api.md
 */
import { datesBetween, DAY, dayStart, localDate } from './dates';
import { D, type Dec, minorUnits } from './money';
import { countedAt, lineGross } from './analytics';
import { Rng } from './rng';
import type { MarketingCampaignRaw, MarketingPageInfo, PartnerOrder, ReportRowRaw } from './shapes';
import type { AdvertiserState, CampaignPlan, ShopState } from './state';
import type { OffsetPage, ReportQuery } from './store-types';

const LAG = 11 * 3600;
const ATTRIBUTION_DAYS = 7;

/** One campaign-day. */
export interface DayStats {
  spend: Dec;
  impressions: number;
  clicks: number;
  conversion: number;
  /** Shop purchases and their value; null for campaigns that do not sell on TikTok Shop. */
  purchases: number | null;
  value: Dec | null;
}

/**
 * A shop's orders by local date in one zone (the advertiser's): paid orders by payment, cash on
 * delivery orders by creation, as TikTok's Shop analytics count them (a COD order has no
 * `paid_time` until the courier collects).
 */
export class SalesByDay {
  private readonly byDate = new Map<string, PartnerOrder[]>();

  constructor(shop: ShopState, zone: string) {
    for (const o of shop.orders.values()) {
      const at = countedAt(o);
      if (at === undefined) continue;
      const date = localDate(at, zone);
      const list = this.byDate.get(date);
      if (list) list.push(o);
      else this.byDate.set(date, [o]);
    }
  }

  /** Line-item gross and order count of a day, only counting lines of `products` when given. */
  of(date: string, products?: ReadonlySet<string>): { gross: Dec; orders: number } {
    let gross = new D(0);
    let orders = 0;
    for (const o of this.byDate.get(date) ?? []) {
      const lines = products ? o.line_items.filter((l) => products.has(l.product_id)) : o.line_items;
      if (lines.length === 0) continue;
      orders++;
      gross = lines.reduce((acc, l) => acc.plus(lineGross(l)), gross);
    }
    return { gross, orders };
  }
}

/**
 * The campaign-day, or undefined when the campaign did not deliver or TikTok has not processed
 * the day yet. With `sales` (the shop's, in the advertiser's currency) attributed Shop revenue is
 * a share of the real orders, so it never exceeds what the shop sold; without, it is synthetic.
 */
export function dayStats(seed: string, adv: AdvertiserState, c: CampaignPlan, date: string, now: number, sales?: SalesByDay): DayStats | undefined {
  if (date < c.firstDay || (c.lastDay !== undefined && date > c.lastDay)) return undefined;
  const zone = adv.advertiser.display_timezone;
  const visible = Math.min(1, (now - LAG - dayStart(date, zone)) / DAY);
  if (visible <= 0) return undefined;
  const rng = new Rng(seed, 'ad-day', c.raw.campaign_id, date);
  const utilisation = 0.55 + rng.next() * 0.45;
  const places = minorUnits(adv.advertiser.currency);
  const spend = c.dailyBudget
    .times(utilisation * visible)
    .toDecimalPlaces(places, D.ROUND_HALF_EVEN)
    .plus(c.extraSpend?.get(date) ?? 0);
  const impressions = Math.round(rng.int(8000, 30000) * utilisation * visible);
  const clicks = Math.round(impressions * (0.008 + rng.next() * 0.017));
  const conversion = Math.round(clicks * (0.02 + rng.next() * 0.04));
  if (c.kind === 'TRAFFIC') return { spend, impressions, clicks, conversion, purchases: null, value: null };
  const age = Math.floor((now - dayStart(date, zone)) / DAY);
  const accrued = age >= ATTRIBUTION_DAYS ? 1 : 0.7 + (0.3 * age) / ATTRIBUTION_DAYS;
  if (sales) {
    const day = sales.of(date, c.kind === 'GMV_MAX' ? new Set(c.productIds) : undefined);
    const share = (c.kind === 'GMV_MAX' ? 0.3 + rng.next() * 0.4 : 0.05 + rng.next() * 0.15) * accrued;
    const value = day.gross.times(share).toDecimalPlaces(places, D.ROUND_DOWN);
    return { spend, impressions, clicks, conversion, purchases: Math.min(day.orders, Math.ceil(day.orders * share)), value };
  }
  const purchases = Math.round(clicks * (0.015 + rng.next() * 0.035) * accrued);
  const aov = c.dailyBudget.div(3 + rng.next() * 5);
  return { spend, impressions, clicks, conversion, purchases, value: aov.times(purchases).toDecimalPlaces(places, D.ROUND_HALF_EVEN) };
}

/** TikTok writes money metrics with three decimals (`"20.000"`) and counts as integers. */
const amount = (d: Dec): string => d.toFixed(3);
const ratio = (n: Dec, d: Dec | number): string => (new D(d).isZero() ? '-' : n.div(d).toFixed(3));

function metricValue(name: string, s: DayStats): string {
  switch (name) {
    case 'spend':
      return amount(s.spend);
    case 'impressions':
      return String(s.impressions);
    case 'clicks':
      return String(s.clicks);
    case 'conversion':
      return String(s.conversion);
    case 'ctr':
      return s.impressions ? new D(s.clicks * 100).div(s.impressions).toFixed(2) : '-';
    case 'cpc':
      return ratio(s.spend, s.clicks);
    case 'cpm':
      return ratio(s.spend.times(1000), s.impressions);
    case 'cost_per_conversion':
      return ratio(s.spend, s.conversion);
    case 'onsite_shopping':
      return s.purchases === null ? '-' : String(s.purchases);
    case 'total_onsite_shopping_value':
      return s.value === null ? '-' : amount(s.value);
    case 'onsite_shopping_roas':
      return s.value === null ? '-' : ratio(s.value, s.spend);
    default:
      return '-'; // web-conversion metrics: these campaigns send no pixel events
  }
}

export function offsetPage<T>(all: T[], page: number, pageSize: number): OffsetPage<T> {
  const info: MarketingPageInfo = { page, page_size: pageSize, total_number: all.length, total_page: Math.ceil(all.length / pageSize) };
  return { list: all.slice((page - 1) * pageSize, page * pageSize), page_info: info };
}

const PRIMARY: Readonly<Record<string, (c: MarketingCampaignRaw) => boolean>> = {
  STATUS_ALL: () => true,
  STATUS_NOT_DELETE: (c) => c.secondary_status !== 'CAMPAIGN_STATUS_DELETE',
  STATUS_DELETE: (c) => c.secondary_status === 'CAMPAIGN_STATUS_DELETE',
  STATUS_DELIVERY_OK: (c) => c.secondary_status === 'CAMPAIGN_STATUS_ENABLE',
  STATUS_DISABLE: (c) => c.secondary_status === 'CAMPAIGN_STATUS_DISABLE',
};

/** Standard (non-GMV Max) campaigns: the only ones `campaign/get/` and the BASIC report know. */
function standard(adv: AdvertiserState): CampaignPlan[] {
  return adv.campaigns.filter((c) => c.kind !== 'GMV_MAX');
}

/** `GET campaign/get/`: newest first; deleted campaigns only when asked for; never GMV Max. */
export function listCampaigns(
  adv: AdvertiserState,
  f: { campaign_ids?: string[]; include_deleted: boolean; primary_status?: string },
  o: { page: number; pageSize: number },
): OffsetPage<MarketingCampaignRaw> {
  const ids = f.campaign_ids && new Set(f.campaign_ids);
  const status = PRIMARY[f.primary_status ?? ''] ?? (() => true);
  const list = standard(adv)
    .map((c) => c.raw)
    .filter((c) => (f.include_deleted || c.secondary_status !== 'CAMPAIGN_STATUS_DELETE') && (!ids || ids.has(c.campaign_id)) && status(c));
  list.sort((a, b) => (a.create_time < b.create_time ? 1 : a.create_time > b.create_time ? -1 : a.campaign_id < b.campaign_id ? -1 : 1));
  return offsetPage(list, o.page, o.pageSize);
}

/** `stat_time_day` of a date: midnight in the advertiser's zone, as TikTok writes it. */
export const statDay = (date: string): string => `${date} 00:00:00`;

/** `GET report/integrated/get/` at campaign × day: rows with at least some delivery; no GMV Max. */
export function integratedReport(seed: string, adv: AdvertiserState, shops: ShopState[], now: number, q: ReportQuery): OffsetPage<ReportRowRaw> {
  const ids = q.campaign_ids && new Set(q.campaign_ids);
  const deleted = new Set(
    standard(adv)
      .filter((c) => c.raw.secondary_status === 'CAMPAIGN_STATUS_DELETE')
      .map((c) => c.raw.campaign_id),
  );
  const wanted = (campaignId: string): boolean => (q.include_deleted || !deleted.has(campaignId)) && (!ids || ids.has(campaignId));
  let rows: ReportRowRaw[];
  if (adv.recordedRows) {
    rows = adv.recordedRows
      .filter(
        (r) => wanted(r.dimensions.campaign_id) && r.dimensions.stat_time_day >= statDay(q.start_date) && r.dimensions.stat_time_day <= statDay(q.end_date),
      )
      .map((r) => ({ dimensions: r.dimensions, metrics: Object.fromEntries(q.metrics.map((m) => [m, r.metrics[m] ?? '-'])) }));
  } else {
    const shop = shops.find((x) => adv.advertiser.shop_ids.includes(x.shop.id));
    const sales = shop && shop.shop.currency === adv.advertiser.currency ? new SalesByDay(shop, adv.advertiser.display_timezone) : undefined;
    rows = datesBetween(q.start_date, q.end_date).flatMap((date) =>
      standard(adv)
        .filter((c) => wanted(c.raw.campaign_id))
        .flatMap((c) => {
          const s = dayStats(seed, adv, c, date, now, sales);
          if (!s || (s.spend.isZero() && s.impressions === 0)) return [];
          return [
            {
              dimensions: { campaign_id: c.raw.campaign_id, stat_time_day: statDay(date) },
              metrics: Object.fromEntries(q.metrics.map((m) => [m, metricValue(m, s)])),
            },
          ];
        }),
    );
  }
  // TikTok sorts only when asked: recorded rows keep their recorded order, generated ones come
  // by day, then campaign.
  if (!adv.recordedRows) {
    rows.sort((a, b) =>
      a.dimensions.stat_time_day < b.dimensions.stat_time_day
        ? -1
        : a.dimensions.stat_time_day > b.dimensions.stat_time_day
          ? 1
          : a.dimensions.campaign_id < b.dimensions.campaign_id
            ? -1
            : 1,
    );
  }
  return offsetPage(rows, q.page, q.pageSize);
}
