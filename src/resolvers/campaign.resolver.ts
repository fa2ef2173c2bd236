/** An advertiser's campaigns and a campaign's type. */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Advertiser, Campaign, CampaignType } from '../schema/types/campaign';
import { UNREADABLE_ROWS } from '../schema/types/common';
import { advertiserCampaigns, campaignType } from './campaigns';
import type { GraphContext } from './context';

@Resolver(() => Advertiser)
export class AdvertiserResolver {
  @FieldResolver(() => [Campaign], {
    nullable: 'items',
    description: `The advertiser's campaigns, deleted ones included: standard and GMV Max (see type). When TikTok fails to list one kind, the other is still answered, followed by a null with the error. ${UNREADABLE_ROWS}`,
  })
  async campaigns(@Root() advertiser: Advertiser, @Ctx() ctx: GraphContext): Promise<(Campaign | Error)[]> {
    const info = await ctx.metrics.advertiserInfo(advertiser.id);
    if (!info) return [];
    return advertiserCampaigns(ctx, info);
  }
}

@Resolver(() => Campaign)
export class CampaignTypeResolver {
  @FieldResolver(() => CampaignType, { nullable: true, description: 'Standard or GMV Max; null when TikTok lists the campaign as neither any more.' })
  type(@Root() campaign: Campaign, @Ctx() ctx: GraphContext): Promise<CampaignType | null> {
    return campaignType(ctx, campaign);
  }
}
