/**
 * `report/integrated/get/` and `gmv_max/report/get/`: dates INCLUSIVE in the advertiser's zone,
 * span limits by time dimension, JSON-encoded array params. Deleted campaigns' spend is left out
 * unless asked for: `campaign_status IN ["STATUS_ALL"]` (integrated, a filter array) or
 * `campaign_statuses` holding `STATUS_ALL`/`STATUS_DELETE` (GMV Max, a filter object).
 * @see docs/tiktok-api.md (report/integrated/get, GMV Max)
 */
import { invalidMarketingParam } from './codes';
import type { EmulatorStore } from './data/store';
import type { MarketingRouter } from './marketing-routes';
import { isCalendarDate, isObject, jsonParam, jsonStrings, offsetPaging, requiredParam, type Query } from './params';

/** Metrics the emulator computes for `report/integrated/get/`. */
const REPORT_METRICS: readonly string[] = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'cpc',
  'cpm',
  'conversion',
  'cost_per_conversion',
  'onsite_shopping',
  'total_onsite_shopping_value',
  'onsite_shopping_roas',
  'complete_payment',
  'total_complete_payment_rate',
  'complete_payment_roas',
];
/** Metrics the emulator computes for `gmv_max/report/get/`. */
const GMV_MAX_METRICS: readonly string[] = ['cost', 'gross_revenue', 'roi', 'orders', 'cost_per_order', 'net_cost'];
/** `filtering.campaign_statuses` of the GMV Max report (`STATUS_ALL`: bububa's GMV Max model). */
const GMV_MAX_REPORT_STATUSES = ['STATUS_ALL', 'STATUS_DELIVERY_OK', 'STATUS_DISABLE', 'STATUS_DELETE', 'STATUS_NOT_DELIVERY'];
/** `filtering.gmv_max_promotion_types` of the GMV Max report (the campaign list says `PRODUCT_GMV_MAX`). */
const GMV_MAX_REPORT_TYPES = ['PRODUCT', 'LIVE'];

/** TikTok's span limits per time dimension (days, both ends inclusive). */
const MAX_SPAN_DAYS = { stat_time_day: 30, stat_time_hour: 1, none: 365 } as const;
/** The rows the emulator serves: one per campaign and day. */
const SERVED_DIMENSIONS = ['campaign_id', 'stat_time_day'];

/** Registers the two report routes. */
export function registerMarketingReportRoutes(router: MarketingRouter, store: EmulatorStore): void {
  router.route('GET', 'report/integrated/get/', ({ query }) => {
    const advertiser = router.advertiser(query);
    if (requiredParam(query, 'report_type') !== 'BASIC') throw invalidMarketingParam('report_type: the emulator serves BASIC reports only');
    if (requiredParam(query, 'data_level') !== 'AUCTION_CAMPAIGN') throw invalidMarketingParam('data_level: the emulator serves AUCTION_CAMPAIGN only');
    const { start_date, end_date } = reportDates(query);
    const filters = reportFilters(query);
    return store.report(advertiser.advertiser_id, {
      start_date,
      end_date,
      metrics: metricsParam(query, REPORT_METRICS),
      include_deleted: filters.includeDeleted,
      campaign_ids: filters.campaignIds,
      ...offsetPaging(query, 1000),
    });
  });

  router.route('GET', 'gmv_max/report/get/', ({ query }) => {
    const advertiser = router.advertiser(query);
    const storeIds = jsonStrings(query, 'store_ids', 1);
    const storeId = storeIds?.[0];
    if (storeId === undefined) throw invalidMarketingParam('store_ids: exactly one store id is required');
    if (!store.gmvMaxStores(advertiser.advertiser_id).some((s) => s.store_id === storeId)) {
      throw invalidMarketingParam(`store_ids: store ${storeId} is not linked to advertiser ${advertiser.advertiser_id}`);
    }
    const { start_date, end_date } = reportDates(query);
    return store.gmvMaxReport(storeId, advertiser.advertiser_id, {
      start_date,
      end_date,
      metrics: metricsParam(query, GMV_MAX_METRICS),
      ...gmvMaxReportFilters(query),
      total_metrics: booleanParam(query, 'enable_total_metrics'),
      ...offsetPaging(query, 1000),
    });
  });
}

