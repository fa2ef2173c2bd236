import { loadConfig } from '../../../src/config/load-config';
import { startServer } from '../../../src/app/start-server';
import { inProcessEmulator } from '../../helpers/stack';
import { ALL_SCOPES, apiClient, captureLogs, expectNoSecrets, startSecuredStack, writeConfigFile, type SecuredStack } from './helpers';

const logs = captureLogs();
const JWT_SECRET = 'integration-hs256-secret-0123456789abcdef';
const reader = apiClient('reader', '*', ALL_SCOPES);
const ordersOnly = apiClient('orders-only', '*', ['orders:read']);
// A small bucket refilling slowly, so throttling is reached in a few requests and time barely moves it.
const small = apiClient('small', '*', ALL_SCOPES, { bucket: 300, restorePerSecond: 1 });
let stack: SecuredStack;
let jwt = '';

beforeAll(async () => {
  stack = await startSecuredStack({
    logger: logs.logger,
    config: () => ({ clients: [reader.entry, ordersOnly.entry, small.entry], jwt: { secret: JWT_SECRET } }),
  });
  const { SignJWT } = await import('jose');
  jwt = await new SignJWT({ shops: [stack.shopIds[0]], scope: 'shops:read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('dashboard')
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET));
});

afterAll(async () => {
  await stack?.close();
  expectNoSecrets(logs.text(), [reader.key, ordersOnly.key, small.key, JWT_SECRET, jwt, stack.emulator.tokens.appSecret]);
});

describe('the log check', () => {
  it('catches a secret value, an unredacted secret field and a token in a URL', () => {
    expect(() => expectNoSecrets('{"msg":"x sg_test_reader"}', [reader.key.slice(0, 14)])).toThrow();
    expect(() => expectNoSecrets('{"token":"abc"}', [])).toThrow();
    expect(() => expectNoSecrets('{"url":"/x?sign=abc"}', [])).toThrow();
    expect(() => expectNoSecrets('{"token":"[redacted]","msg":"fine"}', [reader.key])).not.toThrow();
  });
});

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED without a key or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-api-key': 'sg_test_wrong' }, { authorization: `Bearer ${reader.key}x` }];
    for (const headers of attempts) {
      const res = await stack.gql('{ shops { id } }', {}, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.body.data).toBeUndefined();
    }
  });

  it('accepts the key in either header, and a JWT with its shops and scope', async () => {
    expect((await stack.gql('{ shops { id } }', {}, { 'x-api-key': reader.key })).body.data).toEqual({ shops: stack.shopIds.map((id) => ({ id })) });
    expect((await stack.gql('{ shops { id } }', {}, { authorization: `Bearer ${reader.key}` })).status).toBe(200);
    const viaJwt = await stack.gql('{ shops { id } }', {}, { authorization: `Bearer ${jwt}` });
    expect(viaJwt.body.data).toEqual({ shops: [{ id: stack.shopIds[0] }] });
  });

  it('answers FORBIDDEN naming the scope a field needs', async () => {
    const res = await stack.gql('query($s: ID!) { order(shopId: $s, id: "1") { id shop { name } } }', { s: stack.shopIds[0] }, { 'x-api-key': ordersOnly.key });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'Order.shop needs the shops:read scope, which this client does not have',
        extensions: expect.objectContaining({ code: 'FORBIDDEN', missingScopes: ['shops:read'] }),
      }),
    ]);
    const jwtRes = await stack.gql('{ metrics(range: {from: "2026-01-01", to: "2026-01-02"}) { gmv { value } } }', {}, { authorization: `Bearer ${jwt}` });
    expect(jwtRes.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['metrics:read'] });
  });

  it('refuses to start on a non-loopback address without clients, and says authentication is off on loopback', async () => {
    const env = { NODE_ENV: 'test', PORT: '0', HOST: '0.0.0.0' };
    const quiet = captureLogs();
    await expect(startServer(loadConfig(env), quiet.logger)).rejects.toThrow(/HOST=0\.0\.0\.0: authentication is off/);
    expect(quiet.text()).toBe('');
    const withClients = loadConfig({ ...env, SHOPGRAPH_CONFIG: writeConfigFile({ clients: [reader.entry] }) });
    expect(withClients.file.clients).toHaveLength(1);
    const local = captureLogs();
    const demo = await startServer(
      loadConfig({ NODE_ENV: 'test', PORT: '0', SHOPGRAPH_CONFIG: writeConfigFile({ demo: { shops: 1, days: 2, ordersPerDay: 1 } }) }),
      local.logger,
      { emulatorLauncher: inProcessEmulator },
    );
    await demo.close();
    expect(local.lines().some((l) => String(l.msg).startsWith('authentication is off'))).toBe(true);
  });
});

describe('cost and throttling', () => {
  const upstreamCalls = async () => ((await (await fetch(`${stack.emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> }).calls;
  const orders = 'query($s: ID!) { shop(id: $s) { orders(first: 250) { nodes { id } } } }';

  it('reports the cost of every response and refunds what the query did not use', async () => {
    const res = await stack.gql<{ shop: { orders: { nodes: unknown[] } } }>(orders, { s: stack.shopIds[0] }, { 'x-api-key': small.key });
    const returned = res.body.data!.shop.orders.nodes.length;
    expect(returned).toBeLessThan(250);
    const cost = res.body.extensions!.cost as {
      requestedQueryCost: number;
      actualQueryCost: number;
      throttleStatus: { currentlyAvailable: number; maximumAvailable: number; restoreRate: number };
    };
    expect(cost).toMatchObject({ requestedQueryCost: 252, actualQueryCost: 2 + returned, throttleStatus: { maximumAvailable: 300, restoreRate: 1 } });
    // Only the actual cost left the bucket (plus at most a few points restored meanwhile).
    expect(cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(300 - (2 + returned));
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThan(300 - (2 + returned) + 5);
  });

  it('throttles with 429, Retry-After and THROTTLED once the bucket cannot cover the requested cost', async () => {
    const res = await stack.gql(orders, { s: stack.shopIds[1] }, { 'x-api-key': small.key });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(res.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'THROTTLED', cost: 252, retryAfter }) })]);
    expect(res.body.extensions?.cost).toMatchObject({ requestedQueryCost: 252, actualQueryCost: 0 });
    // Other clients have their own buckets.
    expect((await stack.gql(orders, { s: stack.shopIds[1] }, { 'x-api-key': reader.key })).status).toBe(200);
  });

  it('refuses a query over the maximum before it runs, with its cost and the maximum', async () => {
    const before = await upstreamCalls();
    const res = await stack.gql(
      'query($s: ID!) { shop(id: $s) { orders(first: 250) { edges { node { lineItems { product { title } } } } } } }',
      { s: stack.shopIds[0] },
      { 'x-api-key': reader.key },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'Query cost 1002 exceeds the maximum of 1000',
        extensions: expect.objectContaining({ code: 'MAX_COST_EXCEEDED', cost: 1002, maximum: 1000 }),
      }),
    ]);
    expect(await upstreamCalls()).toEqual(before);
  });
});
