import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { Money, PageInfo } from './common';

export enum OrderStatus {
  UNPAID = 'UNPAID',
  ON_HOLD = 'ON_HOLD',
  AWAITING_SHIPMENT = 'AWAITING_SHIPMENT',
  PARTIALLY_SHIPPING = 'PARTIALLY_SHIPPING',
  AWAITING_COLLECTION = 'AWAITING_COLLECTION',
  IN_TRANSIT = 'IN_TRANSIT',
  DELIVERED = 'DELIVERED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus', description: 'TikTok Shop order status (Order API 202309).' });

export enum OrderSortKey {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(OrderSortKey, { name: 'OrderSortKey', description: 'What an order list is sorted by.' });

export enum RefundKind {
  REFUND = 'REFUND',
  RETURN_AND_REFUND = 'RETURN_AND_REFUND',
  REPLACEMENT = 'REPLACEMENT',
  CANCELLATION = 'CANCELLATION',
}
registerEnumType(RefundKind, { name: 'RefundKind', description: 'Which after-sale request produced a refund.' });

@InputType({ description: 'Narrows an order list; every field is optional and they combine with AND.' })
export class OrderFilter {
  @Field(() => [OrderStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: OrderStatus[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Created at or after this instant.' })
  createdFrom?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Created before this instant.' })
  createdTo?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated at or after this instant.' })
  updatedFrom?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Updated before this instant.' })
  updatedTo?: Date;
}

@ObjectType({ description: 'One unit sold: TikTok has one line item per unit.' })
export class LineItem {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID) skuId!: string;
  @Field({ description: 'Product title at the time of the order.' }) productName!: string;
  @Field(() => String, { nullable: true, description: 'SKU variant name, e.g. "Red, XL".' }) skuName!: string | null;
  @Field(() => String, { nullable: true, description: 'The seller\'s own SKU code.' }) sellerSku!: string | null;
  @Field(() => Money, { description: 'List price before discounts.' }) originalPrice!: Money;
  @Field(() => Money, { description: 'What the buyer paid for this unit.' }) salePrice!: Money;
  @Field(() => Money, { description: 'Discount funded by the seller.' }) sellerDiscount!: Money;
  @Field(() => Money, { description: 'Discount funded by TikTok (a subsidy the seller is paid).' }) platformDiscount!: Money;
  @Field(() => Money, { description: 'sale price + platform discount: this unit\'s GMV contribution.' }) gross!: Money;
  @Field(() => OrderStatus, { nullable: true, description: 'Status of this line item.' }) status!: OrderStatus | null;
  @Field({ description: 'A free gift (usually priced at zero).' }) isGift!: boolean;
  shopId!: string;
}

@ObjectType({ description: 'Line items of one SKU grouped together, with the quantity.' })
export class OrderItem {
  @Field(() => ID) skuId!: string;
  @Field(() => ID) productId!: string;
  @Field() productName!: string;
  @Field(() => Int, { description: 'Number of units (line items) of this SKU.' }) quantity!: number;
  @Field(() => Money, { description: 'Σ gross of the grouped line items.' }) gross!: Money;
  shopId!: string;
}

@ObjectType({ description: 'A refund, return or cancellation of (part of) an order.' })
export class Refund {
  @Field(() => ID, { description: 'TikTok\'s return id or cancel id.' }) id!: string;
  @Field(() => RefundKind) kind!: RefundKind;
  @Field({ description: 'TikTok\'s status, e.g. RETURN_OR_REFUND_REQUEST_COMPLETE.' }) status!: string;
  @Field({ description: 'Whether the money went back to the buyer (metrics.md).' }) successful!: boolean;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => Money, { description: 'Total refunded, shipping and tax included.' }) amount!: Money;
  @Field(() => [ID], { description: 'Order line items it refunds (empty when TikTok names none).' }) lineItemIds!: string[];
}

@Directive('@key(fields: "shopId id")')
@ObjectType({ description: 'A TikTok Shop order.' })
export class Order {
  @Field(() => ID) id!: string;
  @Field(() => ID) shopId!: string;
  @Field(() => OrderStatus) status!: OrderStatus;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the buyer paid; the order counts in metrics on this day.' })
  paidAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) cancelledAt!: Date | null;
  @Field() currency!: string;
  @Field(() => Money, { description: 'payment.sub_total: products after all discounts.' }) subtotal!: Money;
  @Field(() => Money, { description: 'Shipping fee the buyer paid.' }) shippingFee!: Money;
  @Field(() => Money, { description: 'All taxes.' }) tax!: Money;
  @Field(() => Money, { description: 'payment.total_amount: what the buyer paid in all.' }) total!: Money;
  @Field(() => Money) sellerDiscount!: Money;
  @Field(() => Money) platformDiscount!: Money;
  @Field(() => Money, { description: 'Σ line-item gross: this order\'s GMV contribution.' }) gross!: Money;
  @Field(() => [LineItem]) lineItems!: LineItem[];
  @Field(() => [OrderItem], { description: 'Line items grouped by SKU, with quantity.' }) items!: OrderItem[];
}

@ObjectType()
export class OrderEdge {
  @Field({ description: 'Opaque cursor of this order.' }) cursor!: string;
  @Field(() => Order) node!: Order;
}

@ObjectType({ description: 'A page of orders (Relay connection).' })
export class OrderConnection {
  @Field(() => [OrderEdge]) edges!: OrderEdge[];
  @Field(() => [Order]) nodes!: Order[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true, description: 'Orders matching the filter, as TikTok counts them.' }) totalCount!: number | null;
}
