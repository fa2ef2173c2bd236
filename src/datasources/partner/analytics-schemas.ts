/**
 * Schemas of shop analytics: TikTok's own figures, used for reconciliation. Dates are
 * `YYYY-MM-DD` in the shop's time zone; money is `{amount, currency}`; every response states the
 * last date its data covers (`latest_available_date`), since analytics lag.
 * @see ../../../../shared/spec/upstream-partner-api.md (Endpoints ShopGraph reads)
 */
import { z } from 'zod';
import {
  analyticsMoney,
  calendarDate,
  count,
  currencyCode,
  decimalString,
  pageFields,
  partnerId,
  unixSeconds,
} from './schema-primitives';

/** Where GMV came from. */
export const gmvSource = z.enum(['LIVE', 'VIDEO', 'PRODUCT_CARD']);

/** One interval (a day for granularity `1D`, the whole range for `ALL`) of shop performance. */
export const shopPerformanceInterval = z.object({
  start_date: calendarDate,
  end_date: calendarDate,
  gmv: analyticsMoney,
  orders: count,
  /** Orders counted once per SKU they contain; the unit TikTok's video and LIVE lists count in. */
  sku_orders: count.optional(),
  units_sold: count,
  avg_order_value: analyticsMoney,
  refunds: analyticsMoney.optional(),
  buyers: count,
  product_impressions: count,
  product_page_views: count,
  gmv_breakdowns: z
    .array(z.object({ type: gmvSource, amount: decimalString, currency: currencyCode }))
    .default([]),
});
export type ShopPerformanceInterval = z.output<typeof shopPerformanceInterval>;

/** `data` of `GET /analytics/202405/shop/performance`. */
export const shopPerformanceData = z.object({
  performance: z.object({ intervals: z.array(shopPerformanceInterval).default([]) }),
  latest_available_date: calendarDate,
});
export type ShopPerformance = z.output<typeof shopPerformanceData>;

/** A click-through rate as TikTok writes it: a decimal string ratio such as `"0.0345"`. */
const rate = decimalString;

/** One product's performance over the requested range. */
export const productPerformance = z.object({
  id: partnerId,
  gmv: analyticsMoney,
  orders: count,
  units_sold: count,
  click_through_rate: rate.optional(),
});
export type ProductPerformance = z.output<typeof productPerformance>;

/** `data` of `GET /analytics/202405/shop_products/performance`. */
export const productPerformanceData = z.object({
  products: z.array(productPerformance).default([]),
  latest_available_date: calendarDate,
  ...pageFields,
});
export type ProductPerformanceData = z.output<typeof productPerformanceData>;

/** One SKU's performance over the requested range. */
export const skuPerformance = z.object({
  id: partnerId,
  product_id: partnerId,
  gmv: analyticsMoney,
  sku_orders: count,
  units_sold: count,
});
export type SkuPerformance = z.output<typeof skuPerformance>;

/** `data` of `GET /analytics/202406/shop_skus/performance`. */
export const skuPerformanceData = z.object({
  skus: z.array(skuPerformance).default([]),
  latest_available_date: calendarDate,
  ...pageFields,
});
export type SkuPerformanceData = z.output<typeof skuPerformanceData>;

/**
 * One video's performance. UNCERTAIN: the format of `video_post_time` is not documented in our
 * sources, so it is kept as TikTok's text.
 */
export const videoPerformance = z.object({
  id: partnerId,
  title: z.string().default(''),
  username: z.string().default(''),
  gmv: analyticsMoney,
  sku_orders: count,
  units_sold: count,
  views: count,
  click_through_rate: rate.optional(),
  products: z.array(z.object({ id: partnerId, name: z.string().default('') })).default([]),
  video_post_time: z.string().optional(),
});
export type VideoPerformance = z.output<typeof videoPerformance>;

/** `data` of `GET /analytics/202409/shop_videos/performance`. */
export const videoPerformanceData = z.object({
  videos: z.array(videoPerformance).default([]),
  latest_available_date: calendarDate,
  ...pageFields,
});
export type VideoPerformanceData = z.output<typeof videoPerformanceData>;

/** One LIVE session's performance. */
export const liveSessionPerformance = z.object({
  id: partnerId,
  title: z.string().default(''),
  username: z.string().default(''),
  // TikTok's 202508 docs type these as strings of Unix seconds; accept both, keep numbers.
  start_time: z.union([unixSeconds, z.string().regex(/^\d+$/).transform(Number)]),
  end_time: z.union([unixSeconds, z.string().regex(/^\d+$/).transform(Number)]),
  sales_performance: z.object({
    gmv: analyticsMoney,
    products_added: count.optional(),
    different_products_sold: count.optional(),
    sku_orders: count.optional(),
    units_sold: count.optional(),
    /** What version 202508 calls units sold (TikTok's reference for the LIVE list). */
    unit_sold: count.optional(),
  }),
});
export type LiveSessionPerformance = z.output<typeof liveSessionPerformance>;

/** `data` of `GET /analytics/202508/shop_lives/performance`. */
export const livePerformanceData = z.object({
  live_stream_sessions: z.array(liveSessionPerformance).default([]),
  latest_available_date: calendarDate,
  ...pageFields,
});
export type LivePerformanceData = z.output<typeof livePerformanceData>;
