import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/load-config';
import type { AppContext, AppSettings } from '../http/app';
import { corsSettings } from '../http/cors';
import { explorerFor } from '../http/graphiql';
import type { ShopGraphService } from '../http/shop-graph-service';
import type { GraphContext } from '../resolvers/context';
import { createAuthenticator } from '../security/authenticate';
import { checkExposure } from '../security/exposure';
import { readTlsFiles } from '../security/tls';
import type { Logger } from '../telemetry/logger';
import { Telemetry } from '../telemetry/metrics';
import { startTracing, traceUpstream, tracesUrl } from '../telemetry/tracing';
import { usageReportingSettings } from '../telemetry/usage-reporting';
import type { UpstreamObserver } from '../upstream/upstream-observer';
import type { EmulatorLauncher } from './demo-emulator';

/** Extras for embedding ShopGraph (tests, benchmarks). */
export interface ServerExtras {
  /** Send spans here instead of OTEL_EXPORTER_OTLP_ENDPOINT. */
  spanExporter?: SpanExporter;
  /**
   * Starts the demo emulator (no TikTok credentials). Default: fork the compiled emulator; tests
   * running from TypeScript sources pass one that starts it in their own process.
   */
  emulatorLauncher?: EmulatorLauncher;
  /** The clock webhook timestamps are checked against (tests replaying TikTok's dated examples). @default Date.now */
  webhookClock?: () => number;
}

/** App settings every ShopGraph listener shares, the subgraph server and the gateway alike. */
export type SharedAppSettings = Omit<AppSettings<AppContext>, 'context' | 'readiness' | 'routes' | 'persistedQueries' | 'formatError'>;

/** Client authentication, limits, TLS, telemetry and tracing, prepared once per listener. */
export interface Serving {
  app: SharedAppSettings;
  telemetry: Telemetry;
  /** Records each upstream call in telemetry (and as a span when tracing). */
  observer: UpstreamObserver;
  development: boolean;
  close(): Promise<void>;
}

/**
 * Prepares what a listener needs before it serves anything, refusing unsafe exposure.
 * @param identitySecret accept identities the gateway forwards, signed with this secret
 */
export function prepareServing(config: Config, logger: Logger, extras: ServerExtras, identitySecret?: string): Serving {
  const {
    env,
    file: { limits, clients, jwt },
  } = config;
  const authenticator = createAuthenticator({ clients, jwt, identitySecret });
  checkExposure(
    {
      host: env.HOST,
      authEnabled: authenticator.enabled,
      production: env.NODE_ENV === 'production',
      tokenKeySet: env.SHOPGRAPH_ENCRYPTION_KEY !== undefined,
    },
    logger,
  );
  const tls = readTlsFiles(config.file.tls);
  const telemetry = new Telemetry();
  const traceTo = extras.spanExporter ?? tracesUrl(env);
  const tracing = traceTo ? startTracing(traceTo) : undefined;
  const observer: UpstreamObserver = tracing
    ? (a) => {
        telemetry.observeUpstream(a);
        traceUpstream(a);
      }
    : telemetry.observeUpstream;
  const development = env.NODE_ENV !== 'production';
  return {
    telemetry,
    observer,
    development,
    app: {
      logger,
      development,
      introspection: config.file.graphql.introspection ?? development,
      telemetry,
      metricsToken: env.METRICS_TOKEN,
      tracing: tracing !== undefined,
      authenticator,
      limits,
      usageReporting: usageReportingSettings(config),
      bodyLimit: limits.bodyLimit,
      https: tls,
      cors: corsSettings(config),
      explorer: explorerFor(config),
      subscriptions: config.file.subscriptions.enabled ? config.file.subscriptions : undefined,
    },
    close: async () => {
      await tracing?.shutdown();
    },
  };
}

/** What createApp (src/http/app.ts) needs to serve ShopGraph's graph prepared by `serving`. */
export function subgraphAppSettings(serving: Serving, shopGraph: ShopGraphService): AppSettings<GraphContext> & { schema: GraphQLSchema } {
  return {
    ...serving.app,
    schema: shopGraph.schema,
    context: shopGraph.context,
    readiness: shopGraph.readiness,
    persistedQueries: shopGraph.persistedQueries,
    routes: (app) => shopGraph.routes(app, serving.app.authenticator),
    buckets: shopGraph.buckets,
  };
}
