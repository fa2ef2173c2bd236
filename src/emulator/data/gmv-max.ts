/**
 * GMV Max, the Shop-ads campaign type most sellers have had since July 2025, in its own endpoints
 * (docs/tiktok-api.md, GMV Max): `gmv_max/campaign/get/` lists its campaigns and
 * `gmv_max/report/get/` reports them by campaign × day for one store. Neither `campaign/get/` nor
 * the BASIC integrated report shows them (`ads-report.ts`).
 *
 * A report day's `cost` is the campaign's spend; `gross_revenue` and `orders` count EVERY order of
 * the promoted products that day (organic ones too), dated as Shop analytics date them; `roi` is
 * gross revenue over cost. Money has the advertiser currency's decimals (`"15.00"`, `"200000"`).
 */
import { datesBetween } from './dates';
import { D, type Dec, minorUnits } from './money';
import { dayStats, offsetPage, SalesByDay, statDay } from './ads-report';
import type { MarketingCampaignRaw, ReportRowRaw } from './shapes';
import type { AdvertiserState, CampaignPlan, ShopState } from './state';
import type { GmvMaxCampaignFilter, GmvMaxReportQuery, OffsetPage, RecordedAdvertiser } from './store-types';

/** A GMV Max campaign's primary status, from its secondary status. */
function primaryStatus(raw: MarketingCampaignRaw): string {
  switch (raw.secondary_status) {
    case 'CAMPAIGN_STATUS_DELETE':
      return 'STATUS_DELETE';
    case 'CAMPAIGN_STATUS_DISABLE':
      return 'STATUS_DISABLE';
    case 'CAMPAIGN_STATUS_ENABLE':
      return 'STATUS_DELIVERY_OK';
    default:
      return raw.operation_status === 'DISABLE' ? 'STATUS_DISABLE' : 'STATUS_NOT_DELIVERY';
  }
}

/** `campaign_statuses` of the report: absent keeps every status but deleted; STATUS_ALL keeps all. */
function statusWanted(statuses: readonly string[] | undefined, status: string): boolean {
  if (!statuses || statuses.length === 0) return status !== 'STATUS_DELETE';
  return statuses.includes('STATUS_ALL') || statuses.includes(status);
}

/** The GMV Max campaigns of an advertiser. */
export function gmvMaxPlans(adv: AdvertiserState): CampaignPlan[] {
  return adv.campaigns.filter((c) => c.kind === 'GMV_MAX');
}

/**
 * `GET gmv_max/campaign/get/`: newest first. Deleted campaigns only with `primary_status:
 * STATUS_DELETE` (like `campaign/get/`, whose deleted campaigns need asking for; a recorded list
 * asked without it leaves its deleted campaign out). `campaign_name` matches in part.
 */
export function listGmvMaxCampaigns(adv: AdvertiserState, f: GmvMaxCampaignFilter, o: { page: number; pageSize: number }): OffsetPage<MarketingCampaignRaw> {
  const types = new Set(f.promotion_types.map((t) => t.replace(/_GMV_MAX$/, '')));
  const list = gmvMaxPlans(adv)
    .map((c) => c.raw)
    .filter((c) => {
      const status = primaryStatus(c);
      return (
        (f.primary_status === undefined ? status !== 'STATUS_DELETE' : status === f.primary_status) &&
        types.has(c.shopping_ads_type ?? 'PRODUCT') &&
        (!f.store_ids || (c.store_id !== undefined && f.store_ids.includes(c.store_id))) &&
        (!f.campaign_ids || f.campaign_ids.includes(c.campaign_id)) &&
        (f.campaign_name === undefined || c.campaign_name.toLowerCase().includes(f.campaign_name.toLowerCase())) &&
        (f.created_after === undefined || c.create_time >= f.created_after) &&
        (f.created_before === undefined || c.create_time <= f.created_before)
      );
    });
  list.sort((a, b) => (a.create_time < b.create_time ? 1 : a.create_time > b.create_time ? -1 : a.campaign_id < b.campaign_id ? -1 : 1));
  return offsetPage(list, o.page, o.pageSize);
}

/** Report metric values of one campaign-day in the advertiser's currency. */
function metricValues(cost: Dec, gross: Dec, orders: number, currency: string): Record<string, string> {
  const places = minorUnits(currency);
  return {
    cost: cost.toFixed(places),
    gross_revenue: gross.toFixed(places),
    orders: String(orders),
    roi: cost.isZero() ? '-' : gross.div(cost).toFixed(2),
    cost_per_order: orders === 0 ? '-' : cost.div(orders).toFixed(places),
    net_cost: cost.toFixed(places),
  };
}

