import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SellerType {
  LOCAL = 'LOCAL',
  CROSS_BORDER = 'CROSS_BORDER',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(SellerType, {
  name: 'SellerType',
  description: 'Whether the seller ships from inside the market or from abroad.',
  valuesConfig: { UNKNOWN: { description: 'A seller type ShopGraph does not know yet.' } },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A TikTok Shop the caller may see, with its orders, products, ads and metrics.' })
export class Shop {
  @Field(() => ID, { description: "TikTok's shop id (64-bit, as a string)." })
  id!: string;

  @Field({ description: 'Shop name as shown to buyers.' })
  name!: string;

  @Field(() => String, { nullable: true, description: "TikTok's short shop code." })
  code!: string | null;

  @Field({ description: 'Market region, ISO 3166 alpha-2 (e.g. "US", "GB", "ID").' })
  region!: string;

  @Field(() => SellerType, { description: 'Local or cross-border seller.' })
  sellerType!: SellerType;

  @Field({ description: 'The seller type exactly as TikTok sent it.' })
  rawSellerType!: string;

  @Field({ description: 'Currency the shop sells in (ISO 4217).' })
  currency!: string;

  @Field({ description: "IANA time zone that defines the shop's calendar days for metrics." })
  timezone!: string;
}
