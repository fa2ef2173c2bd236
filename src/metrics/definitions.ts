/**
 * The metric catalogue and the computation of a shop's metrics for one window, exactly as
 * metrics.md defines them.
 *
 * @see /work/shared/spec/metrics.md
 */
import { combineAggregates, type OrderAggregate, type Totals } from './day-aggregate';
import { count, difference, inCurrency, isAllZero, ratio, soleCurrency, sumByCurrency, unavailable, type Exact } from './exact';
import type { AdRowFact } from './facts';
import type { FxRateTable } from './fx';
import { roundMoney, roundRatio } from './money';

/** Every metric ShopGraph computes, in display order. */
export const METRIC_NAMES = [
  'GMV', 'ORDERS', 'AOV', 'UNITS_SOLD', 'REFUNDED_GMV', 'REFUND_RATE', 'NET_REVENUE',
  'AD_SPEND', 'ATTRIBUTED_REVENUE', 'ROAS', 'BLENDED_ROAS', 'GMV_MAX_ROI',
] as const;

/** A metric's name. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** How a metric's value is expressed: currency amount, integer count, or 6-decimal ratio. */
export type MetricUnit = 'MONEY' | 'COUNT' | 'RATIO';

/** Where a metric's data comes from (metrics.md, "Freshness and provenance"). */
export type MetricSource = 'ORDERS' | 'REPORTS' | 'ANALYTICS';

/** A catalogue entry. */
export interface MetricDefinition {
  name: MetricName;
  unit: MetricUnit;
  /** the source reported with the metric */
  source: MetricSource;
  /** every source the value reads, whose freshness (`asOf`, `stale`) the value inherits */
  dependsOn: readonly MetricSource[];
  /** the formula shown to users */
  formula: string;
  /** whether the values of disjoint windows add up to the value of their union */
  additive: boolean;
}

function entry(
  name: MetricName,
  unit: MetricUnit,
  source: MetricSource,
  formula: string,
  additive: boolean,
  dependsOn: readonly MetricSource[] = [source],
): MetricDefinition {
  return { name, unit, source, dependsOn, formula, additive };
}

/** The catalogue: unit, source and formula of every metric (metrics.md, "Definitions"). */
export const METRICS: Readonly<Record<MetricName, MetricDefinition>> = {
  GMV: entry('GMV', 'MONEY', 'ORDERS', 'Σ line-item gross (sale_price + platform_discount) of orders paid in the window', true),
  ORDERS: entry('ORDERS', 'COUNT', 'ORDERS', 'number of orders paid in the window', true),
  AOV: entry('AOV', 'MONEY', 'ORDERS', 'GMV / ORDERS', false),
  UNITS_SOLD: entry('UNITS_SOLD', 'COUNT', 'ORDERS', 'number of line items of orders paid in the window', true),
  REFUNDED_GMV: entry('REFUNDED_GMV', 'MONEY', 'ORDERS', 'Σ line-item gross of the line items named by successful refunds of orders paid in the window, each line once (refund_subtotal for a refund naming none)', true),
  REFUND_RATE: entry('REFUND_RATE', 'RATIO', 'ORDERS', 'REFUNDED_GMV / GMV', false),
  NET_REVENUE: entry('NET_REVENUE', 'MONEY', 'ORDERS', 'GMV − REFUNDED_GMV', true),
  AD_SPEND: entry('AD_SPEND', 'MONEY', 'REPORTS', 'Σ spend of the campaign × day report rows of the window, deleted campaigns included', true),
  ATTRIBUTED_REVENUE: entry('ATTRIBUTED_REVENUE', 'MONEY', 'REPORTS', 'Σ total_onsite_shopping_value of the same report rows', true),
  ROAS: entry('ROAS', 'RATIO', 'REPORTS', 'ATTRIBUTED_REVENUE / AD_SPEND', false),
  // Reported as REPORTS because ad figures are the provisional, moving part of the ratio.
  BLENDED_ROAS: entry('BLENDED_ROAS', 'RATIO', 'REPORTS', 'GMV / AD_SPEND', false, ['ORDERS', 'REPORTS']),
  GMV_MAX_ROI: entry('GMV_MAX_ROI', 'RATIO', 'REPORTS', 'Σ gross_revenue / Σ cost of the GMV Max report', false),
};

