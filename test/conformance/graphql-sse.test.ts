/**
 * The GraphQL over Server-Sent Events protocol as ShopGraph serves it at `/graphql/stream`, with
 * expectations taken from the protocol (graphql-sse's PROTOCOL.md) and the GraphQL over HTTP spec
 * it builds on — not from ShopGraph's code. Distinct connections mode:
 * - the answer to an accepted operation is `Content-Type: text/event-stream`, `next` events
 *   carrying execution results, and a `complete` event (with a `data` field, for EventSource);
 * - what fails before execution (syntax, validation, the operation to run, its variables) MUST
 *   come as `next` events with the errors in an accepted stream, not as an HTTP error;
 * - requests GraphQL over HTTP refuses stay refused (unparseable body, no query, a mutation over
 *   GET: 405), and so do those ShopGraph refuses like queries (credentials, origins).
 * Single connection mode (PUT reservations, DELETE by operation id) is not served: 405.
 * @see https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md
 * @see https://graphql.github.io/graphql-over-http/draft/
 */
import { apiClient, ALL_SCOPES, captureLogs, startSecuredStack, type SecuredStack } from '../integration/security/helpers';
import { readEvents, type SseEvent } from './sse-events';

const APP = 'http://localhost:5173';
const client = apiClient('sse', '*', ALL_SCOPES);
const auth = { authorization: `Bearer ${client.key}` };
const FIGURES = 'subscription Figures($shopId: ID!, $range: DateRange!) { metricsChanged(shopId: $shopId, range: $range) { from to orders { value } } }';
const range = { from: '2026-01-01', to: '2026-01-03' };

type Errors = { message: string; extensions?: { code?: string } }[];
const codesOf = (event: SseEvent | undefined) => (JSON.parse(event?.data ?? '{}') as { errors?: Errors }).errors?.map((e) => e.extensions?.code);

