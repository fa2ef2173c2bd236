import { parse } from 'graphql';
import { buildShopGraphSchema } from '../../../src/schema/build-schema';
import { actualCost, requestedCost } from '../../../src/security/cost';

const schema = buildShopGraphSchema();
const cost = (query: string, variables: Record<string, unknown> = {}, shopCount = 3) => requestedCost({ schema, document: parse(query), variables, shopCount });

/** The cost table of the README (Security → Cost): keep both in step. */
const TABLE: [name: string, query: string, cost: number][] = [
  ['every visible shop (3 shops)', '{ shops { id name } }', 3],
  ['one shop', '{ shop(id: "1") { id name currency } }', 1],
  ['50 orders with totals', '{ shop(id: "1") { orders(first: 50) { nodes { id status total { amount } } pageInfo { hasNextPage } } } }', 53],
  [
    '10 order edges with line items and products',
    '{ shop(id: "1") { orders(first: 10) { edges { cursor node { id lineItems { productId product { title } } } } } } }',
    42,
  ],
  [
    'three metrics over 30 days',
    '{ shop(id: "1") { metrics(range: {from: "2026-01-01", to: "2026-01-30"}) { gmv { value } orders { value } aov { value money { amount } } } } }',
    2,
  ],
  [
    'weekly series of 2 metrics over 30 days',
    '{ shop(id: "1") { metrics(range: {from: "2026-01-01", to: "2026-01-30"}, granularity: WEEK) { series(names: [GMV, ORDERS]) { from to metrics { value } } } } }',
    7,
  ],
  [
    'top 5 products over 7 days',
    '{ shop(id: "1") { metrics(range: {from: "2026-01-01", to: "2026-01-07"}) { topProducts(first: 5) { productId gmv { value } product { title } } } } }',
    12,
  ],
  [
    'campaigns with 7 days of spend',
    '{ shop(id: "1") { campaigns { id name metrics(range: {from: "2026-01-01", to: "2026-01-07"}) { spend { value } series { from } } } } }',
    10,
  ],
  ['GMV of 2 shops over 90 days', '{ metrics(range: {from: "2026-01-01", to: "2026-03-31"}, shopIds: ["1", "2"]) { gmv { value } } }', 6],
  [
    '3 order references (_entities)',
    '{ _entities(representations: [{__typename: "Order", shopId: "1", id: "a"}, {__typename: "Order", shopId: "1", id: "b"}, {__typename: "Order", shopId: "1", id: "c"}]) { ... on Order { id total { amount } } } }',
    3,
  ],
  [
    'a daily series over a year',
    '{ shop(id: "1") { metrics(range: {from: "2025-01-01", to: "2025-12-31"}) { series(names: [GMV]) { metrics { value } } } } }',
    1 + 13 + 365,
  ],
  [
    '30-day metrics of every product of 250 orders (over)',
    '{ shop(id: "1") { orders(first: 250) { nodes { lineItems { product { metrics(range: {from: "2026-01-01", to: "2026-01-30"}) { gmv { value } } } } } } } }',
    1002,
  ],
];

describe('requested cost', () => {
  it.each(TABLE.map(([name, query, expected]) => [`${name}: ${expected}`, query, expected] as const))('%s', (_title, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it('reads sizes and windows from variables, and counts fragments where they are spread', () => {
    const query = `query($id: ID!, $n: Int!, $r: DateRange!) { shop(id: $id) { ...F metrics(range: $r) { gmv { value } } } }
      fragment F on Shop { orders(first: $n) { nodes { id } } }`;
    expect(cost(query, { id: '1', n: 7, r: { from: '2026-01-01', to: '2026-01-10' } })).toBe(1 + (1 + 7) + 1);
  });

  it("counts the caller's shops for shops and for metrics without shopIds", () => {
    expect(cost('{ shops { id } }', {}, 12)).toBe(12);
    expect(cost('{ metrics(range: {from: "2026-01-01", to: "2026-01-02"}) { gmv { value } } }', {}, 5)).toBe(5);
  });

  it('prices a portfolio page by its size: at most first, and never more than the shops there are', () => {
    const page = (first: number, shopCount: number) =>
      cost(`{ metrics(range: {from: "2026-01-01", to: "2026-01-31"}, first: ${first}) { shop { id } } }`, {}, shopCount);
    // 31 days: two units, and the shop one.
    expect(page(100, 1000)).toBe(100 * 3);
    expect(page(100, 40)).toBe(40 * 3);
    expect(cost('{ metrics(range: {from: "2026-01-01", to: "2026-01-31"}, shopIds: ["1", "2"], first: 1) { shop { id } } }', {}, 1000)).toBe(3);
    // The dashboard's seven tiles (operations/dashboard-fragments.graphql) of 100 of 1,000 shops over 90 days.
    const tiles = `{ metrics(range: {from: "2026-01-01", to: "2026-03-31"}, first: 100) { shop { id name } from to currency
      gmv { ...T } orders { ...T } aov { ...T } refundRate { ...T } adSpend { ...T } roas { ...T } blendedRoas { ...T } coverage { share } } }
      fragment T on Metric { name unit value money { amount currency } nullReason asOf stale provisional formula source }`;
    expect(cost(tiles, {}, 1000)).toBe(100 * (3 + 1 + 1));
  });

  it('prices a window per started 30 days, and a campaign series by the buckets of its granularity', () => {
    const window = (to: string) => cost(`{ shop(id: "1") { metrics(range: {from: "2026-01-01", to: "${to}"}) { gmv { value } } } }`);
    expect([window('2026-01-01'), window('2026-01-30'), window('2026-01-31'), window('2026-03-31')]).toEqual([2, 2, 3, 4]);
    const weekly = '{ shop(id: "1") { campaigns { metrics(range: {from: "2026-01-05", to: "2026-02-01"}, granularity: WEEK) { series { from } } } } }';
    expect(cost(weekly)).toBe(1 + 1 + 1 + 4);
  });

  it("charges nothing for a field whose arguments it will refuse, so the caller sees that argument's error", () => {
    expect(cost('{ shop(id: "1") { orders(first: 1000) { nodes { id } } } }')).toBe(1);
    expect(cost('{ shop(id: "1") { metrics(range: {from: "2020-01-01", to: "2030-12-31"}) { gmv { value } } } }')).toBe(1);
    expect(cost('{ shop(id: "1") { metrics(range: {from: "2026-01-10", to: "2026-01-01"}) { gmv { value } } } }')).toBe(1);
  });

  it('costs scalars nothing and introspection nothing', () => {
    expect(cost('{ __typename }')).toBe(0);
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

describe('actual cost', () => {
  const query = '{ shop(id: "1") { orders(first: 50) { nodes { id total { amount } } } } }';
  const input = { schema, document: parse(query), variables: {}, shopCount: 3 };

  it('counts what came back: list lengths from the data, null fields as nothing', () => {
    expect(requestedCost(input)).toBe(52);
    const nodes = Array.from({ length: 7 }, (_, i) => ({ id: String(i), total: { amount: '1.00' } }));
    expect(actualCost(input, { shop: { orders: { nodes } } })).toBe(1 + 1 + 7);
    expect(actualCost(input, { shop: null })).toBe(0);
    expect(actualCost(input, null)).toBe(0);
  });

  it('follows aliases', () => {
    const aliased = { schema, document: parse('{ a: shop(id: "1") { id } b: shop(id: "2") { id } }'), variables: {}, shopCount: 3 };
    expect(requestedCost(aliased)).toBe(2);
    expect(actualCost(aliased, { a: { id: '1' }, b: null })).toBe(1);
  });
});
