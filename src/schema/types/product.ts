import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { PageInfo, UNREADABLE_ROWS } from './common';

export enum ProductStatus {
  DRAFT = 'DRAFT',
  PENDING = 'PENDING',
  FAILED = 'FAILED',
  ACTIVATE = 'ACTIVATE',
  SELLER_DEACTIVATED = 'SELLER_DEACTIVATED',
  PLATFORM_DEACTIVATED = 'PLATFORM_DEACTIVATED',
  FREEZE = 'FREEZE',
  DELETED = 'DELETED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(ProductStatus, {
  name: 'ProductStatus',
  description: 'TikTok Shop product status (Product API).',
  valuesConfig: { UNKNOWN: { description: 'A status ShopGraph does not know yet: `rawStatus` has what TikTok sent. Not a filter value.' } },
});

@InputType({ description: 'Narrows a product list.' })
export class ProductFilter {
  @Field(() => ProductStatus, { nullable: true }) status?: ProductStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated at or after this instant.' }) updatedFrom?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated at or before this instant.' }) updatedTo?: Date;
}

/** A SKU price as TikTok gave it: `sale_price` may be missing from a product search (local sellers). */
export interface SkuPriceParts {
  currency: string | null;
  salePrice: string | null;
  taxExclusivePrice: string | null;
}

@ObjectType({ description: 'A sellable variant of a product.' })
export class Sku {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: "The seller's own SKU code." }) sellerSku!: string | null;
  @Field(() => Int, { nullable: true, description: 'Units available across warehouses.' }) availableQuantity!: number | null;
  /** The shop and product it belongs to, for its own field resolvers. */
  shopId!: string;
  productId!: string;
  /** The price as the product search or detail gave it (`price` resolves what is missing). */
  priceParts!: SkuPriceParts;
}

@Directive('@key(fields: "shopId id")')
@ObjectType({ description: 'A product listed in a shop.' })
export class Product {
  @Field(() => ID) id!: string;
  @Field(() => ID) shopId!: string;
  @Field({ description: '"" when TikTok sent no title.' }) title!: string;
  @Field(() => ProductStatus, {
    nullable: true,
    description: 'Null when TikTok sent none (Indonesian sellers not listing on TikTok Shop); UNKNOWN for a status ShopGraph does not know.',
  })
  status!: ProductStatus | null;
  @Field(() => String, { nullable: true, description: 'The status exactly as TikTok sent it.' }) rawStatus!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) createdAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) updatedAt!: Date | null;
  @Field(() => [Sku]) skus!: Sku[];
}

@ObjectType()
export class ProductEdge {
  @Field() cursor!: string;
  @Field(() => Product) node!: Product;
}

@ObjectType({ description: `A page of products (Relay connection). ${UNREADABLE_ROWS}` })
export class ProductConnection {
  @Field(() => [ProductEdge], { nullable: 'items' }) edges!: (ProductEdge | Error)[];
  @Field(() => [Product], { nullable: 'items' }) nodes!: (Product | Error)[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true }) totalCount!: number | null;
}
