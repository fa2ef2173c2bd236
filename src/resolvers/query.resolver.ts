import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Order } from '../schema/types/order';
import { Product } from '../schema/types/product';
import { Shop } from '../schema/types/shop';
import { DateRange, Granularity } from '../schema/types/common';
import { ShopMetrics } from '../schema/types/metric';
import { requireShop, type GraphContext } from './context';
import { toOrder } from './map-order';
import { toProduct, toShop } from './map-shop';
import { notFound } from '../errors';
import { shopMetrics } from './metrics.resolver';
import { canSeeShop } from '../security/caller';
import { readable } from './rejected';
import { checkFirst } from './connection';
import { MAX_FIRST } from '../security/cost';
import { checkRange } from './map-metric';
import { mapBounded, portfolioPage, PORTFOLIO_CONCURRENCY } from './portfolio';

/** The shops the app is authorized for that the caller may read. */
async function visibleShops(ctx: GraphContext) {
  return (await ctx.shopData.shops()).value.filter((shop) => canSeeShop(ctx.caller, shop.id));
}

@Resolver()
export class QueryResolver {
  @Query(() => [Shop], { description: 'Shops the caller may see.' })
  async shops(@Ctx() ctx: GraphContext): Promise<Shop[]> {
    return (await visibleShops(ctx)).map(toShop);
  }

  @Query(() => Shop, { nullable: true, description: 'One shop by id; null with NOT_FOUND when it is not visible.' })
  async shop(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphContext): Promise<Shop> {
    return toShop(await requireShop(ctx, id));
  }

  @Query(() => Order, { nullable: true, description: 'One order by shop and id.' })
  async order(@Arg('shopId', () => ID) shopId: string, @Arg('id', () => ID) id: string, @Ctx() ctx: GraphContext): Promise<Order> {
    await requireShop(ctx, shopId);
    const order = await readable(ctx.loaders.order.load({ shopId, id }));
    if (!order) throw notFound('order', id);
    return toOrder(shopId, order);
  }

  @Query(() => Product, { nullable: true, description: 'One product by shop and id; null with NOT_FOUND when TikTok says it does not exist.' })
  async product(@Arg('shopId', () => ID) shopId: string, @Arg('id', () => ID) id: string, @Ctx() ctx: GraphContext): Promise<Product> {
    await requireShop(ctx, shopId);
    const product = await ctx.loaders.product.load({ shopId, id });
    if (!product) throw notFound('product', id);
    return toProduct(shopId, product);
  }

  @Query(() => [ShopMetrics], {
    description:
      'One ShopMetrics per shop, for dashboards over a portfolio (all visible shops when shopIds is omitted), in shop id order. Pages: `first` shops after the shop id `after` (pass the last id of a page for the next; a page shorter than `first` is the last). A shop whose history is still being read answers with its coverage at once.',
  })
  async metrics(
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('granularity', () => Granularity, { defaultValue: Granularity.DAY }) granularity: Granularity,
    @Arg('shopIds', () => [ID], { nullable: true }) shopIds: string[] | null,
    @Arg('first', () => Int, { nullable: true, description: `At most this many shops (up to ${MAX_FIRST}); all when omitted.` }) first: number | null,
    @Arg('after', () => ID, { nullable: true, description: 'Only shops whose id sorts after this one (the last id of the previous page).' })
    after: string | null,
    @Ctx() ctx: GraphContext,
  ): Promise<ShopMetrics[]> {
    // Omitted, they come as undefined.
    const size = first ?? null;
    if (size !== null) checkFirst(size);
    checkRange(range);
    const shops = shopIds ? await Promise.all(shopIds.map((id) => requireShop(ctx, id))) : await visibleShops(ctx);
    const page = portfolioPage(shops, size, after ?? null);
    // One moment for the page's first answers: shops still being read answer with what is covered
    // by then, not one after the other; and a bounded number of windows are read at once.
    const since = ctx.metrics.settings.now();
    return mapBounded(page, PORTFOLIO_CONCURRENCY, (shop) => shopMetrics(ctx, shop, range, granularity, since));
  }
}
