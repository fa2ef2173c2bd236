import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, createResolversMap } from 'type-graphql';
import type { GraphContext } from '../resolvers/context';
import { entityResolvers, guardEntities } from '../resolvers/entities';
import { hardenSchema } from '../security/input-guards';
import { withCostDirectives } from './cost-directives';
import { ReconciliationResolver } from '../resolvers/reconciliation.resolver';
import { QueryResolver } from '../resolvers/query.resolver';
import { OrderChangeResolver, SubscriptionResolver } from '../resolvers/subscription.resolver';
import { AlertResolver } from '../resolvers/alert.resolver';
import { AdvertiserResolver, CampaignTypeResolver } from '../resolvers/campaign.resolver';
import { SkuPriceResolver } from '../resolvers/sku.resolver';
import { SkuInventoryPaceResolver, SkuInventoryResolver } from '../resolvers/inventory.resolver';
import { OrderFulfilmentResolver, ShopMetricsFulfilmentResolver } from '../resolvers/fulfilment.resolver';
import { ShopResolver } from '../resolvers/shop.resolver';
import { LineItemResolver, OrderItemResolver, OrderResolver } from '../resolvers/order.resolver';
import { CampaignResolver, ProductMetricsResolver, ProductResolver, ShopMetricsResolver } from '../resolvers/metrics.resolver';
import {
  ContentProductResolver,
  ProductPerformanceResolver,
  ShopContentResolver,
  ShopMetricsAnalyticsResolver,
  SkuPerformanceResolver,
} from '../resolvers/content.resolver';
import { OrderFinanceResolver, ShopFinanceResolver, ShopMetricsFinanceResolver, UnitCostMutationResolver } from '../resolvers/finance.resolver';

/**
 * The Federation 2 spec ShopGraph's subgraph links: 2.9 for the cost spec's `@cost` and
 * `@listSize` (Apollo Router's demand control; see cost-directives.ts).
 */
export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@cost", "@listSize"])';

const RESOLVERS = [
  ReconciliationResolver,
  QueryResolver,
  ShopResolver,
  OrderResolver,
  LineItemResolver,
  OrderItemResolver,
  SkuPriceResolver,
  SkuInventoryResolver,
  SkuInventoryPaceResolver,
  OrderFulfilmentResolver,
  ShopMetricsFulfilmentResolver,
  AdvertiserResolver,
  CampaignTypeResolver,
  ProductResolver,
  ProductMetricsResolver,
  ShopMetricsResolver,
  CampaignResolver,
  ShopContentResolver,
  ShopMetricsAnalyticsResolver,
  ProductPerformanceResolver,
  SkuPerformanceResolver,
  ContentProductResolver,
  ShopFinanceResolver,
  OrderFinanceResolver,
  ShopMetricsFinanceResolver,
  UnitCostMutationResolver,
  SubscriptionResolver,
  OrderChangeResolver,
  AlertResolver,
] as const;

let cached: GraphQLSchema | undefined;

/**
 * type-graphql wants a PubSub as soon as a schema has subscriptions, though ShopGraph's give their
 * own `subscribe` (src/subscriptions): topics are never used, and using one is a bug.
 */
const NO_TOPICS = {
  publish(): void {
    throw new Error('ShopGraph subscriptions do not use type-graphql topics (see src/subscriptions)');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('ShopGraph subscriptions do not use type-graphql topics (see src/subscriptions)');
  },
};

/**
 * Builds ShopGraph's executable Federation 2 subgraph schema: code-first with type-graphql,
 * then re-built by `buildSubgraphSchema` so `_entities`/`_service` exist and `@key` survives.
 */
export function buildShopGraphSchema(): GraphQLSchema {
  if (cached) return cached;
  const typeGraphqlSchema = buildSchemaSync({ resolvers: RESOLVERS, skipCheck: true, validate: false, pubSub: NO_TOPICS });
  const typeDefs = withCostDirectives(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`));
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(entityResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  // Ids and `_entities` representations are checked before any resolver (issue 17).
  cached = hardenSchema(buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }));
  guardEntities(cached);
  return cached;
}

export type { GraphContext };
