import { notFound } from '../errors';
import { assertShopVisible } from '../security/tenancy';
import type { GraphContext } from './context';
import { requireShop } from './context';
import { toOrder } from './map-order';
import { findCampaign, toTypedCampaign } from './campaigns';
import { toProduct, toShop } from './map-shop';
import { readable } from './rejected';

/**
 * `__resolveReference` of each entity: references from the router resolve through the request's
 * DataLoaders, so 120 order references cost 3 order-detail calls, not 120. Each checks the
 * caller's shops first: a router forwards whatever references a client asked for.
 */
export const entityResolvers = {
  Shop: async (ref: { id: string }, ctx: GraphContext) => {
    assertShopVisible(ctx.caller, ref.id);
    const shop = await ctx.loaders.shop.load(ref.id);
    return shop ? toShop(shop) : null;
  },
  Order: async (ref: { shopId: string; id: string }, ctx: GraphContext) => {
    await requireShop(ctx, ref.shopId);
    const order = await readable(ctx.loaders.order.load({ shopId: ref.shopId, id: ref.id }));
    return order ? toOrder(ref.shopId, order) : null;
  },
  Product: async (ref: { shopId: string; id: string }, ctx: GraphContext) => {
    await requireShop(ctx, ref.shopId);
    const product = await ctx.loaders.product.load({ shopId: ref.shopId, id: ref.id });
    return product ? toProduct(ref.shopId, product) : null;
  },
  Campaign: async (ref: { advertiserId: string; id: string }, ctx: GraphContext) => {
    await requireAdvertiser(ctx, ref.advertiserId);
    const [campaign, advertiser] = await Promise.all([
      findCampaign(ctx, ref.advertiserId, ref.id),
      ctx.metrics.advertiserInfo(ref.advertiserId),
    ]);
    return campaign ? toTypedCampaign(campaign, advertiser) : null;
  },
};

/** NOT_FOUND unless the advertiser sells for one of the caller's shops (as for shops). */
async function requireAdvertiser(ctx: GraphContext, advertiserId: string): Promise<void> {
  const shops = ctx.caller.shops;
  if (shops === '*') return;
  const linked = await Promise.all([...shops].map((shopId) => ctx.metrics.advertisers(shopId)));
  if (!linked.flat().some((a) => a.advertiserId === advertiserId)) {
    throw notFound('advertiser', advertiserId);
  }
}
