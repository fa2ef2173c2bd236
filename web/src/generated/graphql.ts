/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Which kind of campaign, as TikTok lists them. */
export type CampaignType =
  /** A GMV Max campaign (gmv_max/campaign/get/), since July 2025 the only Shop-ads type for most sellers; its cost is in the GMV Max report. */
  | 'GMV_MAX'
  /** An auction campaign (campaign/get/); its spend is in the BASIC report. */
  | 'STANDARD';

/** A window of calendar days, both ends inclusive, in the shop's time zone. */
export type DateRange = {
  /** First day (inclusive). */
  from: string;
  /** Last day (inclusive). */
  to: string;
};

/** How a series splits its window: days, ISO weeks (Monday first) or calendar months; edges clipped to the window. */
export type Granularity =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

/** The metrics ShopGraph computes (see the README's definitions). */
export type MetricName =
  | 'AD_SPEND'
  | 'AOV'
  | 'ATTRIBUTED_REVENUE'
  | 'BLENDED_ROAS'
  /** Unique buyers who paid (TikTok Analytics). */
  | 'BUYERS'
  /** Product clicks / impressions or views, as TikTok reports it (ratio). */
  | 'CLICK_THROUGH_RATE'
  /** Units of the settled orders × their unit cost. */
  | 'COGS'
  /** SETTLEMENT − COGS − AD_SPEND. */
  | 'CONTRIBUTION_MARGIN'
  /** BUYERS / PAGE_VIEWS (ratio). */
  | 'CONVERSION_RATE'
  /** Fees and taxes on fees TikTok charged the settled orders paid in the window. */
  | 'FEES'
  | 'GMV'
  | 'GMV_MAX_ROI'
  /** A sales channel's share of TikTok's analytics GMV (ratio). */
  | 'GMV_SHARE'
  /** Orders shipped after their ship-by time (rts_sla_time) / orders shipped, of the window's orders (ratio). */
  | 'LATE_SHIP_RATE'
  | 'NET_REVENUE'
  /** Orders delivered by their delivery deadline / orders delivered, of the window's orders (ratio). */
  | 'ON_TIME_DELIVERY_RATE'
  | 'ORDERS'
  /** The window's orders still to ship whose ship-by time is within 24 hours of the data's asOf, overdue ones included. */
  | 'ORDERS_AT_RISK'
  /** Views of product detail pages (TikTok Analytics). */
  | 'PAGE_VIEWS'
  /** Times products were shown to buyers (TikTok Analytics). */
  | 'PRODUCT_IMPRESSIONS'
  /** POAS: (SETTLEMENT − COGS) / AD_SPEND (ratio). */
  | 'PROFIT_ROAS'
  | 'REFUNDED_GMV'
  | 'REFUND_RATE'
  | 'ROAS'
  /** What TikTok settled for the orders paid in the window: revenue − fees − shipping cost. */
  | 'SETTLEMENT'
  /** Orders counted once per SKU they contain, as TikTok's analytics count them. */
  | 'SKU_ORDERS'
  /** FEES / settled revenue (ratio). */
  | 'TAKE_RATE'
  | 'UNITS_SOLD';

/** Where a metric comes from: order data, ad reports, or TikTok's own analytics. */
export type MetricSource =
  | 'ANALYTICS'
  | 'ORDERS'
  | 'REPORTS';

/** What a metric value measures. */
export type MetricUnit =
  | 'COUNT'
  | 'MONEY'
  | 'RATIO';

/** TikTok Shop order status (Order API). */
export type OrderStatus =
  | 'AWAITING_COLLECTION'
  | 'AWAITING_SHIPMENT'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DELIVERED'
  | 'IN_TRANSIT'
  | 'ON_HOLD'
  | 'PARTIALLY_SHIPPING'
  /** A status ShopGraph does not know yet (TikTok adds some), or none: `rawStatus` has what TikTok sent. */
  | 'UNKNOWN'
  | 'UNPAID';

export type CampaignPerformanceQueryVariables = Exact<{
  shopId: string | number;
  range: DateRange;
}>;


export type CampaignPerformanceQuery = { shop: { id: string, campaigns: Array<{ id: string, advertiserId: string, name: string, objective: string | null, status: string, budget: { amount: string, currency: string } | null } | null>, metrics: { campaigns: Array<{ campaignId: string, campaign: { id: string, name: string } | null, spend: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, roas: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, series: Array<{ from: string, to: string, metrics: Array<{ name: MetricName, value: string | null, provisional: boolean }> }> }> } } | null };

export type DashboardMetricFragment = { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null };

export type DashboardTilesFragment = { from: string, to: string, currency: string, gmv: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, orders: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, aov: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, refundRate: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, adSpend: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, roas: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, blendedRoas: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null } };

