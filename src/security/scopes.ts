import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isCompositeType,
  separateOperations,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode, publicError } from '../errors';
import type { Caller } from './caller';
import type { Scope } from '../config/scopes';

// The names live with the config, whose schema accepts only them (docs/security.md).
export { SCOPES, type Scope } from '../config/scopes';

/**
 * The scope each object type needs. A field returning one of these types (or a list or connection
 * of it), and an `_entities` fragment on it, needs the scope: the type is what holds the data.
 */
export const SCOPE_OF_TYPE: Readonly<Record<string, Scope>> = {
  Shop: 'shops:read',
  Order: 'orders:read',
  OrderConnection: 'orders:read',
  OrderEdge: 'orders:read',
  Refund: 'orders:read',
  OrderChange: 'orders:read',
  Product: 'products:read',
  ProductConnection: 'products:read',
  ProductEdge: 'products:read',
  SkuInventory: 'products:read',
  WarehouseStock: 'products:read',
  // The pace is the ledger's order figures, per SKU: a figure like the shop's.
  SalesPace: 'metrics:read',
  OrderFulfilment: 'orders:read',
  OrderPackage: 'orders:read',
  Advertiser: 'ads:read',
  Campaign: 'ads:read',
  ShopMetrics: 'metrics:read',
  ReconciliationDay: 'metrics:read',
  ProductMetrics: 'metrics:read',
  CampaignMetrics: 'metrics:read',
  // TikTok's own analytics: content, channels and product performance are figures too.
  ProductPerformance: 'metrics:read',
  SkuPerformance: 'metrics:read',
  ChannelMetrics: 'metrics:read',
  VideoConnection: 'metrics:read',
  VideoEdge: 'metrics:read',
  Video: 'metrics:read',
  ContentProduct: 'metrics:read',
  LiveSessionConnection: 'metrics:read',
  LiveSessionEdge: 'metrics:read',
  LiveSession: 'metrics:read',
  Statement: 'finance:read',
  StatementConnection: 'finance:read',
  StatementEdge: 'finance:read',
  Payout: 'finance:read',
  PayoutConnection: 'finance:read',
  PayoutEdge: 'finance:read',
  OrderSettlement: 'finance:read',
  SettlementLine: 'finance:read',
  FinanceReconciliation: 'finance:read',
  FinanceReconciliationPeriod: 'finance:read',
  FinanceReconciliationOrder: 'finance:read',
  OrderSum: 'finance:read',
  FeeLine: 'finance:read',
  // Read back from setUnitCosts too: a writer selecting them needs finance:read as well.
  UnitCost: 'finance:read',
  SetUnitCostsPayload: 'finance:write',
  // Alerts are about figures (stock, ROAS, orders at risk): read with metrics:read, registered with alerts:write.
  AlertRule: 'metrics:read',
  Alert: 'metrics:read',
  LowStockCondition: 'metrics:read',
  RoasBelowCondition: 'metrics:read',
  SlaRiskCondition: 'metrics:read',
  CreateAlertRulePayload: 'alerts:write',
  DeleteAlertRulePayload: 'alerts:write',
};

/**
 * The scope of fields whose type does not say what they hold: profit figures are `Metric`s like
 * GMV, and an unsettled order's reason is a `String`.
 */
export const SCOPE_OF_FIELD: Readonly<Record<string, Scope>> = {
  'ShopMetrics.fees': 'finance:read',
  'ShopMetrics.settlement': 'finance:read',
  'ShopMetrics.takeRate': 'finance:read',
  'ShopMetrics.cogs': 'finance:read',
  'ShopMetrics.contributionMargin': 'finance:read',
  'ShopMetrics.profitRoas': 'finance:read',
  'Order.settlementNullReason': 'finance:read',
};

/** A scope the operation needs and the caller lacks, with where it is first needed (`Type.field`). */
export interface MissingScope {
  scope: Scope;
  at: string;
}

/** The scopes an operation needs that the caller lacks, in document order, each once. */
export function missingScopes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, granted: ReadonlySet<Scope>): MissingScope[] {
  const missing = new Map<Scope, string>();
  const needScope = (scope: Scope | undefined, at: string) => {
    if (scope && !granted.has(scope) && !missing.has(scope)) missing.set(scope, at);
  };
  const need = (typeName: string, at: string) => needScope(SCOPE_OF_TYPE[typeName], at);
  const typeInfo = new TypeInfo(schema);
  // Only the operation that runs and the fragments it spreads (a document may hold several).
  const own = operation.name ? separateOperations(document)[operation.name.value] : document;
  visit(
    own ?? document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const type = typeInfo.getType();
        if (!parent || !type) return;
        const named = getNamedType(type);
        const at = `${parent.name}.${node.name.value}`;
        needScope(SCOPE_OF_FIELD[at], at);
        if (isCompositeType(named)) need(named.name, at);
      },
      InlineFragment(node) {
        if (node.typeCondition) need(node.typeCondition.name.value, `... on ${node.typeCondition.name.value}`);
      },
      FragmentDefinition(node) {
        need(node.typeCondition.name.value, `fragment ${node.name.value}`);
      },
    }),
  );
  return [...missing].map(([scope, at]) => ({ scope, at }));
}

/**
 * Refuses, before anything runs, an operation touching a type whose scope the caller lacks:
 * `FORBIDDEN` naming the scope (and every other one missing) and the field that needs it.
 */
export function useScopes<TContext extends { caller: Caller }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (!operation) return;
          const missing = missingScopes(schema, document, operation, contextValue.caller.scopes);
          const first = missing[0];
          if (!first) return;
          throw publicError(ErrorCode.FORBIDDEN, `${first.at} needs the ${first.scope} scope, which this client does not have`, {
            missingScopes: missing.map((m) => m.scope),
            http: { status: 403 },
          });
        },
      };
    },
  };
}
