/**
 * Wire types of shop analytics: Get Shop Performance (`/analytics/202405/shop/performance`), the
 * product, SKU, video and LIVE lists, from TikTok's API reference (docs/tiktok-api.md). Dates are
 * `YYYY-MM-DD` in the shop's time zone (`end_date` exclusive); each answer says the last date its
 * data covers (`latest_available_date`), since analytics lag.
 */
import type { OpenEnum, WireCurrency, WireDate, WireId, WireMoney, WireTokenPage } from './common';

/** Money in analytics: `{amount, currency}`. */
export interface WireAnalyticsMoney {
  amount?: WireMoney;
  currency?: WireCurrency;
}

/** Where a sale came from. */
export type WireGmvSource = OpenEnum<'LIVE' | 'VIDEO' | 'PRODUCT_CARD'>;

/** A count split by source. */
export interface WireCountBreakdown {
  type?: WireGmvSource;
  amount?: number;
}

/**
 * One interval of shop performance (a day for granularity `1D`, the whole range for `ALL`).
 * TikTok's GMV here is what buyers paid, tax and shipping included, net of discounts — not
 * ShopGraph's GMV definition.
 */
export interface WireShopPerformanceInterval {
  start_date?: WireDate;
  end_date?: WireDate;
  gmv?: WireAnalyticsMoney;
  gmv_breakdowns?: { type?: WireGmvSource; amount?: WireMoney; currency?: WireCurrency }[];
  orders?: number;
  /** Orders counted once per SKU they contain. */
  sku_orders?: number;
  units_sold?: number;
  avg_order_value?: WireAnalyticsMoney;
  buyers?: number;
  buyer_breakdowns?: WireCountBreakdown[];
  product_impressions?: number;
  product_impression_breakdowns?: WireCountBreakdown[];
  product_page_views?: number;
  product_page_view_breakdowns?: WireCountBreakdown[];
  avg_product_page_visitors?: number;
  refunds?: WireAnalyticsMoney;
  cancellations_and_returns?: number;
}

/** `data` of Get Shop Performance. */
export interface WireShopPerformanceData {
  performance?: {
    intervals?: WireShopPerformanceInterval[];
    /** The previous range of the same length, when asked for. */
    comparison_intervals?: WireShopPerformanceInterval[];
  };
  latest_available_date?: WireDate;
}

/**
 * A product row of `/analytics/202405/shop_products/performance`. TikTok documents `id` as an
 * integer; a 64-bit id does not fit a double, so the emulator sends it as a string.
 */
export interface WireProductPerformance {
  id?: WireId | number;
  gmv?: WireAnalyticsMoney;
  orders?: number;
  units_sold?: number;
  /** A ratio as a decimal string, e.g. `"0.0345"`. */
  click_through_rate?: string;
}

/** `data` of the product list. */
export interface WireProductPerformanceData extends WireTokenPage {
  products?: WireProductPerformance[];
  latest_available_date?: WireDate;
}

/** A SKU row of `/analytics/202406/shop_skus/performance` (ids documented as integers too). */
export interface WireSkuPerformance {
  id?: WireId | number;
  product_id?: WireId | number;
  gmv?: WireAnalyticsMoney;
  sku_orders?: number;
  units_sold?: number;
}

/** `data` of the SKU list. */
export interface WireSkuPerformanceData extends WireTokenPage {
  skus?: WireSkuPerformance[];
  latest_available_date?: WireDate;
}

/** A video row of `/analytics/202409/shop_videos/performance`. */
export interface WireVideoPerformance {
  id?: WireId;
  title?: string;
  username?: string;
  gmv?: WireAnalyticsMoney;
  sku_orders?: number;
  units_sold?: number;
  views?: number;
  click_through_rate?: string;
  products?: { id?: WireId; name?: string }[];
  /** Documented as ISO 8601 (its sample reads `"2025-01-01 00:00:00"`). */
  video_post_time?: string;
}

/** `data` of the video list. */
export interface WireVideoPerformanceData extends WireTokenPage {
  videos?: WireVideoPerformance[];
  latest_available_date?: WireDate;
}

/** A LIVE session's sales. Version 202508 names units sold `unit_sold`. */
export interface WireLiveSalesPerformance {
  gmv?: WireAnalyticsMoney;
  products_added?: number;
  different_products_sold?: number;
  /** Orders created, pending cash-on-delivery or PayLater payments included. */
  created_sku_orders?: number;
  /** Paid orders. */
  sku_orders?: number;
  unit_sold?: number;
  customers?: number;
  avg_price?: WireAnalyticsMoney;
  /** A percentage string, e.g. `"18%"`. */
  click_to_order_rate?: string;
  '24h_live_gmv'?: WireAnalyticsMoney;
}

/** A LIVE row of `/analytics/202508/shop_lives/performance`. */
export interface WireLivePerformance {
  id?: WireId;
  title?: string;
  username?: string;
  /** Documented as a string of Unix seconds; the emulator sends a number. */
  start_time?: string | number;
  end_time?: string | number;
  sales_performance?: WireLiveSalesPerformance;
  /** Only for official and marketing accounts. */
  interaction_performance?: Record<string, number | string>;
}

/** `data` of the LIVE list. */
export interface WireLivePerformanceData extends WireTokenPage {
  live_stream_sessions?: WireLivePerformance[];
  latest_available_date?: WireDate;
}
