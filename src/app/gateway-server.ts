import { readFileSync } from 'node:fs';
import { ApolloGateway, IntrospectAndCompose, type GraphQLDataSource } from '@apollo/gateway';
import type { FastifyInstance } from 'fastify';
import { createCostBuckets } from './stores';
import type { Config } from '../config/load-config';
import { createApp } from '../http/app';
import type { EmulatorInfo } from './demo-emulator';
import { formatError } from '../http/format-error';
import { listen } from '../http/listen';
import { prepareServing, type ServerExtras } from './serving';
import { createShopGraph } from './shop-graph';
import type { Logger } from '../telemetry/logger';
import { gatewayContext, type GatewayContext } from '../gateway/context';
import { formatGatewayError } from '../gateway/format-error';
import { InProcessShopGraph } from '../gateway/in-process-subgraph';
import { GatewayConfigError, gatewayPlan, IN_PROCESS_URL, SHOPGRAPH_SUBGRAPH, type GatewayPlan } from '../gateway/plan';
import { gatewayReadiness } from '../gateway/readiness';
import { RemoteSubgraphSource } from '../gateway/remote-subgraph';
import { subgraphMetrics } from '../gateway/subgraph-metrics';

/** A running `shopgraph gateway`. */
export interface RunningGateway {
  /** Its `/graphql` URL. */
  url: string;
  app: FastifyInstance;
  /** Where the supergraph came from: the composed file, or live composition (development only). */
  supergraph: GatewayPlan['supergraph'];
  /** Subgraph names, and where each is reached (`in-process://shopgraph` for ShopGraph in this process). */
  subgraphs: { name: string; url: string }[];
  /** The demo emulator (a separate process) when in-process ShopGraph runs in demo mode. */
  emulator?: EmulatorInfo;
  close(): Promise<void>;
}

/** The supergraph file's text; a missing file names the command that writes it. */
function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new GatewayConfigError(
      `supergraph.file: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); write it with \`shopgraph compose\``,
    );
  }
}

/**
 * Starts the federation gateway: ShopGraph (in-process or by URL) and the configured subgraphs
 * behind one `/graphql`, with the subgraph server's authentication, scopes, cost limits and
 * throttling, operation limits, CSRF prevention, `/healthz`, `/readyz`, `/metrics` and logs.
 * @throws GatewayConfigError naming the setting to change
 */
export async function startGateway(config: Config, logger: Logger, extras: ServerExtras = {}): Promise<RunningGateway> {
  const plan = gatewayPlan(config, 'gateway');
  const supergraphSdl = plan.supergraph.kind === 'file' ? readSupergraph(plan.supergraph.path) : undefined;
  const log = logger.child({ component: 'gateway' });
  // The gateway is the edge: it takes client credentials only, never a forwarded identity.
  const serving = prepareServing(config, logger, extras);
  const shopGraph =
    plan.shopGraph === 'in-process'
      ? await createShopGraph(config, logger, serving.observer, serving.telemetry, extras.emulatorLauncher).catch(async (error: unknown) => {
          await serving.close();
          throw error;
        })
      : undefined;
  // The gateway charges every operation's cost: its replicas drain one bucket per client too.
  const costBuckets = shopGraph
    ? { buckets: shopGraph.buckets, close: async () => undefined }
    : await createCostBuckets(config, log).catch(async (error: unknown) => {
        await serving.close();
        throw error;
      });
  const remotes = plan.remotes.map((s) => new RemoteSubgraphSource(s, { identitySecret: plan.identitySecret, logger: log }));
  const instrument = subgraphMetrics(serving.telemetry);
  const sources = new Map<string, GraphQLDataSource<GatewayContext>>(remotes.map((s) => [s.subgraph.name, instrument(s.subgraph.name, s)]));
  if (shopGraph) sources.set(SHOPGRAPH_SUBGRAPH, instrument(SHOPGRAPH_SUBGRAPH, new InProcessShopGraph(shopGraph, formatError(serving.development))));
  const subgraphs = [...sources.keys()].map((name) => ({ name, url: remotes.find((s) => s.subgraph.name === name)?.url ?? IN_PROCESS_URL }));
  if (!supergraphSdl) {
    log.warn(
      { subgraphs: subgraphs.map((s) => s.name) },
      'supergraph composed live from the subgraphs at start: development only (production serves supergraph.file, written by `shopgraph compose`)',
    );
  }
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSdl ?? new IntrospectAndCompose({ subgraphs, logger: log }),
    buildService: ({ name }) => {
      const source = sources.get(name);
      if (!source) throw new GatewayConfigError(`the supergraph has a subgraph "${name}" that supergraph.subgraphs does not list`);
      return source;
    },
    logger: log,
  });
  let started;
  try {
    started = await createApp<GatewayContext>({
      ...serving.app,
      gateway,
      context: gatewayContext(
        shopGraph,
        remotes.find((s) => s.subgraph.shopGraph),
      ),
      readiness: () => gatewayReadiness(remotes, shopGraph),
      formatError: formatGatewayError(serving.development),
      persistedQueries: shopGraph?.persistedQueries,
      routes: shopGraph?.routes,
      buckets: costBuckets.buckets,
    });
  } catch (error) {
    await shopGraph?.close();
    await costBuckets.close();
    await serving.close();
    throw error;
  }
  const { app, apollo } = started;
  const url = await listen(app, { host: config.env.HOST, port: config.env.PORT, https: serving.app.https !== undefined });
  log.info({ url, supergraph: plan.supergraph, subgraphs }, 'gateway ready');
  return {
    url,
    app,
    supergraph: plan.supergraph,
    subgraphs,
    emulator: shopGraph?.emulator,
    async close() {
      // Stopping Apollo drains the listener and stops the gateway (and any live composition).
      await apollo.stop();
      if (app.server.listening) await app.close();
      await shopGraph?.close();
      await costBuckets.close();
      await serving.close();
    },
  };
}
