/**
 * TikTok Marketing API v1.3 and Events API 2.0 JSON, exactly as TikTok sends it.
 *
 * The `raw*` schemas describe the wire shapes as TikTok's reference and SDKs have them, strict
 * only about what ShopGraph cannot do without (a campaign's id, a report row's dimensions): other
 * fields may be missing, status values ShopGraph does not know are kept and counted, and a list
 * row without its id is set aside as `rejected` (see `lenient.ts`). What ShopGraph uses inside is
 * the normalized types at the bottom, produced by `normalize.ts`.
 *
 * @see docs/tiktok-api.md
 * @see https://business-api.tiktok.com/portal/docs?id=1738855331457026
 */
import { z } from 'zod';
import { blankAsAbsent } from '../lenient';
import { rawCountMetricSchema, rawIdSchema, rawMetricValueSchema, rawPageInfoSchema, rawStatTimeDaySchema } from './raw-primitives';

export * from './raw-primitives';
export * from './campaign-schemas';

/** `GET advertiser/info/` item. `display_timezone` is the IANA zone report days are cut in. */
export const rawAdvertiserInfoSchema = z.object({
  advertiser_id: rawIdSchema,
  name: blankAsAbsent(z.string()),
  currency: z.string().regex(/^[A-Z]{3}$/),
  timezone: blankAsAbsent(z.string()),
  display_timezone: z.string().min(1),
  status: blankAsAbsent(z.string()),
});
export type RawAdvertiserInfo = z.output<typeof rawAdvertiserInfoSchema>;
export const rawAdvertiserInfoDataSchema = z.object({ list: z.array(rawAdvertiserInfoSchema) });

/** `GET oauth2/advertiser/get/` item: the advertisers the token was authorized for. */
export const rawAuthorizedAdvertiserSchema = z.object({
  advertiser_id: rawIdSchema,
  advertiser_name: z.string(),
});
export type RawAuthorizedAdvertiser = z.infer<typeof rawAuthorizedAdvertiserSchema>;
export const rawAuthorizedAdvertisersDataSchema = z.object({ list: z.array(rawAuthorizedAdvertiserSchema) });

/**
 * `GET gmv_max/store/list/` item. `store_id` is the TikTok Shop id (the Partner API `shop_id`).
 * Field names follow TikTok's doc as mirrored by bububa/tiktok-business (`gmvmax.Store`); only
 * `store_id` is always present, so the rest are optional.
 */
export const rawGmvMaxStoreSchema = z.object({
  store_id: rawIdSchema,
  store_name: z.string().optional(),
  store_code: z.string().optional(),
  /** `ACTIVE` | `INACTIVE` | `NEW_CREATE`. */
  store_status: z.string().optional(),
  is_gmv_max_available: z.boolean().optional(),
  store_authorized_bc_id: z.string().optional(),
  is_owner_bc: z.boolean().optional(),
  thumbnail_url: z.string().optional(),
  targeting_region_codes: z.array(z.string()).optional(),
});
export type RawGmvMaxStore = z.infer<typeof rawGmvMaxStoreSchema>;
export const rawGmvMaxStoreListDataSchema = z.object({ store_list: z.array(rawGmvMaxStoreSchema) });

/** The metrics ShopGraph requests from `report/integrated/get/`, always present in its rows. */
export const INTEGRATED_REPORT_METRICS = ['spend', 'impressions', 'clicks', 'conversion', 'onsite_shopping', 'total_onsite_shopping_value'] as const;

/** `report/integrated/get/` row at `AUCTION_CAMPAIGN` level by `campaign_id` × `stat_time_day`. */
export const rawIntegratedReportRowSchema = z.object({
  dimensions: z.object({ campaign_id: rawIdSchema, stat_time_day: rawStatTimeDaySchema }),
  // Requested, so normally present; a missing one reads as TikTok's "-" (no value).
  metrics: z.looseObject({
    spend: rawMetricValueSchema.optional(),
    impressions: rawCountMetricSchema.optional(),
    clicks: rawCountMetricSchema.optional(),
    conversion: rawCountMetricSchema.optional(),
    onsite_shopping: rawCountMetricSchema.optional(),
    total_onsite_shopping_value: rawMetricValueSchema.optional(),
    onsite_shopping_roas: rawMetricValueSchema.optional(),
    complete_payment: rawCountMetricSchema.optional(),
    total_complete_payment_rate: rawMetricValueSchema.optional(),
    complete_payment_roas: rawMetricValueSchema.optional(),
  }),
});
export type RawIntegratedReportRow = z.infer<typeof rawIntegratedReportRowSchema>;
export const rawIntegratedReportPageDataSchema = z.object({
  list: z.array(rawIntegratedReportRowSchema),
  page_info: rawPageInfoSchema,
});

/** The metrics ShopGraph requests from `gmv_max/report/get/`. */
export const GMV_MAX_REPORT_METRICS = ['cost', 'gross_revenue', 'roi', 'orders'] as const;