export type DashboardLiveSubscriptionVariables = Exact<{
  shopId: string | number;
  range: DateRange;
}>;


export type DashboardLiveSubscription = { metricsChanged: { from: string, to: string, gmv: { value: string | null }, orders: { value: string | null } } };

export type DashboardOpsQueryVariables = Exact<{
  shopId: string | number;
  range: DateRange;
  withinHours?: number;
  bestsellers?: number;
}>;


export type DashboardOpsQuery = { shop: { id: string, metrics: { currency: string, lateShipRate: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, onTimeDeliveryRate: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, ordersAtRisk: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, adSpend: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, campaigns: Array<{ campaignId: string, campaign: { id: string, type: CampaignType | null } | null, spend: { value: string | null, money: { amount: string, currency: string } | null } }>, topProducts: Array<{ productId: string, product: { id: string, title: string, skus: Array<{ id: string, sellerSku: string | null, inventory: { available: number | null, committed: number | null, outOfStock: boolean | null, lowStock: boolean | null, lowStockThreshold: number, stale: boolean, salesPace: { dailyUnits: string | null, daysOfCover: string | null } } | null }> } | null, gmv: { value: string | null, money: { amount: string, currency: string } | null } }> }, orders: { totalCount: number | null, nodes: Array<{ id: string, status: OrderStatus, createdAt: string, fulfilment: { shipBy: string | null } | null } | null> } } | null };

export type DashboardOverviewQueryVariables = Exact<{
  shopId: string | number;
  range: DateRange;
  granularity?: Granularity;
  topProducts?: number;
}>;


export type DashboardOverviewQuery = { shop: { id: string, name: string, advertisers: Array<{ id: string, name: string }>, metrics: { timezone: string, from: string, to: string, currency: string, coverage: { days: number, share: number, complete: boolean }, series: Array<{ from: string, to: string, metrics: Array<{ name: MetricName, value: string | null, stale: boolean, provisional: boolean }> }>, topProducts: Array<{ productId: string, product: { id: string, title: string } | null, gmv: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, unitsSold: { value: string | null }, orders: { value: string | null } }>, reconciliation: Array<{ date: string, bridgeNullReason: string | null, shopGraphOrders: number, tiktokOrders: number | null, ordersDifference: number | null, published: boolean, shopGraphGmv: { amount: string, currency: string }, platformDiscount: { amount: string, currency: string } | null, shipping: { amount: string, currency: string } | null, tax: { amount: string, currency: string } | null, otherFees: { amount: string, currency: string } | null, shopGraphGmvTikTokBasis: { amount: string, currency: string } | null, tiktokGmv: { amount: string, currency: string } | null, unexplainedGmvDifference: { amount: string, currency: string } | null }> | null, campaigns: Array<{ campaignId: string, campaign: { id: string, advertiserId: string, name: string, status: string } | null, spend: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, attributedRevenue: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, roas: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null } }>, gmv: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, orders: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, aov: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, refundRate: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, adSpend: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, roas: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, blendedRoas: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null } } } | null };

export type DashboardPreviousPeriodQueryVariables = Exact<{
  shopId: string | number;
  range: DateRange;
}>;


export type DashboardPreviousPeriodQuery = { shop: { id: string, metrics: { from: string, to: string, currency: string, gmv: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, orders: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, aov: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, refundRate: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, adSpend: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, roas: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, blendedRoas: { formula: string, source: MetricSource, name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null } } } | null };

export type DashboardShopsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardShopsQuery = { shops: Array<{ id: string, name: string, region: string, currency: string, timezone: string }> };

export type MetricFieldsFragment = { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null };

export type MetricsSeriesQueryVariables = Exact<{
  shopIds?: Array<string | number> | string | number | null | undefined;
  range: DateRange;
  granularity?: Granularity;
  names: Array<MetricName> | MetricName;
}>;


export type MetricsSeriesQuery = { metrics: Array<{ currency: string, timezone: string, shop: { id: string, name: string }, series: Array<{ from: string, to: string, metrics: Array<{ name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }> }> }> };

export type OrderListQueryVariables = Exact<{
  shopId: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type OrderListQuery = { shop: { id: string, orders: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, shopId: string, status: OrderStatus, createdAt: string, total: { amount: string, currency: string } | null, lineItems: Array<{ id: string, skuName: string | null, salePrice: { amount: string, currency: string }, product: { id: string, title: string } | null }> } | null> } } | null };

export type ShopOverviewQueryVariables = Exact<{
  shopId: string | number;
  range: DateRange;
}>;


