import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrderRefunds } from '../datasources/loaders';
import { aggregateDay } from '../metrics/day-aggregate';
import { isSuccessfulRefund } from '../metrics/facts';
import { roundMoney } from '../metrics/money';
import { cancellationFact, orderFact, returnFact } from '../metrics/partner-facts';
import { money, Money } from '../schema/types/common';
import { LineItem, Order, OrderItem, Refund, RefundKind } from '../schema/types/order';
import { Product } from '../schema/types/product';
import { Shop } from '../schema/types/shop';
import { fromUnixSeconds } from '../schema/scalars';
import { requireShop, type GraphContext } from './context';
import { toProduct, toShop } from './map-shop';
import { notFound } from '../errors';

async function orderAndRefunds(ctx: GraphContext, order: Order) {
  const [raw, refunds] = await Promise.all([
    ctx.loaders.order.load({ shopId: order.shopId, id: order.id }),
    ctx.loaders.refunds.load({ shopId: order.shopId, id: order.id }),
  ]);
  if (!raw) throw notFound('order', order.id);
  const fact = orderFact(raw);
  const facts = [
    ...refunds.returns.map(returnFact),
    ...refunds.cancellations.map((c) => cancellationFact(c, fact.currency)),
  ];
  return { fact, facts, refunds };
}

function refundAmount(refunds: OrderRefunds, id: string, currency: string): Money {
  const r = refunds.returns.find((x) => x.return_id === id)?.refund_amount ??
    refunds.cancellations.find((x) => x.cancel_id === id)?.refund_amount;
  const c = r?.currency ?? currency;
  return money(roundMoney(r?.refund_total ?? '0', c), c);
}

@Resolver(() => Order)
export class OrderResolver {
  @FieldResolver(() => Shop, { description: 'The shop that sold the order.' })
  async shop(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<Shop> {
    return toShop(await requireShop(ctx, order.shopId));
  }

  @FieldResolver(() => [Refund], { description: 'Returns, refunds, replacements and cancellations of the order, successful or not.' })
  async refunds(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<Refund[]> {
    const { fact, facts, refunds } = await orderAndRefunds(ctx, order);
    return facts.map((f) =>
      Object.assign(new Refund(), {
        id: f.id,
        kind: f.kind as RefundKind,
        status: f.status,
        successful: isSuccessfulRefund(f, fact),
        createdAt: fromUnixSeconds(f.createTime),
        updatedAt: fromUnixSeconds(f.updateTime),
        amount: refundAmount(refunds, f.id, fact.currency),
        lineItemIds: f.lineItemIds,
      }),
    );
  }

  @FieldResolver(() => Money, { description: 'Gross of the line items successful refunds took back (each line once), as in Refunded GMV.' })
  async refundedGross(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<Money> {
    const { fact, facts } = await orderAndRefunds(ctx, order);
    const aggregate = aggregateDay([fact], new Map([[fact.id, facts]]), '', fact.currency);
    return money(roundMoney(aggregate.refundedGmv, fact.currency), fact.currency);
  }
}

async function productOf(ctx: GraphContext, shopId: string, productId: string): Promise<Product | null> {
  const product = await ctx.loaders.product.load({ shopId, id: productId });
  return product ? toProduct(shopId, product) : null;
}

@Resolver(() => LineItem)
export class LineItemResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The product (batched and cached); null when it no longer exists.' })
  product(@Root() line: LineItem, @Ctx() ctx: GraphContext): Promise<Product | null> {
    return productOf(ctx, line.shopId, line.productId);
  }
}

@Resolver(() => OrderItem)
export class OrderItemResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The product (batched and cached); null when it no longer exists.' })
  product(@Root() item: OrderItem, @Ctx() ctx: GraphContext): Promise<Product | null> {
    return productOf(ctx, item.shopId, item.productId);
  }
}
