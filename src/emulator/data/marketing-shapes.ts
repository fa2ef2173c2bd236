/**
 * The emulator's Marketing API records (see `shapes.ts`).
 */
import type { WireAdvertiserInfo, WireCampaign, WireGmvMaxCampaign, WireGmvMaxStore, WirePageInfo } from '../wire';

/** A Marketing API advertiser (`advertiser/info/`), with the shops it promotes (emulator-only). */
export interface EmuAdvertiser extends WireAdvertiserInfo {
  advertiser_id: string;
  name: string;
  currency: string;
  timezone: string;
  display_timezone: string;
  status: string;
  shop_ids: string[];
}

/**
 * A campaign as `campaign/get/` returns it, or a GMV Max one as `gmv_max/campaign/get/` does (then
 * with `store_id` and `shopping_ads_type`). Times are `"YYYY-MM-DD HH:MM:SS"` UTC strings.
 */
export interface MarketingCampaignRaw extends Omit<WireCampaign, 'budget'>, Omit<WireGmvMaxCampaign, 'budget' | keyof WireCampaign> {
  advertiser_id: string;
  campaign_id: string;
  campaign_name: string;
  objective_type: string;
  /** A JSON number; a replayed one too long for a double keeps its digits as a string. */
  budget?: number | string;
  budget_mode?: string;
  operation_status?: string;
  /** Sandbox rows may lack it. */
  secondary_status?: string;
  create_time: string;
  modify_time: string;
}

/** A report row of `report/integrated/get/` or `gmv_max/report/get/`: maps of STRINGS. */
export interface ReportRowRaw {
  dimensions: { campaign_id: string; stat_time_day: string };
  metrics: Record<string, string>;
}

/** `page_info` of Marketing API offset paging. */
export type MarketingPageInfo = Required<WirePageInfo>;

/** A GMV Max store (a TikTok Shop the advertiser may promote). */
export interface GmvMaxStore extends WireGmvMaxStore {
  store_id: string;
}
