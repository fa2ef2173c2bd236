import { getOperationAST, isObjectType, parse, type OperationDefinitionNode } from 'graphql';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import { missingScopes, SCOPE_OF_TYPE, SCOPES, type Scope } from '../../../src/security/scopes';

const schema = buildShopGraphSchema();
const missing = (query: string, granted: Scope[]) => {
  const document = parse(query);
  return missingScopes(schema, document, getOperationAST(document)!, new Set(granted));
};

/** Object types that hold nothing of their own: they are read with the scope of whatever holds them. */
const INHERITING = new Set([
  'Query',
  'Mutation',
  'Subscription',
  'Money',
  'LineItem',
  'OrderItem',
  'BuyerFee',
  'Sku',
  'Metric',
  'MetricPoint',
  'MetricCoverage',
  'PageInfo',
  '_Service',
]);

describe('scopes', () => {
  it('classifies every object type of the schema: a new type must say which scope reads it', () => {
    const unclassified = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !(t.name in SCOPE_OF_TYPE) && !INHERITING.has(t.name))
      .map((t) => t.name);
    expect(unclassified).toEqual([]);
  });

  it('names each scope an operation needs and the caller lacks, with the first field needing it', () => {
    const query =
      '{ shop(id: "1") { name orders(first: 1) { nodes { id lineItems { product { title } } } } metrics(range: {from: "2026-01-01", to: "2026-01-02"}) { gmv { value } } } }';
    expect(missing(query, [...SCOPES])).toEqual([]);
    expect(missing(query, ['shops:read', 'metrics:read'])).toEqual([
      { scope: 'orders:read', at: 'Shop.orders' },
      { scope: 'products:read', at: 'LineItem.product' },
    ]);
    expect(missing('{ shops { id } }', ['orders:read'])).toEqual([{ scope: 'shops:read', at: 'Query.shops' }]);
    expect(missing('{ metrics(range: {from: "2026-01-01", to: "2026-01-02"}) { gmv { value } } }', ['shops:read'])).toEqual([
      { scope: 'metrics:read', at: 'Query.metrics' },
    ]);
    expect(missing('{ shop(id: "1") { campaigns { id } } }', ['shops:read'])).toEqual([{ scope: 'ads:read', at: 'Shop.campaigns' }]);
  });

  it('checks _entities by the types its fragments ask for, and named fragments wherever they are', () => {
    const entities = '{ _entities(representations: []) { ... on Order { id } ... P } } fragment P on Product { id }';
    expect(missing(entities, ['shops:read'])).toEqual([
      { scope: 'orders:read', at: '... on Order' },
      { scope: 'products:read', at: 'fragment P' },
    ]);
    expect(missing('{ __typename _service { sdl } }', [])).toEqual([]);
  });

  it('checks only the operation that runs and the fragments it spreads', () => {
    const document = parse('query Shops { shops { id } } query Orders { order(shopId: "1", id: "1") { ...O } } fragment O on Order { id }');
    const shops = document.definitions[0] as OperationDefinitionNode;
    expect(missingScopes(schema, document, shops, new Set(['shops:read']))).toEqual([]);
    expect(missingScopes(schema, document, document.definitions[1] as OperationDefinitionNode, new Set(['shops:read']))).toEqual([
      { scope: 'orders:read', at: 'Query.order' },
    ]);
  });
});