describe('GraphQL over SSE (graphql-sse PROTOCOL.md), distinct connections mode', () => {
  let stack: SecuredStack;
  let url: string;
  let shopId: string;

  beforeAll(async () => {
    stack = await startSecuredStack({ logger: captureLogs().logger, config: () => ({ clients: [client.entry], cors: { origins: [APP] } }) });
    url = stack.server.url.replace(/\/graphql$/, '/graphql/stream');
    shopId = stack.shopIds[0]!;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${url}?${new URLSearchParams(params).toString()}`, { headers: { accept: 'text/event-stream', ...auth, ...headers } });

  /** The whole stream of a request that must be accepted and end by itself. */
  async function accepted(res: Response): Promise<SseEvent[]> {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream\b/);
    const { events, ended } = await readEvents(res);
    expect(ended).toBe(true);
    return events;
  }

  it('streams a subscription: 200, text/event-stream, a `next` event whose data is an execution result', async () => {
    const res = await post({ query: FIGURES, variables: { shopId, range } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream\b/);
    const { events } = await readEvents(res, (e) => e.length >= 1);
    expect(events[0]!.event).toBe('next');
    const result = JSON.parse(events[0]!.data!) as { data?: { metricsChanged?: { from: string; to: string } }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    expect(result.data?.metricsChanged).toMatchObject({ from: '2026-01-01', to: '2026-01-03' });
  });

  it('takes the request in the URL of a GET, as an EventSource sends it', async () => {
    const res = await get({ query: FIGURES, variables: JSON.stringify({ shopId, range }), operationName: 'Figures' });
    expect(res.status).toBe(200);
    const { events } = await readEvents(res, (e) => e.length >= 1);
    expect(events.map((e) => e.event)).toEqual(['next']);
  });

  it('ends an operation that completes with `complete`, carrying a data field, then closes the stream', async () => {
    // An unknown shop: the subscription's source fails at subscribe, one result with the error.
    const events = await accepted(await post({ query: FIGURES, variables: { shopId: '1', range } }));
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    expect(codesOf(events[0])).toEqual(['NOT_FOUND']);
    expect(events[1]!.data).toBe('');
  });

  it.each([
    ['a syntax error', { query: 'subscription {' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', { query: 'subscription { noSuchField }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['an operationName the document lacks', { query: FIGURES, operationName: 'Other', variables: { shopId: '1', range } }, 'OPERATION_RESOLUTION_FAILURE'],
    ['variables that do not coerce', { query: FIGURES, variables: { shopId: '1', range: { from: 7 } } }, 'BAD_USER_INPUT'],
  ])('reports %s before execution in an accepted stream: `next` with the errors, then `complete`', async (_what, body, code) => {
    const events = await accepted(await post(body));
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    expect(new Set(codesOf(events[0]))).toEqual(new Set([code]));
    expect(JSON.parse(events[0]!.data!)).not.toHaveProperty('data');
  });

  it('answers a query in the stream with an error naming /graphql (subscriptions only here)', async () => {
    const events = await accepted(await post({ query: '{ shops { id } }' }));
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    const [error] = (JSON.parse(events[0]!.data!) as { errors: Errors }).errors;
    expect(error!.message).toContain('/graphql');
  });

  it.each([
    ['a valid one', 'mutation { deleteAlertRule(id: "1") { id } }'],
    ['an invalid one', 'mutation { deleteAlertRule(id: "1") { nothing } }'],
  ])('refuses a mutation over GET, %s, with 405 and Allow: POST, as GraphQL over HTTP requires', async (_which, query) => {
    const res = await get({ query });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers a mutation POSTed here in the stream with an error naming /graphql', async () => {
    const events = await accepted(await post({ query: 'mutation { deleteAlertRule(id: "1") { id } }' }));
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    expect((JSON.parse(events[0]!.data!) as { errors: Errors }).errors[0]!.message).toContain('/graphql');
  });

  it.each([
    ['a body that is not JSON', '{"query": '],
    ['a body without a query', { variables: {} }],
    ['a query that is not a string', { query: 7 }],
  ])('answers %s with 400 and JSON errors, before any stream', async (_what, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(((await res.json()) as { errors: Errors }).errors.length).toBeGreaterThan(0);
  });

  it('needs JSON to POST: a form-like simple request (text/plain, no preflight) never starts a stream', async () => {
    const res = await post(JSON.stringify({ query: FIGURES, variables: { shopId, range } }), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('answers 406 to a client that does not accept text/event-stream', async () => {
    const res = await post({ query: FIGURES, variables: { shopId, range } }, { accept: 'application/json' });
    expect(res.status).toBe(406);
  });

  it('does not serve single connection mode: PUT (a reservation) and DELETE (stop by operation id) get 405 with Allow', async () => {
    const put = await fetch(url, { method: 'PUT', headers: auth });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    const del = await fetch(`${url}?operationId=1`, { method: 'DELETE', headers: { ...auth, 'x-graphql-event-stream-token': 'abc' } });
    expect(del.status).toBe(405);
  });

  it('authenticates like queries: without credentials 401 with WWW-Authenticate, before any stream', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: FIGURES, variables: { shopId, range } }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await res.json()) as { errors: Errors }).errors.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });

    it("answers a configured origin's preflight and lets its page read the stream", async () => {
      const allowed = await preflight(APP);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect(
        allowed.headers
          .get('access-control-allow-headers')
          ?.split(',')
          .map((h) => h.trim()),
      ).toEqual(expect.arrayContaining(['authorization', 'content-type']));
      const res = await post({ query: FIGURES, variables: { shopId, range } }, { origin: APP });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      const { events } = await readEvents(res, (e) => e.length >= 1);
      expect(events.map((e) => e.event)).toEqual(['next']);
    });

    it('refuses any other origin: its preflight and its request get 403, without Access-Control headers', async () => {
      const refused = await preflight('http://localhost:5174');
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const res = await post({ query: FIGURES, variables: { shopId, range } }, { origin: 'http://localhost:5174' });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
