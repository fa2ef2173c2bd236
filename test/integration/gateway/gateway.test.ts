import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { runCompose } from '../../../src/gateway/compose';
import { startGateway, type RunningGateway } from '../../../src/app/gateway-server';
import { IDENTITY_HEADER, signIdentity } from '../../../src/security/identity';
import type { Caller } from '../../../src/security/caller';
import type { Scope } from '../../../src/security/scopes';
import {
  ALL_SCOPES,
  apiClient,
  captureLogs,
  expectNoSecrets,
  startSecuredStack,
  writeConfigFile,
  type GqlAnswer,
  type SecuredStack,
} from '../security/helpers';
import { fulfilmentPartnerOf, startSubgraph, warehouseBinOf, type TestSubgraph } from './helpers';

/**
 * ShopGraph's subgraph by URL (its only credential: the gateway's signed identity), a fulfilment
 * subgraph extending Order and Product, and the gateway over both, serving the supergraph that
 * `shopgraph compose` wrote. Everything on loopback.
 */
const SECRET = 'gateway-identity-secret-of-at-least-32-chars';
const tenantA = apiClient('tenant-a', [], ALL_SCOPES);
const shopsOnly = apiClient('shops-only', [], ['shops:read']);
/** Whoever runs the gateway: `/readyz`'s details and `/metrics` are theirs only. */
const operator = apiClient('operator', '*', ['operator']);
const asOperator = { authorization: `Bearer ${operator.key}` };

let subgraph: SecuredStack;
let fulfilment: TestSubgraph;
let gateway: RunningGateway;
let supergraphFile: string;
let shopA: string;
let shopB: string;
const logs = captureLogs();

async function post<T>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GqlAnswer<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlAnswer<T>['body'] };
}

const asTenantA = { authorization: `Bearer ${tenantA.key}` };
const callerA = (): Caller => ({ name: 'tenant-a', kind: 'api-key', shops: new Set([shopA]), scopes: new Set(ALL_SCOPES as Scope[]) });

const ORDERS = `query Orders($shopId: ID!) {
  shop(id: $shopId) {
    orders(first: 3) { nodes { id total { amount } fulfilmentPartner lineItems { product { id title warehouseBin } } } }
  }
}`;
type OrdersResult = {
  shop: {
    orders: {
      nodes: {
        id: string;
        total: { amount: string };
        fulfilmentPartner: string | null;
        lineItems: { product: { id: string; title: string; warehouseBin: string | null } | null }[];
      }[];
    };
  } | null;
};

beforeAll(async () => {
  subgraph = await startSecuredStack({ env: { SHOPGRAPH_IDENTITY_SECRET: SECRET }, logger: logs.logger });
  [shopA = '', shopB = ''] = subgraph.shopIds;
  fulfilment = await startSubgraph();
  supergraphFile = join(mkdtempSync(join(tmpdir(), 'sg-gw-')), 'supergraph.graphql');
  const environment = {
    NODE_ENV: 'test',
    PORT: '0',
    SHOPGRAPH_IDENTITY_SECRET: SECRET,
    SHOPGRAPH_CONFIG: writeConfigFile({
      clients: [{ ...tenantA.entry, shops: [shopA] }, { ...shopsOnly.entry, shops: [shopA] }, operator.entry],
      supergraph: {
        subgraphs: [
          { name: 'shopgraph', url: subgraph.server.url },
          { name: 'fulfilment', url: fulfilment.url, forwardHeaders: ['x-tenant-hint'], timeoutMs: 1500 },
        ],
        file: supergraphFile,
      },
    }),
  };
  const out: string[] = [];
  expect(await runCompose([], { environment, stdout: (t) => out.push(t), stderr: (t) => out.push(t) })).toBe(0);
  expect(out.join('')).toContain(`wrote ${supergraphFile}`);
  gateway = await startGateway(loadConfig(environment), logs.logger);
});

afterAll(async () => {
  await gateway?.close();
  await fulfilment?.stop();
  await subgraph?.close();
});

