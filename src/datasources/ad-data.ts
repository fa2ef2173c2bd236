import { CACHE_VERSION } from './fetched';
import type { Fetcher } from '../cache/cached-fetch';
import type { CampaignList, MarketingClient } from './marketing/marketing-client';
import type { AdvertiserInfo, MarketingCampaign } from './marketing/schemas';

/** How long ad answers stay fresh (ms). */
export interface AdDataTtls {
  links: number;
  campaigns: number;
}

export const DEFAULT_AD_TTLS: AdDataTtls = {
  links: 3_600_000,
  campaigns: 600_000,
};

/**
 * Cached access to the Marketing API for the graph and the metrics: which advertisers sell for
 * which shop (discovered through `gmv_max/store/list/`, overridable per shop in the config file)
 * and their campaigns. Report rows are kept per day by the ad ledger (`metrics/ledger/ad-ledger.ts`).
 */
export class AdData {
  constructor(
    private readonly client: MarketingClient,
    private readonly fetcher: Fetcher,
    private readonly options: {
      namespace: string;
      overrides: Record<string, string[] | undefined>;
      ttls?: AdDataTtls;
      /**
       * Whether the advertisers the token may read can be listed: `oauth2/advertiser/get/` needs
       * the app's id and secret besides the token. Without them only the config file's links count
       * (docs/configuration.md), and a shop it does not link has no ad figures.
       */
      discover?: boolean;
    },
  ) {}

  private get ttls(): AdDataTtls {
    return this.options.ttls ?? DEFAULT_AD_TTLS;
  }

  private key(...parts: string[]): string {
    return [CACHE_VERSION, 'ads', this.options.namespace, ...parts].join(':');
  }

  /** Advertiser ids linked to each shop id. */
  async links(): Promise<Map<string, string[]>> {
    const links = this.options.discover === false ? new Map<string, string[]>() : await this.discovered();
    for (const [shopId, ids] of Object.entries(this.options.overrides)) if (ids) links.set(shopId, ids);
    return links;
  }

  private async discovered(): Promise<Map<string, string[]>> {
    const result = await this.fetcher.fetch(this.key('links'), { ttlMs: this.ttls.links, staleIfErrorMs: this.ttls.links }, async () => {
      const advertisers = await this.client.getAuthorizedAdvertisers();
      const pairs = await Promise.all(advertisers.map(async (a) => ({ id: a.advertiserId, stores: await this.client.getGmvMaxStores(a.advertiserId) })));
      const byShop: Record<string, string[]> = {};
      for (const { id, stores } of pairs) for (const s of stores) (byShop[s.storeId] ??= []).push(id);
      return byShop;
    });
    return new Map(Object.entries(result.value));
  }

  /**
   * Why the shop's advertisers cannot be known, or null when they can: without the app's id and
   * secret only the config file's links are known, and a shop it does not name may have ads.
   */
  async unknownLinks(shopId: string): Promise<string | null> {
    if (this.options.discover !== false || this.options.overrides[shopId]) return null;
    return "unknown: the shop's advertisers cannot be listed without TT_ADS_APP_ID and TT_ADS_SECRET, and the config file's shops entry names none for it";
  }

  async advertiserIdsOf(shopId: string): Promise<string[]> {
    return (await this.links()).get(shopId) ?? [];
  }

  async advertisers(ids: readonly string[]): Promise<AdvertiserInfo[]> {
    if (ids.length === 0) return [];
    const result = await this.fetcher.fetch(this.key('advertisers', [...ids].sort().join(',')), { ttlMs: this.ttls.links }, () =>
      this.client.getAdvertiserInfo(ids),
    );
    return result.value;
  }

  /**
   * Every standard campaign of an advertiser (`campaign/get/`), deleted ones included (their
   * spend still counts). Rows TikTok sent without a campaign id are logged and counted by the
   * client; {@link campaignList} returns them.
   */
  async campaigns(advertiserId: string): Promise<MarketingCampaign[]> {
    return (await this.campaignList(advertiserId)).campaigns;
  }

  /** {@link campaigns}, with the rows TikTok sent unreadable. */
  async campaignList(advertiserId: string): Promise<CampaignList> {
    const result = await this.fetcher.fetch(this.key('adv', advertiserId, 'campaigns'), { ttlMs: this.ttls.campaigns }, () =>
      this.client.getCampaigns(advertiserId, { includeDeleted: true }),
    );
    return result.value;
  }

  /**
   * Every GMV Max campaign of an advertiser (`gmv_max/campaign/get/`), deleted ones included:
   * since July 2025 the only Shop-ads type for most sellers, and absent from `campaign/get/`.
   */
  async gmvMaxCampaigns(advertiserId: string): Promise<CampaignList> {
    const result = await this.fetcher.fetch(this.key('adv', advertiserId, 'gmv-max-campaigns'), { ttlMs: this.ttls.campaigns }, () =>
      this.client.getGmvMaxCampaigns(advertiserId, { includeDeleted: true }),
    );
    return result.value;
  }
}
