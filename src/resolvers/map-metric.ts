import { DateTime } from 'luxon';
import type { ShopInfo } from '../datasources/shop-directory';
import type { MarketingCampaign, AdvertiserInfo } from '../datasources/marketing/schemas';
import { badUserInput } from '../errors';
import { computeShopMetrics, METRICS, type MetricValue } from '../metrics/definitions';
import type { WindowData } from '../metrics/metrics-service';
import { requestWindowProblem, windowDayCount, type DateWindow } from '../domain/window';

/** Longest window a metric may cover (three years: TikTok keeps about that much reporting). */
export { MAX_WINDOW_DAYS } from '../domain/window';
import { money, type Granularity } from '../schema/types/common';
import { roundMoney } from '../domain/money';
import { Advertiser, Campaign } from '../schema/types/campaign';
import { Metric, MetricCoverage, MetricName, MetricSource, MetricUnit, ShopMetrics } from '../schema/types/metric';
import type { WindowCoverage } from '../metrics/ledger/backfill-steps';
import { metricsInput } from '../metrics/metrics-input';
import { toShop } from './map-shop';

/** A ShopMetrics object plus the facts its nested fields (series, topProducts...) compute from. */
export type ShopMetricsResult = ShopMetrics & { data: WindowData; values: Record<MetricName, Metric>; granularity: Granularity };

/**
 * Validates a range argument, naming it in the error: real dates, in order, at most
 * MAX_WINDOW_DAYS, and within what can exist (from 2020-01-01 to tomorrow; see `EARLIEST_DATE`).
 * Refused here, before anything runs, a window can never make a ledger fill days without data.
 */
export function checkRange(range: DateWindow, argumentName = 'range'): DateWindow {
  const problem = requestWindowProblem(range);
  if (problem) throw badUserInput(argumentName, problem.message);
  return { from: range.from, to: range.to };
}

/** A computed value in the shape every metric calculator returns. */
export interface ComputedValue {
  name: string;
  unit: string;
  value: string | null;
  currency?: string;
  nullReason: string | null;
  formula: string;
}

/**
 * The graph's Metric for a computed value: `asOf` is the oldest of the sources it read, `stale`
 * when any of them was served stale.
 */
export function metricObject(value: ComputedValue, source: string, sources: readonly { asOf: number; stale: boolean }[], provisional: boolean): Metric {
  return Object.assign(new Metric(), {
    name: value.name as MetricName,
    unit: value.unit as MetricUnit,
    value: value.value,
    money: value.unit === 'MONEY' && value.value !== null && value.currency ? money(value.value, value.currency) : null,
    nullReason: value.nullReason,
    formula: value.formula,
    source: source as MetricSource,
    asOf: new Date(Math.min(...sources.map((s) => s.asOf))),
    stale: sources.some((s) => s.stale),
    provisional,
  });
}

/**
 * Shapes a computed value into the graph's Metric with its provenance and freshness. A value that
 * reads orders, over days the order ledger does not hold yet, is null with the reason and
 * provisional: never a short sum that reads like a drop in sales (docs/metrics.md, "Coverage").
 */
export function toMetric(value: MetricValue, data: WindowData, bucketTo: string = data.window.to, bucketFrom: string = data.window.from): Metric {
  const definition = METRICS[value.name];
  const sources = definition.dependsOn.map((s) => (s === 'ORDERS' ? data.orders : (data.ads ?? data.orders)));
  const partial = definition.dependsOn.includes('ORDERS') ? uncovered(data, bucketFrom, bucketTo) : null;
  const provisional = partial !== null || (definition.dependsOn.includes('REPORTS') && data.ads !== null && bucketTo >= data.provisionalFrom);
  return metricObject(partial === null ? value : { ...value, value: null, nullReason: partial }, definition.source, sources, provisional);
}

/** Why the order figures of days from `from` to `to` are not known yet, or null when they are. */
function uncovered(data: WindowData, from: string, to: string): string | null {
  const { coverage } = data;
  if (coverage.complete || (coverage.from !== null && coverage.to !== null && coverage.from <= from && to <= coverage.to)) return null;
  const sofar =
    coverage.from === null
      ? 'no day of the window yet'
      : `${coverage.days} of the window's ${windowDayCount(data.window)} days so far, ${coverage.from} to ${coverage.to}`;
  return `the shop's order history is still being read: ${sofar}; the figure is given once every day of the window is read`;
}

/** The graph's coverage object. */
export function toCoverage(coverage: WindowCoverage): MetricCoverage {
  return Object.assign(new MetricCoverage(), { from: coverage.from, to: coverage.to, days: coverage.days, share: coverage.share, complete: coverage.complete });
}

/** Builds the ShopMetrics answer of one shop and window. */
export function toShopMetrics(shop: ShopInfo, data: WindowData, rates: Record<string, string>): Omit<ShopMetricsResult, 'granularity'> {
  const computed = computeShopMetrics(metricsInput(data, rates));
  const values = Object.fromEntries(Object.values(computed).map((v) => [v.name, toMetric(v, data)])) as Record<MetricName, Metric>;
  return Object.assign(new ShopMetrics(), {
    shop: toShop(shop),
    from: data.window.from,
    to: data.window.to,
    coverage: toCoverage(data.coverage),
    timezone: shop.timezone,
    currency: shop.currency,
    gmv: values.GMV,
    orders: values.ORDERS,
    aov: values.AOV,
    unitsSold: values.UNITS_SOLD,
    refundedGmv: values.REFUNDED_GMV,
    refundRate: values.REFUND_RATE,
    netRevenue: values.NET_REVENUE,
    adSpend: values.AD_SPEND,
    attributedRevenue: values.ATTRIBUTED_REVENUE,
    roas: values.ROAS,
    blendedRoas: values.BLENDED_ROAS,
    data,
    values,
  });
}

export function toAdvertiser(a: AdvertiserInfo): Advertiser {
  return Object.assign(new Advertiser(), { id: a.advertiserId, name: a.name, currency: a.currency, timezone: a.displayTimezone });
}

/** TikTok's `"YYYY-MM-DD HH:MM:SS"` in the advertiser's zone, as an instant. */
function adTime(text: string, zone: string): Date | null {
  const parsed = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm:ss', { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

export function toCampaign(c: MarketingCampaign, advertiser: AdvertiserInfo | undefined): Campaign {
  const currency = advertiser?.currency ?? 'USD';
  const zone = advertiser?.displayTimezone ?? 'UTC';
  return Object.assign(new Campaign(), {
    id: c.campaignId,
    advertiserId: c.advertiserId,
    name: c.name,
    objective: c.objectiveType || null,
    status: c.deleted ? 'CAMPAIGN_STATUS_DELETE' : c.secondaryStatus || c.operationStatus,
    budget: c.budget === null || c.budgetMode === 'BUDGET_MODE_INFINITE' ? null : money(roundMoney(c.budget, currency), currency),
    createdAt: adTime(c.createTime, zone),
    updatedAt: adTime(c.modifyTime, zone),
    currency,
    timezone: zone,
  });
}
