import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { Money, PageInfo } from './common';

export enum ProductStatus {
  DRAFT = 'DRAFT',
  PENDING = 'PENDING',
  FAILED = 'FAILED',
  ACTIVATE = 'ACTIVATE',
  SELLER_DEACTIVATED = 'SELLER_DEACTIVATED',
  PLATFORM_DEACTIVATED = 'PLATFORM_DEACTIVATED',
  FREEZE = 'FREEZE',
  DELETED = 'DELETED',
}
registerEnumType(ProductStatus, { name: 'ProductStatus', description: 'TikTok Shop product status (Product API 202309).' });

@InputType({ description: 'Narrows a product list.' })
export class ProductFilter {
  @Field(() => ProductStatus, { nullable: true }) status?: ProductStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated at or after this instant.' }) updatedFrom?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated at or before this instant.' }) updatedTo?: Date;
}

@ObjectType({ description: 'A sellable variant of a product.' })
export class Sku {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'The seller\'s own SKU code.' }) sellerSku!: string | null;
  @Field(() => Money, { description: 'Current sale price.' }) price!: Money;
  @Field(() => Int, { nullable: true, description: 'Units available across warehouses.' }) availableQuantity!: number | null;
  /** The shop and product it belongs to, for its own field resolvers. */
  shopId!: string;
  productId!: string;
}

@Directive('@key(fields: "shopId id")')
@ObjectType({ description: 'A product listed in a shop.' })
export class Product {
  @Field(() => ID) id!: string;
  @Field(() => ID) shopId!: string;
  @Field() title!: string;
  @Field(() => ProductStatus) status!: ProductStatus;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => [Sku]) skus!: Sku[];
}

@ObjectType()
export class ProductEdge {
  @Field() cursor!: string;
  @Field(() => Product) node!: Product;
}

@ObjectType({ description: 'A page of products (Relay connection).' })
export class ProductConnection {
  @Field(() => [ProductEdge]) edges!: ProductEdge[];
  @Field(() => [Product]) nodes!: Product[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true }) totalCount!: number | null;
}
