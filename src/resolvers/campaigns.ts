/**
 * Campaigns as the graph lists them: standard ones (`campaign/get/`) and GMV Max ones
 * (`gmv_max/campaign/get/`), each kind read on its own so that one failing leaves the other
 * answered, the failure then being an error at the end of the list.
 */
import type { CampaignList } from '../datasources/marketing/marketing-client';
import type { AdvertiserInfo, MarketingCampaign } from '../datasources/marketing/schemas';
import { Campaign, CampaignType } from '../schema/types/campaign';
import type { GraphContext } from './context';
import { toCampaign } from './map-metric';
import { rejectedRowError } from './rejected';

/** A campaign as the graph's Campaign, with its type and (GMV Max) shop. */
export function toTypedCampaign(c: MarketingCampaign, advertiser: AdvertiserInfo | undefined): Campaign {
  return Object.assign(toCampaign(c, advertiser), { type: CampaignType[c.type], storeId: c.storeId });
}

async function listOf(load: () => Promise<CampaignList>): Promise<CampaignList | Error> {
  try {
    return await load();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Both kinds of campaign of one advertiser; GMV Max ones only when promoting `storeId` (or when
 * TikTok does not say which shop), if given.
 */
export async function advertiserCampaigns(ctx: GraphContext, advertiser: AdvertiserInfo, storeId?: string): Promise<(Campaign | Error)[]> {
  const ads = ctx.ads;
  const id = advertiser.advertiserId;
  const [standard, gmvMax] = await Promise.all([
    listOf(async () => (ads ? ads.campaignList(id) : { campaigns: await ctx.metrics.campaignsOf(id), rejected: [] })),
    ads ? listOf(() => ads.gmvMaxCampaigns(id)) : Promise.resolve<CampaignList>({ campaigns: [], rejected: [] }),
  ]);
  const answer: (Campaign | Error)[] = [];
  const failures: Error[] = [];
  for (const list of [standard, gmvMax]) {
    if (list instanceof Error) {
      failures.push(list);
      continue;
    }
    const wanted = list.campaigns.filter((c) => storeId === undefined || c.storeId === null || c.storeId === storeId);
    answer.push(...wanted.map((c) => toTypedCampaign(c, advertiser)));
    answer.push(...list.rejected.map((row) => rejectedRowError('campaign', row, 'marketing')));
  }
  return [...answer, ...failures];
}

/** The campaigns of a shop's advertisers. */
export async function shopCampaigns(ctx: GraphContext, advertisers: readonly AdvertiserInfo[], shopId: string): Promise<(Campaign | Error)[]> {
  return (await Promise.all(advertisers.map((a) => advertiserCampaigns(ctx, a, shopId)))).flat();
}

/** Which kind a campaign is, looked up by id when the list it came from did not say; null when neither list has it. */
export async function campaignType(ctx: GraphContext, campaign: Campaign): Promise<CampaignType | null> {
  if (campaign.type) return campaign.type;
  const ads = ctx.ads;
  if (!ads) return (await ctx.metrics.campaignsOf(campaign.advertiserId)).some((c) => c.campaignId === campaign.id) ? CampaignType.STANDARD : null;
  const [standard, gmvMax] = await Promise.all([ads.campaignList(campaign.advertiserId), ads.gmvMaxCampaigns(campaign.advertiserId)]);
  if (standard.campaigns.some((c) => c.campaignId === campaign.id)) return CampaignType.STANDARD;
  return gmvMax.campaigns.some((c) => c.campaignId === campaign.id) ? CampaignType.GMV_MAX : null;
}

/** A campaign of an advertiser by id, of either kind. */
export async function findCampaign(ctx: GraphContext, advertiserId: string, campaignId: string): Promise<MarketingCampaign | undefined> {
  const standard = await ctx.metrics.campaignsOf(advertiserId);
  const found = standard.find((c) => c.campaignId === campaignId);
  if (found || !ctx.ads) return found;
  return (await ctx.ads.gmvMaxCampaigns(advertiserId)).campaigns.find((c) => c.campaignId === campaignId);
}
