import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startGateway, type RunningGateway } from '../../../src/app/gateway-server';
import { silentLogger } from '../../../src/telemetry/logger';
import { emulatorEnv } from '../../helpers/stack';
import { writeConfigFile } from '../security/helpers';
import { FULFILMENT_SDL } from './helpers';

/**
 * Cost and staleness behind a gateway, which drops subgraphs' `extensions`: ShopGraph says both in
 * response headers, and its own gateway mode answers them too — its cost of the whole operation,
 * and the staleness of ShopGraph in its process or of any subgraph by URL.
 */
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const PRODUCTS = 'query($s: ID!) { shop(id: $s) { products(first: 3) { nodes { id title } } } }';

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return {
    headers: res.headers,
    body: (await res.json()) as {
      data?: unknown;
      errors?: unknown[];
      extensions?: { stale?: unknown; cost?: { requestedQueryCost: number; actualQueryCost: number } };
    },
  };
}

describe('ShopGraph in the gateway’s process', () => {
  let emulator: EmulatorHandle;
  let gateway: RunningGateway;

  beforeAll(async () => {
    // Only Date is faked, before anything starts, so the cache's clock is the fake one.
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
    emulator = await startEmulator({ port: 0, seed: 'test', shops: 1, days: 5, ordersPerDay: 5 });
    gateway = await startGateway(
      loadConfig({
        ...emulatorEnv(emulator),
        SHOPGRAPH_CONFIG: writeConfigFile({ supergraph: { subgraphs: [] }, cache: { ttlSeconds: { products: 1 }, staleIfErrorSeconds: 3600 } }),
      }),
      silentLogger,
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await emulator?.close();
    jest.useRealTimers();
  });

  it('answers x-shopgraph-cost (the gateway’s cost of the operation) and x-shopgraph-stale', async () => {
    const shopId = emulator.store.shops()[0]!.id;
    const fresh = await post(gateway.url, PRODUCTS, { s: shopId });
    expect(fresh.body.errors).toBeUndefined();
    const cost = fresh.body.extensions!.cost!;
    expect(fresh.headers.get('x-shopgraph-cost')).toBe(`requested=${cost.requestedQueryCost}, actual=${cost.actualQueryCost}`);
    // shop 1 + products 1 + 3 nodes: the README's cost model, computed by hand.
    expect(cost.requestedQueryCost).toBe(5);
    expect(fresh.headers.get('x-shopgraph-stale')).toBeNull();

    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1, paths: ['/product/202502/products/search'] }),
    });
    jest.setSystemTime(Date.now() + 1100);
    const stale = await post(gateway.url, PRODUCTS, { s: shopId });
    expect(stale.body.data).toEqual(fresh.body.data);
    expect(stale.headers.get('x-shopgraph-stale')).toBe('products');
    expect(stale.body.extensions?.stale).toEqual({ kinds: ['products'] });
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 0 }),
    });
  });
});

describe('a subgraph by URL', () => {
  let subgraph: ApolloServer;
  let gateway: RunningGateway;

  beforeAll(async () => {
    // A subgraph that answers from stale data, as ShopGraph by URL would say it.
    subgraph = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: parse(`${FULFILMENT_SDL}\n type Query { warehouses: [String!]! }`),
        resolvers: { Query: { warehouses: () => ['north'] } },
      }),
      logger: quiet,
      plugins: [
        {
          async requestDidStart() {
            return {
              async willSendResponse({ response }) {
                response.http.headers.set('x-shopgraph-stale', 'orders, shops');
              },
            };
          },
        },
      ],
    });
    const { url } = await startStandaloneServer(subgraph, { listen: { host: '127.0.0.1', port: 0 } });
    gateway = await startGateway(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        SHOPGRAPH_CONFIG: writeConfigFile({ supergraph: { subgraphs: [{ name: 'fulfilment', url }], includeShopGraph: false } }),
      }),
      silentLogger,
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await subgraph?.stop();
  });

  it('passes its x-shopgraph-stale on, in the header and in extensions.stale', async () => {
    const answer = await post(gateway.url, '{ warehouses }');
    expect(answer.body.data).toEqual({ warehouses: ['north'] });
    expect(answer.headers.get('x-shopgraph-stale')).toBe('orders, shops');
    expect(answer.body.extensions?.stale).toEqual({ kinds: ['orders', 'shops'] });
  });
});
