/**
 * Raw Marketing API JSON (see `schemas.ts`) to the types ShopGraph uses inside: camelCase, IDs as
 * strings, money as exact decimal strings, counts as integers, TikTok's `"-"` as null.
 */
import { Decimal } from 'decimal.js';
import type {
  AccessTokenGrant,
  AdvertiserInfo,
  AuthorizedAdvertiser,
  GmvMaxReportRow,
  GmvMaxStore,
  MarketingCampaign,
  RawAccessTokenData,
  RawAdvertiserInfo,
  RawAuthorizedAdvertiser,
  RawCampaign,
  RawGmvMaxCampaign,
  RawGmvMaxReportRow,
  RawGmvMaxStore,
  RawIntegratedReportRow,
  ReportRow,
} from './schemas';

/**
 * A JSON number or decimal string as a canonical plain decimal string. `toFixed()` without
 * arguments never switches to exponent notation and, built from a number, decimal.js uses the
 * shortest round-trip digits, so `100.55` stays `"100.55"` rather than its binary expansion.
 */
export function toDecimalText(value: number | string): string {
  return new Decimal(value).toFixed();
}

/** A money or ratio metric: `"20.000"` → `"20"`, `"-"` → null. */
export function moneyMetric(value: string | undefined): string | null {
  return value === undefined || value === '-' ? null : toDecimalText(value);
}

/**
 * A count metric: `"4787"` → 4787, `"-"` → null. The raw schema admits at most 15 digits, so the
 * result is always a safe integer.
 */
export function countMetric(value: string | undefined): number | null {
  return value === undefined || value === '-' ? null : Number(value);
}

/** `"2026-11-01 00:00:00"` → `"2026-11-01"`. */
export function statDay(statTimeDay: string): string {
  return statTimeDay.slice(0, 10);
}

/** @see schemas.ts `rawAdvertiserInfoSchema` */
export function normalizeAdvertiserInfo(raw: RawAdvertiserInfo): AdvertiserInfo {
  return {
    advertiserId: raw.advertiser_id,
    name: raw.name ?? '',
    currency: raw.currency,
    timezone: raw.timezone ?? raw.display_timezone,
    displayTimezone: raw.display_timezone,
    status: raw.status ?? '',
  };
}

/** @see schemas.ts `rawAuthorizedAdvertiserSchema` */
export function normalizeAuthorizedAdvertiser(raw: RawAuthorizedAdvertiser): AuthorizedAdvertiser {
  return { advertiserId: raw.advertiser_id, name: raw.advertiser_name };
}

/** @see schemas.ts `rawGmvMaxStoreSchema` */
export function normalizeGmvMaxStore(raw: RawGmvMaxStore): GmvMaxStore {
  return {
    storeId: raw.store_id,
    name: raw.store_name ?? null,
    status: raw.store_status ?? null,
    gmvMaxAvailable: raw.is_gmv_max_available ?? null,
  };
}

/**
 * @param advertiserId - the advertiser asked about; `campaign/get/` rows may omit their own
 * @see schemas.ts `rawCampaignSchema`
 */
export function normalizeCampaign(raw: RawCampaign, advertiserId: string): MarketingCampaign {
  return {
    advertiserId: raw.advertiser_id ?? advertiserId,
    campaignId: raw.campaign_id,
    type: 'STANDARD',
    name: raw.campaign_name ?? '',
    objectiveType: raw.objective_type ?? '',
    budget: raw.budget === undefined ? null : toDecimalText(raw.budget),
    budgetMode: raw.budget_mode ?? '',
    operationStatus: raw.operation_status ?? null,
    secondaryStatus: raw.secondary_status ?? null,
    deleted: raw.secondary_status === 'CAMPAIGN_STATUS_DELETE',
    createTime: raw.create_time ?? '',
    modifyTime: raw.modify_time ?? '',
    storeId: null,
    shoppingAdsType: null,
  };
}

/**
 * A GMV Max campaign.
 * @param deleted - listed by the `STATUS_DELETE` query (its row may not say so itself)
 * @see schemas.ts `rawGmvMaxCampaignSchema`
 */
export function normalizeGmvMaxCampaign(raw: RawGmvMaxCampaign, advertiserId: string, deleted: boolean): MarketingCampaign {
  return {
    advertiserId: raw.advertiser_id ?? advertiserId,
    campaignId: raw.campaign_id,
    type: 'GMV_MAX',
    name: raw.campaign_name ?? '',
    objectiveType: raw.objective_type ?? '',
    budget: raw.budget === undefined ? null : toDecimalText(raw.budget),
    // TikTok sends no budget mode for GMV Max; its budget is a daily one.
    budgetMode: '',
    operationStatus: raw.operation_status ?? null,
    secondaryStatus: raw.secondary_status ?? null,
    deleted: deleted || raw.secondary_status === 'CAMPAIGN_STATUS_DELETE',
    createTime: raw.create_time ?? '',
    modifyTime: raw.modify_time ?? '',
    storeId: raw.store_id ?? null,
    shoppingAdsType: raw.shopping_ads_type ?? null,
  };
}

/** @see schemas.ts `rawIntegratedReportRowSchema` */
export function normalizeReportRow(raw: RawIntegratedReportRow): ReportRow {
  const m = raw.metrics;
  return {
    campaignId: raw.dimensions.campaign_id,
    date: statDay(raw.dimensions.stat_time_day),
    spend: moneyMetric(m.spend),
    impressions: countMetric(m.impressions),
    clicks: countMetric(m.clicks),
    conversions: countMetric(m.conversion),
    shopPurchases: countMetric(m.onsite_shopping),
    attributedRevenue: moneyMetric(m.total_onsite_shopping_value),
    shopRoas: moneyMetric(m.onsite_shopping_roas),
  };
}

/** @see schemas.ts `rawGmvMaxReportRowSchema` */
export function normalizeGmvMaxReportRow(raw: RawGmvMaxReportRow, storeId: string): GmvMaxReportRow {
  const m = raw.metrics;
  return {
    storeId,
    campaignId: raw.dimensions.campaign_id,
    date: statDay(raw.dimensions.stat_time_day),
    cost: moneyMetric(m.cost),
    grossRevenue: moneyMetric(m.gross_revenue),
    roi: moneyMetric(m.roi),
    orders: countMetric(m.orders),
  };
}

/** @see schemas.ts `rawAccessTokenDataSchema` */
export function normalizeAccessToken(raw: RawAccessTokenData): AccessTokenGrant {
  return { accessToken: raw.access_token, advertiserIds: raw.advertiser_ids, scope: raw.scope.map(String) };
}
