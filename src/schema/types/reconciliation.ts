import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { Money } from './common';

@ObjectType({
  description:
    "One shop day of ShopGraph's order figures beside TikTok's own Shop Performance analytics, compared like for like: " +
    "TikTok's shop GMV is what buyers paid (taxes, shipping and fees in, platform discounts out), so ShopGraph puts its own GMV " +
    'through that bridge, column by column, before taking the difference.',
})
export class ReconciliationDay {
  @Field(() => DateScalar, { description: 'The shop-local day.' }) date!: string;
  @Field(() => Money, { description: "ShopGraph's GMV: Σ line-item gross (sale price + platform discount) of the orders counted that day." })
  shopGraphGmv!: Money;
  @Field(() => Money, {
    nullable: true,
    description:
      "Bridge, subtracted: platform discounts inside ShopGraph's GMV that buyers did not pay. Null while the bridge is incomplete (bridgeNullReason).",
  })
  platformDiscount!: Money | null;
  @Field(() => Money, { nullable: true, description: 'Bridge, added: shipping fees buyers paid (payment.shipping_fee).' }) shipping!: Money | null;
  @Field(() => Money, { nullable: true, description: 'Bridge, added: taxes buyers paid (payment.tax).' }) tax!: Money | null;
  @Field(() => Money, {
    nullable: true,
    description:
      'Bridge, added: the rest of what buyers paid (retail delivery, service, handling and insurance fees, and any rounding between line prices and order totals).',
  })
  otherFees!: Money | null;
  @Field(() => Money, {
    nullable: true,
    description:
      "ShopGraph's figure on TikTok's definition: shopGraphGmv − platformDiscount + shipping + tax + otherFees = Σ payment.total_amount of the same orders.",
  })
  shopGraphGmvTikTokBasis!: Money | null;
  @Field(() => String, { nullable: true, description: 'Why the bridge columns are null: some counted orders came without payment totals.' }) bridgeNullReason!:
    string | null;
  @Field(() => Money, { nullable: true, description: "TikTok's GMV for the day; null until TikTok publishes it." }) tiktokGmv!: Money | null;
  @Field(() => Money, {
    nullable: true,
    description:
      'shopGraphGmvTikTokBasis − tiktokGmv: what the definitions do not explain (time zones, late updates, orders TikTok counts differently). Null when either side is missing or the currencies differ.',
  })
  unexplainedGmvDifference!: Money | null;
  @Field(() => Money, { nullable: true, description: 'shopGraphGmv − tiktokGmv, definitions and all (mostly the bridge); prefer unexplainedGmvDifference.' })
  gmvDifference!: Money | null;
  @Field(() => Int, { description: 'Orders counted that day, as ShopGraph counts them.' }) shopGraphOrders!: number;
  @Field(() => Int, { nullable: true, description: "TikTok's order count for the day." }) tiktokOrders!: number | null;
  @Field(() => Int, { nullable: true, description: 'shopGraphOrders − tiktokOrders.' }) ordersDifference!: number | null;
  @Field({ description: 'Whether TikTok had published analytics for the day (it lags about a day).' }) published!: boolean;
}
