/**
 * Shapes TikTok's analytics rows into the graph's Metrics, videos and LIVE sessions. Every value is
 * exact: money rounded half-even to the currency, ratios to 6 places (docs/metrics.md). Analytics lag,
 * so each Metric's `asOf` is the end of the last day TikTok had published, and a figure whose
 * window reaches past that day is `provisional`; days not yet published are no error.
 * @see docs/metrics.md
 */
import { DateTime } from 'luxon';
import type { AnalyticsAnswer } from '../datasources/analytics-data';
import type { LiveSessionPerformance, VideoPerformance } from '../datasources/partner/schemas';
import { badUserInput } from '../errors';
import { METRIC_NAMES, type MetricName as CoreMetricName } from '../metrics/definitions';
import { divide, parseDecimal, roundMoney, roundRatio, type Decimal } from '../domain/money';
import type { DateWindow } from '../domain/window';
import { fromUnixSeconds } from '../schema/scalars';
import { money } from '../schema/types/common';
import { ContentProduct, LiveSession, Video } from '../schema/types/content';
import { Metric, MetricName, MetricSource, MetricUnit } from '../schema/types/metric';

/** How far TikTok had published and how fresh our copy is, for Metrics built on its answers. */
export interface Basis {
  latestAvailableDate: string;
  fetchedAt: number;
  stale: boolean;
  timezone: string;
}

/** The basis of several answers: the least published, the oldest, stale if any is. */
export function basisOf(timezone: string, ...answers: Omit<AnalyticsAnswer<unknown>, 'value'>[]): Basis {
  return {
    latestAvailableDate: answers.map((a) => a.latestAvailableDate).sort()[0] ?? '0000-01-01',
    fetchedAt: Math.min(...answers.map((a) => a.fetchedAt)),
    stale: answers.some((a) => a.stale),
    timezone,
  };
}

/** Whether any day of the window is published. */
export function published(basis: Basis, window: DateWindow): boolean {
  return window.from <= basis.latestAvailableDate;
}

/** Why a window without any published day has no value. */
export function unpublished(basis: Basis, window: DateWindow): string {
  return `TikTok has not published ${window.from}..${window.to} yet (latest available date ${basis.latestAvailableDate})`;
}

/** What a Metric value is: a decimal or count, or why there is none. */
export type Figure = { value: Decimal } | { nullReason: string };

/** A count as a figure, or the reason when TikTok gave none. */
export const countFigure = (n: number | null | undefined, missing: string): Figure =>
  n === null || n === undefined ? { nullReason: missing } : { value: parseDecimal(String(n)) };

/** `dividend / divisor`, or why not. */
export function ratioFigure(dividend: Figure, divisor: Figure, zeroReason: string): Figure {
  if ('nullReason' in dividend) return dividend;
  if ('nullReason' in divisor) return divisor;
  const value = divide(dividend.value, divisor.value);
  return value === null ? { nullReason: zeroReason } : { value };
}

/** A Metric from TikTok's analytics over a window (or one bucket of it, ending `to`). */
export function analyticsMetric(
  name: MetricName,
  unit: MetricUnit,
  figure: Figure,
  meta: { formula: string; basis: Basis; to: string; currency?: string },
): Metric {
  let value: string | null = null;
  if ('value' in figure)
    value =
      unit === MetricUnit.RATIO
        ? roundRatio(figure.value)
        : unit === MetricUnit.MONEY
          ? roundMoney(figure.value, meta.currency ?? 'USD')
          : figure.value.toFixed(0);
  const asOf = DateTime.fromISO(meta.basis.latestAvailableDate, { zone: meta.basis.timezone }).plus({ days: 1 }).startOf('day');
  return Object.assign(new Metric(), {
    name,
    unit,
    value,
    money: unit === MetricUnit.MONEY && value !== null && meta.currency ? money(value, meta.currency) : null,
    nullReason: 'nullReason' in figure ? figure.nullReason : null,
    formula: meta.formula,
    source: MetricSource.ANALYTICS,
    // The end of the last published day: what TikTok's figures reflect.
    asOf: asOf.isValid ? asOf.toJSDate() : new Date(meta.basis.fetchedAt),
    stale: meta.basis.stale,
    provisional: meta.to > meta.basis.latestAvailableDate,
  });
}

/** A video list row as the graph's Video. */
export function toVideo(shopId: string, v: VideoPerformance): Video {
  const posted = v.video_post_time ? DateTime.fromISO(v.video_post_time, { zone: 'UTC' }) : null;
  return Object.assign(new Video(), {
    id: v.id,
    title: v.title,
    creatorUsername: v.username,
    postedAt: posted?.isValid ? posted.toJSDate() : null,
    views: v.views,
    clickThroughRate: v.click_through_rate === undefined ? null : roundRatio(v.click_through_rate),
    gmv: money(roundMoney(v.gmv.amount, v.gmv.currency), v.gmv.currency),
    skuOrders: v.sku_orders,
    unitsSold: v.units_sold,
    products: v.products.map((p) => Object.assign(new ContentProduct(), { id: p.id, name: p.name, shopId })),
  });
}

/** A LIVE list row as the graph's LiveSession. */
export function toLiveSession(l: LiveSessionPerformance): LiveSession {
  const s = l.sales_performance;
  const seconds = Math.max(0, l.end_time - l.start_time);
  const perHour = divide(parseDecimal(s.gmv.amount).times(3600), parseDecimal(String(seconds)));
  return Object.assign(new LiveSession(), {
    id: l.id,
    title: l.title,
    creatorUsername: l.username,
    startedAt: fromUnixSeconds(l.start_time),
    endedAt: fromUnixSeconds(l.end_time),
    durationSeconds: seconds,
    gmv: money(roundMoney(s.gmv.amount, s.gmv.currency), s.gmv.currency),
    gmvPerHour: perHour === null ? null : money(roundMoney(perHour, s.gmv.currency), s.gmv.currency),
    productsAdded: s.products_added ?? null,
    differentProductsSold: s.different_products_sold ?? null,
    skuOrders: s.sku_orders ?? null,
    unitsSold: unitsOf(l),
  });
}

/** Units of a LIVE row: `units_sold`, or `unit_sold` as version 202508 names it. */
export function unitsOf(l: LiveSessionPerformance): number | null {
  return l.sales_performance.units_sold ?? l.sales_performance.unit_sold ?? null;
}

/**
 * A name `ShopMetrics.metric`/`series` computes from orders and ad reports; the names of TikTok
 * Analytics figures are refused there, naming the fields that serve them.
 */
/** Metrics computed from settlements, served by their own ShopMetrics fields. */
const FINANCE_NAMES: ReadonlySet<string> = new Set(['FEES', 'SETTLEMENT', 'TAKE_RATE', 'COGS', 'CONTRIBUTION_MARGIN', 'PROFIT_ROAS']);

export function coreMetricName(name: MetricName, argumentName: string): CoreMetricName {
  if ((METRIC_NAMES as readonly string[]).includes(name)) return name as CoreMetricName;
  if (FINANCE_NAMES.has(name)) {
    throw badUserInput(argumentName, `${name} is a finance figure: ask ShopMetrics.fees, settlement, takeRate, cogs, contributionMargin or profitRoas`);
  }
  throw badUserInput(
    argumentName,
    `${name} is a TikTok Analytics figure: ask ShopMetrics.channels, analyticsGmv, productImpressions, pageViews, buyers or conversionRate`,
  );
}
