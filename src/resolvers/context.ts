import type { Loaders } from '../datasources/loaders';
import type { ShopData } from '../datasources/shop-data';
import type { ShopInfo } from '../datasources/shop-directory';
import type { MetricsService } from '../metrics/metrics-service';
import { notFound } from '../errors';

/** What every resolver gets: the request's loaders and the shared services. */
export interface GraphContext {
  shopData: ShopData;
  loaders: Loaders;
  metrics: MetricsService;
}

/** The shop, or a NOT_FOUND error (the field becomes null with the error at its path). */
export async function requireShop(ctx: GraphContext, shopId: string): Promise<ShopInfo> {
  const shop = await ctx.loaders.shop.load(shopId);
  if (!shop) throw notFound('shop', shopId);
  return shop;
}