/** Sums from TikTok's GMV Max report for the window. */
export interface GmvMaxSums {
  cost: string;
  grossRevenue: string;
  currency: string;
}

/** Everything {@link computeShopMetrics} needs; all of it already restricted to the window. */
export interface ShopMetricsInput {
  /** the combined order aggregate of the window's days */
  orders: OrderAggregate;
  /** the report rows of the shop's advertisers for the window's dates */
  adRows: readonly AdRowFact[];
  /** GMV Max report sums, possibly one per currency or per day */
  gmvMax?: readonly GmvMaxSums[];
  /** the shop's currency */
  currency: string;
  /** the operator's fixed rate table, if any */
  rates?: FxRateTable;
  /** the zones the data is dated in, so the ad formulas can say when they differ */
  timeZones?: { shop: string; advertisers: readonly string[] };
}

/** One computed metric. */
export interface MetricValue {
  name: MetricName;
  unit: MetricUnit;
  /** rounded: money to the currency's minor unit, ratios to 6 decimals, counts as integers */
  value: string | null;
  /** the currency of a MONEY value */
  currency?: string;
  /** why `value` is null; null whenever `value` is not */
  nullReason: string | null;
  /** {@link MetricDefinition.formula}, plus any rate used or time-zone caveat */
  formula: string;
}

/** Every metric of a window, by name. */
export type ShopMetrics = Record<MetricName, MetricValue>;

function present(definition: MetricDefinition, exact: Exact, money: string | undefined, caveats: readonly string[]): MetricValue {
  const { name, unit, formula } = definition;
  if (unit === 'MONEY' && money === undefined) throw new Error(`${name} is money and needs a currency`);
  let value: string | null = null;
  if (exact.ok && money !== undefined) value = roundMoney(exact.value, money);
  else if (exact.ok) value = unit === 'RATIO' ? roundRatio(exact.value) : exact.value.toFixed(0);
  const nullReason = exact.ok ? null : exact.reason;
  const fullFormula = [formula, ...(exact.ok ? exact.notes : []), ...caveats].join('; ');
  return { name, unit, value, ...(money === undefined ? {} : { currency: money }), nullReason, formula: fullFormula };
}

function timeZoneCaveats(zones: ShopMetricsInput['timeZones']): string[] {
  if (zones === undefined) return [];
  const foreign = [...new Set(zones.advertisers)].filter((zone) => zone !== zones.shop);
  // metrics.md: ad days map to shop days by date label; "when the two zones differ, the ad
  // metrics' formula text says so".
  return foreign.length === 0
    ? []
    : [`ad days are dated in the advertiser time zone (${foreign.join(', ')}) and mapped to shop days (${zones.shop}) by date label`];
}

const NO_ORDERS = 'no orders in the window';
const NO_GMV = 'GMV is 0 in the window';
const NO_SPEND = 'no ad spend in the window';
const NO_GMV_MAX_COST = 'no GMV Max cost in the window';

/**
 * Computes every metric of one window (metrics.md, "Definitions"), from exact unrounded sums,
 * rounding each value only at the end.
 *
 * Money in two currencies is never added: without a fixed rate table covering them, a metric
 * that would need it is null with a reason naming the currencies. Order money is in the shop
 * currency; ad spend and attributed revenue are in the ad currency when there is exactly one
 * (converted to the shop currency otherwise); ROAS and Blended ROAS compare in the shop currency.
 *
 * @param input - the window's facts, see {@link ShopMetricsInput}
 * @returns each metric with its rounded value or the reason it is null
 * @throws InvalidDecimalError when an ad amount or a rate needed is not a plain decimal
 */
