/**
 * Schemas of shop analytics: TikTok's own figures, used for reconciliation. Dates are
 * `YYYY-MM-DD` in the shop's time zone; money is `{amount, currency}`; every response states the
 * last date its data covers (`latest_available_date`), since analytics lag.
 *
 * Each list is read row by row: a row without its id or figures comes back in the page's
 * `rejected` rows ({@link RejectedRow}, see order-schemas.ts) while the others answer.
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { blankAsAbsent, liftRejected, openEnum, rowsOf, type RejectedRow } from '../lenient';
import {
  analyticsMoney,
  calendarDate,
  count,
  currencyCode,
  decimalString,
  optionalCount,
  optionalDecimal,
  pageFields,
  partnerId,
  text,
  unixSeconds,
} from './schema-primitives';

/** Where GMV came from (`gmv_breakdowns[].type`); TikTok may add sources. */
export const GMV_SOURCES = ['LIVE', 'VIDEO', 'PRODUCT_CARD'] as const;
export const gmvSource = openEnum('shop_performance.gmv_breakdowns.type', GMV_SOURCES);

export type { RejectedRow };

/** One interval (a day for granularity `1D`, the whole range for `ALL`) of shop performance. */
export const shopPerformanceInterval = z.object({
  start_date: calendarDate,
  end_date: calendarDate,
  gmv: analyticsMoney,
  orders: count,
  /** Orders counted once per SKU they contain; the unit TikTok's video and LIVE lists count in. */
  sku_orders: optionalCount,
  units_sold: count,
  avg_order_value: analyticsMoney,
  refunds: blankAsAbsent(analyticsMoney),
  buyers: count,
  product_impressions: count,
  product_page_views: count,
  gmv_breakdowns: z
    .array(z.object({ type: gmvSource, amount: decimalString, currency: currencyCode }))
    .nullish()
    .transform((rows) => rows ?? []),
});
export type ShopPerformanceInterval = z.output<typeof shopPerformanceInterval>;

/** `data` of `GET /analytics/202405/shop/performance`. */
export const shopPerformanceData = z.object({
  performance: z.object({ intervals: z.array(shopPerformanceInterval).default([]) }),
  latest_available_date: calendarDate,
});
export type ShopPerformance = z.output<typeof shopPerformanceData>;

/** One product's performance over the requested range. */
export const productPerformance = z.object({
  id: partnerId,
  gmv: analyticsMoney,
  orders: count,
  units_sold: count,
  /** A decimal ratio such as `"0.0345"`. */
  click_through_rate: optionalDecimal,
});
export type ProductPerformance = z.output<typeof productPerformance>;

/** `data` of `GET /analytics/202405/shop_products/performance`. */
export const productPerformanceData = z
  .object({
    products: rowsOf(productPerformance, { id: 'id', orderId: null }),
    latest_available_date: calendarDate,
    ...pageFields,
  })
  .transform(({ products: rows, ...page }) => ({ ...page, products: rows.rows, rejected: liftRejected('products', rows.rejected) }));
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
export const skuPerformanceData = z
  .object({
    skus: rowsOf(skuPerformance, { id: 'id', orderId: null }),
    latest_available_date: calendarDate,
    ...pageFields,
  })
  .transform(({ skus: rows, ...page }) => ({ ...page, skus: rows.rows, rejected: liftRejected('skus', rows.rejected) }));
export type SkuPerformanceData = z.output<typeof skuPerformanceData>;

/**
 * One video's performance. UNCERTAIN: the format of `video_post_time` is not documented in our
 * sources, so it is kept as TikTok's text.
 */
export const videoPerformance = z.object({
  id: partnerId,
  title: text,
  username: text,
  gmv: analyticsMoney,
  sku_orders: count,
  units_sold: count,
  views: count,
  click_through_rate: optionalDecimal,
  products: z.array(z.object({ id: partnerId, name: text })).default([]),
  video_post_time: blankAsAbsent(z.string()),
});
export type VideoPerformance = z.output<typeof videoPerformance>;

/** `data` of `GET /analytics/202409/shop_videos/performance`. */
export const videoPerformanceData = z
  .object({
    videos: rowsOf(videoPerformance, { id: 'id', orderId: null }),
    latest_available_date: calendarDate,
    ...pageFields,
  })
  .transform(({ videos: rows, ...page }) => ({ ...page, videos: rows.rows, rejected: liftRejected('videos', rows.rejected) }));
export type VideoPerformanceData = z.output<typeof videoPerformanceData>;

/** One LIVE session's performance. */
export const liveSessionPerformance = z.object({
  id: partnerId,
  title: text,
  username: text,
  // TikTok's 202508 docs type these as strings of Unix seconds; unixSeconds reads both.
  start_time: unixSeconds,
  end_time: unixSeconds,
  sales_performance: z.object({
    gmv: analyticsMoney,
    products_added: optionalCount,
    different_products_sold: optionalCount,
    sku_orders: optionalCount,
    units_sold: optionalCount,
    /** What version 202508 calls units sold (TikTok's reference for the LIVE list). */
    unit_sold: optionalCount,
  }),
});
export type LiveSessionPerformance = z.output<typeof liveSessionPerformance>;

/** `data` of `GET /analytics/202508/shop_lives/performance`. */
export const livePerformanceData = z
  .object({
    live_stream_sessions: rowsOf(liveSessionPerformance, { id: 'id', orderId: null }),
    latest_available_date: calendarDate,
    ...pageFields,
  })
  .transform(({ live_stream_sessions: rows, ...page }) => ({
    ...page,
    live_stream_sessions: rows.rows,
    rejected: liftRejected('live_stream_sessions', rows.rejected),
  }));
export type LivePerformanceData = z.output<typeof livePerformanceData>;
