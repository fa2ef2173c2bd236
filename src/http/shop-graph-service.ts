import type { PersistedQueryOptions } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { GraphContext } from '../resolvers/context';
import type { Authenticator } from '../security/authenticate';
import type { Caller } from '../security/caller';
import type { BucketStore } from '../security/leaky-bucket';
import type { Readiness } from './app';

/**
 * ShopGraph's graph and the services behind it, served over HTTP (the subgraph server) or
 * in-process by `shopgraph gateway`. Declared here, with the transports that serve it; the
 * composition root (src/app/shop-graph.ts) builds it.
 */
export interface ShopGraphService {
  schema: GraphQLSchema;
  /** A request context as the server builds it; the local caller by default. */
  context: (caller?: Caller) => Promise<GraphContext>;
  readiness: () => Promise<Readiness>;
  persistedQueries: PersistedQueryOptions;
  /**
   * Webhooks and seller onboarding, registered on the app that serves the graph; `authenticator`
   * (the app's) tells operators apart, else the config file's clients do.
   */
  routes: (app: FastifyInstance, authenticator?: Authenticator) => Promise<void>;
  /** Per-client cost buckets: shared by every replica with Redis. */
  buckets: BucketStore;
  /** Resolves once every webhook notification accepted so far has been processed. */
  drainWebhooks(): Promise<void>;
  /** Sends the conversions due now; nothing without them. */
  flushConversions(): Promise<void>;
  /** The emulator serving as TikTok in demo mode (a separate process): its base URL. */
  emulator?: { url: string };
  /** Demo mode: subscribes ShopGraph's webhook URL to the emulator's shops (live updates). */
  subscribeDemoWebhooks?(address: string): Promise<number>;
  /** Starts reading, in the background, the history of authorized shops without a ledger yet (a serving process's start-up). */
  backfillNewShops(): void;
  close(): Promise<void>;
}