export type ShopOverviewQuery = { shop: { id: string, name: string, region: string, currency: string, timezone: string, metrics: { from: string, to: string, timezone: string, currency: string, gmv: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, orders: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, aov: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, refundRate: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, adSpend: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, roas: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null }, blendedRoas: { name: MetricName, unit: MetricUnit, value: string | null, nullReason: string | null, asOf: string, stale: boolean, provisional: boolean, money: { amount: string, currency: string } | null } } } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MetricFieldsFragmentDoc = new TypedDocumentString(`
    fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}
    `, {"fragmentName":"MetricFields"}) as unknown as TypedDocumentString<MetricFieldsFragment, unknown>;
export const DashboardMetricFragmentDoc = new TypedDocumentString(`
    fragment DashboardMetric on Metric {
  ...MetricFields
  formula
  source
}
    fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`, {"fragmentName":"DashboardMetric"}) as unknown as TypedDocumentString<DashboardMetricFragment, unknown>;
export const DashboardTilesFragmentDoc = new TypedDocumentString(`
    fragment DashboardTiles on ShopMetrics {
  from
  to
  currency
  gmv {
    ...DashboardMetric
  }
  orders {
    ...DashboardMetric
  }
  aov {
    ...DashboardMetric
  }
  refundRate {
    ...DashboardMetric
  }
  adSpend {
    ...DashboardMetric
  }
  roas {
    ...DashboardMetric
  }
  blendedRoas {
    ...DashboardMetric
  }
}
    fragment DashboardMetric on Metric {
  ...MetricFields
  formula
  source
}
fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`, {"fragmentName":"DashboardTiles"}) as unknown as TypedDocumentString<DashboardTilesFragment, unknown>;
export const CampaignPerformanceDocument = new TypedDocumentString(`
    query CampaignPerformance($shopId: ID!, $range: DateRange!) {
  shop(id: $shopId) {
    id
    campaigns {
      id
      advertiserId
      name
      objective
      status
      budget {
        amount
        currency
      }
    }
    metrics(range: $range) {
      campaigns {
        campaignId
        campaign {
          id
          name
        }
        spend {
          ...MetricFields
        }
        roas {
          ...MetricFields
        }
        series {
          from
          to
          metrics {
            name
            value
            provisional
          }
        }
      }
    }
  }
}
    fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`) as unknown as TypedDocumentString<CampaignPerformanceQuery, CampaignPerformanceQueryVariables>;
