/**
 * The two campaign lists of the Marketing API: `campaign/get/` for standard campaigns and
 * `gmv_max/campaign/get/` for GMV Max campaigns (since July 2025 the only Shop-ads type for most
 * sellers, and absent from `campaign/get/`).
 * @see docs/tiktok-api.md
 */
import type { RejectedRow } from '../lenient';
import type { MarketingTransport } from './marketing-transport';
import { normalizeCampaign, normalizeGmvMaxCampaign } from './normalize';
import { MAX_PAGE_SIZE, readAllRows, splitList } from './report-paging';
import { GMV_MAX_PROMOTION_TYPES, rawCampaignPageDataSchema, rawGmvMaxCampaignPageDataSchema, type MarketingCampaign } from './schemas';

/** IDs per request for `campaign_ids`. */
const MAX_IDS_PER_REQUEST = 100;

/** Which campaigns {@link readCampaigns} returns. */
export interface CampaignQuery {
  /** Only these campaigns; sent 100 per request (TikTok's `campaign_ids` limit). */
  campaignIds?: readonly string[];
  /** Include deleted campaigns, which `campaign/get/` hides by default. @default false */
  includeDeleted?: boolean;
}

/** Campaigns, and the rows TikTok sent without a campaign id (never dropped silently). */
export interface CampaignList {
  campaigns: MarketingCampaign[];
  rejected: RejectedRow[];
}

/** Which GMV Max campaigns {@link readGmvMaxCampaigns} returns. */
export interface GmvMaxCampaignQuery {
  /** Only those promoting these TikTok Shops; sent 10 per request (TikTok's limit). */
  storeIds?: readonly string[];
  /** Include deleted campaigns as well. @default false */
  includeDeleted?: boolean;
}

/** Page size of `gmv_max/campaign/get/` (TikTok's range: 1–100). */
const GMV_MAX_CAMPAIGN_PAGE_SIZE = 100;
/** `store_ids` per `gmv_max/campaign/get/` request. */
const MAX_STORE_IDS = 10;

/** `GET campaign/get/`, every page of 1000. GMV Max campaigns are not among them. */
export async function readCampaigns(
  transport: MarketingTransport,
  advertiserId: string,
  { campaignIds, includeDeleted = false }: CampaignQuery,
): Promise<CampaignList> {
  const status = includeDeleted ? { secondary_status: 'CAMPAIGN_STATUS_ALL' } : {};
  const filters = campaignIds ? splitList([...new Set(campaignIds)], MAX_IDS_PER_REQUEST).map((ids) => ({ campaign_ids: ids, ...status })) : [status];
  const result: CampaignList = { campaigns: [], rejected: [] };
  for (const filtering of filters) {
    const { rows, rejected } = await readAllRows((page) =>
      transport.call({
        method: 'GET',
        path: 'campaign/get/',
        query: { advertiser_id: advertiserId, filtering: Object.keys(filtering).length > 0 ? filtering : undefined, page, page_size: MAX_PAGE_SIZE },
        data: rawCampaignPageDataSchema,
        advertiserId,
      }),
    );
    result.campaigns.push(...rows.map((raw) => normalizeCampaign(raw, advertiserId)));
    result.rejected.push(...rejected);
  }
  return result;
}

/**
 * `GET gmv_max/campaign/get/`: product and LIVE GMV Max campaigns (TikTok requires
 * `gmv_max_promotion_types`), every page of 100. With `includeDeleted` the deleted ones are
 * asked for too, by `primary_status: STATUS_DELETE` (UNCERTAIN whether the default answer
 * leaves them out, as `campaign/get/` does; a campaign in both answers is listed once).
 */
export async function readGmvMaxCampaigns(
  transport: MarketingTransport,
  advertiserId: string,
  { storeIds, includeDeleted = false }: GmvMaxCampaignQuery,
): Promise<CampaignList> {
  const stores = storeIds ? splitList([...new Set(storeIds)], MAX_STORE_IDS) : [undefined];
  const statuses = includeDeleted ? [undefined, 'STATUS_DELETE'] : [undefined];
  const byId = new Map<string, MarketingCampaign>();
  const result: CampaignList = { campaigns: [], rejected: [] };
  for (const store_ids of stores) {
    for (const primary_status of statuses) {
      const filtering = { gmv_max_promotion_types: GMV_MAX_PROMOTION_TYPES, store_ids, primary_status };
      const { rows, rejected } = await readAllRows((page) =>
        transport.call({
          method: 'GET',
          path: 'gmv_max/campaign/get/',
          query: { advertiser_id: advertiserId, filtering, page, page_size: GMV_MAX_CAMPAIGN_PAGE_SIZE },
          data: rawGmvMaxCampaignPageDataSchema,
          advertiserId,
        }),
      );
      for (const raw of rows) {
        const campaign = normalizeGmvMaxCampaign(raw, advertiserId, primary_status === 'STATUS_DELETE');
        if (!byId.has(campaign.campaignId)) byId.set(campaign.campaignId, campaign);
      }
      result.rejected.push(...rejected);
    }
  }
  result.campaigns.push(...byId.values());
  return result;
}
