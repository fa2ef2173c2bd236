/**
 * The emulator's own schemas of recorded Marketing API fixture files (see `fixture-schemas.ts`
 * for the conventions): advertisers, their campaigns and their report rows.
 */
import { z } from 'zod';
import { currency, id, money } from './fixture-schemas';

/** `advertisers.json`: `advertiser/info/` items plus the shops each promotes. */
export const advertisersFile = z.object({
  list: z
    .array(
      z.looseObject({
        advertiser_id: id,
        name: z.string(),
        currency,
        timezone: z.string(),
        display_timezone: z.string(),
        status: z.string(),
        shop_ids: z.array(id).default([]),
      }),
    )
    .default([]),
});

const dateTimeText = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected "YYYY-MM-DD HH:MM:SS"');

/** `advertisers/<id>/campaigns.json`: `campaign/get/` items. Sandbox rows may lack `secondary_status`. */
export const campaignsFile = z.object({
  list: z
    .array(
      z.looseObject({
        campaign_id: id,
        campaign_name: z.string(),
        objective_type: z.string(),
        budget: z.union([z.number().nonnegative(), money]).optional(),
        budget_mode: z.string().optional(),
        operation_status: z.string().optional(),
        secondary_status: z.string().optional(),
        create_time: dateTimeText,
        modify_time: dateTimeText,
      }),
    )
    .default([]),
});

/** A report metric value: a decimal string, or `"-"` for no value. */
const metricValue = z.union([money, z.literal('-')]);

/** `advertisers/<id>/report.json`: `report/integrated/get/` rows (a metric not recorded answers `"-"`). */
export const reportFile = z.object({
  list: z
    .array(
      z.object({
        dimensions: z.object({
          campaign_id: id,
          stat_time_day: z.string().regex(/^\d{4}-\d{2}-\d{2} 00:00:00$/, 'expected "YYYY-MM-DD 00:00:00"'),
        }),
        metrics: z.record(z.string(), metricValue),
      }),
    )
    .default([]),
});

/** A stat day as TikTok writes it in both reports. */
const statDay = z.string().regex(/^\d{4}-\d{2}-\d{2} 00:00:00$/, 'expected "YYYY-MM-DD 00:00:00"');

/**
 * `advertisers/<id>/gmv-max-campaigns.json`: `gmv_max/campaign/get/` items (deleted ones may be
 * included with `secondary_status: CAMPAIGN_STATUS_DELETE`; their rows then need `STATUS_DELETE`).
 */
export const gmvMaxCampaignsFile = z.object({
  list: z
    .array(
      z.looseObject({
        campaign_id: id,
        campaign_name: z.string(),
        store_id: id.optional(),
        shopping_ads_type: z.string().optional(),
        objective_type: z.string().default('PRODUCT_SALES'),
        budget: z.union([z.number().nonnegative(), money]).optional(),
        operation_status: z.string().optional(),
        secondary_status: z.string().optional(),
        create_time: dateTimeText,
        modify_time: dateTimeText,
      }),
    )
    .default([]),
});

/** `advertisers/<id>/gmv-max-report/<store_id>.json`: `gmv_max/report/get/` rows of that store. */
export const gmvMaxReportFile = z.object({
  list: z
    .array(
      z.object({
        dimensions: z.object({ campaign_id: id, stat_time_day: statDay }),
        metrics: z.record(z.string(), metricValue),
      }),
    )
    .default([]),
});

/** `advertisers/<id>/stores.json`: `gmv_max/store/list/` rows (`store_id` = the shop id). */
export const storesFile = z.object({
  store_list: z.array(z.looseObject({ store_id: id, store_name: z.string().optional() })).default([]),
});
