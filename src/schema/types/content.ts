/**
 * Content commerce in the graph: GMV by sales channel, short videos, LIVE sessions, and TikTok's
 * own per-product and per-SKU figures. Everything here comes from TikTok's Analytics API, which
 * lags: figures name the last day TikTok had published and are provisional past it.
 */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../scalars';
import { Money, PageInfo, UNREADABLE_ROWS } from './common';
import { Metric, MetricPoint } from './metric';

export enum SalesChannel {
  LIVE = 'LIVE',
  VIDEO = 'VIDEO',
  PRODUCT_CARD = 'PRODUCT_CARD',
}
registerEnumType(SalesChannel, {
  name: 'SalesChannel',
  description: 'Where a sale started, as TikTok attributes it.',
  valuesConfig: {
    LIVE: { description: 'A LIVE session.' },
    VIDEO: { description: 'A shoppable short video.' },
    PRODUCT_CARD: { description: 'A product card: search, the shop page, recommendations.' },
  },
});

export enum VideoSortKey {
  GMV = 'GMV',
  SKU_ORDERS = 'SKU_ORDERS',
  UNITS_SOLD = 'UNITS_SOLD',
  VIEWS = 'VIEWS',
  CLICK_THROUGH_RATE = 'CLICK_THROUGH_RATE',
}
registerEnumType(VideoSortKey, { name: 'VideoSortKey', description: 'What orders a video list, highest first.' });

export enum LiveSessionSortKey {
  GMV = 'GMV',
  SKU_ORDERS = 'SKU_ORDERS',
  UNITS_SOLD = 'UNITS_SOLD',
  PRODUCTS_ADDED = 'PRODUCTS_ADDED',
  DIFFERENT_PRODUCTS_SOLD = 'DIFFERENT_PRODUCTS_SOLD',
  CUSTOMERS = 'CUSTOMERS',
  GMV_24H = 'GMV_24H',
}
registerEnumType(LiveSessionSortKey, {
  name: 'LiveSessionSortKey',
  description: "What orders a LIVE session list, highest first (TikTok's LIVE list sort fields).",
  valuesConfig: { GMV_24H: { description: "GMV of orders paid within 24 hours of viewing the LIVE (TikTok's 24h_live_gmv)." } },
});

@ObjectType({ description: "One sales channel's part of the shop's GMV in a window, from TikTok's analytics." })
export class ChannelMetrics {
  @Field(() => SalesChannel) channel!: SalesChannel;
  @Field(() => Metric, { description: 'GMV TikTok attributes to the channel (shop performance `gmv_breakdowns`).' }) gmv!: Metric;
  @Field(() => Metric, { description: "The channel's GMV / TikTok's total GMV of the window." }) gmvShare!: Metric;
  @Field(() => Metric, { description: "SKU orders of the channel: the videos' or LIVE sessions' sum; for product cards, what remains of the shop's." })
  skuOrders!: Metric;
  @Field(() => Metric, { description: 'Units of the channel, counted like skuOrders.' }) unitsSold!: Metric;
  @Field(() => [MetricPoint], { description: 'GMV and GMV share per day of the window.' }) series!: MetricPoint[];
}

@ObjectType({ description: 'A product linked to a video, as TikTok names it.' })
export class ContentProduct {
  @Field(() => ID) id!: string;
  @Field({ description: 'The product name TikTok gives with the video.' }) name!: string;
  shopId!: string;
}

@ObjectType({ description: 'A shoppable short video and what it sold in the window.' })
export class Video {
  @Field(() => ID, { description: "TikTok's video id." }) id!: string;
  @Field() title!: string;
  @Field({ description: 'TikTok username of the creator who posted it.' }) creatorUsername!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was posted; null when TikTok does not say.' }) postedAt!: Date | null;
  @Field(() => Int, { description: 'Views in the window.' }) views!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Product clicks / views (ratio, 6 decimals); null when TikTok does not say.' })
  clickThroughRate!: string | null;
  @Field(() => Money, { description: 'GMV of the orders placed from the video in the window.' }) gmv!: Money;
  @Field(() => Int, { description: 'Those orders counted once per SKU in them.' }) skuOrders!: number;
  @Field(() => Int, { description: 'Units those orders contain.' }) unitsSold!: number;
  @Field(() => [ContentProduct], { description: 'The products the video sells.' }) products!: ContentProduct[];
}

