/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CampaignPerformance($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    campaigns {\n      id\n      advertiserId\n      name\n      objective\n      status\n      budget {\n        amount\n        currency\n      }\n    }\n    metrics(range: $range) {\n      campaigns {\n        campaignId\n        campaign {\n          id\n          name\n        }\n        spend {\n          ...MetricFields\n        }\n        roas {\n          ...MetricFields\n        }\n        series {\n          from\n          to\n          metrics {\n            name\n            value\n            provisional\n          }\n        }\n      }\n    }\n  }\n}": typeof types.CampaignPerformanceDocument,
    "fragment DashboardMetric on Metric {\n  name\n  unit\n  value\n  money {\n    amount\n    currency\n  }\n  nullReason\n  formula\n  source\n  asOf\n  stale\n  provisional\n}\n\nfragment DashboardTiles on ShopMetrics {\n  from\n  to\n  currency\n  gmv {\n    ...DashboardMetric\n  }\n  orders {\n    ...DashboardMetric\n  }\n  aov {\n    ...DashboardMetric\n  }\n  refundRate {\n    ...DashboardMetric\n  }\n  adSpend {\n    ...DashboardMetric\n  }\n  roas {\n    ...DashboardMetric\n  }\n  blendedRoas {\n    ...DashboardMetric\n  }\n}": typeof types.DashboardMetricFragmentDoc,
    "query DashboardOverview($shopId: ID!, $range: DateRange!, $topProducts: Int! = 5) {\n  shop(id: $shopId) {\n    id\n    name\n    metrics(range: $range, granularity: DAY) {\n      timezone\n      ...DashboardTiles\n      series(names: [GMV, AD_SPEND, ROAS]) {\n        from\n        to\n        metrics {\n          name\n          value\n          stale\n          provisional\n        }\n      }\n      topProducts(first: $topProducts) {\n        productId\n        product {\n          id\n          title\n        }\n        gmv {\n          ...DashboardMetric\n        }\n        unitsSold {\n          value\n        }\n        orders {\n          value\n        }\n      }\n      campaigns {\n        campaignId\n        campaign {\n          id\n          name\n          status\n        }\n        spend {\n          ...DashboardMetric\n        }\n        attributedRevenue {\n          ...DashboardMetric\n        }\n        roas {\n          ...DashboardMetric\n        }\n      }\n    }\n  }\n}": typeof types.DashboardOverviewDocument,
    "query DashboardPreviousPeriod($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    metrics(range: $range) {\n      ...DashboardTiles\n    }\n  }\n}": typeof types.DashboardPreviousPeriodDocument,
    "query DashboardShops {\n  shops {\n    id\n    name\n    region\n    currency\n    timezone\n  }\n}": typeof types.DashboardShopsDocument,
    "fragment MetricFields on Metric {\n  name\n  unit\n  value\n  money {\n    amount\n    currency\n  }\n  nullReason\n  asOf\n  stale\n  provisional\n}": typeof types.MetricFieldsFragmentDoc,
    "query MetricsSeries($shopIds: [ID!], $range: DateRange!, $granularity: Granularity! = DAY, $names: [MetricName!]!) {\n  metrics(shopIds: $shopIds, range: $range, granularity: $granularity) {\n    shop {\n      id\n      name\n    }\n    currency\n    timezone\n    series(names: $names) {\n      from\n      to\n      metrics {\n        ...MetricFields\n      }\n    }\n  }\n}": typeof types.MetricsSeriesDocument,
    "query OrderList($shopId: ID!, $first: Int!, $after: String) {\n  shop(id: $shopId) {\n    id\n    orders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        shopId\n        status\n        createdAt\n        total {\n          amount\n          currency\n        }\n        lineItems {\n          id\n          skuName\n          salePrice {\n            amount\n            currency\n          }\n          product {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n}": typeof types.OrderListDocument,
    "query ShopOverview($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    name\n    region\n    currency\n    timezone\n    metrics(range: $range) {\n      from\n      to\n      timezone\n      currency\n      gmv {\n        ...MetricFields\n      }\n      orders {\n        ...MetricFields\n      }\n      aov {\n        ...MetricFields\n      }\n      refundRate {\n        ...MetricFields\n      }\n      adSpend {\n        ...MetricFields\n      }\n      roas {\n        ...MetricFields\n      }\n      blendedRoas {\n        ...MetricFields\n      }\n    }\n  }\n}": typeof types.ShopOverviewDocument,
};
const documents: Documents = {
    "query CampaignPerformance($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    campaigns {\n      id\n      advertiserId\n      name\n      objective\n      status\n      budget {\n        amount\n        currency\n      }\n    }\n    metrics(range: $range) {\n      campaigns {\n        campaignId\n        campaign {\n          id\n          name\n        }\n        spend {\n          ...MetricFields\n        }\n        roas {\n          ...MetricFields\n        }\n        series {\n          from\n          to\n          metrics {\n            name\n            value\n            provisional\n          }\n        }\n      }\n    }\n  }\n}": types.CampaignPerformanceDocument,
    "fragment DashboardMetric on Metric {\n  name\n  unit\n  value\n  money {\n    amount\n    currency\n  }\n  nullReason\n  formula\n  source\n  asOf\n  stale\n  provisional\n}\n\nfragment DashboardTiles on ShopMetrics {\n  from\n  to\n  currency\n  gmv {\n    ...DashboardMetric\n  }\n  orders {\n    ...DashboardMetric\n  }\n  aov {\n    ...DashboardMetric\n  }\n  refundRate {\n    ...DashboardMetric\n  }\n  adSpend {\n    ...DashboardMetric\n  }\n  roas {\n    ...DashboardMetric\n  }\n  blendedRoas {\n    ...DashboardMetric\n  }\n}": types.DashboardMetricFragmentDoc,
    "query DashboardOverview($shopId: ID!, $range: DateRange!, $topProducts: Int! = 5) {\n  shop(id: $shopId) {\n    id\n    name\n    metrics(range: $range, granularity: DAY) {\n      timezone\n      ...DashboardTiles\n      series(names: [GMV, AD_SPEND, ROAS]) {\n        from\n        to\n        metrics {\n          name\n          value\n          stale\n          provisional\n        }\n      }\n      topProducts(first: $topProducts) {\n        productId\n        product {\n          id\n          title\n        }\n        gmv {\n          ...DashboardMetric\n        }\n        unitsSold {\n          value\n        }\n        orders {\n          value\n        }\n      }\n      campaigns {\n        campaignId\n        campaign {\n          id\n          name\n          status\n        }\n        spend {\n          ...DashboardMetric\n        }\n        attributedRevenue {\n          ...DashboardMetric\n        }\n        roas {\n          ...DashboardMetric\n        }\n      }\n    }\n  }\n}": types.DashboardOverviewDocument,
    "query DashboardPreviousPeriod($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    metrics(range: $range) {\n      ...DashboardTiles\n    }\n  }\n}": types.DashboardPreviousPeriodDocument,
    "query DashboardShops {\n  shops {\n    id\n    name\n    region\n    currency\n    timezone\n  }\n}": types.DashboardShopsDocument,
    "fragment MetricFields on Metric {\n  name\n  unit\n  value\n  money {\n    amount\n    currency\n  }\n  nullReason\n  asOf\n  stale\n  provisional\n}": types.MetricFieldsFragmentDoc,
    "query MetricsSeries($shopIds: [ID!], $range: DateRange!, $granularity: Granularity! = DAY, $names: [MetricName!]!) {\n  metrics(shopIds: $shopIds, range: $range, granularity: $granularity) {\n    shop {\n      id\n      name\n    }\n    currency\n    timezone\n    series(names: $names) {\n      from\n      to\n      metrics {\n        ...MetricFields\n      }\n    }\n  }\n}": types.MetricsSeriesDocument,
    "query OrderList($shopId: ID!, $first: Int!, $after: String) {\n  shop(id: $shopId) {\n    id\n    orders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        shopId\n        status\n        createdAt\n        total {\n          amount\n          currency\n        }\n        lineItems {\n          id\n          skuName\n          salePrice {\n            amount\n            currency\n          }\n          product {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n}": types.OrderListDocument,
    "query ShopOverview($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    name\n    region\n    currency\n    timezone\n    metrics(range: $range) {\n      from\n      to\n      timezone\n      currency\n      gmv {\n        ...MetricFields\n      }\n      orders {\n        ...MetricFields\n      }\n      aov {\n        ...MetricFields\n      }\n      refundRate {\n        ...MetricFields\n      }\n      adSpend {\n        ...MetricFields\n      }\n      roas {\n        ...MetricFields\n      }\n      blendedRoas {\n        ...MetricFields\n      }\n    }\n  }\n}": types.ShopOverviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CampaignPerformance($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    campaigns {\n      id\n      advertiserId\n      name\n      objective\n      status\n      budget {\n        amount\n        currency\n      }\n    }\n    metrics(range: $range) {\n      campaigns {\n        campaignId\n        campaign {\n          id\n          name\n        }\n        spend {\n          ...MetricFields\n        }\n        roas {\n          ...MetricFields\n        }\n        series {\n          from\n          to\n          metrics {\n            name\n            value\n            provisional\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').CampaignPerformanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DashboardMetric on Metric {\n  name\n  unit\n  value\n  money {\n    amount\n    currency\n  }\n  nullReason\n  formula\n  source\n  asOf\n  stale\n  provisional\n}\n\nfragment DashboardTiles on ShopMetrics {\n  from\n  to\n  currency\n  gmv {\n    ...DashboardMetric\n  }\n  orders {\n    ...DashboardMetric\n  }\n  aov {\n    ...DashboardMetric\n  }\n  refundRate {\n    ...DashboardMetric\n  }\n  adSpend {\n    ...DashboardMetric\n  }\n  roas {\n    ...DashboardMetric\n  }\n  blendedRoas {\n    ...DashboardMetric\n  }\n}"): typeof import('./graphql').DashboardMetricFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardOverview($shopId: ID!, $range: DateRange!, $topProducts: Int! = 5) {\n  shop(id: $shopId) {\n    id\n    name\n    metrics(range: $range, granularity: DAY) {\n      timezone\n      ...DashboardTiles\n      series(names: [GMV, AD_SPEND, ROAS]) {\n        from\n        to\n        metrics {\n          name\n          value\n          stale\n          provisional\n        }\n      }\n      topProducts(first: $topProducts) {\n        productId\n        product {\n          id\n          title\n        }\n        gmv {\n          ...DashboardMetric\n        }\n        unitsSold {\n          value\n        }\n        orders {\n          value\n        }\n      }\n      campaigns {\n        campaignId\n        campaign {\n          id\n          name\n          status\n        }\n        spend {\n          ...DashboardMetric\n        }\n        attributedRevenue {\n          ...DashboardMetric\n        }\n        roas {\n          ...DashboardMetric\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').DashboardOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardPreviousPeriod($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    metrics(range: $range) {\n      ...DashboardTiles\n    }\n  }\n}"): typeof import('./graphql').DashboardPreviousPeriodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardShops {\n  shops {\n    id\n    name\n    region\n    currency\n    timezone\n  }\n}"): typeof import('./graphql').DashboardShopsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MetricFields on Metric {\n  name\n  unit\n  value\n  money {\n    amount\n    currency\n  }\n  nullReason\n  asOf\n  stale\n  provisional\n}"): typeof import('./graphql').MetricFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MetricsSeries($shopIds: [ID!], $range: DateRange!, $granularity: Granularity! = DAY, $names: [MetricName!]!) {\n  metrics(shopIds: $shopIds, range: $range, granularity: $granularity) {\n    shop {\n      id\n      name\n    }\n    currency\n    timezone\n    series(names: $names) {\n      from\n      to\n      metrics {\n        ...MetricFields\n      }\n    }\n  }\n}"): typeof import('./graphql').MetricsSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrderList($shopId: ID!, $first: Int!, $after: String) {\n  shop(id: $shopId) {\n    id\n    orders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        shopId\n        status\n        createdAt\n        total {\n          amount\n          currency\n        }\n        lineItems {\n          id\n          skuName\n          salePrice {\n            amount\n            currency\n          }\n          product {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').OrderListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ShopOverview($shopId: ID!, $range: DateRange!) {\n  shop(id: $shopId) {\n    id\n    name\n    region\n    currency\n    timezone\n    metrics(range: $range) {\n      from\n      to\n      timezone\n      currency\n      gmv {\n        ...MetricFields\n      }\n      orders {\n        ...MetricFields\n      }\n      aov {\n        ...MetricFields\n      }\n      refundRate {\n        ...MetricFields\n      }\n      adSpend {\n        ...MetricFields\n      }\n      roas {\n        ...MetricFields\n      }\n      blendedRoas {\n        ...MetricFields\n      }\n    }\n  }\n}"): typeof import('./graphql').ShopOverviewDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
