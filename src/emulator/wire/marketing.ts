/**
 * Wire types of TikTok's Marketing API v1.3 (`/open_api/v1.3/...`) as the emulator serves it:
 * OAuth, advertisers, campaigns, the integrated report and GMV Max (docs/tiktok-api.md).
 *
 * Every answer, errors and rate limiting included, comes with HTTP 200 and the envelope's `code`
 * (0 is success); an error may lack `request_id`. IDs are strings. Report metric values are
 * STRINGS (`"20.000"`, `"4787"`), the literal `"-"` meaning "no value".
 */
import type { OpenEnum } from './common';

/** The Marketing API envelope. */
export interface WireMarketingEnvelope<Data> {
  code?: number;
  message?: string;
  request_id?: string;
  data?: Data;
}

/** Offset paging; `page` counts from 1. */
export interface WirePageInfo {
  page?: number;
  page_size?: number;
  total_number?: number;
  total_page?: number;
}

/** `data` of `POST oauth2/access_token/`. `scope` holds TikTok's numeric permission ids. */
export interface WireAccessTokenData {
  access_token?: string;
  advertiser_ids?: string[];
  scope?: (number | string)[];
}

/** An item of `GET oauth2/advertiser/get/`. */
export interface WireAuthorizedAdvertiser {
  advertiser_id?: string;
  advertiser_name?: string;
}

/** An item of `GET advertiser/info/`. `display_timezone` is the IANA zone report days are cut in. */
export interface WireAdvertiserInfo {
  advertiser_id?: string;
  name?: string;
  currency?: string;
  /** TikTok's own zone label. */
  timezone?: string;
  display_timezone?: string;
  status?: string;
}

/** An item of `GET gmv_max/store/list/`: a TikTok Shop the advertiser may promote (`store_id` = shop id). */
export interface WireGmvMaxStore {
  store_id?: string;
  store_name?: string;
  store_code?: string;
  store_status?: OpenEnum<'ACTIVE' | 'INACTIVE' | 'NEW_CREATE'>;
  is_gmv_max_available?: boolean;
  store_authorized_bc_id?: string;
  is_owner_bc?: boolean;
  thumbnail_url?: string;
  targeting_region_codes?: string[];
  store_authorized_bc_info?: { bc_id?: string; bc_name?: string; user_role?: string };
}

/**
 * An item of `GET campaign/get/`. Times are `"YYYY-MM-DD HH:MM:SS"` (UTC); `budget` is a JSON
 * number. Sandbox rows may lack `secondary_status`.
 */
export interface WireCampaign {
  advertiser_id?: string;
  campaign_id?: string;
  campaign_name?: string;
  /** e.g. `PRODUCT_SALES`, `TRAFFIC`. */
  objective_type?: string;
  budget?: number;
  budget_mode?: OpenEnum<'BUDGET_MODE_INFINITE' | 'BUDGET_MODE_DAY' | 'BUDGET_MODE_TOTAL'>;
  /** `ENABLE` | `DISABLE`. */
  operation_status?: string;
  /** e.g. `CAMPAIGN_STATUS_ENABLE`, `CAMPAIGN_STATUS_DISABLE`, `CAMPAIGN_STATUS_DELETE`. */
  secondary_status?: string;
  create_time?: string;
  modify_time?: string;
}

/**
 * An item of `GET gmv_max/campaign/get/` (bububa `gmvmax.Campaign`). `shopping_ads_type` is
 * `PRODUCT` or `LIVE` (the list's filter calls them `PRODUCT_GMV_MAX`/`LIVE_GMV_MAX`); `store_id` is
 * the Partner API shop id. Like `campaign/get/` items, sandbox rows may lack `secondary_status`.
 */
export interface WireGmvMaxCampaign {
  advertiser_id?: string;
  campaign_id?: string;
  campaign_name?: string;
  operation_status?: string;
  objective_type?: string;
  secondary_status?: string;
  store_id?: string;
  store_authorized_bc_id?: string;
  shopping_ads_type?: OpenEnum<'PRODUCT' | 'LIVE'>;
  /** `ALL` products or `CUSTOMIZED_PRODUCTS` (then `item_group_ids`). */
  product_specific_type?: string;
  item_group_ids?: string[];
  optimization_goal?: string;
  deep_bid_type?: string;
  /** A JSON number. */
  roas_bid?: number;
  /** A JSON number. */
  budget?: number;
  schedule_type?: string;
  schedule_start_time?: string;
  schedule_end_time?: string;
  roi_protection_enabled?: boolean;
  create_time?: string;
  modify_time?: string;
}

/**
 * A row of `report/integrated/get/` or `gmv_max/report/get/` by campaign and day.
 * `stat_time_day` is midnight in the advertiser's zone, `"2026-11-01 00:00:00"`.
 */
export interface WireReportRow {
  dimensions?: { campaign_id?: string; stat_time_day?: string };
  metrics?: Record<string, string>;
}

/** `data` of an offset-paged list. */
export interface WireOffsetPage<T> {
  list?: T[];
  page_info?: WirePageInfo;
}

/** `data` of `gmv_max/report/get/`: `total_metrics` only with `enable_total_metrics=true`. */
export interface WireGmvMaxReportData extends WireOffsetPage<WireReportRow> {
  total_metrics?: Record<string, string>;
}

/** One event of `POST event/track/` (Events API 2.0) as a client sends it. */
export interface WireTrackedEvent {
  event?: string;
  /** Unix seconds. */
  event_time?: number;
  /** TikTok dedupes on pixel + event + event_id within 48 hours. */
  event_id?: string;
  user?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

/** The body of `POST event/track/`; more than 1000 events rejects the whole request. */
export interface WireEventTrackRequest {
  event_source?: string;
  event_source_id?: string;
  test_event_code?: string;
  data?: WireTrackedEvent[];
}
