import type { IncomingHttpHeaders } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A second team's subgraph beside ShopGraph: fulfilment facts about ShopGraph's orders and
 * products, reached only through their keys.
 */
export const FULFILMENT_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Order @key(fields: "shopId id") {
    shopId: ID!
    id: ID!
    fulfilmentPartner: String
  }

  type Product @key(fields: "shopId id") {
    shopId: ID!
    id: ID!
    warehouseBin: String
  }
`;

export const fulfilmentPartnerOf = (orderId: string): string => `partner-${orderId.slice(-3)}`;
export const warehouseBinOf = (productId: string): string => `bin-${productId.slice(-4)}`;

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A subgraph started for a test, on a loopback port. */
export interface TestSubgraph {
  url: string;
  /** Headers of every request it received. */
  received: IncomingHttpHeaders[];
  /** While set, entity resolution waits until it is cleared (a subgraph that stopped answering). */
  hang(on: boolean): void;
  stop(): Promise<void>;
}

/** Serves `typeDefs` as a subgraph; `resolvers` default to the fulfilment subgraph's. */
export async function startSubgraph(typeDefs = FULFILMENT_SDL): Promise<TestSubgraph> {
  const received: IncomingHttpHeaders[] = [];
  let release: (() => void) | undefined;
  let hanging: Promise<void> | undefined;
  const resolved = (fields: (id: string) => Record<string, string>) => async (ref: { shopId: string; id: string }) => {
    await hanging;
    return { ...ref, ...fields(ref.id) };
  };
  const schema = buildSubgraphSchema({
    typeDefs: parse(typeDefs),
    resolvers: {
      Order: { __resolveReference: resolved((id) => ({ fulfilmentPartner: fulfilmentPartnerOf(id) })) },
      Product: { __resolveReference: resolved((id) => ({ warehouseBin: warehouseBinOf(id) })) },
    },
  });
  const server = new ApolloServer({ schema, logger: quiet });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => {
      received.push(req.headers);
      return {};
    },
  });
  return {
    url,
    received,
    hang(on) {
      if (on && !hanging) hanging = new Promise((resolve) => (release = resolve));
      if (!on) {
        release?.();
        hanging = undefined;
      }
    },
    async stop() {
      release?.();
      await server.stop();
    },
  };
}