/** `start_date`/`end_date` plus the span rule of the requested time dimension. */
function reportDates(query: Query): { start_date: string; end_date: string } {
  const start = requiredParam(query, 'start_date');
  const end = requiredParam(query, 'end_date');
  if (!isCalendarDate(start) || !isCalendarDate(end)) throw invalidMarketingParam('start_date/end_date: expected YYYY-MM-DD');
  if (start > end) throw invalidMarketingParam('start_date: must not be after end_date');
  const dimensions = jsonStrings(query, 'dimensions', 10);
  if (!dimensions || dimensions.length === 0) throw invalidMarketingParam('dimensions: required');
  const time = dimensions.includes('stat_time_hour') ? 'stat_time_hour' : dimensions.includes('stat_time_day') ? 'stat_time_day' : 'none';
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_SPAN_DAYS[time]) {
    throw invalidMarketingParam(
      `start_date/end_date: the range may span at most ${MAX_SPAN_DAYS[time]} days with ${time === 'none' ? 'no time dimension' : time}`,
    );
  }
  // Other dimension sets are valid at TikTok but not served here; refusing beats answering wrongly.
  if (dimensions.length !== SERVED_DIMENSIONS.length || !SERVED_DIMENSIONS.every((d) => dimensions.includes(d))) {
    throw invalidMarketingParam('dimensions: the emulator serves ["campaign_id","stat_time_day"] only');
  }
  return { start_date: start, end_date: end };
}

/**
 * `filtering` of the GMV Max report: a JSON OBJECT (`campaign_ids` ≤ 100, `campaign_statuses`,
 * `gmv_max_promotion_types`); without `campaign_statuses` deleted campaigns are left out.
 */
function gmvMaxReportFilters(query: Query): { campaign_statuses?: string[]; campaign_ids?: string[]; promotion_types?: string[] } {
  const filtering = jsonParam(query, 'filtering') ?? {};
  if (!isObject(filtering)) throw invalidMarketingParam('filtering: expected a JSON object');
  const unknown = Object.keys(filtering).find((k) => !['campaign_ids', 'campaign_statuses', 'gmv_max_promotion_types'].includes(k));
  if (unknown !== undefined) throw invalidMarketingParam(`filtering: ${unknown} is not supported by the emulator`);
  return {
    campaign_statuses: enumList(filtering.campaign_statuses, 'campaign_statuses', GMV_MAX_REPORT_STATUSES),
    campaign_ids: stringList(filtering.campaign_ids, 'campaign_ids', 100),
    promotion_types: enumList(filtering.gmv_max_promotion_types, 'gmv_max_promotion_types', GMV_MAX_REPORT_TYPES),
  };
}

/** An optional array of strings inside `filtering`. */
export function stringList(value: unknown, name: string, max: number): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
    throw invalidMarketingParam(`filtering.${name}: expected an array of strings`);
  if (value.length > max) throw invalidMarketingParam(`filtering.${name}: at most ${max} values`);
  return value;
}

/** An optional array of enum values inside `filtering`. */
export function enumList(value: unknown, name: string, allowed: readonly string[]): string[] | undefined {
  const list = stringList(value, name, allowed.length);
  const bad = list?.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw invalidMarketingParam(`filtering.${name}: invalid value ${bad}`);
  return list;
}

/** An optional boolean query param (`true`/`false`). */
function booleanParam(query: Query, name: string): boolean {
  const raw = query[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw invalidMarketingParam(`${name}: expected true or false`);
}

function metricsParam(query: Query, known: readonly string[]): string[] {
  const metrics = jsonStrings(query, 'metrics', 100);
  if (!metrics || metrics.length === 0) throw invalidMarketingParam('metrics: required');
  const unknown = metrics.find((m) => !known.includes(m));
  if (unknown !== undefined) throw invalidMarketingParam(`metrics: invalid metric ${unknown}`);
  return metrics;
}

/**
 * `filtering` of the integrated report: a JSON ARRAY of `{field_name, filter_type, filter_value}`
 * whose `filter_value` is itself JSON text (`"[\"STATUS_ALL\"]"`).
 */
function reportFilters(query: Query): { includeDeleted: boolean; campaignIds?: string[] } {
  const filtering = jsonParam(query, 'filtering') ?? [];
  if (!Array.isArray(filtering)) throw invalidMarketingParam('filtering: expected a JSON array of filters');
  const result: { includeDeleted: boolean; campaignIds?: string[] } = { includeDeleted: false };
  for (const filter of filtering) {
    if (!isObject(filter) || typeof filter.field_name !== 'string' || filter.filter_type !== 'IN') {
      throw invalidMarketingParam('filtering: each filter needs field_name and filter_type IN');
    }
    const values = filterValues(filter.filter_value, filter.field_name);
    if (filter.field_name === 'campaign_status') result.includeDeleted = values.includes('STATUS_ALL');
    else if (filter.field_name === 'campaign_ids') result.campaignIds = values;
    else throw invalidMarketingParam(`filtering: field_name ${filter.field_name} is not supported by the emulator`);
  }
  return result;
}

function filterValues(value: unknown, field: string): string[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidMarketingParam(`filtering: filter_value of ${field} is not valid JSON`);
    }
  }
  if (!Array.isArray(parsed) || !parsed.every((v): v is string => typeof v === 'string')) {
    throw invalidMarketingParam(`filtering: filter_value of ${field} must be a JSON array of strings`);
  }
  return parsed;
}
