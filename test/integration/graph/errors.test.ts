import { PartnerTransport } from '../../../src/datasources/partner/partner-transport';
import { realRetryEnv } from '../../../src/upstream/retry';
import { startStack, type Stack } from '../../helpers/stack';

/**
 * Watches every Partner call and every retry backoff wait until they settle, and resolves
 * `inBackoff` once a call waits before retrying.
 */
function watchUpstream(): { pending: Set<Promise<unknown>>; inBackoff: Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    const settled = () => pending.delete(promise);
    promise.then(settled, settled);
    return promise;
  };
  let backoff!: () => void;
  const inBackoff = new Promise<void>((resolve) => (backoff = resolve));
  const sleep = realRetryEnv.sleep;
  jest.spyOn(realRetryEnv, 'sleep').mockImplementation((ms, signal) => {
    backoff();
    return track(sleep(ms, signal));
  });
  const call = PartnerTransport.prototype.call;
  jest.spyOn(PartnerTransport.prototype, 'call').mockImplementation(function (this: PartnerTransport, request) {
    return track(call.call(this, request));
  });
  return { pending, inBackoff };
}

describe('upstream trouble on one field', () => {
  let stack: Stack;
  let shopId: string;

  beforeAll(async () => {
    stack = await startStack();
    shopId = (await stack.gql<{ shops: { id: string }[] }>('{ shops { id } }')).data!.shops[0]!.id;
  });
  afterAll(() => stack.close());
  afterEach(() => fetch(`${stack.emulator.url}/__emulator/faults`, { method: 'DELETE' }));

  it("gives partial data plus an error at that path with TikTok's code and request id", async () => {
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

  it('says in extensions.stale when an answer came from stale cached data, and leaves no refresh running once closed', async () => {
    const file = { cache: { ttlSeconds: { products: 1 }, staleIfErrorSeconds: 3600 } };
    // Only Date is faked (servers keep their real timers), and before the stack starts, so the
    // cache's clock is the fake one.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    const local = await startStack({ file });
    const upstream = watchUpstream();
    let closed = false;
    try {
      const id = (await local.gql<{ shops: { id: string }[] }>('{ shops { id } }')).data!.shops[0]!.id;
      const query = `query($s: ID!) { shop(id: $s) { products(first: 3) { nodes { id title } } } }`;
      const fresh = await local.gql(query, { s: id });
      expect(fresh.extensions?.stale).toBeUndefined();
      await fetch(`${local.emulator.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ errorRate: 1, paths: ['/product/202502/products/search'] }),
      });
      // Past the 1 s TTL the page must be re-read: upstream fails and the old page is served.
      jest.setSystemTime(Date.now() + 1100);
      const stale = await local.gql(query, { s: id });
      expect(stale.data).toEqual(fresh.data);
      expect(stale.extensions?.stale).toEqual({ kinds: ['products'] });

      // The stale answer started a background refresh, which the fault keeps retrying: closing
      // must stop it, and resolve only once it (and its backoff timer) is gone.
      await upstream.inBackoff;
      await local.close();
      closed = true;
      expect(upstream.pending.size).toBe(0);
    } finally {
      jest.useRealTimers();
      jest.restoreAllMocks();
      if (!closed) await local.close();
    }
  });

  it('reports readiness and liveness', async () => {
    const base = stack.server.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { partner: { ok: true } } });
  });

  // Last: the ads readiness check remembers the Marketing API failing for a while.
  it("keeps the order figures when TikTok's Marketing API fails: the ad figures are null with the reason", async () => {
    await fetch(`${stack.emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1, paths: ['/open_api/'] }),
    });
    type Figure = { value: string | null; nullReason: string | null };
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await stack.gql<{ shop: { metrics: { orders: Figure; gmv: Figure; adSpend: Figure; blendedRoas: Figure } } }>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { orders { value nullReason } gmv { value nullReason } adSpend { value nullReason } blendedRoas { value nullReason } } } }`,
      { s: shopId, r: { from: day(-9), to: day(0) } },
    );
    expect(res.errors).toBeUndefined();
    const m = res.data!.shop.metrics;
    expect(Number(m.orders.value)).toBeGreaterThan(0);
    expect(m.gmv.value).not.toBeNull();
    for (const figure of [m.adSpend, m.blendedRoas]) {
      expect(figure.value).toBeNull();
      expect(figure.nullReason).toMatch(/^unavailable: /);
    }
    expect(JSON.stringify(res)).not.toContain(stack.emulator.tokens.adsToken);
  });
});
