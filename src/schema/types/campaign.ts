import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { Money } from './common';

export enum CampaignType {
  STANDARD = 'STANDARD',
  GMV_MAX = 'GMV_MAX',
}
registerEnumType(CampaignType, {
  name: 'CampaignType',
  description: 'Which kind of campaign, as TikTok lists them.',
  valuesConfig: {
    STANDARD: { description: 'An auction campaign (campaign/get/); its spend is in the BASIC report.' },
    GMV_MAX: {
      description: 'A GMV Max campaign (gmv_max/campaign/get/), since July 2025 the only Shop-ads type for most sellers; its cost is in the GMV Max report.',
    },
  },
});

@ObjectType({ description: 'A TikTok ads account linked to a shop.' })
export class Advertiser {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: "Currency its spend is reported in (may differ from the shop's)." }) currency!: string;
  @Field({ description: 'IANA time zone its report days are in.' }) timezone!: string;
}

@Directive('@key(fields: "advertiserId id")')
@ObjectType({ description: 'A TikTok ads campaign.' })
export class Campaign {
  @Field(() => ID) id!: string;
  @Field(() => ID) advertiserId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'TikTok objective type, e.g. PRODUCT_SALES.' }) objective!: string | null;
  @Field({ description: 'TikTok operation/secondary status, e.g. CAMPAIGN_STATUS_ENABLE or CAMPAIGN_STATUS_DELETE.' }) status!: string;
  @Field(() => Money, { nullable: true, description: 'Budget in the advertiser currency; null when unlimited.' }) budget!: Money | null;
  @Field(() => DateTimeScalar, { nullable: true }) createdAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) updatedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'GMV Max: the TikTok Shop it promotes.' }) storeId?: string | null;
  /** Set where the campaign list is known; the `type` field resolver looks it up otherwise. */
  type?: CampaignType;
  currency!: string;
  timezone!: string;
}
