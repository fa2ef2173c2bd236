import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';

@ObjectType({ description: 'A package of an order and how it travels.' })
export class OrderPackage {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Tracking number, once shipped.' }) trackingNumber!: string | null;
  @Field(() => String, { nullable: true, description: "The carrier's name." }) shippingProvider!: string | null;
  @Field(() => ID, { nullable: true }) shippingProviderId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "TikTok's package_status (TO_FULFILL, PROCESSING, FULFILLING, COMPLETED, CANCELLED); null before it ships.",
  })
  status!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When it shipped (its lines' rts_time)." }) shippedAt!: Date | null;
  @Field(() => [ID], { description: 'The order line items in it.' }) lineItemIds!: string[];
}

@ObjectType({ description: "How an order ships: TikTok's deadlines, what happened when, and its packages (docs/tiktok-api.md, Fulfilment)." })
export class OrderFulfilment {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Ship by (rts_sla_time).' }) shipBy!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The carrier collects by (tts_sla_time).' }) collectBy!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Delivered on time by (delivery_sla_time, else delivery_option_required_delivery_time).' })
  deliverBy!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'TikTok cancels an unpaid order then (cancel_order_sla_time).' }) autoCancelAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'TikTok cancels the order when not AWAITING_COLLECTION by then (shipping_due_time).' })
  shippingDueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'TikTok cancels the order when not IN_TRANSIT by then (collection_due_time).' })
  collectionDueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'TikTok cancels the order when not DELIVERED by then (delivery_due_time).' })
  deliveryDueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the seller shipped (rts_time).' }) shippedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the carrier collected it (collection_time).' }) collectedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was delivered (delivery_time).' }) deliveredAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Shipped after shipBy; null until shipped or without shipBy.' }) shippedLate!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Delivered by deliverBy; null until delivered or without deliverBy.' }) deliveredOnTime!: boolean | null;
  @Field(() => String, { nullable: true, description: 'FULFILLMENT_BY_SELLER, FULFILLMENT_BY_TIKTOK, … as TikTok sent it.' }) fulfillmentType!: string | null;
  @Field(() => String, { nullable: true, description: "TIKTOK (TikTok's label) or SELLER (own carrier)." }) shippingType!: string | null;
  @Field(() => String, { nullable: true, description: 'HOME_DELIVERY or COLLECTION_POINT.' }) deliveryType!: string | null;
  @Field(() => ID, { nullable: true }) deliveryOptionId!: string | null;
  @Field(() => String, { nullable: true, description: 'For display only.' }) deliveryOptionName!: string | null;
  @Field(() => String, { nullable: true, description: "One package's tracking number (the order-level field)." }) trackingNumber!: string | null;
  @Field(() => String, { nullable: true }) shippingProvider!: string | null;
  @Field(() => [OrderPackage]) packages!: OrderPackage[];
}
