import type { AdData } from '../datasources/ad-data';
import type { AnalyticsData } from '../datasources/analytics-data';
import type { FinanceData } from '../datasources/finance-data';
import type { InventoryLoader } from '../datasources/inventory-loader';
import type { Loaders } from '../datasources/loaders';
import type { ShopData } from '../datasources/shop-data';
import type { ShopInfo } from '../datasources/shop-directory';
import type { MetricsService } from '../metrics/metrics-service';
import type { Caller } from '../security/caller';
import type { LiveServices } from '../subscriptions/live-services';
import type { AlertService } from '../alerts/alert-service';
import { assertShopVisible } from '../security/tenancy';
import { notFound } from '../errors';

/** What every resolver gets: who is calling, the request's loaders and the shared services. */
export interface GraphContext {
  caller: Caller;
  /** The caller's view: only its shops are listed (see `shopDataFor`). */
  shopData: ShopData;
  loaders: Loaders;
  metrics: MetricsService;
  /** TikTok's Analytics API: channels, funnel, videos, LIVE sessions, product and SKU figures. */
  analytics: AnalyticsData;
  /** TikTok's finance API (statements, payouts, settlements) and the shops' unit costs. */
  finance: FinanceData;
  /** The Marketing API's advertisers and campaigns; absent or null without a Marketing token. */
  ads?: AdData | null;
  /** TikTok's stock per SKU (Inventory Search); absent where inventory is not served. */
  inventory?: InventoryLoader;
  /** Kinds of cached data this request was answered stale from (`extensions.stale`), filled as it runs. */
  stale: Set<string>;
  /** Shop events and fresh contexts for subscriptions; absent where subscriptions are not served. */
  live?: LiveServices;
  /** Alert rules and alerts (src/alerts); absent where alerts are not served. */
  alerts?: AlertService;
}

/**
 * The shop, or NOT_FOUND when it does not exist or the caller may not read it (the field becomes
 * null with the error at its path). Every hop to a shop goes through here.
 */
export async function requireShop(ctx: GraphContext, shopId: string): Promise<ShopInfo> {
  assertShopVisible(ctx.caller, shopId);
  const shop = await ctx.loaders.shop.load(shopId);
  if (!shop) throw notFound('shop', shopId);
  return shop;
}
