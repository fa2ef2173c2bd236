/**
 * TikTok Marketing API v1.3 client: advertisers, GMV Max stores, campaigns, daily reports and the
 * OAuth code exchange. Every answer is validated (`schemas.ts`) and normalized (`normalize.ts`);
 * transport concerns (headers, errors, retry, logging) live in `marketing-transport.ts`.
 *
 * @see docs/tiktok-api.md
 */
import { checkRange, type DayRange } from './date-range';
import { readCampaigns, readGmvMaxCampaigns, type CampaignList, type CampaignQuery, type GmvMaxCampaignQuery } from './campaign-lists';
import { MarketingTransport, type MarketingTransportOptions } from './marketing-transport';
import {
  normalizeAccessToken,
  normalizeAdvertiserInfo,
  normalizeAuthorizedAdvertiser,
  normalizeGmvMaxReportRow,
  normalizeGmvMaxStore,
  normalizeReportRow,
} from './normalize';
import { MAX_DAILY_REPORT_DAYS, readAllPages, readByDayChunks, splitList } from './report-paging';
import { campaignIdsFilter, gmvMaxReportQuery, integratedReportQuery } from './report-queries';
import {
  rawAccessTokenDataSchema,
  rawAdvertiserInfoDataSchema,
  rawAuthorizedAdvertisersDataSchema,
  rawGmvMaxReportPageDataSchema,
  rawGmvMaxStoreListDataSchema,
  rawIntegratedReportPageDataSchema,
  type AccessTokenGrant,
  type AdvertiserInfo,
  type AuthorizedAdvertiser,
  type GmvMaxReportRow,
  type GmvMaxStore,
  type ReportRow,
} from './schemas';

/** Settings of {@link MarketingClient}. */
export type MarketingClientOptions = MarketingTransportOptions & {
  /** TikTok app id: `oauth2/advertiser/get/` and `oauth2/access_token/` identify the app with it. */
  appId?: string;
  /** TikTok app secret, for the same two calls. Never logged. */
  appSecret?: string;
};

/** An inclusive day range in the advertiser's time zone, optionally for some campaigns only. */
export interface DailyReportQuery extends DayRange {
  campaignIds?: readonly string[];
}

/** IDs per request for `advertiser_ids` and `campaign_ids` (UNCERTAIN for advertisers: 100 is safe). */
const MAX_IDS_PER_REQUEST = 100;

/** A typed Marketing API client; one instance can serve many advertisers of one token. */
export class MarketingClient {
  private readonly transport: MarketingTransport;

  constructor(private readonly options: MarketingClientOptions) {
    this.transport = new MarketingTransport(options);
  }

  /** `GET advertiser/info/`, 100 ids per request; unknown ids are simply absent. */
  async getAdvertiserInfo(advertiserIds: readonly string[]): Promise<AdvertiserInfo[]> {
    const result: AdvertiserInfo[] = [];
    for (const ids of splitList([...new Set(advertiserIds)], MAX_IDS_PER_REQUEST)) {
      const data = await this.transport.call({
        method: 'GET',
        path: 'advertiser/info/',
        // Named explicitly: the default field set is undocumented (UNCERTAIN) and report days need display_timezone.
        query: { advertiser_ids: ids, fields: ['advertiser_id', 'name', 'currency', 'timezone', 'display_timezone', 'status'] },
        data: rawAdvertiserInfoDataSchema,
        advertiserId: ids.length === 1 ? ids[0] : undefined,
      });
      result.push(...data.list.map(normalizeAdvertiserInfo));
    }
    return result;
  }

  /** `GET oauth2/advertiser/get/`: the advertisers this token may read. Needs `appId` and `appSecret`. */
  async getAuthorizedAdvertisers(): Promise<AuthorizedAdvertiser[]> {
    const { appId, appSecret } = this.appCredentials('getAuthorizedAdvertisers');
    const data = await this.transport.call({
      method: 'GET',
      path: 'oauth2/advertiser/get/',
      query: { app_id: appId, secret: appSecret },
      data: rawAuthorizedAdvertisersDataSchema,
    });
    return data.list.map(normalizeAuthorizedAdvertiser);
  }

