import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import type { OrderSearchQuery, ProductSearchQuery } from '../datasources/shop-data';
import { badUserInput, notFound } from '../errors';
import { Advertiser, Campaign } from '../schema/types/campaign';
import { DateRange, Granularity, UNREADABLE_ROWS } from '../schema/types/common';
import { ShopMetrics } from '../schema/types/metric';
import { Order, OrderConnection, OrderEdge, OrderFilter, OrderSortKey, OrderStatus } from '../schema/types/order';
import { Product, ProductConnection, ProductEdge, ProductFilter, ProductStatus } from '../schema/types/product';
import { Shop } from '../schema/types/shop';
import { shopCampaigns } from './campaigns';
import { sliceConnection } from './connection';
import { requireShop, type GraphContext } from './context';
import { orderStatus, toOrder } from './map-order';
import { toProduct } from './map-shop';
import { toAdvertiser } from './map-metric';
import { shopMetrics } from './metrics.resolver';
import { connectionParts, readable } from './rejected';

const seconds = (d: Date | undefined, round: 'floor' | 'ceil'): number | undefined => (d === undefined ? undefined : Math[round](d.getTime() / 1000));

/** Maps the graph's order filter onto TikTok's search body and query. */
export function orderSearchQuery(filter: OrderFilter | undefined, sortKey: OrderSortKey, reverse: boolean): OrderSearchQuery {
  const statuses = filter?.status ?? [];
  if (statuses.includes(OrderStatus.UNKNOWN)) throw badUserInput('filter', 'UNKNOWN is not a status TikTok filters on');
  return {
    filters: {
      // TikTok filters on one status; several are filtered here, page by page.
      order_status: statuses.length === 1 ? statuses[0] : undefined,
      create_time_ge: seconds(filter?.createdFrom, 'floor'),
      create_time_lt: seconds(filter?.createdTo, 'ceil'),
      update_time_ge: seconds(filter?.updatedFrom, 'floor'),
      update_time_lt: seconds(filter?.updatedTo, 'ceil'),
    },
    sortField: sortKey === OrderSortKey.UPDATED_AT ? 'update_time' : 'create_time',
    sortOrder: reverse ? 'DESC' : 'ASC',
  };
}

@Resolver(() => Shop)
export class ShopResolver {
  @FieldResolver(() => OrderConnection, { description: 'Orders of the shop, newest first by default.' })
  async orders(
    @Root() shop: Shop,
    @Ctx() ctx: GraphContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 250.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter: OrderFilter | null,
    @Arg('sortKey', () => OrderSortKey, { defaultValue: OrderSortKey.CREATED_AT }) sortKey: OrderSortKey,
    @Arg('reverse', () => Boolean, { defaultValue: true }) reverse: boolean,
  ): Promise<OrderConnection> {
    const info = await requireShop(ctx, shop.id);
    const query = orderSearchQuery(filter ?? undefined, sortKey, reverse);
    const statuses = new Set<string>(filter?.status ?? []);
    const slice = await sliceConnection({
      shopId: shop.id,
      query,
      first,
      after,
      fetchPage: async (token) => {
        const page = await ctx.shopData.orderPage(info, query, token);
        ctx.loaders.primeOrders(shop.id, page.items);
        return page;
      },
      keep: statuses.size > 1 ? (o) => statuses.has(orderStatus(o.status)) : undefined,
    });
    const parts = connectionParts(
      slice,
      'order',
      (o) => toOrder(shop.id, o),
      (cursor, node) => Object.assign(new OrderEdge(), { cursor, node }),
    );
    return Object.assign(new OrderConnection(), parts);
  }

  @FieldResolver(() => Order, { nullable: true, description: 'One order of this shop.' })
  async order(@Root() shop: Shop, @Arg('id', () => ID) id: string, @Ctx() ctx: GraphContext): Promise<Order> {
    const order = await readable(ctx.loaders.order.load({ shopId: shop.id, id }));
    if (!order) throw notFound('order', id);
    return toOrder(shop.id, order);
  }

  @FieldResolver(() => ProductConnection, { description: 'Products of the shop.' })
  async products(
    @Root() shop: Shop,
    @Ctx() ctx: GraphContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 250.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => ProductFilter, { nullable: true }) filter: ProductFilter | null,
  ): Promise<ProductConnection> {
    const info = await requireShop(ctx, shop.id);
    if (filter?.status === ProductStatus.UNKNOWN) throw badUserInput('filter', 'UNKNOWN is not a status TikTok filters on');
    const query: ProductSearchQuery = {
      filters: {
        status: filter?.status,
        update_time_ge: seconds(filter?.updatedFrom, 'floor'),
        update_time_le: seconds(filter?.updatedTo, 'floor'),
      },
    };
    const slice = await sliceConnection({ shopId: shop.id, query, first, after, fetchPage: (t) => ctx.shopData.productPage(info, query, t) });
    const parts = connectionParts(
      slice,
      'product',
      (p) => toProduct(shop.id, p),
      (cursor, node) => Object.assign(new ProductEdge(), { cursor, node }),
    );
    return Object.assign(new ProductConnection(), parts);
  }

  @FieldResolver(() => Product, { nullable: true, description: 'One product of this shop; null with NOT_FOUND when TikTok says it does not exist.' })
  async product(@Root() shop: Shop, @Arg('id', () => ID) id: string, @Ctx() ctx: GraphContext): Promise<Product> {
    const product = await ctx.loaders.product.load({ shopId: shop.id, id });
    if (!product) throw notFound('product', id);
    return toProduct(shop.id, product);
  }

  @FieldResolver(() => [Advertiser], { description: 'TikTok ads accounts that sell for this shop.' })
  async advertisers(@Root() shop: Shop, @Ctx() ctx: GraphContext): Promise<Advertiser[]> {
    return (await ctx.metrics.advertisers(shop.id)).map(toAdvertiser);
  }

  @FieldResolver(() => [Campaign], {
    nullable: 'items',
    description: `Campaigns of the shop's advertisers, deleted ones included: standard ones, and GMV Max ones promoting this shop (see type). When TikTok fails to list one kind, the other is still answered, followed by a null with the error. ${UNREADABLE_ROWS}`,
  })
  async campaigns(@Root() shop: Shop, @Ctx() ctx: GraphContext): Promise<(Campaign | Error)[]> {
    const advertisers = await ctx.metrics.advertisers(shop.id);
    return shopCampaigns(ctx, advertisers, shop.id);
  }

  @FieldResolver(() => ShopMetrics, { description: "GMV, orders, refunds and ad return over a window of the shop's days." })
  async metrics(
    @Root() shop: Shop,
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('granularity', () => Granularity, { defaultValue: Granularity.DAY }) granularity: Granularity,
    @Ctx() ctx: GraphContext,
  ): Promise<ShopMetrics> {
    return shopMetrics(ctx, await requireShop(ctx, shop.id), range, granularity);
  }
}
