import { startStack, type Stack } from '../../helpers/stack';

describe('upstream trouble on one field', () => {
  let stack: Stack;
  let shopId: string;

  beforeAll(async () => {
    stack = await startStack();
    shopId = (await stack.gql<{ shops: { id: string }[] }>('{ shops { id } }')).data!.shops[0]!.id;
  });
  afterAll(() => stack.close());
  afterEach(() => fetch(`${stack.emulator.url}/__emulator/faults`, { method: 'DELETE' }));

  it('gives partial data plus an error at that path with TikTok\'s code and request id', async () => {
    await fetch(`${stack.emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1, paths: ['/product/202309/products/:id'] }),
    });
    const res = await stack.gql<{ shop: { orders: { nodes: { id: string; lineItems: { product: unknown }[] }[] } } }>(
      `query($s: ID!) { shop(id: $s) { orders(first: 2) { nodes { id lineItems { product { title } } } } } }`,
      { s: shopId },
    );
    expect(res.data!.shop.orders.nodes).toHaveLength(2);
    expect(res.data!.shop.orders.nodes[0]!.lineItems[0]!.product).toBeNull();
    const error = res.errors![0]!;
    expect(error.path).toEqual(['shop', 'orders', 'nodes', 0, 'lineItems', 0, 'product']);
    expect(error.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      upstream: { api: 'partner', code: 36009003, requestId: expect.stringMatching(/\S+/) },
    });
    expect(JSON.stringify(res)).not.toContain(stack.emulator.tokens.appSecret);
  });

  it('reports readiness and liveness', async () => {
    const base = stack.server.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { partner: { ok: true } } });
  });
});