/** Generated rows (every metric): each GMV Max campaign-day of this advertiser on the store with delivery. */
function generatedRows(
  seed: string,
  adv: AdvertiserState,
  shop: ShopState,
  now: number,
  q: GmvMaxReportQuery,
  wanted: (c: MarketingCampaignRaw) => boolean,
): ReportRowRaw[] {
  const plans = gmvMaxPlans(adv).filter((c) => c.shopId === shop.shop.id && wanted(c.raw));
  if (plans.length === 0) return [];
  const sales = new SalesByDay(shop, adv.advertiser.display_timezone);
  return plans.flatMap((c) => {
    const promoted = new Set(c.productIds);
    return datesBetween(q.start_date, q.end_date).flatMap((date): ReportRowRaw[] => {
      const s = dayStats(seed, adv, c, date, now, sales);
      if (!s) return [];
      const { gross, orders } = sales.of(date, promoted);
      return [
        {
          dimensions: { campaign_id: c.raw.campaign_id, stat_time_day: statDay(date) },
          metrics: metricValues(s.spend, gross, orders, adv.advertiser.currency),
        },
      ];
    });
  });
}

const pick = (values: Record<string, string>, metrics: readonly string[]): Record<string, string> =>
  Object.fromEntries(metrics.map((m) => [m, values[m] ?? '-']));

/**
 * `GET gmv_max/report/get/` for one store: rows of the advertiser's GMV Max campaigns there
 * (recorded rows as recorded), filtered by date, campaign, promotion type and campaign status —
 * deleted campaigns' cost only when `campaign_statuses` asks for them.
 */
export function gmvMaxReport(
  seed: string,
  adv: AdvertiserState,
  recorded: RecordedAdvertiser | undefined,
  shop: ShopState,
  now: number,
  q: GmvMaxReportQuery,
): OffsetPage<ReportRowRaw> & { total_metrics?: Record<string, string> } {
  const byId = new Map(gmvMaxPlans(adv).map((c) => [c.raw.campaign_id, c.raw]));
  const deleted = new Set(recorded?.deletedGmvMaxCampaignIds ?? []);
  const types = q.promotion_types && new Set(q.promotion_types);
  const wantedId = (id: string): boolean => {
    const raw = byId.get(id);
    const status = raw ? primaryStatus(raw) : deleted.has(id) ? 'STATUS_DELETE' : 'STATUS_DELIVERY_OK';
    return (
      statusWanted(q.campaign_statuses, status) &&
      (!q.campaign_ids || q.campaign_ids.includes(id)) &&
      (!types || (raw !== undefined && types.has(raw.shopping_ads_type ?? 'PRODUCT')))
    );
  };
  // A recorded advertiser reports only what was recorded (nothing for a store without rows).
  const recordedRows = recorded?.gmvMaxRows ? (recorded.gmvMaxRows[shop.shop.id] ?? []) : undefined;
  // TikTok sorts only when asked (`sort_field`): recorded rows keep their recorded order,
  // generated ones come by day, then campaign.
  const rows = recordedRows
    ? recordedRows.filter(
        (r) => wantedId(r.dimensions.campaign_id) && r.dimensions.stat_time_day >= statDay(q.start_date) && r.dimensions.stat_time_day <= statDay(q.end_date),
      )
    : generatedRows(seed, adv, shop, now, q, (c) => wantedId(c.campaign_id)).sort((a, b) =>
        a.dimensions.stat_time_day < b.dimensions.stat_time_day
          ? -1
          : a.dimensions.stat_time_day > b.dimensions.stat_time_day
            ? 1
            : a.dimensions.campaign_id < b.dimensions.campaign_id
              ? -1
              : 1,
      );
  const page = offsetPage(
    rows.map((r) => ({ dimensions: r.dimensions, metrics: pick(r.metrics, q.metrics) })),
    q.page,
    q.pageSize,
  );
  return q.total_metrics ? { ...page, total_metrics: totals(rows, q.metrics, adv.advertiser.currency) } : page;
}

/** `total_metrics`: sums over every row (of every page); ratios recomputed from the sums. */
function totals(rows: readonly ReportRowRaw[], metrics: readonly string[], currency: string): Record<string, string> {
  const add = (name: string): Dec =>
    rows.reduce((acc, r) => {
      const v = r.metrics[name];
      return v === undefined || v === '-' ? acc : acc.plus(v);
    }, new D(0));
  const orders = rows.reduce((n, r) => n + (Number(r.metrics.orders) || 0), 0);
  return pick(metricValues(add('cost'), add('gross_revenue'), orders, currency), metrics);
}
