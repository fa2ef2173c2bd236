import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../scalars';
import { Money } from './common';
import { Campaign } from './campaign';
import { Product } from './product';
import { Shop } from './shop';

export enum MetricName {
  GMV = 'GMV',
  ORDERS = 'ORDERS',
  AOV = 'AOV',
  UNITS_SOLD = 'UNITS_SOLD',
  REFUNDED_GMV = 'REFUNDED_GMV',
  REFUND_RATE = 'REFUND_RATE',
  NET_REVENUE = 'NET_REVENUE',
  AD_SPEND = 'AD_SPEND',
  ATTRIBUTED_REVENUE = 'ATTRIBUTED_REVENUE',
  ROAS = 'ROAS',
  BLENDED_ROAS = 'BLENDED_ROAS',
  GMV_MAX_ROI = 'GMV_MAX_ROI',
  /** Fulfilment of the window's orders (docs/metrics.md, "Fulfilment"). */
  LATE_SHIP_RATE = 'LATE_SHIP_RATE',
  ON_TIME_DELIVERY_RATE = 'ON_TIME_DELIVERY_RATE',
  ORDERS_AT_RISK = 'ORDERS_AT_RISK',
  /** TikTok Analytics figures (source ANALYTICS): channels, funnel, products, content. */
  GMV_SHARE = 'GMV_SHARE',
  SKU_ORDERS = 'SKU_ORDERS',
  PRODUCT_IMPRESSIONS = 'PRODUCT_IMPRESSIONS',
  PAGE_VIEWS = 'PAGE_VIEWS',
  BUYERS = 'BUYERS',
  CONVERSION_RATE = 'CONVERSION_RATE',
  CLICK_THROUGH_RATE = 'CLICK_THROUGH_RATE',
  /** Profit figures: TikTok's settlements of the window's orders, unit costs and ad spend. */
  FEES = 'FEES',
  SETTLEMENT = 'SETTLEMENT',
  TAKE_RATE = 'TAKE_RATE',
  COGS = 'COGS',
  CONTRIBUTION_MARGIN = 'CONTRIBUTION_MARGIN',
  PROFIT_ROAS = 'PROFIT_ROAS',
}
registerEnumType(MetricName, {
  name: 'MetricName',
  description: "The metrics ShopGraph computes (see the README's definitions).",
  valuesConfig: {
    GMV_SHARE: { description: "A sales channel's share of TikTok's analytics GMV (ratio)." },
    SKU_ORDERS: { description: "Orders counted once per SKU they contain, as TikTok's analytics count them." },
    PRODUCT_IMPRESSIONS: { description: 'Times products were shown to buyers (TikTok Analytics).' },
    PAGE_VIEWS: { description: 'Views of product detail pages (TikTok Analytics).' },
    BUYERS: { description: 'Unique buyers who paid (TikTok Analytics).' },
    CONVERSION_RATE: { description: 'BUYERS / PAGE_VIEWS (ratio).' },
    CLICK_THROUGH_RATE: { description: 'Product clicks / impressions or views, as TikTok reports it (ratio).' },
    LATE_SHIP_RATE: { description: "Orders shipped after their ship-by time (rts_sla_time) / orders shipped, of the window's orders (ratio)." },
    ON_TIME_DELIVERY_RATE: { description: "Orders delivered by their delivery deadline / orders delivered, of the window's orders (ratio)." },
    ORDERS_AT_RISK: { description: "The window's orders still to ship whose ship-by time is within 24 hours of the data's asOf, overdue ones included." },
    FEES: { description: 'Fees and taxes on fees TikTok charged the settled orders paid in the window.' },
    SETTLEMENT: { description: 'What TikTok settled for the orders paid in the window: revenue − fees − shipping cost.' },
    TAKE_RATE: { description: 'FEES / settled revenue (ratio).' },
    COGS: { description: 'Units of the settled orders × their unit cost.' },
    CONTRIBUTION_MARGIN: { description: 'SETTLEMENT − COGS − AD_SPEND.' },
    PROFIT_ROAS: { description: 'POAS: (SETTLEMENT − COGS) / AD_SPEND (ratio).' },
  },
});

export enum MetricUnit {
  MONEY = 'MONEY',
  COUNT = 'COUNT',
  RATIO = 'RATIO',
}
registerEnumType(MetricUnit, { name: 'MetricUnit', description: 'What a metric value measures.' });

export enum MetricSource {
  ORDERS = 'ORDERS',
  REPORTS = 'REPORTS',
  ANALYTICS = 'ANALYTICS',
}
registerEnumType(MetricSource, {
  name: 'MetricSource',
  description: "Where a metric comes from: order data, ad reports, or TikTok's own analytics.",
});

