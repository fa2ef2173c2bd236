import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { OrderStatus } from './order';

export enum OrderChangeKind {
  ORDER_STATUS = 'ORDER_STATUS',
  CANCELLATION = 'CANCELLATION',
  RETURN = 'RETURN',
}
registerEnumType(OrderChangeKind, {
  name: 'OrderChangeKind',
  description: "Which of TikTok's webhooks told of the change (docs/tiktok-api.md, Webhooks).",
  valuesConfig: {
    ORDER_STATUS: { description: "The order's status changed (a new order is UNPAID or AWAITING_SHIPMENT)." },
    CANCELLATION: { description: 'A cancellation request of the order changed.' },
    RETURN: { description: 'A return or refund request of the order changed.' },
  },
});

@ObjectType({ description: 'An order TikTok said changed. It names the order; select `order` for the order as it is now (read after the change).' })
export class OrderChange {
  @Field(() => ID) shopId!: string;
  @Field(() => ID) orderId!: string;
  @Field(() => OrderChangeKind) kind!: OrderChangeKind;
  @Field(() => OrderStatus, {
    nullable: true,
    description: 'ORDER_STATUS changes: the status the webhook named (UNKNOWN for one ShopGraph does not know); null for the other kinds.',
  })
  orderStatus!: OrderStatus | null;
  @Field(() => ID, { nullable: true, description: 'RETURN changes: the return TikTok named.' }) returnId!: string | null;
  @Field(() => DateTimeScalar, { description: 'When TikTok sent the webhook.' }) notifiedAt!: Date;
  @Field(() => Int, {
    description:
      "Changes of this subscription dropped unread just before this one: the client read slower than they came and at most `subscriptions.queueSize` wait. Refetch the shop's orders when it is not 0.",
  })
  missed!: number;
}