export function computeShopMetrics(input: ShopMetricsInput): ShopMetrics {
  const { currency, rates } = input;
  // Re-keying by the requested currency guarantees that an aggregate built for another
  // currency is treated as foreign money, never silently as the shop's.
  const orders = combineAggregates([input.orders], currency);
  const perCurrency: [string, Totals][] = [[currency, orders], ...Object.entries(orders.otherCurrencies)];
  const orderCount = perCurrency.reduce((n, [, totals]) => n + totals.orders, 0);
  const units = perCurrency.reduce((n, [, totals]) => n + totals.units, 0);
  const orderMoney = (key: 'gmv' | 'refundedGmv', what: string): Exact =>
    inCurrency(sumByCurrency(perCurrency, ([code]) => code, ([, totals]) => totals[key]), currency, rates, what);
  const gmv = orderMoney('gmv', 'orders');
  const refunded = orderMoney('refundedGmv', 'refunds');

  const spend = sumByCurrency(input.adRows, (row) => row.currency, (row) => row.spend);
  const attributed = sumByCurrency(input.adRows, (row) => row.currency, (row) => row.attributedRevenue);
  const adCurrency = soleCurrency(spend) ?? currency;
  // metrics.md: ROAS and Blended ROAS are null when spend is 0, before any currency question.
  const perSpend = (numerator: Exact): Exact =>
    isAllZero(spend) ? unavailable(NO_SPEND) : ratio(numerator, inCurrency(spend, currency, rates, 'ad money'), NO_SPEND);

  const gmvMax = input.gmvMax ?? [];
  const costs = sumByCurrency(gmvMax, (sums) => sums.currency, (sums) => sums.cost);
  const revenues = sumByCurrency(gmvMax, (sums) => sums.currency, (sums) => sums.grossRevenue);
  // ROI compares two figures of the same report, so one currency needs no conversion at all.
  const maxCurrency = soleCurrency(costs) ?? currency;
  const roi = isAllZero(costs)
    ? unavailable(NO_GMV_MAX_COST)
    : ratio(
        inCurrency(revenues, maxCurrency, rates, 'GMV Max revenue'),
        inCurrency(costs, maxCurrency, rates, 'GMV Max cost'),
        NO_GMV_MAX_COST,
      );

  const adCaveats = timeZoneCaveats(input.timeZones);
  const show = (name: MetricName, exact: Exact, money?: string, caveats: readonly string[] = []): MetricValue =>
    present(METRICS[name], exact, money, caveats);
  return {
    GMV: show('GMV', gmv, currency),
    ORDERS: show('ORDERS', count(orderCount)),
    AOV: show('AOV', ratio(gmv, count(orderCount), NO_ORDERS), currency),
    UNITS_SOLD: show('UNITS_SOLD', count(units)),
    REFUNDED_GMV: show('REFUNDED_GMV', refunded, currency),
    REFUND_RATE: show('REFUND_RATE', ratio(refunded, gmv, NO_GMV)),
    NET_REVENUE: show('NET_REVENUE', difference(gmv, refunded), currency),
    AD_SPEND: show('AD_SPEND', inCurrency(spend, adCurrency, rates, 'ad money'), adCurrency, adCaveats),
    ATTRIBUTED_REVENUE: show('ATTRIBUTED_REVENUE', inCurrency(attributed, adCurrency, rates, 'ad money'), adCurrency, adCaveats),
    ROAS: show('ROAS', perSpend(inCurrency(attributed, currency, rates, 'ad money')), undefined, adCaveats),
    BLENDED_ROAS: show('BLENDED_ROAS', perSpend(gmv), undefined, adCaveats),
    GMV_MAX_ROI: show('GMV_MAX_ROI', roi, undefined, adCaveats),
  };
}
