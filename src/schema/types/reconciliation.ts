import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { Money } from './common';

@ObjectType({ description: 'One day of ShopGraph\'s order figures beside TikTok\'s own Shop Performance analytics for the same shop day.' })
export class ReconciliationDay {
  @Field(() => DateScalar, { description: 'The shop-local day.' }) date!: string;
  @Field(() => Money, { description: 'ShopGraph\'s GMV: Σ line-item gross of orders paid that day.' }) shopGraphGmv!: Money;
  @Field(() => Money, { nullable: true, description: 'TikTok\'s GMV for the day; null until TikTok publishes it.' }) tiktokGmv!: Money | null;
  @Field(() => Money, { nullable: true, description: 'shopGraphGmv − tiktokGmv; null when either is missing or currencies differ.' }) gmvDifference!: Money | null;
  @Field(() => Int, { description: 'Orders paid that day, as ShopGraph counts them.' }) shopGraphOrders!: number;
  @Field(() => Int, { nullable: true, description: 'TikTok\'s order count for the day.' }) tiktokOrders!: number | null;
  @Field(() => Int, { nullable: true, description: 'shopGraphOrders − tiktokOrders.' }) ordersDifference!: number | null;
  @Field({ description: 'Whether TikTok had published analytics for the day (it lags about a day).' }) published!: boolean;
}
