/**
 * A shop's window in TikTok's analytics: GMV by sales channel (shop performance's
 * `gmv_breakdowns`, which add up to its GMV), the funnel (impressions, page views, buyers), and
 * TikTok's own per-product and per-SKU figures.
 * TikTok breaks down only GMV by channel; SKU orders and units of a channel are the sums of its
 * video or LIVE list, and product cards get what remains of the shop's.
 * @see docs/tiktok-api.md (the analytics rows)
 */
import type { AnalyticsAnswer } from '../datasources/analytics-data';
import type {
  LiveSessionPerformance,
  ProductPerformance as ProductPerformanceRow,
  ShopPerformanceInterval,
  SkuPerformance as SkuPerformanceRow,
  VideoPerformance,
} from '../datasources/partner/schemas';
import type { ShopInfo } from '../datasources/shop-directory';
import { parseDecimal, sumDecimals } from '../domain/money';
import { windowDays, type DateWindow } from '../domain/window';
import { ChannelMetrics, ProductPerformance, SalesChannel, SkuPerformance } from '../schema/types/content';
import { type Metric, MetricName, MetricPoint, MetricUnit } from '../schema/types/metric';
import { analyticsMetric, basisOf, countFigure, published, ratioFigure, unitsOf, unpublished, type Basis, type Figure } from './map-content';

/** What the channel figures of a window are computed from. */
export interface ChannelInput {
  window: DateWindow;
  currency: string;
  basis: Basis;
  /** Shop performance for the window (`ALL`) and per day (`1D`). */
  total: ShopPerformanceInterval[];
  days: ShopPerformanceInterval[];
  videos: VideoPerformance[];
  lives: LiveSessionPerformance[];
}

const CHANNELS = [SalesChannel.LIVE, SalesChannel.VIDEO, SalesChannel.PRODUCT_CARD] as const;

function gmv(intervals: readonly ShopPerformanceInterval[], channel?: SalesChannel): Figure {
  const amounts = intervals.flatMap((i) => (channel ? i.gmv_breakdowns.filter((b) => b.type === channel).map((b) => b.amount) : [i.gmv.amount]));
  return { value: sumDecimals(amounts) };
}

/** Σ of a count over rows, or why not (a row without it). */
function total<T>(rows: readonly T[], pick: (row: T) => number | null | undefined, missing: string): Figure {
  const values = rows.map(pick);
  return values.some((v) => v === null || v === undefined)
    ? { nullReason: missing }
    : countFigure(
        values.reduce<number>((n, v) => n + (v ?? 0), 0),
        missing,
      );
}

function minus(whole: Figure, ...parts: Figure[]): Figure {
  if (!('value' in whole)) return whole;
  let rest = whole.value;
  for (const part of parts) {
    if (!('value' in part)) return part;
    rest = rest.minus(part.value);
  }
  return rest.isNegative() ? { nullReason: "TikTok's video and LIVE lists count more than its shop total" } : { value: rest };
}

/** Per channel: SKU orders and units, from the content lists and the shop's totals. */
function counts(input: ChannelInput): Record<SalesChannel, { skuOrders: Figure; units: Figure; source: string }> {
  const videoSku = total(input.videos, (v) => v.sku_orders, 'TikTok gave no SKU orders for a video');
  const videoUnits = total(input.videos, (v) => v.units_sold, 'TikTok gave no units for a video');
  const liveSku = total(input.lives, (l) => l.sales_performance.sku_orders, 'TikTok gave no SKU orders for a LIVE session');
  const liveUnits = total(input.lives, unitsOf, 'TikTok gave no units for a LIVE session');
  const shopSku = total(input.total, (i) => i.sku_orders, "TikTok's shop performance gave no sku_orders");
  const shopUnits = total(input.total, (i) => i.units_sold, "TikTok's shop performance gave no units_sold");
  return {
    VIDEO: { skuOrders: videoSku, units: videoUnits, source: "Σ {} of TikTok's video list" },
    LIVE: { skuOrders: liveSku, units: liveUnits, source: "Σ {} of TikTok's LIVE list" },
    PRODUCT_CARD: {
      skuOrders: minus(shopSku, videoSku, liveSku),
      units: minus(shopUnits, videoUnits, liveUnits),
      source: "shop performance {} − the VIDEO and LIVE channels'",
    },
  };
}