describe('shopgraph compose', () => {
  it('wrote a supergraph of both subgraphs, which the gateway serves', () => {
    const sdl = readFileSync(supergraphFile, 'utf8');
    expect(sdl).toMatch(/@join__graph\(name: "shopgraph", url: "http:\/\/127\.0\.0\.1:\d+\/graphql"\)/);
    expect(sdl).toMatch(/@join__graph\(name: "fulfilment"/);
    expect(gateway.supergraph).toEqual({ kind: 'file', path: supergraphFile });
  });
});

describe('a query crossing both subgraphs', () => {
  it('joins ShopGraph orders and products with the fulfilment subgraph, as ShopGraph itself answers them', async () => {
    const { status, body } = await post<OrdersResult>(gateway.url, ORDERS, { shopId: shopA }, { ...asTenantA, 'x-tenant-hint': 'acme' });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const nodes = body.data?.shop?.orders.nodes ?? [];
    expect(nodes).toHaveLength(3);
    for (const order of nodes) {
      expect(order.fulfilmentPartner).toBe(fulfilmentPartnerOf(order.id));
      for (const { product } of order.lineItems) if (product) expect(product.warehouseBin).toBe(warehouseBinOf(product.id));
    }
    expect(nodes.some((o) => o.lineItems.some((l) => l.product?.title))).toBe(true);

    // The ShopGraph half is what the subgraph answers the same caller directly.
    const direct = await post<OrdersResult>(
      subgraph.server.url,
      'query($shopId: ID!) { shop(id: $shopId) { orders(first: 3) { nodes { id total { amount } } } } }',
      { shopId: shopA },
      {
        [IDENTITY_HEADER]: signIdentity(callerA(), SECRET),
      },
    );
    expect(nodes.map(({ id, total }) => ({ id, total }))).toEqual(direct.body.data?.shop?.orders.nodes);
    expect(body.extensions?.cost).toMatchObject({ requestedQueryCost: expect.any(Number), throttleStatus: { maximumAvailable: 2000 } });
  });

  it('forwards only the configured headers to the other subgraph', async () => {
    fulfilment.received.length = 0;
    await post(gateway.url, ORDERS, { shopId: shopA }, { ...asTenantA, 'x-tenant-hint': 'acme', 'x-not-configured': 'no' });
    expect(fulfilment.received.length).toBeGreaterThan(0);
    for (const headers of fulfilment.received) {
      expect(headers['x-tenant-hint']).toBe('acme');
      expect(headers).not.toHaveProperty('authorization');
      expect(headers).not.toHaveProperty('x-not-configured');
      expect(headers).not.toHaveProperty(IDENTITY_HEADER);
    }
  });
});

describe('refused at the gateway', () => {
  it('answers UNAUTHENTICATED (401) without a credential or with a wrong key', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer sg_test_nobody_kkkkkkkkkkkkkkkkkkkkkkkk' }];
    for (const headers of attempts) {
      const { status, body } = await post(gateway.url, '{ shops { id } }', {}, headers);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a forwarded identity from a client: the gateway is the edge', async () => {
    const forged = signIdentity({ ...callerA(), shops: '*' }, SECRET);
    const { status } = await post(gateway.url, '{ shops { id } }', {}, { [IDENTITY_HEADER]: forged });
    expect(status).toBe(401);
  });

  it("keeps a tenant to its shops: another tenant's shop is NOT_FOUND, its list has only its own", async () => {
    const other = await post<OrdersResult>(gateway.url, ORDERS, { shopId: shopB }, asTenantA);
    expect(other.body.data?.shop).toBeNull();
    expect(other.body.errors?.map((e) => ({ code: e.extensions?.code, path: e.path }))).toEqual([{ code: 'NOT_FOUND', path: ['shop'] }]);
    const list = await post<{ shops: { id: string }[] }>(gateway.url, '{ shops { id } }', {}, asTenantA);
    expect(list.body.data?.shops).toEqual([{ id: shopA }]);
  });

  it('applies scopes, operation limits and CSRF prevention like the subgraph server', async () => {
    const scoped = await post(gateway.url, ORDERS, { shopId: shopA }, { authorization: `Bearer ${shopsOnly.key}` });
    expect(scoped.status).toBe(403);
    expect(scoped.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', missingScopes: ['orders:read', 'products:read'] });

    const deep = `{ shops { ${'orders(first: 1) { nodes { shop { '.repeat(4)} id ${'} } } '.repeat(4)} } }`;
    const limited = await post(gateway.url, deep, {}, asTenantA);
    expect(limited.body.errors?.[0]?.extensions?.limit).toBe('maxDepth');

    const csrf = await fetch(`${gateway.url}?query=${encodeURIComponent('{ shops { id } }')}`, { headers: asTenantA });
    expect(csrf.status).toBe(400);
  });
});

describe('ShopGraph subgraph called directly', () => {
  const query = 'query($shopId: ID!) { shop(id: $shopId) { id name } }';

  it('refuses a request without the identity header, or with a forged, tampered or expired one', async () => {
    const valid = signIdentity(callerA(), SECRET);
    const [payload = '', signature = ''] = valid.split('.');
    const widened = Buffer.from(
      Buffer.from(payload, 'base64url')
        .toString('utf8')
        .replace(/"shops":\[[^\]]*\]/, '"shops":"*"'),
    ).toString('base64url');
    const attempts: Record<string, Record<string, string>> = {
      missing: {},
      'forged with another secret': { [IDENTITY_HEADER]: signIdentity({ ...callerA(), shops: '*' }, 'not-the-secret-but-also-32-characters-long') },
      'tampered to every shop': { [IDENTITY_HEADER]: `${widened}.${signature}` },
      expired: { [IDENTITY_HEADER]: signIdentity(callerA(), SECRET, Date.now() - 5 * 60_000) },
      'an API key instead': asTenantA,
    };
    for (const [attempt, headers] of Object.entries(attempts)) {
      const { status, body } = await post(subgraph.server.url, query, { shopId: shopB }, headers);
      expect({ attempt, status, code: body.errors?.[0]?.extensions?.code, data: body.data ?? null }).toEqual({
        attempt,
        status: 401,
        code: 'UNAUTHENTICATED',
        data: null,
      });
    }
  });

  it("enforces the forwarded caller's tenancy itself", async () => {
    const headers = { [IDENTITY_HEADER]: signIdentity(callerA(), SECRET) };
    const own = await post<{ shop: { id: string } | null }>(subgraph.server.url, query, { shopId: shopA }, headers);
    expect(own.body.data?.shop?.id).toBe(shopA);
    const other = await post<{ shop: { id: string } | null }>(subgraph.server.url, query, { shopId: shopB }, headers);
    expect(other.body.data?.shop).toBeNull();
    expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const entities = await post<{ _entities: unknown[] }>(
      subgraph.server.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { id name } } }',
      { r: [{ __typename: 'Shop', id: shopB }] },
      headers,
    );
    expect(entities.body.data?._entities).toEqual([null]);
  });
});

