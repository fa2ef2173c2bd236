import { emulatorEnv } from '../../helpers/stack';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startGateway, type RunningGateway } from '../../../src/app/gateway-server';
import { ALL_SCOPES, apiClient, captureLogs, writeConfigFile, type GqlAnswer } from '../security/helpers';
import { fulfilmentPartnerOf, startSubgraph, type TestSubgraph } from './helpers';

/**
 * The default shape: ShopGraph in the gateway's own process (no identity header: the caller is
 * handed over as is), the fulfilment subgraph by URL, and the supergraph composed live at start
 * (development only, and said so).
 */
const tenantA = apiClient('tenant-a', [], ALL_SCOPES);
const operator = apiClient('operator', '*', ['operator']);

let emulator: EmulatorHandle;
let fulfilment: TestSubgraph;
let gateway: RunningGateway;
let shopA: string;
let shopB: string;
const logs = captureLogs();

async function post<T>(query: string, variables: Record<string, unknown> = {}): Promise<GqlAnswer<T>> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tenantA.key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlAnswer<T>['body'] };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'test', shops: 2, days: 10, ordersPerDay: 15 });
  [shopA = '', shopB = ''] = emulator.store.shops().map((s) => s.id);
  fulfilment = await startSubgraph();
  gateway = await startGateway(
    loadConfig({
      ...emulatorEnv(emulator),
      SHOPGRAPH_CONFIG: writeConfigFile({
        clients: [{ ...tenantA.entry, shops: [shopA] }, operator.entry],
        supergraph: { subgraphs: [{ name: 'fulfilment', url: fulfilment.url }] },
      }),
    }),
    logs.logger,
  );
});

afterAll(async () => {
  await gateway?.close();
  await fulfilment?.stop();
  await emulator?.close();
});

it('says at start that it composed the supergraph live, for development only', () => {
  expect(gateway.supergraph).toEqual({ kind: 'live' });
  expect(gateway.subgraphs).toEqual([
    { name: 'fulfilment', url: fulfilment.url },
    { name: 'shopgraph', url: 'in-process://shopgraph' },
  ]);
  const warning = logs.lines().find((l) => typeof l.msg === 'string' && l.msg.includes('composed live'));
  expect(warning).toMatchObject({ level: 40, component: 'gateway' });
  expect(String(warning?.msg)).toContain('development only');
});

it('answers a query crossing in-process ShopGraph and the fulfilment subgraph', async () => {
  const { body } = await post<{ shop: { name: string; orders: { nodes: { id: string; fulfilmentPartner: string | null }[] } } }>(
    'query($shopId: ID!) { shop(id: $shopId) { name orders(first: 5) { nodes { id fulfilmentPartner } } } }',
    { shopId: shopA },
  );
  expect(body.errors).toBeUndefined();
  const nodes = body.data?.shop.orders.nodes ?? [];
  expect(nodes).toHaveLength(5);
  for (const order of nodes) expect(order.fulfilmentPartner).toBe(fulfilmentPartnerOf(order.id));
  expect(body.extensions?.cost).toMatchObject({ throttleStatus: { maximumAvailable: 2000 } });
});

it("keeps the caller to its shops in-process too, on root fields and on ShopGraph's errors", async () => {
  const { body } = await post<{ shop: unknown }>('query($shopId: ID!) { shop(id: $shopId) { id name } }', { shopId: shopB });
  expect(body.data?.shop).toBeNull();
  expect(body.errors?.map((e) => ({ code: e.extensions?.code, path: e.path, serviceName: e.extensions?.serviceName }))).toEqual([
    { code: 'NOT_FOUND', path: ['shop'], serviceName: 'shopgraph' },
  ]);
});

it("reports ShopGraph's own checks and each subgraph on /readyz", async () => {
  const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'), { headers: { authorization: `Bearer ${operator.key}` } });
  expect(await ready.json()).toMatchObject({
    status: 'ready',
    checks: { partner: { ok: true }, 'subgraph:shopgraph': { ok: true, detail: 'in-process, ready' }, 'subgraph:fulfilment': { ok: true } },
  });
});
