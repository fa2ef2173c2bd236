/**
 * Apollo Router's demand control reads the `@cost`/`@listSize` ShopGraph declares in
 * `schema.graphql`. Where a static estimate can know the size (no window, no caller-dependent
 * list) Router must arrive at ShopGraph's own figure; elsewhere it must stay at or below it, so a
 * router with the same maximum never refuses what ShopGraph would admit.
 */
import { readFileSync } from 'node:fs';
import { getNamedType, getNullableType, isCompositeType, isListType, isObjectType, parse } from 'graphql';
import { SCHEMA_FILE } from '../../src/schema/emit-schema';
import { startStack, type Stack } from '../helpers/stack';
import { routerCost, routerSchema } from './router-cost';

let stack: Stack;
let shopId: string;
const schema = routerSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  shopId = stack.emulator.store.shops()[0]!.id;
});

afterAll(async () => {
  await stack?.close();
});

/** What ShopGraph charged for the operation (`extensions.cost`), and what Router would estimate. */
async function both(query: string, variables: Record<string, unknown> = {}): Promise<{ shopGraph: number; router: number }> {
  const all = { shopId, ...variables };
  const body = await stack.gql(query, all);
  const cost = body.extensions?.cost as { requestedQueryCost: number } | undefined;
  if (!cost) throw new Error(`no cost in ${JSON.stringify(body)}`);
  return { shopGraph: cost.requestedQueryCost, router: routerCost(schema, parse(query), all) };
}

describe('Router estimates exactly what ShopGraph charges', () => {
  it.each([
    ['a shop', 'query($shopId: ID!) { shop(id: $shopId) { id name currency } }', 1],
    [
      'a page of orders (connection sized by first)',
      'query($shopId: ID!) { shop(id: $shopId) { orders(first: 50) { nodes { id status total { amount } } pageInfo { hasNextPage } } } }',
      53,
    ],
    [
      'edges, line items (one each) and their products',
      'query($shopId: ID!) { shop(id: $shopId) { orders(first: 10) { edges { cursor node { id lineItems { productId product { title } } } } } } }',
      42,
    ],
    [
      'a filtered product page (arguments cost nothing)',
      'query($shopId: ID!) { shop(id: $shopId) { products(first: 5, filter: { status: ACTIVATE }) { nodes { id skus { id price { amount } } } } } }',
      12,
    ],
    [
      'first from a variable, and its default',
      'query($shopId: ID!, $n: Int!) { shop(id: $shopId) { a: orders(first: $n) { nodes { id } } b: products { nodes { id } } } }',
      1 + 1 + 7 + 1 + 20,
    ],
    [
      'a one-day window',
      `query($shopId: ID!) { shop(id: $shopId) { metrics(range: { from: "${today}", to: "${today}" }) { gmv { value } orders { value } aov { money { amount } } } } }`,
      2,
    ],
  ])('%s', async (_name, query, expected) => {
    const costs = await both(query, { n: 7 });
    expect(costs).toEqual({ shopGraph: expected, router: expected });
  });
});

describe('Router stays at or below ShopGraph where only the running operation knows the size', () => {
  it.each([
    [
      'a 90-day window (ShopGraph: one per started 30 days)',
      `query($shopId: ID!) { shop(id: $shopId) { metrics(range: { from: "${daysAgo(89)}", to: "${today}" }) { gmv { value } orders { value } } } }`,
    ],
    [
      'a weekly series (ShopGraph: its buckets and names)',
      `query($shopId: ID!) { shop(id: $shopId) { metrics(range: { from: "${daysAgo(29)}", to: "${today}" }, granularity: WEEK) { series(names: [GMV, ORDERS]) { from metrics { value } } } } }`,
    ],
    ['the caller’s shops (ShopGraph: how many it sees)', '{ shops { id name } }'],
    [
      'campaigns’ daily spend',
      `query($shopId: ID!) { shop(id: $shopId) { campaigns { id metrics(range: { from: "${daysAgo(6)}", to: "${today}" }) { spend { value } series { from } } } } }`,
    ],
  ])('%s', async (_name, query) => {
    const costs = await both(query);
    expect(costs.router).toBeGreaterThan(0);
    expect(costs.router).toBeLessThan(costs.shopGraph);
  });
});

it('declares every list of objects, so Router never falls back to its own default list size', () => {
  const undeclared: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const list = isListType(getNullableType(field.type));
      const ofObjects = isCompositeType(getNamedType(field.type));
      if (list && ofObjects && !field.astNode?.directives?.some((d) => d.name.value === 'listSize')) undeclared.push(`${type.name}.${field.name}`);
    }
  }
  expect(undeclared).toEqual([]);
});