/** GMV, GMV share, SKU orders and units of each channel, with a daily series of GMV and share. */
export function channelMetrics(input: ChannelInput): ChannelMetrics[] {
  const { window, basis, currency } = input;
  const none = published(basis, window) ? null : { nullReason: unpublished(basis, window) };
  const shopGmv = none ?? gmv(input.total);
  const byChannel = counts(input);
  const at = (to: string) => ({ basis, to, currency });
  return CHANNELS.map((channel) => {
    const channelGmv = none ?? gmv(input.total, channel);
    const c = byChannel[channel];
    return Object.assign(new ChannelMetrics(), {
      channel,
      gmv: analyticsMetric(MetricName.GMV, MetricUnit.MONEY, channelGmv, {
        ...at(window.to),
        formula: `gmv_breakdowns[type=${channel}] of TikTok's shop performance`,
      }),
      gmvShare: analyticsMetric(MetricName.GMV_SHARE, MetricUnit.RATIO, ratioFigure(channelGmv, shopGmv, 'no GMV in the window'), {
        ...at(window.to),
        formula: `GMV of ${channel} / TikTok's shop GMV`,
      }),
      skuOrders: analyticsMetric(MetricName.SKU_ORDERS, MetricUnit.COUNT, none ?? c.skuOrders, {
        ...at(window.to),
        formula: c.source.replace('{}', 'sku_orders'),
      }),
      unitsSold: analyticsMetric(MetricName.UNITS_SOLD, MetricUnit.COUNT, none ?? c.units, { ...at(window.to), formula: c.source.replace('{}', 'units_sold') }),
      series: windowDays(window).map((date) => {
        const day = input.days.find((i) => i.start_date === date);
        const missing = {
          nullReason: date > basis.latestAvailableDate ? unpublished(basis, { from: date, to: date }) : `TikTok reported no figures for ${date}`,
        };
        const dayGmv = day ? gmv([day], channel) : missing;
        const dayShare = day ? ratioFigure(dayGmv, gmv([day]), 'no GMV that day') : missing;
        return Object.assign(new MetricPoint(), {
          from: date,
          to: date,
          metrics: [
            analyticsMetric(MetricName.GMV, MetricUnit.MONEY, dayGmv, { ...at(date), formula: `gmv_breakdowns[type=${channel}] of the day` }),
            analyticsMetric(MetricName.GMV_SHARE, MetricUnit.RATIO, dayShare, { ...at(date), formula: `GMV of ${channel} / TikTok's shop GMV of the day` }),
          ],
        });
      }),
    });
  });
}

/** The funnel and TikTok's own GMV over a window, from shop performance (`ALL`). */
export function funnelMetrics(
  window: DateWindow,
  currency: string,
  basis: Basis,
  intervals: readonly ShopPerformanceInterval[],
): Record<'gmv' | 'productImpressions' | 'pageViews' | 'buyers' | 'conversionRate', Metric> {
  const none = published(basis, window) ? null : { nullReason: unpublished(basis, window) };
  const sum = (pick: (i: ShopPerformanceInterval) => number): Figure =>
    none ??
    countFigure(
      intervals.reduce((n, i) => n + pick(i), 0),
      '',
    );
  const meta = (formula: string) => ({ formula, basis, to: window.to, currency });
  const pageViews = sum((i) => i.product_page_views);
  const buyers = sum((i) => i.buyers);
  return {
    gmv: analyticsMetric(MetricName.GMV, MetricUnit.MONEY, none ?? gmv(intervals), meta("gmv of TikTok's shop performance")),
    productImpressions: analyticsMetric(
      MetricName.PRODUCT_IMPRESSIONS,
      MetricUnit.COUNT,
      sum((i) => i.product_impressions),
      meta("product_impressions of TikTok's shop performance"),
    ),
    pageViews: analyticsMetric(MetricName.PAGE_VIEWS, MetricUnit.COUNT, pageViews, meta("product_page_views of TikTok's shop performance")),
    buyers: analyticsMetric(MetricName.BUYERS, MetricUnit.COUNT, buyers, meta("buyers of TikTok's shop performance (unique over the window)")),
    conversionRate: analyticsMetric(
      MetricName.CONVERSION_RATE,
      MetricUnit.RATIO,
      ratioFigure(buyers, pageViews, 'no product page views in the window'),
      meta('BUYERS / PAGE_VIEWS'),
    ),
  };
}

