import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { Money, PageInfo, UNREADABLE_ROWS } from './common';

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
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'TikTok Shop order status (Order API).',
  valuesConfig: { UNKNOWN: { description: 'A status ShopGraph does not know yet (TikTok adds some), or none: `rawStatus` has what TikTok sent.' } },
});

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
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(RefundKind, {
  name: 'RefundKind',
  description: 'Which after-sale request produced a refund.',
  valuesConfig: { UNKNOWN: { description: 'A return type ShopGraph does not know yet, or none: `rawKind` has what TikTok sent.' } },
});

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
  @Field(() => ID, { nullable: true, description: 'Null when TikTok did not say.' }) productId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Null when TikTok did not say.' }) skuId!: string | null;
  @Field({ description: 'Product title at the time of the order ("" when TikTok sent none).' }) productName!: string;
  @Field(() => String, { nullable: true, description: 'SKU variant name, e.g. "Red, XL".' }) skuName!: string | null;
  @Field(() => String, { nullable: true, description: "The seller's own SKU code." }) sellerSku!: string | null;
  @Field(() => Money, { nullable: true, description: 'List price before discounts; null when TikTok sent none.' }) originalPrice!: Money | null;
  @Field(() => Money, { description: 'What the buyer paid for this unit.' }) salePrice!: Money;
  @Field(() => Money, { description: 'Discount funded by the seller.' }) sellerDiscount!: Money;
  @Field(() => Money, { description: 'Discount funded by TikTok (a subsidy the seller is paid).' }) platformDiscount!: Money;
  @Field(() => Money, { description: "sale price + platform discount: this unit's GMV contribution." }) gross!: Money;
  @Field(() => OrderStatus, { nullable: true, description: "Status of this line item (TikTok's display_status); null when TikTok sent none." })
  status!: OrderStatus | null;
  @Field(() => String, { nullable: true, description: "The line's display_status exactly as TikTok sent it." }) rawStatus!: string | null;
  @Field({ description: 'A free gift (usually priced at zero).' }) isGift!: boolean;
  @Field(() => ID, { nullable: true, description: 'The package the unit ships in.' }) packageId!: string | null;
  @Field(() => String, { nullable: true, description: 'Tracking number of its package, once shipped.' }) trackingNumber!: string | null;
  @Field(() => String, { nullable: true }) shippingProviderName!: string | null;
  shopId!: string;
}

@ObjectType({ description: 'A fee the buyer paid besides products, shipping and taxes (some markets only).' })
export class BuyerFee {
  @Field({
    description:
      "TikTok's name: retail_delivery_fee (US), small_order_fee (TH), buyer_service_fee (ID), handling_fee, shipping_insurance_fee (ID), item_insurance_fee (US, ID).",
  })
  kind!: string;
  @Field(() => Money) amount!: Money;
}

@ObjectType({ description: 'Line items of one SKU grouped together, with the quantity.' })
export class OrderItem {
  @Field(() => ID, { nullable: true, description: 'Null when TikTok did not say (each such line is an item of its own).' }) skuId!: string | null;
  @Field(() => ID, { nullable: true }) productId!: string | null;
  @Field() productName!: string;
  @Field(() => Int, { description: 'Number of units (line items) of this SKU.' }) quantity!: number;
  @Field(() => Money, { description: 'Σ gross of the grouped line items.' }) gross!: Money;
  shopId!: string;
}

@ObjectType({ description: 'A refund, return or cancellation of (part of) an order.' })
export class Refund {
  @Field(() => ID, { description: "TikTok's return id or cancel id." }) id!: string;
  @Field(() => RefundKind) kind!: RefundKind;
  @Field(() => String, { nullable: true, description: 'The return type (or cancel type) exactly as TikTok sent it.' }) rawKind!: string | null;
  @Field(() => String, { nullable: true, description: "TikTok's status, e.g. RETURN_OR_REFUND_REQUEST_COMPLETE; null when it sent none." })
  status!: string | null;
  @Field({ description: 'Whether the money went back to the buyer (docs/metrics.md).' }) successful!: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) createdAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Money, { nullable: true, description: 'Total refunded, shipping and tax included; null while TikTok has not computed it.' })
  amount!: Money | null;
  @Field(() => [ID], { description: 'Order line items it refunds (empty when TikTok names none).' }) lineItemIds!: string[];
  @Field(() => String, { nullable: true, description: 'What the seller proposed instead, e.g. PARTIAL_REFUND.' }) sellerProposedKind!: string | null;
  @Field(() => Money, { nullable: true, description: 'The partial refund the seller offered.' }) partialRefund!: Money | null;
  @Field(() => Boolean, { nullable: true, description: "Whether the buyer rejected the seller's partial-refund offer; null until answered." })
  buyerRejectedPartialRefund!: boolean | null;
}

