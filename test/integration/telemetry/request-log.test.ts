import { startStack, type Stack } from '../../helpers/stack';
import { captureLogs } from '../security/helpers';

/** One structured line per request, and the cost in a response header as well as in `extensions`. */
const logs = captureLogs();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ logger: logs.logger });
});

afterAll(async () => {
  await stack?.close();
});

async function post(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(stack.server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { res, body: (await res.json()) as { data?: unknown; extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number } } } };
}

function lineOf(requestId: string): Record<string, unknown> {
  const lines = logs.lines().filter((l) => l.msg === 'request' && l.reqId === requestId);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

it('writes one line per GraphQL request: its id, operation, duration, cost and outcome', async () => {
  const { res, body } = await post('query ShopNames { shops { id name } }', { 'x-request-id': 'req-shop-names-1' });
  expect(res.headers.get('x-request-id')).toBe('req-shop-names-1');
  const cost = body.extensions!.cost!;
  expect(res.headers.get('x-shopgraph-cost')).toBe(`requested=${cost.requestedQueryCost}, actual=${cost.actualQueryCost}`);
  expect(cost.requestedQueryCost).toBe(stack.emulator.store.shops().length);
  const line = lineOf('req-shop-names-1');
  expect(line).toMatchObject({
    level: 30,
    method: 'POST',
    route: '/graphql',
    status: 200,
    operation: 'ShopNames',
    outcome: 'ok',
    cost: { requested: cost.requestedQueryCost, actual: cost.actualQueryCost },
    stale: [],
  });
  expect(typeof line.durationMs).toBe('number');
});

it('keeps the operation label bounded: a name never executed is "other", an unnamed or invalid operation "anonymous"', async () => {
  const { res } = await post('query TooCostly { shops { orders(first: 250) { nodes { lineItems { product { title } } } } } }', {
    'x-request-id': 'req-refused-1',
  });
  expect(res.status).toBe(400);
  const refused = lineOf('req-refused-1');
  expect(refused).toMatchObject({ operation: 'other', outcome: 'error', status: 400, cost: { actual: 0 } });
  expect((refused.cost as { requested: number }).requested).toBeGreaterThan(1000);
  await post('query NoSuchThing { noSuchField }', { 'x-request-id': 'req-invalid-1' });
  expect(lineOf('req-invalid-1')).toMatchObject({ operation: 'anonymous', outcome: 'error', status: 400 });
  await post('{ shops { id } }', { 'x-request-id': 'req-anonymous-1' });
  expect(lineOf('req-anonymous-1')).toMatchObject({ operation: 'anonymous', outcome: 'ok' });
});

it('logs requests refused before GraphQL too, and probes only at debug', async () => {
  const res = await fetch(stack.server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-bad-json-1' }, body: '{' });
  expect(res.status).toBe(400);
  const line = lineOf('req-bad-json-1');
  expect(line).toMatchObject({ status: 400, route: '/graphql' });
  expect(line.operation).toBeUndefined();
  await fetch(stack.server.url.replace(/\/graphql$/, '/healthz'), { headers: { 'x-request-id': 'req-health-1' } });
  expect(lineOf('req-health-1')).toMatchObject({ level: 20, route: '/healthz', status: 200 });
});