/** TikTok's figures for one product; a product TikTok does not list sold nothing in the window. */
export function productPerformance(
  productId: string,
  shop: ShopInfo,
  window: DateWindow,
  answer: AnalyticsAnswer<ReadonlyMap<string, ProductPerformanceRow>>,
): ProductPerformance {
  const basis = basisOf(shop.timezone, answer);
  const none = published(basis, window) ? null : { nullReason: unpublished(basis, window) };
  const row = answer.value.get(productId);
  const meta = (formula: string) => ({
    formula: `${formula} of TikTok's product performance list`,
    basis,
    to: window.to,
    currency: row?.gmv.currency ?? shop.currency,
  });
  const ctr: Figure = row?.click_through_rate
    ? { value: parseDecimal(row.click_through_rate) }
    : { nullReason: row ? 'TikTok gave no click-through rate' : 'TikTok lists no performance for the product in the window' };
  return Object.assign(new ProductPerformance(), {
    productId,
    gmv: analyticsMetric(MetricName.GMV, MetricUnit.MONEY, none ?? { value: parseDecimal(row?.gmv.amount ?? '0') }, meta('gmv')),
    orders: analyticsMetric(MetricName.ORDERS, MetricUnit.COUNT, none ?? countFigure(row?.orders ?? 0, ''), meta('orders')),
    unitsSold: analyticsMetric(MetricName.UNITS_SOLD, MetricUnit.COUNT, none ?? countFigure(row?.units_sold ?? 0, ''), meta('units_sold')),
    clickThroughRate: analyticsMetric(MetricName.CLICK_THROUGH_RATE, MetricUnit.RATIO, none ?? ctr, meta('click_through_rate')),
  });
}

/** TikTok's figures for one SKU; a SKU TikTok does not list sold nothing in the window. */
export function skuPerformance(
  sku: { id: string; productId: string },
  shop: ShopInfo,
  window: DateWindow,
  answer: AnalyticsAnswer<ReadonlyMap<string, SkuPerformanceRow>>,
): SkuPerformance {
  const basis = basisOf(shop.timezone, answer);
  const none = published(basis, window) ? null : { nullReason: unpublished(basis, window) };
  const row = answer.value.get(sku.id);
  const meta = (formula: string) => ({
    formula: `${formula} of TikTok's SKU performance list`,
    basis,
    to: window.to,
    currency: row?.gmv.currency ?? shop.currency,
  });
  return Object.assign(new SkuPerformance(), {
    skuId: sku.id,
    productId: row?.product_id ?? sku.productId,
    gmv: analyticsMetric(MetricName.GMV, MetricUnit.MONEY, none ?? { value: parseDecimal(row?.gmv.amount ?? '0') }, meta('gmv')),
    skuOrders: analyticsMetric(MetricName.SKU_ORDERS, MetricUnit.COUNT, none ?? countFigure(row?.sku_orders ?? 0, ''), meta('sku_orders')),
    unitsSold: analyticsMetric(MetricName.UNITS_SOLD, MetricUnit.COUNT, none ?? countFigure(row?.units_sold ?? 0, ''), meta('units_sold')),
  });
}