@Directive('@key(fields: "shopId id")')
@ObjectType({ description: 'A TikTok Shop order.' })
export class Order {
  @Field(() => ID) id!: string;
  @Field(() => ID) shopId!: string;
  @Field(() => OrderStatus, { description: 'UNKNOWN for a status ShopGraph does not know, or none (see rawStatus).' }) status!: OrderStatus;
  @Field(() => String, { nullable: true, description: 'The status exactly as TikTok sent it; null when it sent none.' }) rawStatus!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Last status change; null when TikTok did not say.' }) updatedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the buyer paid; null while unpaid (a cash-on-delivery order until the courier collects).' })
  paidAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) cancelledAt!: Date | null;
  @Field({ description: 'Cash on delivery: the buyer pays the courier (where TikTok offers it).' }) isCashOnDelivery!: boolean;
  @Field(() => String, { nullable: true, description: 'TikTok\'s payment method name, for display (e.g. "Cash on delivery").' }) paymentMethodName!:
    string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Latest time to ship (rts_sla_time).' }) shipBy!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Latest time for the carrier to collect (tts_sla_time).' }) collectBy!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Latest delivery time before late-delivery penalties (delivery_sla_time).' })
  deliverBy!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When TikTok cancels the order if it is still not shipped (cancel_order_sla_time).' })
  autoCancelAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the seller shipped (rts_time).' }) shippedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the carrier collected it: IN_TRANSIT (collection_time).' }) collectedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was delivered (delivery_time).' }) deliveredAt!: Date | null;
  @Field(() => [ID], { description: 'Its packages.' }) packageIds!: string[];
  @Field(() => String, { nullable: true }) trackingNumber!: string | null;
  @Field(() => String, { nullable: true }) shippingProvider!: string | null;
  @Field() currency!: string;
  @Field(() => Money, { nullable: true, description: 'payment.sub_total: products after all discounts; null when TikTok sent none.' }) subtotal!: Money | null;
  @Field(() => Money, { nullable: true, description: 'Shipping fee the buyer paid; null when TikTok sent none.' }) shippingFee!: Money | null;
  @Field(() => Money, { nullable: true, description: 'All taxes; null when TikTok sent none (it sends tax for cross-border shops and the US).' })
  tax!: Money | null;
  @Field(() => Money, { nullable: true, description: 'payment.total_amount: what the buyer paid in all; null when TikTok sent none.' }) total!: Money | null;
  @Field(() => [BuyerFee], { description: 'Fees the buyer paid besides products, shipping and taxes.' }) buyerFees!: BuyerFee[];
  @Field(() => Money) sellerDiscount!: Money;
  @Field(() => Money) platformDiscount!: Money;
  @Field(() => Money, { description: "Σ line-item gross: this order's GMV contribution." }) gross!: Money;
  @Field(() => [LineItem]) lineItems!: LineItem[];
  @Field(() => [OrderItem], { description: 'Line items grouped by SKU, with quantity.' }) items!: OrderItem[];
}

@ObjectType()
export class OrderEdge {
  @Field({ description: 'Opaque cursor of this order.' }) cursor!: string;
  @Field(() => Order) node!: Order;
}

@ObjectType({ description: `A page of orders (Relay connection). ${UNREADABLE_ROWS}` })
export class OrderConnection {
  @Field(() => [OrderEdge], { nullable: 'items' }) edges!: (OrderEdge | Error)[];
  @Field(() => [Order], { nullable: 'items' }) nodes!: (Order | Error)[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true, description: 'Orders matching the filter, as TikTok counts them.' }) totalCount!: number | null;
}
