import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { runCompose } from '../../../src/gateway/compose';
import { startStack, type Stack } from '../../helpers/stack';
import { SECOND_SUBGRAPH_SDL } from '../../conformance/second-subgraph';
import { writeConfigFile } from '../security/helpers';
import { startSubgraph, type TestSubgraph } from './helpers';

/** A subgraph that gets ShopGraph's Order wrong: `total` is ShopGraph's, as `Money`. */
const CONFLICTING_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Order @key(fields: "shopId id") {
    shopId: ID!
    id: ID!
    total: Int
  }
`;

let conflicting: TestSubgraph;

beforeAll(async () => {
  conflicting = await startSubgraph(CONFLICTING_SDL);
});

afterAll(async () => {
  await conflicting?.stop();
});

/** Runs `shopgraph compose` in-process with this config file; ShopGraph's subgraph is in-process. */
async function compose(supergraph: unknown, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; file: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'sg-compose-')), 'supergraph.graphql');
  const out = { stdout: '', stderr: '' };
  const code = await runCompose(['--out', file], {
    environment: { NODE_ENV: 'test', SHOPGRAPH_CONFIG: writeConfigFile({ supergraph }), ...env },
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
  });
  return { code, ...out, file };
}

it('exits 1 listing every composition error with its code and the subgraphs, and writes nothing', async () => {
  const result = await compose({ subgraphs: [{ name: 'orders-extra', url: conflicting.url }] });
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`composition failed with 2 error(s) between shopgraph (http://127.0.0.1:4000/graphql), orders-extra (${conflicting.url}):`);
  expect(result.stderr).toContain(
    '  - [FIELD_TYPE_MISMATCH] Type of field "Order.total" is incompatible across subgraphs: it has type "Int" in subgraph "orders-extra" but type "Money" in subgraph "shopgraph"\n',
  );
  expect(result.stderr).toContain('  - [INVALID_FIELD_SHARING] Non-shareable field "Order.total" is resolved from multiple subgraphs');
  expect(existsSync(result.file)).toBe(false);
});

it('exits 1 naming a subgraph whose schema cannot be fetched', async () => {
  const result = await compose({ subgraphs: [{ name: 'gone', url: 'http://127.0.0.1:9/graphql', timeoutMs: 2000 }] });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/could not be fetched:\n {2}- gone \(http:\/\/127\.0\.0\.1:9\/graphql\): its schema could not be fetched: unreachable/);
  expect(existsSync(result.file)).toBe(false);
});

it('exits 1 on a config without a supergraph section, saying so', async () => {
  const out = { stderr: '' };
  const code = await runCompose([], { environment: { NODE_ENV: 'test' }, stdout: () => undefined, stderr: (t) => (out.stderr += t) });
  expect(code).toBe(1);
  expect(out.stderr).toContain('has no "supergraph" section');
});

describe('a supergraph other gateways serve', () => {
  const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  let shopGraph: Stack;
  let loyalty: ApolloServer;
  let loyaltyUrl: string;
  let router: ApolloServer | undefined;

  beforeAll(async () => {
    shopGraph = await startStack();
    loyalty = new ApolloServer({
      logger: quiet,
      schema: buildSubgraphSchema({
        typeDefs: parse(SECOND_SUBGRAPH_SDL),
        resolvers: {
          Query: { loyaltyTiers: () => ['gold'] },
          Shop: {
            __resolveReference: (ref: { id: string }) => ({
              ...ref,
              loyaltyBalance: { amount: '12.50', currency: 'USD' },
              shipments: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
            }),
          },
          Order: {
            __resolveReference: (ref: { shopId: string; id: string }) => ({ ...ref, shippingQuote: { amount: `${ref.id.slice(-2)}.00`, currency: 'USD' } }),
          },
        },
      }),
    });
    ({ url: loyaltyUrl } = await startStandaloneServer(loyalty, { listen: { host: '127.0.0.1', port: 0 } }));
  });

  afterAll(async () => {
    await router?.stop();
    await loyalty?.stop();
    await shopGraph?.close();
  });

  it('writes ShopGraph’s URL where it says a subgraph lives (where `shopgraph serve` listens by default)', async () => {
    const result = await compose({ subgraphs: [{ name: 'loyalty', url: loyaltyUrl }] }, { HOST: '127.0.0.1', PORT: '4123' });
    expect(result.code).toBe(0);
    const supergraph = readFileSync(result.file, 'utf8');
    expect(supergraph).not.toContain('in-process://');
    expect(supergraph).toContain('@join__graph(name: "shopgraph", url: "http://127.0.0.1:4123/graphql")');
    expect(result.stdout).toContain('other routers reach it at http://127.0.0.1:4123/graphql (supergraph.shopGraphUrl)');
  });

  it('is served by @apollo/gateway against the running subgraphs, Money and PageInfo shared', async () => {
    const result = await compose({ subgraphs: [{ name: 'loyalty', url: loyaltyUrl }], shopGraphUrl: shopGraph.server.url });
    expect(result.stderr).toBe('');
    const supergraphSdl = readFileSync(result.file, 'utf8');
    expect(supergraphSdl).toContain(`@join__graph(name: "shopgraph", url: "${shopGraph.server.url}")`);
    router = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl, logger: quiet }), logger: quiet });
    const { url } = await startStandaloneServer(router, { listen: { host: '127.0.0.1', port: 0 } });
    const shopId = shopGraph.emulator.store.shops()[0]!.id;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($id: ID!) { loyaltyTiers shop(id: $id) { id loyaltyBalance { amount currency }
          orders(first: 2) { nodes { id total { amount } shippingQuote { amount } } pageInfo { hasNextPage } } } }`,
        variables: { id: shopId },
      }),
    });
    type Answer = {
      data?: {
        loyaltyTiers: string[];
        shop: {
          id: string;
          loyaltyBalance: { amount: string };
          orders: { nodes: { id: string; total: { amount: string } | null; shippingQuote: { amount: string } }[]; pageInfo: { hasNextPage: boolean } };
        };
      };
      errors?: unknown[];
    };
    const body = (await res.json()) as Answer;
    expect(body.errors).toBeUndefined();
    expect(body.data!.loyaltyTiers).toEqual(['gold']);
    expect(body.data!.shop.loyaltyBalance.amount).toBe('12.50');
    const nodes = body.data!.shop.orders.nodes;
    expect(nodes).toHaveLength(2);
    for (const order of nodes) expect(order.shippingQuote.amount).toBe(`${order.id.slice(-2)}.00`);
    expect(typeof body.data!.shop.orders.pageInfo.hasNextPage).toBe('boolean');
  });
});
