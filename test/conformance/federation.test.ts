import { readFileSync } from 'node:fs';
import { composeServices, type CompositionResult } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print } from 'graphql';
import { SCHEMA_FILE } from '../../src/schema/emit-schema';
import { EntitiesDocument } from '../generated/graphql';
import { startStack, type Stack } from '../helpers/stack';
import { FULFILMENT_SDL } from '../integration/gateway/helpers';
import { serve, type Served } from './modes';

/**
 * A second team's subgraph: it owns fulfilment facts about ShopGraph's orders and products and
 * reaches them only through their keys, as any subgraph beside ShopGraph would.
 */
const FULFILMENT_TYPE_DEFS = parse(FULFILMENT_SDL);

const silentLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface EntityKey {
  shopId: string;
  id: string;
}

const fulfilmentPartnerOf = (orderId: string): string => `partner-${orderId.slice(-3)}`;
const warehouseBinOf = (productId: string): string => `bin-${productId.slice(-4)}`;

function fulfilmentSubgraph(): ApolloServer {
  const schema = buildSubgraphSchema({
    typeDefs: FULFILMENT_TYPE_DEFS,
    resolvers: {
      Order: { __resolveReference: (ref: EntityKey) => ({ ...ref, fulfilmentPartner: fulfilmentPartnerOf(ref.id) }) },
      Product: { __resolveReference: (ref: EntityKey) => ({ ...ref, warehouseBin: warehouseBinOf(ref.id) }) },
    },
  });
  return new ApolloServer({ schema, logger: silentLogger });
}

/** Composes the committed `schema.graphql` (what a router really composes) with the fulfilment subgraph. */
function compose(urls: { shopGraph: string; fulfilment: string }): CompositionResult {
  return composeServices([
    { name: 'shopgraph', typeDefs: parse(readFileSync(SCHEMA_FILE, 'utf8')), url: urls.shopGraph },
    { name: 'fulfilment', typeDefs: FULFILMENT_TYPE_DEFS, url: urls.fulfilment },
  ]);
}

async function post<T>(url: string, query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}

/** Runs a generated typed document against ShopGraph and returns its data, failing on any error. */
async function execute<R, V extends Record<string, unknown>>(stack: Stack, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const body = await stack.gql<R>(print(document), variables);
  expect(body.errors).toBeUndefined();
  return body.data as R;
}

describe('composition', () => {
  it('composes schema.graphql with a subgraph that extends Order and Product, without errors', () => {
    const result = compose({ shopGraph: 'http://shopgraph.invalid/graphql', fulfilment: 'http://fulfilment.invalid/graphql' });
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect(result.supergraphSdl).toMatch(/fulfilmentPartner: String/);
  });
});

describe('`shopgraph serve` behind @apollo/gateway', () => {
  let stack: Stack | undefined;
  let fulfilment: ApolloServer | undefined;
  let gateway: ApolloServer | undefined;
  let gatewayUrl: string;

  beforeAll(async () => {
    stack = await startStack();
    fulfilment = fulfilmentSubgraph();
    const { url: fulfilmentUrl } = await startStandaloneServer(fulfilment, { listen: { host: '127.0.0.1', port: 0 } });
    const composition = compose({ shopGraph: stack.server.url, fulfilment: fulfilmentUrl });
    if (composition.errors) throw new Error(`composition failed: ${composition.errors.map((e) => e.message).join('; ')}`);
    const { supergraphSdl } = composition;
    gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl, logger: silentLogger }), logger: silentLogger });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, { listen: { host: '127.0.0.1', port: 0 } }));
  });

  afterAll(async () => {
    await gateway?.stop();
    await fulfilment?.stop();
    await stack?.close();
  });

  it('answers one query with fields from ShopGraph and from the other subgraph', async () => {
    const { data: shops } = await post<{ shops: { id: string }[] }>(gatewayUrl, '{ shops { id } }', {});
    const shopId = shops?.shops[0]?.id;
    expect(shopId).toBeDefined();

    type Result = {
      shop: {
        orders: {
          nodes: {
            id: string;
            total: { amount: string };
            fulfilmentPartner: string | null;
            lineItems: { product: { id: string; title: string; warehouseBin: string | null } | null }[];
          }[];
        };
      };
    };
    const body = await post<Result>(
      gatewayUrl,
      `query GatewayOrders($shopId: ID!) {
        shop(id: $shopId) {
          orders(first: 3) {
            nodes { id total { amount } fulfilmentPartner lineItems { product { id title warehouseBin } } }
          }
        }
      }`,
      { shopId },
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.shop.orders.nodes ?? [];
    expect(nodes).toHaveLength(3);

    // The ShopGraph half must be what ShopGraph itself answers; the other half, what the fulfilment subgraph derives.
    const direct = await stack!.gql<{ shop: { orders: { nodes: { id: string; total: { amount: string } }[] } } }>(
      'query($shopId: ID!) { shop(id: $shopId) { orders(first: 3) { nodes { id total { amount } } } } }',
      { shopId },
    );
    expect(nodes.map(({ id, total }) => ({ id, total }))).toEqual(direct.data?.shop.orders.nodes);
    for (const order of nodes) {
      expect(order.total.amount).toMatch(/^\d+(\.\d+)?$/);
      expect(order.fulfilmentPartner).toBe(fulfilmentPartnerOf(order.id));
      for (const { product } of order.lineItems) {
        if (product) expect(product.warehouseBin).toBe(warehouseBinOf(product.id));
      }
    }
    expect(nodes.some((o) => o.lineItems.some((l) => l.product?.title))).toBe(true);
  });
});