@ObjectType({ description: 'One computed number, with where it came from and how fresh it is.' })
export class Metric {
  @Field(() => MetricName) name!: MetricName;
  @Field(() => MetricUnit) unit!: MetricUnit;
  @Field(() => DecimalScalar, { nullable: true, description: 'Exact value; null when undefined (AOV with no orders, ROAS with no spend...).' })
  value!: string | null;
  @Field(() => Money, { nullable: true, description: 'The value with its currency, set when unit is MONEY.' }) money!: Money | null;
  @Field(() => String, { nullable: true, description: 'Why value is null.' }) nullReason!: string | null;
  @Field({ description: 'How it is computed, e.g. "GMV / ORDERS".' }) formula!: string;
  @Field(() => MetricSource) source!: MetricSource;
  @Field(() => DateTimeScalar, { description: 'The upstream state the value reflects.' }) asOf!: Date;
  @Field({ description: 'Served from an older snapshot because the upstream was throttled or failing.' }) stale!: boolean;
  @Field({ description: 'Still inside the ad attribution window (or TikTok has not published the day): it will move.' })
  provisional!: boolean;
}

@ObjectType({ description: 'The metrics of one bucket of a series.' })
export class MetricPoint {
  @Field(() => DateScalar, { description: 'First day of the bucket (inclusive).' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the bucket (inclusive).' }) to!: string;
  @Field(() => [Metric]) metrics!: Metric[];
}

@ObjectType({ description: "A product's sales in a window, from order data." })
export class ProductMetrics {
  @Field(() => Product, { nullable: true, description: 'The product; null when it no longer exists.' }) product!: Product | null;
  @Field(() => ID) productId!: string;
  @Field(() => Metric) gmv!: Metric;
  @Field(() => Metric) orders!: Metric;
  @Field(() => Metric) unitsSold!: Metric;
  @Field(() => Metric) refundedGmv!: Metric;
  shopId!: string;
}

@ObjectType({ description: "A campaign's spend and return in a window, from TikTok's ad reports." })
export class CampaignMetrics {
  @Field(() => Campaign, { nullable: true }) campaign!: Campaign | null;
  @Field(() => ID) campaignId!: string;
  @Field(() => Metric) spend!: Metric;
  @Field(() => Metric) attributedRevenue!: Metric;
  @Field(() => Metric) roas!: Metric;
  @Field(() => Metric) impressions!: Metric;
  @Field(() => Metric) clicks!: Metric;
  @Field(() => [MetricPoint], {
    description: "Per bucket of the granularity asked (from a shop's metrics: theirs); provisional where a bucket reaches into the attribution window.",
  })
  series!: MetricPoint[];
  advertiserId!: string;
}

@ObjectType({
  description:
    "Which days of the window the shop's order history has been read for. While a cold ledger is read (newest days first, in the background), order figures of a window not wholly covered are null with the reason; the series buckets inside the covered days carry their figures.",
})
export class MetricCoverage {
  @Field(() => DateScalar, { nullable: true, description: 'First covered day of the window; null while none is.' }) from!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last covered day of the window; null while none is.' }) to!: string | null;
  @Field(() => Int, { description: 'Covered days of the window.' }) days!: number;
  @Field(() => Float, { description: "Covered share of the window's days, 0 to 1." }) share!: number;
  @Field({ description: 'Every day of the window is covered: the order figures are exact.' }) complete!: boolean;
}

@ObjectType({ description: "A shop's metrics over a window of days in its own time zone." })
export class ShopMetrics {
  @Field(() => Shop) shop!: Shop;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => MetricCoverage, { description: 'How much of the window the order figures cover (see MetricCoverage).' }) coverage!: MetricCoverage;
  @Field({ description: "Time zone the window's days are in." }) timezone!: string;
  @Field({ description: 'Currency of the money metrics.' }) currency!: string;
  @Field(() => Metric) gmv!: Metric;
  @Field(() => Metric) orders!: Metric;
  @Field(() => Metric) aov!: Metric;
  @Field(() => Metric) unitsSold!: Metric;
  @Field(() => Metric) refundedGmv!: Metric;
  @Field(() => Metric) refundRate!: Metric;
  @Field(() => Metric) netRevenue!: Metric;
  @Field(() => Metric) adSpend!: Metric;
  @Field(() => Metric) attributedRevenue!: Metric;
  @Field(() => Metric) roas!: Metric;
  @Field(() => Metric) blendedRoas!: Metric;
}
