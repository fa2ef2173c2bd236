/**
 * Content commerce fields: the shop's videos and LIVE sessions, GMV by channel and the funnel on
 * ShopMetrics, and TikTok's own product and SKU figures. Every field starts at `requireShop`, so
 * a caller reaches only its own shops' analytics.
 */
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { LivePerformanceSort, VideoPerformanceSort } from '../datasources/partner/partner-requests';
import type { DateWindow } from '../domain/window';
import { DateRange } from '../schema/types/common';
import {
  ChannelMetrics,
  ContentProduct,
  LiveSessionConnection,
  LiveSessionEdge,
  LiveSessionSortKey,
  ProductPerformance,
  SkuPerformance,
  VideoConnection,
  VideoEdge,
  VideoSortKey,
} from '../schema/types/content';
import { Metric, ShopMetrics } from '../schema/types/metric';
import { Product, Sku } from '../schema/types/product';
import { Shop } from '../schema/types/shop';
import { sliceConnection } from './connection';
import { requireShop, type GraphContext } from './context';
import { basisOf, toLiveSession, toVideo } from './map-content';
import { checkRange } from './map-metric';
import { channelMetrics, funnelMetrics, productPerformance, skuPerformance } from './map-shop-analytics';
import { toProduct } from './map-shop';
import { connectionParts } from './rejected';

const VIDEO_SORT: Record<VideoSortKey, VideoPerformanceSort> = {
  GMV: 'gmv',
  SKU_ORDERS: 'sku_orders',
  UNITS_SOLD: 'units_sold',
  VIEWS: 'views',
  CLICK_THROUGH_RATE: 'click_through_rate',
};
// TikTok's LIVE list (202508) names units `unit_sold`; its other lists say `units_sold`.
const LIVE_SORT: Record<LiveSessionSortKey, LivePerformanceSort> = {
  GMV: 'gmv',
  SKU_ORDERS: 'sku_orders',
  UNITS_SOLD: 'unit_sold',
  PRODUCTS_ADDED: 'products_added',
  DIFFERENT_PRODUCTS_SOLD: 'different_products_sold',
  CUSTOMERS: 'customers',
  GMV_24H: '24h_live_gmv',
};

/** The connection fields every content list shares besides its rows. */
function page(window: DateWindow, latestAvailableDate: string) {
  return { latestAvailableDate, provisional: window.to > latestAvailableDate };
}

@Resolver(() => Shop)
export class ShopContentResolver {
  @FieldResolver(() => VideoConnection, { description: "Shoppable videos with views or sales in a window of the shop's days (TikTok Analytics)." })
  async videos(
    @Root() shop: Shop,
    @Ctx() ctx: GraphContext,
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 250.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('sortKey', () => VideoSortKey, { defaultValue: VideoSortKey.GMV }) sortKey: VideoSortKey,
  ): Promise<VideoConnection> {
    const info = await requireShop(ctx, shop.id);
    const window = checkRange(range);
    const sortField = VIDEO_SORT[sortKey];
    let latest = '';
    const slice = await sliceConnection({
      shopId: shop.id,
      query: ['videos', window, sortField],
      first,
      after,
      fetchPage: async (token) => {
        const p = await ctx.analytics.videoPage(info, window, sortField, token);
        latest = p.latestAvailableDate;
        return p;
      },
    });
    const parts = connectionParts(
      slice,
      'video',
      (v) => toVideo(shop.id, v),
      (cursor, node) => Object.assign(new VideoEdge(), { cursor, node }),
    );
    return Object.assign(new VideoConnection(), { ...parts, ...page(window, latest) });
  }

  @FieldResolver(() => LiveSessionConnection, { description: "LIVE sessions that started in a window of the shop's days (TikTok Analytics)." })
  async liveSessions(
    @Root() shop: Shop,
    @Ctx() ctx: GraphContext,
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 250.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('sortKey', () => LiveSessionSortKey, { defaultValue: LiveSessionSortKey.GMV }) sortKey: LiveSessionSortKey,
  ): Promise<LiveSessionConnection> {
    const info = await requireShop(ctx, shop.id);
    const window = checkRange(range);
    const sortField = LIVE_SORT[sortKey];
    let latest = '';
    const slice = await sliceConnection({
      shopId: shop.id,
      query: ['lives', window, sortField],
      first,
      after,
      fetchPage: async (token) => {
        const p = await ctx.analytics.livePage(info, window, sortField, token);
        latest = p.latestAvailableDate;
        return p;
      },
    });
    const parts = connectionParts(slice, 'LIVE session', toLiveSession, (cursor, node) => Object.assign(new LiveSessionEdge(), { cursor, node }));
    return Object.assign(new LiveSessionConnection(), { ...parts, ...page(window, latest) });
  }
}