describe("as `shopgraph gateway` (ShopGraph in the gateway's process, the other subgraph by URL)", () => {
  let served: Served | undefined;
  let fulfilment: ApolloServer | undefined;

  beforeAll(async () => {
    fulfilment = fulfilmentSubgraph();
    const { url } = await startStandaloneServer(fulfilment, { listen: { host: '127.0.0.1', port: 0 } });
    served = await serve('gateway', [{ name: 'fulfilment', url }]);
  });

  afterAll(async () => {
    await served?.close();
    await fulfilment?.stop();
  });

  it('answers one query with fields from ShopGraph and from the other subgraph', async () => {
    const { data: shops } = await post<{ shops: { id: string }[] }>(served!.url, '{ shops { id } }', {});
    const shopId = shops?.shops[0]?.id;
    expect(shopId).toBeDefined();
    type Result = {
      shop: {
        orders: {
          nodes: {
            id: string;
            total: { amount: string };
            fulfilmentPartner: string | null;
            lineItems: { product: { id: string; warehouseBin: string | null } | null }[];
          }[];
        };
      };
    };
    const body = await post<Result>(
      served!.url,
      'query($shopId: ID!) { shop(id: $shopId) { orders(first: 3) { nodes { id total { amount } fulfilmentPartner lineItems { product { id warehouseBin } } } } } }',
      { shopId },
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.shop.orders.nodes ?? [];
    expect(nodes).toHaveLength(3);
    // The ShopGraph half is the emulator's orders; the other half, what the fulfilment subgraph derives.
    const known = new Set(served!.emulator.store.raw(shopId!).orders.map((o) => o.id));
    for (const order of nodes) {
      expect(known.has(order.id)).toBe(true);
      expect(order.total.amount).toMatch(/^\d+(\.\d+)?$/);
      expect(order.fulfilmentPartner).toBe(fulfilmentPartnerOf(order.id));
      for (const { product } of order.lineItems) if (product) expect(product.warehouseBin).toBe(warehouseBinOf(product.id));
    }
  });
});

// `_entities` is a subgraph's entry point, which a gateway does not expose: checked on `serve` only.
describe('_entities', () => {
  // A stack of its own: orders an earlier search returned would already be cached and cost nothing.
  let stack: Stack | undefined;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('resolves 120 order references with 3 order-detail calls (50 + 50 + 20)', async () => {
    const { store } = stack!.emulator;
    const shop = store.shops().find((s) => store.raw(s.id).orders.length >= 120);
    if (!shop) throw new Error('the emulator dataset has no shop with 120 orders');
    const ids = store
      .raw(shop.id)
      .orders.slice(0, 120)
      .map((o) => o.id);
    const representations = ids.map((id) => ({ __typename: 'Order', shopId: shop.id, id }));

    await stack!.resetCalls();
    const data = await execute(stack!, EntitiesDocument, { representations });
    const calls = await stack!.calls();

    expect(data._entities.map((e) => (e?.__typename === 'Order' ? { shopId: e.shopId, id: e.id } : e))).toEqual(ids.map((id) => ({ shopId: shop.id, id })));
    expect(calls['GET /order/202507/orders']).toBe(3);
  });
});
