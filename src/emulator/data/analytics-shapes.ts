/**
 * The emulator's analytics rows (see `shapes.ts`).
 */
import type {
  WireAnalyticsMoney,
  WireLivePerformance,
  WireLiveSalesPerformance,
  WireProductPerformance,
  WireShopPerformanceData,
  WireShopPerformanceInterval,
  WireSkuPerformance,
  WireVideoPerformance,
} from '../wire';

/** Analytics money. */
export interface AnalyticsMoney extends WireAnalyticsMoney {
  amount: string;
  currency: string;
}

/** One interval of `/analytics/202405/shop/performance`. */
export interface ShopPerformanceInterval extends WireShopPerformanceInterval {
  start_date: string;
  end_date: string;
  gmv: AnalyticsMoney;
  orders: number;
  units_sold: number;
  avg_order_value: AnalyticsMoney;
  buyers: number;
  product_impressions: number;
  product_page_views: number;
  gmv_breakdowns: { type: 'LIVE' | 'VIDEO' | 'PRODUCT_CARD'; amount: string; currency: string }[];
}

/** `data` of `/analytics/202405/shop/performance`. */
export interface ShopPerformanceData extends WireShopPerformanceData {
  performance: { intervals: ShopPerformanceInterval[] };
  latest_available_date: string;
}

/** A product row of the product performance list. */
export interface ProductPerformance extends WireProductPerformance {
  id: string;
  gmv: AnalyticsMoney;
  orders: number;
  units_sold: number;
}

/** A SKU row of the SKU performance list. */
export interface SkuPerformance extends WireSkuPerformance {
  id: string;
  product_id: string;
  gmv: AnalyticsMoney;
  sku_orders: number;
  units_sold: number;
}

/** A video row of the video performance list. */
export interface VideoPerformance extends WireVideoPerformance {
  id: string;
  title: string;
  username: string;
  gmv: AnalyticsMoney;
  sku_orders: number;
  units_sold: number;
  views: number;
  products: { id: string; name: string }[];
}

/** A LIVE row of the LIVE performance list (version 202508: `unit_sold`). */
export interface LiveSessionPerformance extends WireLivePerformance {
  id: string;
  title: string;
  username: string;
  start_time: number;
  end_time: number;
  sales_performance: WireLiveSalesPerformance & { gmv: AnalyticsMoney };
}