async function funnel(ctx: GraphContext, root: ShopMetrics) {
  const shop = await requireShop(ctx, root.shop.id);
  const window = { from: root.from, to: root.to };
  const answer = await ctx.analytics.shopPerformance(shop, window, 'ALL');
  return funnelMetrics(window, shop.currency, basisOf(shop.timezone, answer), answer.value);
}

@Resolver(() => ShopMetrics)
export class ShopMetricsAnalyticsResolver {
  @FieldResolver(() => [ChannelMetrics], { description: "GMV, SKU orders and units by sales channel (LIVE, VIDEO, PRODUCT_CARD), from TikTok's analytics." })
  async channels(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<ChannelMetrics[]> {
    const shop = await requireShop(ctx, root.shop.id);
    const window = { from: root.from, to: root.to };
    const [total, days, videos, lives] = await Promise.all([
      ctx.analytics.shopPerformance(shop, window, 'ALL'),
      ctx.analytics.shopPerformance(shop, window, '1D'),
      ctx.analytics.videos(shop, window),
      ctx.analytics.lives(shop, window),
    ]);
    return channelMetrics({
      window,
      currency: shop.currency,
      basis: basisOf(shop.timezone, total, days, videos, lives),
      total: total.value,
      days: days.value,
      videos: videos.value,
      lives: lives.value,
    });
  }

  @FieldResolver(() => Metric, { description: "TikTok's own GMV of the window (shop performance), which the channels split." })
  async analyticsGmv(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return (await funnel(ctx, root)).gmv;
  }

  @FieldResolver(() => Metric, { description: "Times the shop's products were shown (TikTok Analytics)." })
  async productImpressions(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return (await funnel(ctx, root)).productImpressions;
  }

  @FieldResolver(() => Metric, { description: "Views of the shop's product detail pages (TikTok Analytics)." })
  async pageViews(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return (await funnel(ctx, root)).pageViews;
  }

  @FieldResolver(() => Metric, { description: 'Unique buyers over the window (TikTok Analytics).' })
  async buyers(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return (await funnel(ctx, root)).buyers;
  }

  @FieldResolver(() => Metric, { description: 'buyers / pageViews; null without page views.' })
  async conversionRate(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return (await funnel(ctx, root)).conversionRate;
  }
}

@Resolver(() => Product)
export class ProductPerformanceResolver {
  @FieldResolver(() => ProductPerformance, {
    description: "TikTok's own GMV, orders, units and click-through rate of the product in a window of the shop's days.",
  })
  async performance(@Root() product: Product, @Arg('range', () => DateRange) range: DateRange, @Ctx() ctx: GraphContext): Promise<ProductPerformance> {
    const shop = await requireShop(ctx, product.shopId);
    const window = checkRange(range);
    return productPerformance(product.id, shop, window, await ctx.analytics.productPerformance(shop, window));
  }
}

@Resolver(() => Sku)
export class SkuPerformanceResolver {
  @FieldResolver(() => SkuPerformance, { description: "TikTok's own GMV, SKU orders and units of the SKU in a window of the shop's days." })
  async performance(@Root() sku: Sku, @Arg('range', () => DateRange) range: DateRange, @Ctx() ctx: GraphContext): Promise<SkuPerformance> {
    const shop = await requireShop(ctx, sku.shopId);
    const window = checkRange(range);
    return skuPerformance(sku, shop, window, await ctx.analytics.skuPerformance(shop, window));
  }
}

@Resolver(() => ContentProduct)
export class ContentProductResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The product; null when it no longer exists. Batched and cached.' })
  async product(@Root() root: ContentProduct, @Ctx() ctx: GraphContext): Promise<Product | null> {
    await requireShop(ctx, root.shopId);
    const found = await ctx.loaders.product.load({ shopId: root.shopId, id: root.id });
    return found ? toProduct(root.shopId, found) : null;
  }
}