@ObjectType({ description: 'A LIVE session and what it sold.' })
export class LiveSession {
  @Field(() => ID, { description: "TikTok's LIVE id." }) id!: string;
  @Field() title!: string;
  @Field({ description: 'TikTok username of the host.' }) creatorUsername!: string;
  @Field(() => DateTimeScalar) startedAt!: Date;
  @Field(() => DateTimeScalar) endedAt!: Date;
  @Field(() => Int, { description: 'endedAt − startedAt, in seconds.' }) durationSeconds!: number;
  @Field(() => Money, { description: 'GMV of the orders placed from the session.' }) gmv!: Money;
  @Field(() => Money, { nullable: true, description: 'gmv / duration in hours, rounded to the currency; null for a zero duration.' })
  gmvPerHour!: Money | null;
  @Field(() => Int, { nullable: true, description: 'Products added to the session.' }) productsAdded!: number | null;
  @Field(() => Int, { nullable: true, description: 'Distinct products sold from the session.' }) differentProductsSold!: number | null;
  @Field(() => Int, { nullable: true, description: 'Orders from the session counted once per SKU in them.' }) skuOrders!: number | null;
  @Field(() => Int, { nullable: true, description: 'Units sold from the session.' }) unitsSold!: number | null;
}

@ObjectType()
export class VideoEdge {
  @Field() cursor!: string;
  @Field(() => Video) node!: Video;
}

@ObjectType()
export class LiveSessionEdge {
  @Field() cursor!: string;
  @Field(() => LiveSession) node!: LiveSession;
}

@ObjectType({ description: `A page of videos (Relay connection). ${UNREADABLE_ROWS}` })
export class VideoConnection {
  @Field(() => [VideoEdge], { nullable: 'items' }) edges!: (VideoEdge | Error)[];
  @Field(() => [Video], { nullable: 'items' }) nodes!: (Video | Error)[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true }) totalCount!: number | null;
  @Field(() => DateScalar, { description: 'Last day TikTok had published (shop time zone).' }) latestAvailableDate!: string;
  @Field({ description: 'The window reaches past latestAvailableDate: the figures will still move.' }) provisional!: boolean;
}

@ObjectType({ description: `A page of LIVE sessions (Relay connection). ${UNREADABLE_ROWS}` })
export class LiveSessionConnection {
  @Field(() => [LiveSessionEdge], { nullable: 'items' }) edges!: (LiveSessionEdge | Error)[];
  @Field(() => [LiveSession], { nullable: 'items' }) nodes!: (LiveSession | Error)[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true }) totalCount!: number | null;
  @Field(() => DateScalar, { description: 'Last day TikTok had published (shop time zone).' }) latestAvailableDate!: string;
  @Field({ description: 'The window reaches past latestAvailableDate: the figures will still move.' }) provisional!: boolean;
}

@ObjectType({ description: "TikTok's own figures for a product in a window (Analytics API)." })
export class ProductPerformance {
  @Field(() => ID) productId!: string;
  @Field(() => Metric) gmv!: Metric;
  @Field(() => Metric, { description: 'Orders containing the product.' }) orders!: Metric;
  @Field(() => Metric) unitsSold!: Metric;
  @Field(() => Metric, { description: 'Clicks / impressions of the product (ratio).' }) clickThroughRate!: Metric;
}

@ObjectType({ description: "TikTok's own figures for a SKU in a window (Analytics API)." })
export class SkuPerformance {
  @Field(() => ID) skuId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Metric) gmv!: Metric;
  @Field(() => Metric, { description: 'Orders containing the SKU.' }) skuOrders!: Metric;
  @Field(() => Metric) unitsSold!: Metric;
}
