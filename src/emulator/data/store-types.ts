/**
 * The argument and result types of `EmulatorStore`'s methods (re-exported by `store.ts`).
 */
import type { MarketingPageInfo, PartnerCancellation, PartnerOrder, PartnerProduct, PartnerReturnOrder, PartnerStatement } from './shapes';

export type * from './recorded-types';

/** A TikTok Shop as "Get Authorized Shops" lists it, plus the currency and zone the data uses. */
export interface EmuShop {
  id: string;
  name: string;
  region: string;
  seller_type: 'LOCAL' | 'CROSS_BORDER';
  cipher: string;
  code: string;
  currency: string;
  timezone: string;
}

/** One page of a token-paged Partner API search. */
export interface Page<T> {
  items: T[];
  /** '' on the last page; otherwise opaque base64 containing `+`, `/` and `=`, like TikTok's. */
  next_page_token: string;
  total_count: number;
}

/** Token paging options of Partner API searches. */
export interface TokenPaging {
  pageSize: number;
  pageToken?: string;
}

/** Sorting of order/return/cancellation searches. */
export interface SortedPaging extends TokenPaging {
  sortField: 'create_time' | 'update_time';
  sortOrder: 'ASC' | 'DESC';
}

/** Body filters of `/order/202309/orders/search` (`_ge` inclusive, `_lt` exclusive). */
export interface OrderFilter {
  order_status?: string;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
  buyer_user_id?: string;
  shipping_type?: string;
}

/** Body filters of Search Products (`_ge` and `_le` both inclusive; `sku_ids` 202502 only). */
export interface ProductFilter {
  status?: string;
  seller_skus?: string[];
  sku_ids?: string[];
  create_time_ge?: number;
  create_time_le?: number;
  update_time_ge?: number;
  update_time_le?: number;
}

/** Body filters of `/return_refund/202309/returns/search`. */
export interface ReturnFilter {
  order_ids?: string[];
  return_status?: string;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
}

/** Body filters of `/return_refund/202309/cancellations/search`. */
export interface CancellationFilter {
  order_ids?: string[];
  cancel_status?: string;
  create_time_ge?: number;
  create_time_lt?: number;
  update_time_ge?: number;
  update_time_lt?: number;
}

/** Analytics date range: `start_date_ge` inclusive, `end_date_lt` exclusive, shop-local dates. */
export interface AnalyticsRange {
  start_date_ge: string;
  end_date_lt: string;
}

/** Product/SKU performance query. */
export interface PerformanceQuery extends AnalyticsRange, TokenPaging {
  sortField: 'gmv' | 'order_count' | 'unit_sold_count' | 'click_through_rate';
  sortOrder: 'ASC' | 'DESC';
}

/** Marketing API offset-paged answer. */
export interface OffsetPage<T> {
  list: T[];
  page_info: MarketingPageInfo;
}

/** `report/integrated/get/` query, already validated (dates inclusive, advertiser zone). */
export interface ReportQuery {
  start_date: string;
  end_date: string;
  include_deleted: boolean;
  metrics: string[];
  campaign_ids?: string[];
  page: number;
  pageSize: number;
}

/** `gmv_max/report/get/` query (dates inclusive, in each campaign's advertiser zone). */
export interface GmvMaxReportQuery {
  start_date: string;
  end_date: string;
  metrics: string[];
  /**
   * `filtering.campaign_statuses` (`STATUS_ALL`, `STATUS_DELIVERY_OK`, `STATUS_DISABLE`,
   * `STATUS_DELETE`, `STATUS_NOT_DELIVERY`); absent = every status but deleted.
   */
  campaign_statuses?: string[];
  campaign_ids?: string[];
  /** `filtering.gmv_max_promotion_types`: `PRODUCT` and/or `LIVE`. */
  promotion_types?: string[];
  /** Add `total_metrics` (sums over every page). */
  total_metrics?: boolean;
  page: number;
  pageSize: number;
}

/** `gmv_max/campaign/get/` filters, already validated. */
export interface GmvMaxCampaignFilter {
  /** `PRODUCT_GMV_MAX` and/or `LIVE_GMV_MAX`. */
  promotion_types: string[];
  store_ids?: string[];
  campaign_ids?: string[];
  campaign_name?: string;
  /** `STATUS_DELIVERY_OK`, `STATUS_DISABLE` or `STATUS_DELETE`; absent = every status but deleted. */
  primary_status?: string;
  /** `"YYYY-MM-DD HH:MM:SS"` UTC bounds on `create_time`. */
  created_after?: string;
  created_before?: string;
}

/** A change made by `EmulatorStore.tick`, as the `type`, `shop_id` and `data` of a webhook. */
export type EmulatorChange =
  | { type: 1; shop_id: string; data: { order_id: string; order_status: string; update_time: number } }
  | {
      type: 11;
      shop_id: string;
      data: { order_id: string; cancel_id: string; cancellations_role: string; cancel_status: string; create_time: number; update_time: number };
    }
  | {
      type: 12;
      shop_id: string;
      data: { order_id: string; return_id: string; return_role: string; return_type: string; return_status: string; create_time: number; update_time: number };
    };

/** Options of `EmulatorStore.generate`. */
export interface GenerateOptions {
  seed: string;
  /** Shops are assigned to US, GB, ID, MY, JP, TH, VN, PH in that order (then again). */
  shops: number;
  /** Days of history before `now`. */
  days: number;
  /** Average orders a day per shop (weekends a little busier). */
  ordersPerDay: number;
  /** Unix seconds: the emulated "now"; nothing is created after it. */
  now: number;
  /**
   * Let a few orders and returns per shop carry statuses TikTok does not document (yet), so
   * clients meet them in every demo. @default true
   */
  unknownEnums?: boolean;
}

/** The raw arrays of one shop, for tests that recompute figures by hand. */
export interface RawShopData {
  orders: PartnerOrder[];
  products: PartnerProduct[];
  returns: PartnerReturnOrder[];
  cancellations: PartnerCancellation[];
  statements: PartnerStatement[];
}
