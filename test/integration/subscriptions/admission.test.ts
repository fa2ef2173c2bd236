/**
 * Subscriptions meet the rules queries meet, on both transports: an API key (in a header, or in
 * graphql-ws's connection_init for browsers), the client's shops, its scopes, the cost maximum
 * and its bucket; and the per-client and total limits of open subscriptions, freed as they end.
 */
import { captureLogs, apiClient, ALL_SCOPES, startSecuredStack, type CapturedLogs, type SecuredStack } from '../security/helpers';
import { sseUrl, subscribeSse, subscribeWs, type Collected, type Result } from './clients';

const ORDERS = 'subscription Orders($shopId: ID!) { orderChanged(shopId: $shopId) { orderId } }';
const FIGURES = 'subscription Figures($shopId: ID!, $range: DateRange!) { metricsChanged(shopId: $shopId, range: $range) { orders { value } } }';

const full = apiClient('full', '*', ALL_SCOPES);
const tenant = apiClient('tenant', [], ALL_SCOPES);
const noOrders = apiClient(
  'noorders',
  '*',
  ALL_SCOPES.filter((s) => s !== 'orders:read'),
);
const poor = apiClient('poor', '*', ALL_SCOPES, { bucket: 1, restorePerSecond: 1 });
const other = apiClient('other', '*', ALL_SCOPES);
const third = apiClient('third', '*', ALL_SCOPES);

/** What a refused GraphQL over SSE request answers: its status and error codes. */
async function sseRefusal(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  key?: string,
): Promise<{ status: number; codes: unknown[]; messages: string[] }> {
  const res = await fetch(sseUrl(url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { errors: { message: string; extensions?: { code?: unknown } }[] };
  return { status: res.status, codes: body.errors.map((e) => e.extensions?.code), messages: body.errors.map((e) => e.message) };
}

/** The errors a graphql-ws subscription failed with (the client rejects with them). */
async function wsFailure(collected: Collected<Result>): Promise<unknown> {
  return collected.atLeast(1).then(
    (r) => ({ results: r }),
    (error: unknown) => error,
  );
}

describe('subscription admission', () => {
  let stack: SecuredStack;
  let logs: CapturedLogs;
  const open: Collected<Result>[] = [];
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const started = (count: number) => logs.waitFor(() => logs.lines().filter((l) => l.msg === 'subscription started').length >= count);
  const startedSoFar = () => logs.lines().filter((l) => l.msg === 'subscription started').length;

  beforeAll(async () => {
    logs = captureLogs();
    stack = await startSecuredStack({
      logger: logs.logger,
      config: (shopIds) => ({
        clients: [full.entry, { ...tenant.entry, shops: [shopIds[0]] }, noOrders.entry, poor.entry, other.entry, third.entry],
        subscriptions: { maxPerClient: 2, maxTotal: 3 },
      }),
    });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a stream without credentials: 401 over SSE, 4403 at connection_init over graphql-ws', async () => {
    expect(await sseRefusal(stack.server.url, ORDERS, { shopId: stack.shopIds[0] })).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
    const ws = subscribeWs(stack.server.url, ORDERS, { shopId: stack.shopIds[0] });
    open.push(ws);
    expect(await wsFailure(ws)).toMatchObject({ code: 4403, reason: expect.stringMatching(/^Forbidden: /) });
  });

  it("takes the API key from graphql-ws's connection_init payload, as browsers must send it", async () => {
    const before = startedSoFar();
    const ws = subscribeWs(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, { connectionParams: { apiKey: full.key } });
    open.push(ws);
    await started(before + 1);
  });

  it("answers NOT_FOUND for a shop outside the client's tenancy, as queries do, on both transports", async () => {
    const sse = subscribeSse(stack.server.url, ORDERS, { shopId: stack.shopIds[1] }, bearer(tenant.key));
    open.push(sse);
    const [sseResult] = await sse.atLeast(1);
    expect(sseResult!.errors?.map((e) => (e.extensions as { code?: string }).code)).toEqual(['NOT_FOUND']);
    const ws = subscribeWs(stack.server.url, ORDERS, { shopId: stack.shopIds[1] }, { headers: bearer(tenant.key) });
    open.push(ws);
    const [wsResult] = await ws.atLeast(1);
    expect(wsResult!.errors?.map((e) => (e.extensions as { code?: string }).code)).toEqual(['NOT_FOUND']);
  });

  it('refuses a selection the client has no scope for: 403 over SSE, an error message over graphql-ws', async () => {
    const refused = await sseRefusal(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, noOrders.key);
    expect(refused).toMatchObject({ status: 403, codes: ['FORBIDDEN'] });
    expect(refused.messages[0]).toContain('orders:read');
    const ws = subscribeWs(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, { headers: bearer(noOrders.key) });
    open.push(ws);
    const failure = await wsFailure(ws);
    expect(Array.isArray(failure) && (failure as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('holds each client to maxPerClient and everyone to maxTotal, and frees a slot when a subscription ends', async () => {
    const before = startedSoFar();
    const a1 = subscribeSse(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, bearer(full.key));
    const a2 = subscribeWs(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, { headers: bearer(full.key) });
    open.push(a1, a2);
    await started(before + 2);
    const perClient = await sseRefusal(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, full.key);
    expect(perClient).toMatchObject({ status: 429, codes: ['THROTTLED'] });
    expect(perClient.messages[0]).toContain('subscriptions.maxPerClient');

    const b1 = subscribeSse(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, bearer(other.key));
    open.push(b1);
    await started(before + 3);
    const total = await sseRefusal(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, third.key);
    expect(total).toMatchObject({ status: 429, codes: ['THROTTLED'] });
    expect(total.messages[0]).toContain('subscriptions.maxTotal');

    const ended = logs.lines().filter((l) => l.msg === 'subscription').length;
    await a1.stop();
    await logs.waitFor(() => logs.lines().filter((l) => l.msg === 'subscription').length > ended);
    const c1 = subscribeSse(stack.server.url, ORDERS, { shopId: stack.shopIds[0] }, bearer(third.key));
    open.push(c1);
    await started(before + 4);
  });

  it('refuses a page of an origin that is not configured (cross-site subscription)', async () => {
    const res = await fetch(sseUrl(stack.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', origin: 'http://evil.example', ...bearer(full.key) },
      body: JSON.stringify({ query: ORDERS, variables: { shopId: stack.shopIds[0] } }),
    });
    expect(res.status).toBe(403);
  });

  it("refuses a subscription costing more than the client's bucket holds", async () => {
    // 60 days of figures cost more than one (a metric field costs by the days it covers): over this bucket of 1.
    const range = { from: '2026-01-01', to: '2026-03-01' };
    const refused = await sseRefusal(stack.server.url, FIGURES, { shopId: stack.shopIds[0], range }, poor.key);
    expect(refused).toMatchObject({ status: 400, codes: ['MAX_COST_EXCEEDED'] });
    expect(refused.messages[0]).toMatch(/exceeds the maximum of 1$/);
  });
});
