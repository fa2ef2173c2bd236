/**
 * The campaign lists of the Marketing API: `campaign/get/` (standard campaigns) and
 * `gmv_max/campaign/get/` (GMV Max campaigns, which `campaign/get/` does not list). A row needs its
 * `campaign_id`; the others are set aside as `rejected` (see `lenient.ts`).
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { blankAsAbsent, liftRejected, openEnum, rowsOf, type RejectedRow } from '../lenient';
import { rawDateTimeTextSchema, rawDecimalTextSchema, rawIdSchema, rawPageInfoSchema } from './raw-primitives';

/** A campaign's on/off switch. */
export const OPERATION_STATUSES = ['ENABLE', 'DISABLE'] as const;

/** Campaign secondary statuses in TikTok's reference (as mirrored by bububa/tiktok-business). */
export const CAMPAIGN_SECONDARY_STATUSES = [
  'CAMPAIGN_STATUS_ENABLE',
  'CAMPAIGN_STATUS_DISABLE',
  'CAMPAIGN_STATUS_DELETE',
  'CAMPAIGN_STATUS_ADVERTISER_AUDIT',
  'CAMPAIGN_STATUS_ADVERTISER_AUDIT_DENY',
  'CAMPAIGN_STATUS_BUDGET_EXCEED',
  'CAMPAIGN_STATUS_AWAITING_RELEASE',
  'CAMPAIGN_STATUS_AD_UNAVAILABLE',
  'CAMPAIGN_STATUS_REVIEW_DISAPPROVED',
  'CAMPAIGN_STATUS_PRODUCT_UNAVAILABLE',
  'CAMPAIGN_STATUS_TIKTOK_SHOP_UNAVAILABLE',
  'CAMPAIGN_STATUS_TTS_TT_ASSET_UNAVAILABLE',
  'CAMPAIGN_STATUS_TTS_TT_IDENTITY_UNAVAILABLE',
  'CAMPAIGN_STATUS_IDENTITY_USED_BY_GMV_MAX_AD',
  'CAMPAIGN_STATUS_IDENTITY_USED_BY_LIVE_GMV_MAX',
  'CAMPAIGN_STATUS_LIVE_GMV_MAX_AUTHORIZATION_CANCEL',
  'CAMPAIGN_STATUS_PRODUCT_GMV_MAX_AUTHORIZATION_CANCEL',
  'CAMPAIGN_STATUS_PRODUCT_USED_BY_PRODUCT_GMV_MAX',
] as const;

const campaignFields = {
  advertiser_id: blankAsAbsent(rawIdSchema),
  campaign_id: rawIdSchema,
  campaign_name: blankAsAbsent(z.string()),
  objective_type: blankAsAbsent(z.string()),
  /** A JSON number; `parseUpstreamJson` hands over a decimal string when a double cannot hold it. */
  budget: blankAsAbsent(z.union([z.number().nonnegative(), rawDecimalTextSchema])),
  /** `ENABLE` | `DISABLE`. */
  operation_status: blankAsAbsent(openEnum('campaign.operation_status', OPERATION_STATUSES)),
  /** e.g. `CAMPAIGN_STATUS_ENABLE`, `CAMPAIGN_STATUS_DELETE`; absent in the sandbox. */
  secondary_status: blankAsAbsent(openEnum('campaign.secondary_status', CAMPAIGN_SECONDARY_STATUSES)),
  create_time: blankAsAbsent(rawDateTimeTextSchema),
  modify_time: blankAsAbsent(rawDateTimeTextSchema),
};

/** `GET campaign/get/` item: only `campaign_id` is required. */
export const rawCampaignSchema = z.object({
  ...campaignFields,
  /** `BUDGET_MODE_INFINITE` | `BUDGET_MODE_DAY` | `BUDGET_MODE_TOTAL` | ... */
  budget_mode: blankAsAbsent(z.string()),
});
export type RawCampaign = z.output<typeof rawCampaignSchema>;
export const rawCampaignPageDataSchema = z
  .object({ list: rowsOf(rawCampaignSchema, { id: 'campaign_id', orderId: null }), page_info: rawPageInfoSchema })
  .transform(({ list, page_info }) => ({ list: list.rows, rejected: liftRejected('list', list.rejected), page_info }));

/** GMV Max campaign kinds (`filtering.gmv_max_promotion_types` of `gmv_max/campaign/get/`). */
export const GMV_MAX_PROMOTION_TYPES = ['PRODUCT_GMV_MAX', 'LIVE_GMV_MAX'] as const;

/**
 * `GET gmv_max/campaign/get/` item (fields as bububa/tiktok-business mirrors TikTok's doc):
 * `store_id` is the TikTok Shop it promotes, `shopping_ads_type` `PRODUCT` or `LIVE`, `budget` the
 * daily budget. GMV Max campaigns are not listed by `campaign/get/`.
 */
export const rawGmvMaxCampaignSchema = z.object({
  ...campaignFields,
  store_id: blankAsAbsent(rawIdSchema),
  shopping_ads_type: blankAsAbsent(openEnum('gmv_max_campaign.shopping_ads_type', ['PRODUCT', 'LIVE'])),
});
export type RawGmvMaxCampaign = z.output<typeof rawGmvMaxCampaignSchema>;
export const rawGmvMaxCampaignPageDataSchema = z
  .object({ list: rowsOf(rawGmvMaxCampaignSchema, { id: 'campaign_id', orderId: null }), page_info: rawPageInfoSchema })
  .transform(({ list, page_info }) => ({ list: list.rows, rejected: liftRejected('list', list.rejected), page_info }));

export type { RejectedRow };
