/**
 * GET parameters of the two report endpoints, kept apart from the client so the exact query
 * TikTok receives is readable in one place.
 *
 * @see docs/tiktok-api.md ("report/integrated/get")
 */
import type { DayRange } from './date-range';
import type { QueryValue } from './marketing-protocol';
import { MAX_PAGE_SIZE } from './report-paging';
import { GMV_MAX_REPORT_METRICS, INTEGRATED_REPORT_METRICS } from './schemas';

/** One `filtering` entry of `report/integrated/get/`; `filter_value` is itself JSON text. */
export interface ReportFilter {
  field_name: string;
  filter_type: 'IN';
  filter_value: string;
}

/**
 * Without this filter TikTok silently drops spend of deleted campaigns from campaign-level
 * reports, and the ad ledger would under-count spend that was really charged.
 */
export const ALL_CAMPAIGN_STATUSES: ReportFilter = { field_name: 'campaign_status', filter_type: 'IN', filter_value: '["STATUS_ALL"]' };

/** The `campaign_ids` filter for at most 100 campaigns. */
export function campaignIdsFilter(campaignIds: readonly string[]): ReportFilter {
  return { field_name: 'campaign_ids', filter_type: 'IN', filter_value: JSON.stringify(campaignIds) };
}

/** `report/integrated/get/`: BASIC, AUCTION_CAMPAIGN, campaign × day, deleted campaigns included. */
export function integratedReportQuery(advertiserId: string, days: DayRange, extraFilters: readonly ReportFilter[], page: number): Record<string, QueryValue> {
  return {
    advertiser_id: advertiserId,
    report_type: 'BASIC',
    data_level: 'AUCTION_CAMPAIGN',
    dimensions: ['campaign_id', 'stat_time_day'],
    metrics: INTEGRATED_REPORT_METRICS,
    start_date: days.from,
    end_date: days.to,
    filtering: [ALL_CAMPAIGN_STATUSES, ...extraFilters],
    page,
    page_size: MAX_PAGE_SIZE,
  };
}

/** `gmv_max/report/get/` for one store (`store_ids` takes at most one) by campaign × day. */
/**
 * Every GMV Max campaign status, named one by one: the report leaves deleted campaigns' cost out
 * unless asked, and that cost is ad spend too (docs/metrics.md). TikTok's official SDK lists these
 * four values while another SDK also knows `STATUS_ALL`; the four explicit ones mean "all" under
 * either reading (docs/tiktok-api.md, GMV Max).
 */
const ALL_GMV_MAX_STATUSES = ['STATUS_DELIVERY_OK', 'STATUS_NOT_DELIVERY', 'STATUS_DISABLE', 'STATUS_DELETE'];

export function gmvMaxReportQuery(storeId: string, advertiserId: string, days: DayRange, page: number): Record<string, QueryValue> {
  return {
    advertiser_id: advertiserId,
    store_ids: [storeId],
    filtering: { campaign_statuses: ALL_GMV_MAX_STATUSES },
    dimensions: ['campaign_id', 'stat_time_day'],
    metrics: GMV_MAX_REPORT_METRICS,
    start_date: days.from,
    end_date: days.to,
    page,
    page_size: MAX_PAGE_SIZE,
  };
}
