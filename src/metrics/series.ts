/**
 * Metric series: a window split into DAY, WEEK (ISO, Monday first) or MONTH buckets clipped to
 * the window (docs/metrics.md, "The window"), each bucket computed exactly like a window of its own.
 * Additive metrics (`METRICS[name].additive`) of the buckets therefore add up to
 * the window's total; ratios are recomputed per bucket from its exact sums, never averaged.
 *
 * @see docs/metrics.md
 */
import { combineAggregates, type OrderAggregate } from './day-aggregate';
import { computeShopMetrics, type MetricName, type MetricValue, type ShopMetricsInput } from './definitions';
import { mayCountIn, type AdRowFact, type GmvMaxRowFact, type UnreadableFact } from '../domain/facts';
import { bucketize, windowDays, type DateWindow, type Granularity } from '../domain/window';

/** Everything {@link computeSeries} needs. */
export interface SeriesInput {
  /** the shop's day aggregates by shop-local date; a missing date is a day without orders */
  days: ReadonlyMap<string, OrderAggregate>;
  /** ad report rows; rows dated outside the window are ignored */
  adRows: readonly AdRowFact[];
  window: DateWindow;
  granularity: Granularity;
  /** the metrics wanted, in the order each bucket lists them */
  names: readonly MetricName[];
  /** the shop's currency */
  currency: string;
  /** GMV Max report rows; rows dated outside the window are ignored */
  gmvMax?: readonly GmvMaxRowFact[];
  /** rows TikTok sent unreadable: each bucket they may count in has unknown order figures */
  unreadable?: readonly UnreadableFact[];
  /** passed through to {@link computeShopMetrics} */
  rates?: ShopMetricsInput['rates'];
  /** passed through to {@link computeShopMetrics} */
  timeZones?: ShopMetricsInput['timeZones'];
  /** passed through to {@link computeShopMetrics} */
  adsUnknown?: ShopMetricsInput['adsUnknown'];
  /** passed through to {@link computeShopMetrics} */
  asOf?: ShopMetricsInput['asOf'];
}

/** One bucket of a series. */
export interface SeriesBucket {
  /** first date of the bucket, inclusive */
  from: string;
  /** last date of the bucket, inclusive */
  to: string;
  /** the requested metrics, in the requested order */
  metrics: MetricValue[];
}

interface BucketFacts {
  window: DateWindow;
  days: OrderAggregate[];
  adRows: AdRowFact[];
  gmvMax: GmvMaxRowFact[];
}

/**
 * Computes a metric series over a window.
 *
 * @param input - see {@link SeriesInput}
 * @returns one bucket per DAY, WEEK or MONTH of the window, in date order
 * @throws InvalidWindowError for an invalid window
 */
export function computeSeries(input: SeriesInput): SeriesBucket[] {
  const buckets: BucketFacts[] = bucketize(input.window, input.granularity).map((window) => ({
    window,
    days: [],
    adRows: [],
    gmvMax: [],
  }));
  const dates = windowDays(input.window);
  const bucketOfDate = new Map<string, BucketFacts>();
  let position = 0;
  for (const bucket of buckets) {
    // Buckets partition the dates in order, so each takes the next run up to its last date.
    const end = dates.indexOf(bucket.window.to, position) + 1;
    for (const date of dates.slice(position, end)) {
      bucketOfDate.set(date, bucket);
      const day = input.days.get(date);
      if (day !== undefined) bucket.days.push(day);
    }
    position = end;
  }
  // Ad rows are matched to shop days by their date label (docs/metrics.md, "The window").
  for (const row of input.adRows) bucketOfDate.get(row.date)?.adRows.push(row);
  for (const row of input.gmvMax ?? []) bucketOfDate.get(row.date)?.gmvMax.push(row);

  return buckets.map((bucket) => {
    const metrics = computeShopMetrics({
      orders: combineAggregates(bucket.days, input.currency),
      adRows: bucket.adRows,
      gmvMax: bucket.gmvMax,
      unreadable: (input.unreadable ?? []).filter((fact) => mayCountIn(fact, bucket.window)),
      currency: input.currency,
      rates: input.rates,
      timeZones: input.timeZones,
      adsUnknown: input.adsUnknown,
      asOf: input.asOf,
    });
    return { ...bucket.window, metrics: input.names.map((name) => metrics[name]) };
  });
}
