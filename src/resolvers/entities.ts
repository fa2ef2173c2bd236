import type { GraphContext } from './context';
import { requireShop } from './context';
import { toOrder } from './map-order';
import { toCampaign } from './map-metric';
import { toProduct, toShop } from './map-shop';

/**
 * `__resolveReference` of each entity: references from the router resolve through the request's
 * DataLoaders, so 120 order references cost 3 order-detail calls, not 120.
 */
export const entityResolvers = {
  Shop: async (ref: { id: string }, ctx: GraphContext) => {
    const shop = await ctx.loaders.shop.load(ref.id);
    return shop ? toShop(shop) : null;
  },
  Order: async (ref: { shopId: string; id: string }, ctx: GraphContext) => {
    await requireShop(ctx, ref.shopId);
    const order = await ctx.loaders.order.load({ shopId: ref.shopId, id: ref.id });
    return order ? toOrder(ref.shopId, order) : null;
  },
  Product: async (ref: { shopId: string; id: string }, ctx: GraphContext) => {
    await requireShop(ctx, ref.shopId);
    const product = await ctx.loaders.product.load({ shopId: ref.shopId, id: ref.id });
    return product ? toProduct(ref.shopId, product) : null;
  },
  Campaign: async (ref: { advertiserId: string; id: string }, ctx: GraphContext) => {
    const [campaigns, advertisers] = await Promise.all([
      ctx.metrics.campaignsOf(ref.advertiserId),
      ctx.metrics.advertiserInfo(ref.advertiserId),
    ]);
    const campaign = campaigns.find((c) => c.campaignId === ref.id);
    return campaign ? toCampaign(campaign, advertisers) : null;
  },
};
