import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isKnown, type RejectedRow } from '../datasources/lenient';
import { RETURN_TYPES, type PartnerCancellation, type PartnerRefundAmount, type PartnerReturnOrder } from '../datasources/partner/schemas';
import { aggregateDay } from '../metrics/day-aggregate';
import { isSuccessfulRefund, type OrderFact, type RefundFact } from '../domain/facts';
import { roundMoney } from '../domain/money';
import { cancellationFact, orderFact, returnFact } from '../datasources/partner-facts';
import { money, Money, UNREADABLE_ROWS } from '../schema/types/common';
import { LineItem, Order, OrderItem, Refund, RefundKind } from '../schema/types/order';
import { Product } from '../schema/types/product';
import { Shop } from '../schema/types/shop';
import { fromUnixSeconds } from '../schema/scalars';
import { requireShop, type GraphContext } from './context';
import { toProduct, toShop } from './map-shop';
import { notFound } from '../errors';
import { readable, rejectedRowError } from './rejected';

async function orderAndRefunds(ctx: GraphContext, order: Order) {
  const [raw, refunds] = await Promise.all([
    readable(ctx.loaders.order.load({ shopId: order.shopId, id: order.id })),
    ctx.loaders.refunds.load({ shopId: order.shopId, id: order.id }),
  ]);
  if (!raw) throw notFound('order', order.id);
  const fact = orderFact(raw);
  const returns = refunds.returns.map((r) => ({ r, f: returnFact(r, fact.currency) }));
  const cancellations = refunds.cancellations.map((c) => ({ c, f: cancellationFact(c, fact.currency) }));
  return { fact, returns, cancellations, rejected: refunds.rejected };
}

const time = (seconds: number | undefined): Date | null => (seconds === undefined ? null : fromUnixSeconds(seconds));
const amountOf = (a: PartnerRefundAmount | undefined): Money | null =>
  a?.refund_total === undefined ? null : money(roundMoney(a.refund_total, a.currency), a.currency);

function fromReturn(r: PartnerReturnOrder, f: RefundFact, order: OrderFact): Refund {
  return Object.assign(new Refund(), {
    id: r.return_id,
    kind: r.return_type === undefined || !isKnown(RETURN_TYPES, r.return_type) ? RefundKind.UNKNOWN : RefundKind[r.return_type],
    rawKind: r.return_type ?? null,
    status: r.return_status ?? null,
    successful: isSuccessfulRefund(f, order),
    createdAt: time(r.create_time),
    updatedAt: time(r.update_time),
    amount: amountOf(r.refund_amount),
    lineItemIds: r.return_line_items.map((l) => l.order_line_item_id),
    sellerProposedKind: r.seller_proposed_return_type ?? null,
    partialRefund: r.partial_refund ? money(roundMoney(r.partial_refund.amount, r.partial_refund.currency), r.partial_refund.currency) : null,
    buyerRejectedPartialRefund: r.buyer_rejected_partial_refund ?? null,
  });
}

function fromCancellation(c: PartnerCancellation, f: RefundFact, order: OrderFact): Refund {
  return Object.assign(new Refund(), {
    id: c.cancel_id,
    kind: RefundKind.CANCELLATION,
    rawKind: c.cancel_type ?? null,
    status: c.cancel_status ?? null,
    successful: isSuccessfulRefund(f, order),
    createdAt: time(c.create_time),
    updatedAt: time(c.update_time),
    amount: amountOf(c.refund_amount),
    lineItemIds: c.cancel_line_items.map((l) => l.order_line_item_id),
    sellerProposedKind: null,
    partialRefund: null,
    buyerRejectedPartialRefund: null,
  });
}

function unreadable(rejected: readonly RejectedRow[]): string {
  const first = rejected[0] as RejectedRow;
  return `TikTok sent ${rejected.length} after-sale record(s) of the order ShopGraph cannot read (${first.path}: ${first.message})`;
}

@Resolver(() => Order)
export class OrderResolver {
  @FieldResolver(() => Shop, { description: 'The shop that sold the order.' })
  async shop(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<Shop> {
    return toShop(await requireShop(ctx, order.shopId));
  }

  @FieldResolver(() => [Refund], {
    nullable: 'items',
    description: `Returns, refunds, replacements and cancellations of the order, successful or not. ${UNREADABLE_ROWS}`,
  })
  async refunds(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<(Refund | Error)[]> {
    const { fact, returns, cancellations, rejected } = await orderAndRefunds(ctx, order);
    return [
      ...returns.map(({ r, f }) => fromReturn(r, f, fact)),
      ...cancellations.map(({ c, f }) => fromCancellation(c, f, fact)),
      ...rejected.map((row) => rejectedRowError('after-sale record', row)),
    ];
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      'Gross of the line items successful refunds took back (each line once), as in Refunded GMV; null when TikTok sent an after-sale record of the order ShopGraph cannot read (refundedGrossNullReason says which).',
  })
  async refundedGross(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<Money | null> {
    const { fact, returns, cancellations, rejected } = await orderAndRefunds(ctx, order);
    if (rejected.length > 0) return null;
    const facts = [...returns.map(({ f }) => f), ...cancellations.map(({ f }) => f)];
    const aggregate = aggregateDay([fact], new Map([[fact.id, facts]]), '', fact.currency);
    return money(roundMoney(aggregate.refundedGmv, fact.currency), fact.currency);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why refundedGross is null; null when it is not.' })
  async refundedGrossNullReason(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<string | null> {
    const { rejected } = await orderAndRefunds(ctx, order);
    return rejected.length > 0 ? unreadable(rejected) : null;
  }
}

async function productOf(ctx: GraphContext, shopId: string, productId: string | null): Promise<Product | null> {
  if (productId === null) return null;
  const product = await ctx.loaders.product.load({ shopId, id: productId });
  return product ? toProduct(shopId, product) : null;
}

@Resolver(() => LineItem)
export class LineItemResolver {
  @FieldResolver(() => Product, {
    nullable: true,
    description: 'The product (batched and cached); null when it no longer exists (or TikTok did not say which).',
  })
  product(@Root() line: LineItem, @Ctx() ctx: GraphContext): Promise<Product | null> {
    return productOf(ctx, line.shopId, line.productId);
  }
}

@Resolver(() => OrderItem)
export class OrderItemResolver {
  @FieldResolver(() => Product, {
    nullable: true,
    description: 'The product (batched and cached); null when it no longer exists (or TikTok did not say which).',
  })
  product(@Root() item: OrderItem, @Ctx() ctx: GraphContext): Promise<Product | null> {
    return productOf(ctx, item.shopId, item.productId);
  }
}
