import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { Money } from './common';

@ObjectType({ description: 'A TikTok ads account linked to a shop.' })
export class Advertiser {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'Currency its spend is reported in (may differ from the shop\'s).' }) currency!: string;
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
  currency!: string;
  timezone!: string;
}
