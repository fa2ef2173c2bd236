import { ALL_SCOPES, apiClient, captureLogs, expectNoSecrets, startSecuredStack, type SecuredStack } from './helpers';

/**
 * The tenancy matrix: a key for shop A reaches for shop B through every path and gets NOT_FOUND
 * (or a refused argument) and nothing of B.
 */
const logs = captureLogs();
const keyA = apiClient('tenant-a', [], ALL_SCOPES);
const keyAll = apiClient('operator', '*', ALL_SCOPES);
const RANGE = { from: '2020-01-01', to: '2020-01-02' };

let stack: SecuredStack;
let A: string;
let B: string;
/** What only shop B's data contains. */
const of_b = { name: '', orderId: '', productId: '', cursor: '', advertiserId: '', campaignId: '' };

const asA = (query: string, variables?: Record<string, unknown>) => stack.gql(query, variables, { 'x-api-key': keyA.key });

beforeAll(async () => {
  stack = await startSecuredStack({
    logger: logs.logger,
    config: ([a]) => ({ clients: [{ ...keyA.entry, shops: [a] }, keyAll.entry] }),
  });
  [A, B] = stack.shopIds as [string, string];
  const res = await stack.gql<{
    shop: {
      name: string;
      orders: { edges: { cursor: string; node: { id: string; lineItems: { productId: string }[] } }[] };
      campaigns: { id: string; advertiserId: string }[];
    };
  }>(
    'query($b: ID!) { shop(id: $b) { name orders(first: 2) { edges { cursor node { id lineItems { productId } } } } campaigns { id advertiserId } } }',
    { b: B },
    { authorization: `Bearer ${keyAll.key}` },
  );
  const shop = res.body.data!.shop;
  const edge = shop.orders.edges[0]!;
  Object.assign(of_b, {
    name: shop.name,
    orderId: edge.node.id,
    productId: edge.node.lineItems[0]!.productId,
    cursor: edge.cursor,
    advertiserId: shop.campaigns[0]?.advertiserId ?? '',
    campaignId: shop.campaigns[0]?.id ?? '',
  });
});

afterAll(async () => {
  await stack?.close();
  expectNoSecrets(logs.text(), [keyA.key, keyAll.key, stack.emulator.tokens.appSecret, stack.emulator.tokens.adsToken]);
});

/** No field of the answer holds anything of shop B beyond the ids the caller itself sent. */
function expectNothingOfB(body: { data?: unknown }): void {
  const data = JSON.stringify(body.data ?? null);
  for (const secret of [of_b.name, of_b.orderId, of_b.productId, B]) expect(data).not.toContain(secret);
}

describe('tenancy: a key for shop A', () => {
  it('sees only shop A in shops and in portfolio metrics', async () => {
    const res = await asA('query($r: DateRange!) { shops { id } metrics(range: $r) { shop { id } } }', { r: RANGE });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ shops: [{ id: A }], metrics: [{ shop: { id: A } }] });
  });

  it.each([
    ['shop', 'query($b: ID!) { shop(id: $b) { id name } }'],
    ['order', 'query($b: ID!, $o: ID!) { order(shopId: $b, id: $o) { id total { amount } } }'],
    ['product', 'query($b: ID!, $p: ID!) { product(shopId: $b, id: $p) { id title } }'],
    ['metrics(shopIds)', 'query($b: ID!, $r: DateRange!) { metrics(range: $r, shopIds: [$b]) { gmv { value } } }'],
    ['Shop entity', 'query($b: ID!) { _entities(representations: [{__typename: "Shop", id: $b}]) { ... on Shop { id name } } }'],
    [
      'Order entity',
      'query($b: ID!, $o: ID!) { _entities(representations: [{__typename: "Order", shopId: $b, id: $o}]) { ... on Order { id total { amount } } } }',
    ],
    ['Product entity', 'query($b: ID!, $p: ID!) { _entities(representations: [{__typename: "Product", shopId: $b, id: $p}]) { ... on Product { id title } } }'],
  ])('gets NOT_FOUND and nothing of shop B through %s', async (_path, query) => {
    const res = await asA(query, { b: B, o: of_b.orderId, p: of_b.productId, r: RANGE });
    expect(res.status).toBe(200);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(res.body.errors![0]!.message).toBe(`shop ${B} not found`);
    expectNothingOfB(res.body);
  });

  it("gets NOT_FOUND for a Campaign entity of shop B's advertiser", async () => {
    expect(of_b.campaignId).not.toBe('');
    const res = await asA(
      'query($a: ID!, $c: ID!) { _entities(representations: [{__typename: "Campaign", advertiserId: $a, id: $c}]) { ... on Campaign { id name } } }',
      {
        a: of_b.advertiserId,
        c: of_b.campaignId,
      },
    );
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(res.body.data).toEqual({ _entities: [null] });
  });

  it("cannot read B's order or product under shop A", async () => {
    const res = await asA('query($a: ID!, $o: ID!, $p: ID!) { shop(id: $a) { order(id: $o) { id } product(id: $p) { id } } }', {
      a: A,
      o: of_b.orderId,
      p: of_b.productId,
    });
    expect(res.body.errors?.map((e) => e.extensions?.code).sort()).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expectNothingOfB(res.body);
  });

  it("cannot continue B's list with B's cursor, nor with one forged to look like A's", async () => {
    const onA = await asA('query($a: ID!, $c: String) { shop(id: $a) { orders(first: 5, after: $c) { nodes { id } } } }', { a: A, c: of_b.cursor });
    expect(onA.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'after: the cursor belongs to another list']]);
    const onB = await asA('query($b: ID!, $c: String) { shop(id: $b) { orders(first: 5, after: $c) { nodes { id } } } }', { b: B, c: of_b.cursor });
    expect(onB.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const state = JSON.parse(Buffer.from(of_b.cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...state, s: A })).toString('base64url');
    const res = await asA('query($a: ID!, $c: String) { shop(id: $a) { orders(first: 5, after: $c) { nodes { id shopId } } } }', { a: A, c: forged });
    expectNothingOfB(res.body);
    const own = (res.body.data as { shop: { orders: { nodes: { shopId: string }[] } } } | null)?.shop?.orders.nodes ?? [];
    expect(own.every((n) => n.shopId === A)).toBe(true);
  });

  it('(control) the operator key reads the same references of shop B', async () => {
    const res = await stack.gql(
      'query($b: ID!, $o: ID!, $p: ID!, $a: ID!, $c: ID!) { _entities(representations: [{__typename: "Order", shopId: $b, id: $o}, {__typename: "Product", shopId: $b, id: $p}, {__typename: "Campaign", advertiserId: $a, id: $c}]) { ... on Order { id } ... on Product { id } ... on Campaign { id } } }',
      { b: B, o: of_b.orderId, p: of_b.productId, a: of_b.advertiserId, c: of_b.campaignId },
      { 'x-api-key': keyAll.key },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ _entities: [{ id: of_b.orderId }, { id: of_b.productId }, { id: of_b.campaignId }] });
  });

  it('still reads shop A everywhere', async () => {
    const res = await asA(
      'query($a: ID!) { shop(id: $a) { id orders(first: 1) { nodes { id shop { id } } } } _entities(representations: [{__typename: "Shop", id: $a}]) { ... on Shop { id } } }',
      { a: A },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toMatchObject({ shop: { id: A }, _entities: [{ id: A }] });
  });
});