/** `gmv_max/report/get/` row by `campaign_id` × `stat_time_day` for one store. */
export const rawGmvMaxReportRowSchema = z.object({
  dimensions: z.object({ campaign_id: rawIdSchema, stat_time_day: rawStatTimeDaySchema }),
  metrics: z.looseObject({
    cost: rawMetricValueSchema.optional(),
    gross_revenue: rawMetricValueSchema.optional(),
    roi: rawMetricValueSchema.optional(),
    orders: rawCountMetricSchema.optional(),
  }),
});
export type RawGmvMaxReportRow = z.infer<typeof rawGmvMaxReportRowSchema>;
export const rawGmvMaxReportPageDataSchema = z.object({
  list: z.array(rawGmvMaxReportRowSchema),
  page_info: rawPageInfoSchema,
});

/** `POST oauth2/access_token/` data. `scope` holds TikTok's numeric permission ids. */
export const rawAccessTokenDataSchema = z.object({
  access_token: z.string().min(1),
  advertiser_ids: z.array(rawIdSchema),
  scope: z.array(z.union([z.number().int(), z.string()])),
});
export type RawAccessTokenData = z.infer<typeof rawAccessTokenDataSchema>;

/** `sha256` hex of normalized PII, as Events API 2.0 requires for email, phone and external_id. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase SHA-256 hex digest');

/** One Events API 2.0 event as ShopGraph sends it. */
export const rawTrackedEventSchema = z.object({
  event: z.string().min(1),
  /** Unix seconds, UTC. */
  event_time: z.number().int().positive(),
  /** The order id: TikTok dedupes on pixel + event + event_id within 48 hours. */
  event_id: z.string().min(1),
  user: z.object({
    ttclid: z.string().optional(),
    email: z.array(sha256HexSchema).optional(),
    phone: z.array(sha256HexSchema).optional(),
    external_id: z.array(sha256HexSchema).optional(),
    ip: z.string().optional(),
    user_agent: z.string().optional(),
  }),
  properties: z.object({
    value: z.number().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    order_id: z.string().min(1),
    contents: z.array(z.object({ content_id: z.string(), price: z.number().nonnegative(), quantity: z.number().int().positive() })),
  }),
});

/** `POST event/track/` body; more than 1000 events makes TikTok reject the whole request. */
export const rawEventTrackRequestSchema = z.object({
  event_source: z.literal('web'),
  event_source_id: z.string().min(1),
  test_event_code: z.string().optional(),
  data: z.array(rawTrackedEventSchema).min(1).max(1000),
});

/** An advertiser (ad account). Money in its reports is in `currency`. */
export interface AdvertiserInfo {
  advertiserId: string;
  name: string;
  currency: string;
  /** TikTok's own zone label. */
  timezone: string;
  /** IANA zone in which report days (`stat_time_day`) are cut. */
  displayTimezone: string;
  status: string;
}

/** An advertiser the access token may read. */
export interface AuthorizedAdvertiser {
  advertiserId: string;
  name: string;
}

/** A TikTok Shop linked to an ad account for GMV Max. `storeId` is the Shop's `shop_id`. */
export interface GmvMaxStore {
  storeId: string;
  name: string | null;
  status: string | null;
  gmvMaxAvailable: boolean | null;
}

/** Which endpoint lists a campaign: `campaign/get/` or `gmv_max/campaign/get/`. */
export type MarketingCampaignType = 'STANDARD' | 'GMV_MAX';

/**
 * A campaign, deleted ones included when asked for. Texts TikTok left out are `""` (a missing
 * time reads as no time), statuses it left out null.
 */
export interface MarketingCampaign {
  advertiserId: string;
  campaignId: string;
  type: MarketingCampaignType;
  name: string;
  objectiveType: string;
  /** Exact decimal string in the advertiser's currency; null when TikTok sent none. */
  budget: string | null;
  budgetMode: string;
  operationStatus: string | null;
  /** Absent from campaign rows in TikTok's sandbox. */
  secondaryStatus: string | null;
  deleted: boolean;
  /** `"YYYY-MM-DD HH:MM:SS"` as TikTok sends it, `""` when it sent none. */
  createTime: string;
  modifyTime: string;
  /** GMV Max: the TikTok Shop (`shop_id`) it promotes; null for standard campaigns. */
  storeId: string | null;
  /** GMV Max: `PRODUCT` or `LIVE` (as TikTok sent it); null for standard campaigns. */
  shoppingAdsType: string | null;
}

/** One campaign-day of `report/integrated/get/`. Money in the advertiser's currency. */
export interface ReportRow {
  campaignId: string;
  /** The stat day, `YYYY-MM-DD`, in the advertiser's time zone (click/view day, not order day). */
  date: string;
  spend: string | null;
  impressions: number | null;
  clicks: number | null;
  conversions: number | null;
  /** `onsite_shopping`: TikTok Shop purchases attributed to the ad. */
  shopPurchases: number | null;
  /** `total_onsite_shopping_value`: Shop gross revenue attributed to the ad. */
  attributedRevenue: string | null;
  /** `onsite_shopping_roas`, only when requested. */
  shopRoas: string | null;
}

/**
 * One campaign-day of `gmv_max/report/get/`. `grossRevenue` and `roi` credit ALL orders of the
 * promoted products, organic ones included: label them GMV Max ROI, never ad-attributed ROAS.
 */
export interface GmvMaxReportRow {
  storeId: string;
  campaignId: string;
  date: string;
  cost: string | null;
  grossRevenue: string | null;
  roi: string | null;
  orders: number | null;
}

/** Result of exchanging an auth code. */
export interface AccessTokenGrant {
  accessToken: string;
  advertiserIds: string[];
  scope: string[];
}