export const DashboardLiveDocument = new TypedDocumentString(`
    subscription DashboardLive($shopId: ID!, $range: DateRange!) {
  metricsChanged(shopId: $shopId, range: $range) {
    from
    to
    gmv {
      value
    }
    orders {
      value
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardLiveSubscription, DashboardLiveSubscriptionVariables>;
export const DashboardOpsDocument = new TypedDocumentString(`
    query DashboardOps($shopId: ID!, $range: DateRange!, $withinHours: Int! = 24, $bestsellers: Int! = 10) {
  shop(id: $shopId) {
    id
    metrics(range: $range) {
      currency
      lateShipRate {
        ...DashboardMetric
      }
      onTimeDeliveryRate {
        ...DashboardMetric
      }
      ordersAtRisk(withinHours: $withinHours) {
        ...DashboardMetric
      }
      adSpend {
        ...DashboardMetric
      }
      campaigns {
        campaignId
        campaign {
          id
          type
        }
        spend {
          value
          money {
            amount
            currency
          }
        }
      }
      topProducts(first: $bestsellers) {
        productId
        product {
          id
          title
          skus {
            id
            sellerSku
            inventory {
              available
              committed
              outOfStock
              lowStock
              lowStockThreshold
              stale
              salesPace {
                dailyUnits
                daysOfCover
              }
            }
          }
        }
        gmv {
          value
          money {
            amount
            currency
          }
        }
      }
    }
    orders(
      filter: {status: [ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING]}
      first: 250
    ) {
      totalCount
      nodes {
        id
        status
        createdAt
        fulfilment {
          shipBy
        }
      }
    }
  }
}
    fragment DashboardMetric on Metric {
  ...MetricFields
  formula
  source
}
fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`) as unknown as TypedDocumentString<DashboardOpsQuery, DashboardOpsQueryVariables>;
export const DashboardOverviewDocument = new TypedDocumentString(`
    query DashboardOverview($shopId: ID!, $range: DateRange!, $granularity: Granularity! = DAY, $topProducts: Int! = 5) {
  shop(id: $shopId) {
    id
    name
    advertisers {
      id
      name
    }
    metrics(range: $range, granularity: $granularity) {
      timezone
      coverage {
        days
        share
        complete
      }
      ...DashboardTiles
      series(names: [GMV, AD_SPEND, ROAS]) {
        from
        to
        metrics {
          name
          value
          stale
          provisional
        }
      }
      topProducts(first: $topProducts) {
        productId
        product {
          id
          title
        }
        gmv {
          ...DashboardMetric
        }
        unitsSold {
          value
        }
        orders {
          value
        }
      }
      reconciliation {
        date
        shopGraphGmv {
          amount
          currency
        }
        platformDiscount {
          amount
          currency
        }
        shipping {
          amount
          currency
        }
        tax {
          amount
          currency
        }
        otherFees {
          amount
          currency
        }
        shopGraphGmvTikTokBasis {
          amount
          currency
        }
        bridgeNullReason
        tiktokGmv {
          amount
          currency
        }
        unexplainedGmvDifference {
          amount
          currency
        }
        shopGraphOrders
        tiktokOrders
        ordersDifference
        published
      }
      campaigns {
        campaignId
        campaign {
          id
          advertiserId
          name
          status
        }
        spend {
          ...DashboardMetric
        }
        attributedRevenue {
          ...DashboardMetric
        }
        roas {
          ...DashboardMetric
        }
      }
    }
  }
}
    fragment DashboardMetric on Metric {
  ...MetricFields
  formula
  source
}
fragment DashboardTiles on ShopMetrics {
  from
  to
  currency
  gmv {
    ...DashboardMetric
  }
  orders {
    ...DashboardMetric
  }
  aov {
    ...DashboardMetric
  }
  refundRate {
    ...DashboardMetric
  }
  adSpend {
    ...DashboardMetric
  }
  roas {
    ...DashboardMetric
  }
  blendedRoas {
    ...DashboardMetric
  }
}
fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`) as unknown as TypedDocumentString<DashboardOverviewQuery, DashboardOverviewQueryVariables>;
export const DashboardPreviousPeriodDocument = new TypedDocumentString(`
    query DashboardPreviousPeriod($shopId: ID!, $range: DateRange!) {
  shop(id: $shopId) {
    id
    metrics(range: $range) {
      ...DashboardTiles
    }
  }
}
    fragment DashboardMetric on Metric {
  ...MetricFields
  formula
  source
}
fragment DashboardTiles on ShopMetrics {
  from
  to
  currency
  gmv {
    ...DashboardMetric
  }
  orders {
    ...DashboardMetric
  }
  aov {
    ...DashboardMetric
  }
  refundRate {
    ...DashboardMetric
  }
  adSpend {
    ...DashboardMetric
  }
  roas {
    ...DashboardMetric
  }
  blendedRoas {
    ...DashboardMetric
  }
}
fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`) as unknown as TypedDocumentString<DashboardPreviousPeriodQuery, DashboardPreviousPeriodQueryVariables>;
export const DashboardShopsDocument = new TypedDocumentString(`
    query DashboardShops {
  shops {
    id
    name
    region
    currency
    timezone
  }
}
    `) as unknown as TypedDocumentString<DashboardShopsQuery, DashboardShopsQueryVariables>;
export const MetricsSeriesDocument = new TypedDocumentString(`
    query MetricsSeries($shopIds: [ID!], $range: DateRange!, $granularity: Granularity! = DAY, $names: [MetricName!]!) {
  metrics(shopIds: $shopIds, range: $range, granularity: $granularity) {
    shop {
      id
      name
    }
    currency
    timezone
    series(names: $names) {
      from
      to
      metrics {
        ...MetricFields
      }
    }
  }
}
    fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`) as unknown as TypedDocumentString<MetricsSeriesQuery, MetricsSeriesQueryVariables>;
export const OrderListDocument = new TypedDocumentString(`
    query OrderList($shopId: ID!, $first: Int!, $after: String) {
  shop(id: $shopId) {
    id
    orders(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        shopId
        status
        createdAt
        total {
          amount
          currency
        }
        lineItems {
          id
          skuName
          salePrice {
            amount
            currency
          }
          product {
            id
            title
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrderListQuery, OrderListQueryVariables>;
export const ShopOverviewDocument = new TypedDocumentString(`
    query ShopOverview($shopId: ID!, $range: DateRange!) {
  shop(id: $shopId) {
    id
    name
    region
    currency
    timezone
    metrics(range: $range) {
      from
      to
      timezone
      currency
      gmv {
        ...MetricFields
      }
      orders {
        ...MetricFields
      }
      aov {
        ...MetricFields
      }
      refundRate {
        ...MetricFields
      }
      adSpend {
        ...MetricFields
      }
      roas {
        ...MetricFields
      }
      blendedRoas {
        ...MetricFields
      }
    }
  }
}
    fragment MetricFields on Metric {
  name
  unit
  value
  money {
    amount
    currency
  }
  nullReason
  asOf
  stale
  provisional
}`) as unknown as TypedDocumentString<ShopOverviewQuery, ShopOverviewQueryVariables>;