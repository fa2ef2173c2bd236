/**
 * One budget per request, on fake time (issue 17, finding 7): with TikTok hung, a request that
 * reads through its loaders answers by its budget — from the copies kept past their freshness,
 * flagged stale, or with an upstream error — instead of waiting attempts × per-attempt timeout;
 * the client's retries stop at the budget.
 */
import { CachedFetcher, requestView } from '../../../src/cache/cached-fetch';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { budgetOf, type Budget } from '../../../src/upstream/abort';
import { createLoaders } from '../../../src/datasources/loaders';
import { PartnerClient, type PartnerClientOptions } from '../../../src/datasources/partner/partner-client';
import { TokenManager } from '../../../src/datasources/partner/token-manager';
import { partnerReader } from '../../../src/datasources/partner-reader';
import { DEFAULT_RETRY_POLICY } from '../../../src/upstream/retry';
import { ShopData } from '../../../src/datasources/shop-data';
import { NOW_MS, orderJson, seededStore } from './partner/fixtures';
import { APP_KEY, APP_SECRET } from './partner/stub-server';

const SHOP = { id: '7494726673780148744', name: 'Shop', region: 'US', seller_type: 'LOCAL', cipher: 'ROW_c', code: 'US1' };
const ORDER = '576684019603311001';
const NEVER_SEEN = '576684019603311999';
const PRODUCT = '1729592969712207012';
const BUDGET_MS = 8000;
const envelope = (data: unknown) =>
  new Response(JSON.stringify({ code: 0, message: 'Success', request_id: 'r', data }), { headers: { 'content-type': 'application/json' } });

/** TikTok answering, or hung (every request waits until its own timeout aborts it). */
function tiktok() {
  const state = { hung: false, calls: [] as { path: string; at: number }[] };
  const fetch = (url: string, init: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    state.calls.push({ path, at: Date.now() });
    if (state.hung) {
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    if (path === '/authorization/202309/shops') return Promise.resolve(envelope({ shops: [SHOP] }));
    if (path === `/product/202309/products/${PRODUCT}`) return Promise.resolve(envelope({ id: PRODUCT, title: 'Mug', status: 'ACTIVATE', skus: [] }));
    return Promise.resolve(envelope({ orders: [orderJson(ORDER, { status: 'AWAITING_SHIPMENT' })] }));
  };
  return { state, fetch };
}

beforeEach(() => {
  // Time is fake; DataLoader's batching (next tick, immediates) runs as usual.
  jest.useFakeTimers({ now: NOW_MS, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

async function setup() {
  const upstream = tiktok();
  const fetcher = new CachedFetcher(new MemoryCacheStore(1000), { staleIfErrorMs: 3_600_000 });
  const tokens = new TokenManager({ appKey: APP_KEY, appSecret: APP_SECRET, store: await seededStore() });
  // The per-attempt timeout (10 s) and four attempts the clients use by default: ~40 s unbounded.
  const options: PartnerClientOptions = {
    baseUrl: 'http://tiktok.test',
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    tokens,
    fetch: upstream.fetch,
    timeoutMs: 10_000,
    retry: DEFAULT_RETRY_POLICY,
  };
  const reader = partnerReader(new PartnerClient(options));
  const partnerFor = (budget: Budget) => partnerReader(new PartnerClient({ ...options, budget }));
  /** One request: its own view of the cache, budget and loaders, as the server builds them. */
  const request = () => {
    const stale = new Set<string>();
    const budget = budgetOf(BUDGET_MS);
    const view = requestView(fetcher, { onStale: (key) => stale.add(key.split(':').at(-2) ?? key), budget });
    const data = new ShopData(reader, view, { appKey: APP_KEY, overrides: {}, partnerFor });
    return { stale, started: Date.now(), loaders: createLoaders(data) };
  };
  return { upstream, request };
}

/** When `promise` settled, on the fake clock. */
function settledAt(promise: Promise<unknown>): { at: number | undefined } {
  const when: { at: number | undefined } = { at: undefined };
  void promise.then(
    () => (when.at = Date.now()),
    () => (when.at = Date.now()),
  );
  return when;
}

describe("a request's budget with TikTok hung", () => {
  it('answers by the budget from the copies kept past their freshness, flagged stale', async () => {
    const { upstream, request } = await setup();
    const warm = request();
    await expect(warm.loaders.order.load({ shopId: SHOP.id, id: ORDER })).resolves.toMatchObject({ id: ORDER });
    await expect(warm.loaders.product.load({ shopId: SHOP.id, id: PRODUCT })).resolves.toMatchObject({ id: PRODUCT });
    // Eleven minutes on: the open order (60 s) and the product (600 s) are past their freshness.
    await jest.advanceTimersByTimeAsync(11 * 60_000);
    upstream.state.hung = true;
    upstream.state.calls = [];

    const { loaders, stale, started } = request();
    const order = loaders.order.load({ shopId: SHOP.id, id: ORDER });
    const product = loaders.product.load({ shopId: SHOP.id, id: PRODUCT });
    const orderAt = settledAt(order);
    const productAt = settledAt(product);
    await jest.advanceTimersByTimeAsync(BUDGET_MS - 1);
    expect([orderAt.at, productAt.at]).toEqual([undefined, undefined]);
    await jest.advanceTimersByTimeAsync(1);
    await expect(order).resolves.toMatchObject({ id: ORDER, status: 'AWAITING_SHIPMENT' });
    await expect(product).resolves.toMatchObject({ id: PRODUCT });
    expect(orderAt.at! - started).toBeLessThanOrEqual(BUDGET_MS);
    expect(productAt.at! - started).toBeLessThanOrEqual(BUDGET_MS);
    expect([...stale].sort()).toEqual(['order', 'product']);
    // One attempt each, cut at the budget: no retry after it.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(upstream.state.calls.map((c) => c.path.replace(/\/\d{6}\//, '/V/')).sort()).toEqual(['/order/V/orders', `/product/V/products/${PRODUCT}`]);
  });

  it('fails with an upstream error by the budget when no copy is kept', async () => {
    const { upstream, request } = await setup();
    await request().loaders.shop.load(SHOP.id);
    upstream.state.hung = true;
    upstream.state.calls = [];
    const { loaders, started } = request();
    const order = loaders.order.load({ shopId: SHOP.id, id: NEVER_SEEN });
    const at = settledAt(order);
    const failure = expect(order).rejects.toMatchObject({ name: 'UpstreamError', kind: 'unavailable' });
    await jest.advanceTimersByTimeAsync(BUDGET_MS);
    await failure;
    expect(at.at! - started).toBeLessThanOrEqual(BUDGET_MS);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(upstream.state.calls).toHaveLength(1);
  });

  it('without a budget (background work), the same call waits out every attempt', async () => {
    const { upstream } = await setup();
    upstream.state.hung = true;
    const tokens = new TokenManager({ appKey: APP_KEY, appSecret: APP_SECRET, store: await seededStore() });
    const client = new PartnerClient({
      baseUrl: 'http://tiktok.test',
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      tokens,
      fetch: upstream.fetch,
      timeoutMs: 10_000,
    });
    const call = client.getOrders({ id: SHOP.id, cipher: SHOP.cipher }, [ORDER]);
    const at = settledAt(call);
    const failure = expect(call).rejects.toMatchObject({ kind: 'unavailable' });
    await jest.advanceTimersByTimeAsync(BUDGET_MS);
    expect(at.at).toBeUndefined();
    await jest.advanceTimersByTimeAsync(60_000);
    await failure;
    expect(upstream.state.calls.length).toBeGreaterThan(1);
  });
});