describe('operations', () => {
  it('serves /healthz, /readyz with each subgraph, and /metrics with per-subgraph fetches', async () => {
    const base = gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const anonymous = await fetch(`${base}/readyz`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: 'ready' });
    const ready = await fetch(`${base}/readyz`, { headers: asOperator });
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { 'subgraph:shopgraph': { ok: true }, 'subgraph:fulfilment': { ok: true } } });
    // Clients are configured: scraping takes the operator scope, a tenant's key is not enough.
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: asTenantA })).status).toBe(403);
    const metrics = await (await fetch(`${base}/metrics`, { headers: asOperator })).text();
    expect(metrics).toMatch(/shopgraph_graphql_operations_total\{operation="Orders",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/shopgraph_subgraph_fetches_total\{subgraph="fulfilment",outcome="ok"\} \d+/);
  });
});

describe('when the other subgraph fails', () => {
  const partial = async () => {
    const { status, body } = await post<OrdersResult>(gateway.url, ORDERS, { shopId: shopA }, asTenantA);
    expect(status).toBe(200);
    const nodes = body.data?.shop?.orders.nodes ?? [];
    expect(nodes).toHaveLength(3);
    for (const order of nodes) {
      expect(order.total.amount).toMatch(/^\d+(\.\d+)?$/);
      expect(order.fulfilmentPartner).toBeNull();
    }
    const orderErrors = (body.errors ?? []).filter((e) => e.path?.length === 4);
    expect(orderErrors.map((e) => e.path)).toEqual(nodes.map((_, i) => ['shop', 'orders', 'nodes', i]));
    for (const error of body.errors ?? []) expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', serviceName: 'fulfilment' });
    return body.errors ?? [];
  };

  it('gives partial data with errors at the paths it could not fill when the subgraph times out', async () => {
    fulfilment.hang(true);
    try {
      const errors = await partial();
      expect(errors[0]?.message).toBe('Subgraph fulfilment is unavailable: no answer within 1500 ms');
    } finally {
      fulfilment.hang(false);
    }
  });

  it('gives partial data when the subgraph is down, and /readyz says so', async () => {
    await fulfilment.stop();
    const errors = await partial();
    expect(errors[0]?.message).toMatch(/^Subgraph fulfilment is unavailable: unreachable/);
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'), { headers: asOperator });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      checks: { 'subgraph:shopgraph': { ok: true }, 'subgraph:fulfilment': { ok: false, detail: expect.stringMatching(/^unreachable/) } },
    });
    expect(logs.lines().some((l) => l.msg === 'subgraph fetch failed' && l.subgraph === 'fulfilment')).toBe(true);
    expectNoSecrets(logs.text(), [SECRET, tenantA.key, shopsOnly.key, operator.key]);
  });
});