  /** `GET gmv_max/store/list/`: TikTok Shops linked to the ad account (`storeId` = `shop_id`). */
  async getGmvMaxStores(advertiserId: string): Promise<GmvMaxStore[]> {
    const data = await this.transport.call({
      method: 'GET',
      path: 'gmv_max/store/list/',
      query: { advertiser_id: advertiserId },
      data: rawGmvMaxStoreListDataSchema,
      advertiserId,
    });
    return data.store_list.map(normalizeGmvMaxStore);
  }

  /**
   * `GET campaign/get/`, every page of 1000. GMV Max campaigns are not among them (see
   * {@link getGmvMaxCampaigns}).
   */
  getCampaigns(advertiserId: string, query: CampaignQuery = {}): Promise<CampaignList> {
    return readCampaigns(this.transport, advertiserId, query);
  }

  /** `GET gmv_max/campaign/get/`: GMV Max campaigns (see {@link readGmvMaxCampaigns}). */
  getGmvMaxCampaigns(advertiserId: string, query: GmvMaxCampaignQuery = {}): Promise<CampaignList> {
    return readGmvMaxCampaigns(this.transport, advertiserId, query);
  }

  /**
   * `GET report/integrated/get/` by campaign × day, deleted campaigns included. Ranges longer
   * than 30 days are read in chunks; a chunk TikTok finds too large (40067) is halved.
   */
  async getDailyReport(advertiserId: string, { from, to, campaignIds }: DailyReportQuery): Promise<ReportRow[]> {
    const range = checkRange({ from, to });
    const campaignFilters = campaignIds ? splitList([...new Set(campaignIds)], MAX_IDS_PER_REQUEST).map((ids) => [campaignIdsFilter(ids)]) : [[]];
    const result: ReportRow[] = [];
    for (const campaignFilter of campaignFilters) {
      const rows = await readByDayChunks(range, MAX_DAILY_REPORT_DAYS, (days) =>
        readAllPages((page) =>
          this.transport.call({
            method: 'GET',
            path: 'report/integrated/get/',
            query: integratedReportQuery(advertiserId, days, campaignFilter, page),
            data: rawIntegratedReportPageDataSchema,
            advertiserId,
          }),
        ),
      );
      result.push(...rows.map(normalizeReportRow));
    }
    return result;
  }

  /**
   * `GET gmv_max/report/get/` for one store by campaign × day. Its revenue and ROI include
   * organic orders of the promoted products (see {@link GmvMaxReportRow}). The 30-day chunking
   * mirrors the integrated report; TikTok documents no span limit here (UNCERTAIN).
   */
  async getGmvMaxReport(storeId: string, advertiserId: string, { from, to }: DayRange): Promise<GmvMaxReportRow[]> {
    const rows = await readByDayChunks(checkRange({ from, to }), MAX_DAILY_REPORT_DAYS, (days) =>
      readAllPages((page) =>
        this.transport.call({
          method: 'GET',
          path: 'gmv_max/report/get/',
          query: gmvMaxReportQuery(storeId, advertiserId, days, page),
          data: rawGmvMaxReportPageDataSchema,
          advertiserId,
        }),
      ),
    );
    return rows.map((raw) => normalizeGmvMaxReportRow(raw, storeId));
  }

  /**
   * `POST oauth2/access_token/`: trades a one-hour, single-use auth code for a long-lived token.
   * Not retried except on rate limiting, because a spent code cannot be used twice.
   */
  async exchangeAuthCode(authCode: string): Promise<AccessTokenGrant> {
    const { appId, appSecret } = this.appCredentials('exchangeAuthCode');
    const data = await this.transport.call({
      method: 'POST',
      path: 'oauth2/access_token/',
      body: JSON.stringify({ app_id: appId, secret: appSecret, auth_code: authCode }),
      data: rawAccessTokenDataSchema,
      authenticated: false,
      idempotent: false,
    });
    return normalizeAccessToken(data);
  }

  private appCredentials(method: string): { appId: string; appSecret: string } {
    const { appId, appSecret } = this.options;
    if (!appId || !appSecret) throw new Error(`MarketingClient.${method} needs the appId and appSecret options`);
    return { appId, appSecret };
  }
}

export type { DayRange } from './date-range';
export type { CampaignList, CampaignQuery, GmvMaxCampaignQuery } from './campaign-lists';
