/**
 * `GET gmv_max/campaign/get/`: an advertiser's GMV Max campaigns, which `campaign/get/` does not
 * list (bububa `gmvmax.GetRequest`; docs/tiktok-api.md, GMV Max). `filtering` is a JSON object;
 * `page_size` 1–100. The emulator requires `filtering.gmv_max_promotion_types` (`PRODUCT_GMV_MAX`,
 * `LIVE_GMV_MAX`): the strict reading, since every use of the endpoint in the evidence sends it and
 * the SDK models do not say whether TikTok would default it; a client sending it is right either way.
 */
import { invalidMarketingParam } from './codes';
import type { EmulatorStore, GmvMaxCampaignFilter } from './data/store';
import { enumList, stringList } from './marketing-report-routes';
import type { MarketingRouter } from './marketing-routes';
import { isObject, jsonParam, jsonStrings, offsetPaging, type JsonObject } from './params';

const PROMOTION_TYPES = ['PRODUCT_GMV_MAX', 'LIVE_GMV_MAX'];
/** `filtering.primary_status` values (bububa `gmvmax.GetFilter`). */
const PRIMARY_STATUSES = ['STATUS_DELIVERY_OK', 'STATUS_DISABLE', 'STATUS_DELETE'];
const FILTER_KEYS = [
  'gmv_max_promotion_types',
  'store_ids',
  'campaign_ids',
  'campaign_name',
  'primary_status',
  'creation_filter_start_time',
  'creation_filter_end_time',
];
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Registers `gmv_max/campaign/get/`. */
export function registerGmvMaxCampaignRoute(router: MarketingRouter, store: EmulatorStore): void {
  router.route('GET', 'gmv_max/campaign/get/', ({ query }) => {
    const advertiser = router.advertiser(query);
    const filtering = jsonParam(query, 'filtering') ?? {};
    if (!isObject(filtering)) throw invalidMarketingParam('filtering: expected a JSON object');
    const fields = jsonStrings(query, 'fields', 100);
    const page = store.gmvMaxCampaigns(advertiser.advertiser_id, campaignFilter(filtering), offsetPaging(query, 100));
    // `fields` narrows each campaign to the fields asked for; without it every field comes.
    return fields ? { ...page, list: page.list.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => fields.includes(k)))) } : page;
  });
}

function campaignFilter(filtering: JsonObject): GmvMaxCampaignFilter {
  const unknown = Object.keys(filtering).find((k) => !FILTER_KEYS.includes(k));
  if (unknown !== undefined) throw invalidMarketingParam(`filtering: ${unknown} is not a GMV Max campaign filter`);
  const types = enumList(filtering.gmv_max_promotion_types, 'gmv_max_promotion_types', PROMOTION_TYPES);
  if (!types || types.length === 0) throw invalidMarketingParam('filtering.gmv_max_promotion_types: required');
  const primary = filtering.primary_status;
  if (primary !== undefined && (typeof primary !== 'string' || !PRIMARY_STATUSES.includes(primary))) {
    throw invalidMarketingParam(`filtering.primary_status: must be one of ${PRIMARY_STATUSES.join(', ')}`);
  }
  const name = filtering.campaign_name;
  if (name !== undefined && typeof name !== 'string') throw invalidMarketingParam('filtering.campaign_name: expected a string');
  return {
    promotion_types: types,
    store_ids: stringList(filtering.store_ids, 'store_ids', 10),
    campaign_ids: stringList(filtering.campaign_ids, 'campaign_ids', 100),
    campaign_name: name,
    primary_status: primary,
    created_after: dateTime(filtering.creation_filter_start_time, 'creation_filter_start_time'),
    created_before: dateTime(filtering.creation_filter_end_time, 'creation_filter_end_time'),
  };
}

function dateTime(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !DATE_TIME.test(value)) throw invalidMarketingParam(`filtering.${name}: expected "YYYY-MM-DD HH:MM:SS"`);
  return value;
}
