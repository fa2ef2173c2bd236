/**
 * A campaign's figures: its report rows (BASIC) or GMV Max rows over a window, shaped for the
 * graph. They read ad reports only, so they need no shop: reached from a shop's metrics they use
 * the shop's window, reached from a campaign its advertiser's days, currency and attribution
 * window — never a stand-in shop.
 */
import type { AdvertiserInfo } from '../datasources/marketing/schemas';
import { combineAggregates } from '../metrics/day-aggregate';
import { computeShopMetrics, METRICS, type MetricName as CoreMetricName, type MetricValue, type ShopMetricsInput } from '../metrics/definitions';
import type { AdRowFact, GmvMaxRowFact } from '../domain/facts';
import { computeSeries } from '../metrics/series';
import type { DateWindow } from '../domain/window';
import type { Campaign } from '../schema/types/campaign';
import type { Granularity } from '../schema/types/common';
import { CampaignMetrics, MetricName, MetricPoint, type Metric } from '../schema/types/metric';
import { metricObject } from './map-metric';

/** Everything a campaign's figures are computed from. */
export interface CampaignWindow {
  window: DateWindow;
  granularity: Granularity;
  /** the currency figures are given in when the rows name none (the shop's, or the advertiser's) */
  currency: string;
  /** whose days the window is in */
  timeZone: string;
  advertisers: readonly AdvertiserInfo[];
  adRows: readonly AdRowFact[];
  gmvMax: readonly GmvMaxRowFact[];
  /** when the report rows were read, and whether they were served stale */
  reports: { asOf: number; stale: boolean };
  /** first day whose figures still move (inside the attribution window; later buckets too); null: none moves */
  provisionalFrom: string | null;
}

const SERIES_NAMES = [MetricName.AD_SPEND, MetricName.ATTRIBUTED_REVENUE, MetricName.ROAS] as const;

/**
 * The figures of one campaign: a BASIC campaign's report rows, or a GMV Max campaign's GMV Max
 * rows (its spend is their cost; it reports no attributed revenue, so its ROAS is null with the
 * reason, and GMV Max ROI is in the shop's metrics).
 */
export function campaignMetrics(
  input: CampaignWindow,
  campaignId: string,
  advertiserId: string,
  campaign: Campaign | null,
  rates: Record<string, string>,
): CampaignMetrics {
  const mine = <R extends { campaignId: string; advertiserId: string }>(rows: readonly R[]) =>
    rows.filter((r) => r.campaignId === campaignId && r.advertiserId === advertiserId);
  const rows = mine(input.adRows);
  const gmvMax = mine(input.gmvMax);
  const currency = rows[0]?.currency ?? gmvMax[0]?.currency ?? input.currency;
  const base: ShopMetricsInput = {
    orders: combineAggregates([], currency),
    adRows: rows,
    gmvMax,
    unreadable: [],
    currency,
    rates,
    timeZones: { shop: input.timeZone, advertisers: input.advertisers.map((a) => a.displayTimezone) },
    adsUnknown: null,
  };
  const values = computeShopMetrics(base);
  const provisional = (bucketTo: string) => input.provisionalFrom !== null && bucketTo >= input.provisionalFrom;
  const m = (v: MetricValue, bucketTo = input.window.to): Metric => metricObject(v, METRICS[v.name].source, [input.reports], provisional(bucketTo));
  const count = (name: 'impressions' | 'clicks'): Metric => {
    const known = rows.filter((r) => r[name] !== null);
    return metricObject(
      {
        name: 'ORDERS',
        unit: 'COUNT',
        formula: `Σ ${name} of the campaign's report rows`,
        value: known.length ? String(known.reduce((n, r) => n + (r[name] ?? 0), 0)) : null,
        nullReason: known.length ? null : `no ${name} reported in the window`,
      },
      'REPORTS',
      [input.reports],
      provisional(input.window.to),
    );
  };
  const series = computeSeries({
    days: new Map(),
    adRows: rows,
    gmvMax,
    window: input.window,
    granularity: input.granularity,
    names: SERIES_NAMES as readonly CoreMetricName[],
    currency: input.currency,
    rates,
    timeZones: base.timeZones,
    adsUnknown: null,
  }).map((b) => Object.assign(new MetricPoint(), { from: b.from, to: b.to, metrics: b.metrics.map((v) => m(v, b.to)) }));
  return Object.assign(new CampaignMetrics(), {
    campaign,
    campaignId,
    advertiserId,
    spend: m(values.AD_SPEND),
    attributedRevenue: m(values.ATTRIBUTED_REVENUE),
    roas: m(values.ROAS),
    impressions: count('impressions'),
    clicks: count('clicks'),
    series,
  });
}
