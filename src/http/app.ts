import { ApolloServer, type ApolloServerOptionsWithGateway, type ApolloServerPlugin, type BaseContext, type PersistedQueryOptions } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import type { ShopData } from '../datasources/shop-data';
import type { Logger } from '../telemetry/logger';
import type { GraphContext } from '../resolvers/context';
import { formatError } from './format-error';
import { dashboardRoutes } from './dashboard';
import { randomUUID } from 'node:crypto';
import type { Telemetry } from '../telemetry/metrics';
import { useMetrics } from '../telemetry/use-metrics';
import { traceRequests } from '../telemetry/tracing';
import { useUsageReporting, type UsageReporting } from '../telemetry/usage-reporting';
import { useStaleExtension } from './stale-extension';
import { useCors, type CorsSettings } from './cors';
import { trackOutcomes } from './request-outcome';
import { graphiqlLandingPage, graphiqlRoutes, type Explorer } from './graphiql';
import { registerMetricsRoute } from './metrics-route';
import { operatorAccess } from '../security/operator-access';
import type { Authenticator } from '../security/authenticate';
import type { Caller } from '../security/caller';
import { addSecurityHeaders, useErrorAnswers, useQuerySizeLimit, useStrictJsonParser } from '../security/http-hardening';
import { MemoryBucketStore, type BucketStore } from '../security/leaky-bucket';
import { DEFAULT_LIMITS, operationLimitsRule, type OperationLimits } from '../security/operation-limits';
import { useScopes } from '../security/scopes';
import { useCostLimit } from '../security/use-cost-limit';
import { refuseHttpSubscriptions, registerSubscriptions, type SubscriptionLimits } from '../subscriptions/register';
import { SubscriptionSlots } from '../subscriptions/slots';

/** What `/readyz` reports. */
export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** What every request's context holds: its caller, and the shops it sees (cost analysis counts them). */
export interface AppContext {
  caller: Caller;
  shopData: Pick<ShopData, 'shops'>;
  /** Kinds of cached data the request was answered stale from, when the graph tracks them (`extensions.stale`). */
  stale?: Set<string>;
}

/** The HTTP request a context is built for (the gateway forwards some of its headers). */
export interface IncomingRequest {
  headers: IncomingHttpHeaders;
  id: string;
}

/** What `/graphql` serves: ShopGraph's schema, or a federation gateway's supergraph. */
export type ServedGraph =
  { schema: GraphQLSchema; gateway?: undefined } | { gateway: ApolloServerOptionsWithGateway<AppContext>['gateway']; schema?: undefined };

/** Options of {@link createApp}. */
export type AppOptions<TContext extends AppContext = GraphContext> = ServedGraph & AppSettings<TContext>;

/** Options of {@link createApp} beside the graph it serves. */
export interface AppSettings<TContext extends AppContext> {
  /** Builds a request's context for its caller (its DataLoaders are new for every request). */
  context: (caller: Caller, request: IncomingRequest) => Promise<TContext>;
  /** Who is calling; runs before anything else on `/graphql`. */
  authenticator: Authenticator;
  /** Operation shape limits, tokens, cost maximum and batching. */
  limits?: SecurityLimits;
  /** Per-client cost buckets. @default in memory */
  buckets?: BucketStore;
  /** PEM key and certificate: the listener speaks HTTPS and sends HSTS. */
  https?: { key: Buffer; cert: Buffer };
  /** Browser apps on other origins allowed to call. @default none */
  cors?: CorsSettings;
  /** More routes (webhooks, OAuth), registered with the app's parsers and error answers. */
  routes?: (app: FastifyInstance) => Promise<void>;
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** Unmasked errors and stack traces. @default false */
  development?: boolean;
  /**
   * What a browser gets at `GET /graphql`; GraphiQL is also at `/graphiql` unless this is `none`.
   * @default development ? 'sandbox' : 'none'
   */
  explorer?: Explorer;
  /** @default development */
  introspection?: boolean;
  /** Federation inline tracing for Apollo Router (off unless asked). @default false */
  inlineTracing?: boolean;
  /** @default 1 MiB */
  bodyLimit?: number;
  /** Prometheus instruments; `/metrics` is served when set. */
  telemetry?: Telemetry;
  /** Opens `/metrics` and `/readyz`'s details to `Authorization: Bearer <token>` (beside the operator scope). */
  metricsToken?: string;
  /** A span per request (OpenTelemetry); only when an exporter is running. @default false */
  tracing?: boolean;
  /** Apollo GraphOS usage reporting; off means off, whatever APOLLO_* variables Apollo Server could read. @default { enabled: false } */
  usageReporting?: UsageReporting;
  /** Automatic persisted queries' store (shared across replicas with Redis). @default in-memory */
  persistedQueries?: PersistedQueryOptions;
  /** @default ShopGraph's {@link formatError}: public codes kept, the unexpected masked outside development */
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /**
   * Serve subscriptions (graphql-sse at `/graphql/stream`, graphql-ws on `/graphql`) with these
   * limits, under the same authentication, scopes, cost and CORS origins as queries. Only with
   * `schema` (a gateway's supergraph is not subscribed through this app). @default off
   */
  subscriptions?: SubscriptionLimits;
}

/** Limits of {@link AppOptions}; each refusal names the one it hit. */
export interface SecurityLimits extends OperationLimits {
  /** @default 5000 (graphql-js `maxTokens`) */
  maxTokens: number;
  /** @default 1000 */
  maxCost: number;
  /** Several operations in one HTTP request. @default false */
  batching: boolean;
  /** One operation's text, in UTF-8 bytes. @default 65536 */
  maxQueryBytes?: number;
}

const DEFAULT_SECURITY_LIMITS: SecurityLimits = { ...DEFAULT_LIMITS, maxTokens: 5000, maxCost: 1000, batching: false, maxQueryBytes: 65_536 };

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The fastify app: `/graphql` (POST and GET, CSRF prevention on), `/healthz`, `/readyz`. */
export async function createApp<TContext extends AppContext = GraphContext>(
  options: AppOptions<TContext>,
): Promise<{ app: FastifyInstance; apollo: ApolloServer<TContext> }> {
  const development = options.development ?? false;
  const explorer = options.explorer ?? (development ? 'sandbox' : 'none');
  const limits = options.limits ?? DEFAULT_SECURITY_LIMITS;
  const bodyLimit = options.bodyLimit ?? 1_048_576;
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit,
    ...(options.https ? { https: options.https } : {}),
    logController: new LogController({ disableRequestLogging: true }),
    // Accept the caller's x-request-id (sanitized) so logs join up across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  if (options.tracing) traceRequests(app);
  addSecurityHeaders(app, options.https !== undefined);
  await useCors(app, options.cors);
  useStrictJsonParser(app);
  useErrorAnswers(app, bodyLimit);
  useQuerySizeLimit(app, '/graphql', limits.maxQueryBytes ?? 65_536);
  const telemetry = options.telemetry;
  const outcomes = trackOutcomes<TContext>(app, {
    label: telemetry ? (name, ran) => telemetry.operationLabel(name, ran) : (name) => (name ? 'other' : 'anonymous'),
    path: '/graphql',
  });
  const graph = options.gateway ? { gateway: options.gateway } : { schema: options.schema };
  const usage = useUsageReporting<TContext>(options.usageReporting ?? { enabled: false }, options.logger);
  const lifecycle = stopTogether<TContext>(app);
  const buckets = options.buckets ?? new MemoryBucketStore();
  const formatErrors = options.formatError ?? formatError(development);
  const apollo = new ApolloServer<TContext>({
    ...graph,
    apollo: usage.apollo,
    introspection: options.introspection ?? development,
    csrfPrevention: true,
    // `shopgraph` stops on SIGINT/SIGTERM itself, closing the app (and Apollo with it) first.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: limits.batching,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [operationLimitsRule(limits)],
    persistedQueries: options.persistedQueries,
    formatError: formatErrors,
    // "Did you mean …?" lists field and type names to whoever guesses near them: development only.
    hideSchemaDetailsFromClientErrors: !development,
    includeStacktraceInErrorResponses: development,
    plugins: [
      // First, as Apollo Server places it itself, so its timing wraps every other plugin's work.
      ...usage.plugins,
      lifecycle.drain,
      landingPage<TContext>(app, explorer),
      ...(options.inlineTracing ? [] : [ApolloServerPluginInlineTraceDisabled()]),
      // No type or field carries cache hints (freshness is ShopGraph's own, per upstream answer),
      // and the plugin would otherwise wrap every field resolver of every request.
      ApolloServerPluginCacheControlDisabled(),
      ...(options.telemetry ? [useMetrics<TContext>(options.telemetry)] : []),
      useStaleExtension<TContext>(),
      outcomes.plugin,
      useScopes<TContext>(),
      useCostLimit<TContext>({ maxCost: limits.maxCost, buckets }),
      ...(options.schema ? [refuseHttpSubscriptions<TContext>()] : []),
    ],
  });
  await apollo.start();
  lifecycle.stopWith(apollo);

  app.get('/healthz', async () => ({ status: 'ok' }));
  const operator = operatorAccess(options.authenticator, options.metricsToken);
  // Load balancers probe anonymously: they get ready or not (and the status code). The checks
  // name a Redis address and carry upstream error text: operators only (issue 17, finding 8).
  app.get('/readyz', async (req, reply) => {
    const readiness = await options.readiness();
    const code = readiness.status === 'unavailable' ? 503 : 200;
    if (!(await operator(req.headers)).ok) return reply.code(code).send({ status: readiness.status });
    return reply.code(code).send(readiness);
  });
  if (options.telemetry) registerMetricsRoute(app, options.telemetry, operator);
  await app.register(dashboardRoutes);
  if (explorer !== 'none') await app.register(graphiqlRoutes);
  await options.routes?.(app);
  if (options.subscriptions && options.schema) {
    registerSubscriptions(
      app,
      {
        schema: options.schema,
        authenticator: options.authenticator,
        admission: { schema: options.schema, limits, buckets, slots: new SubscriptionSlots(options.subscriptions) },
        context: (caller, request) => options.context(caller, request),
        formatError: formatErrors,
        allowedOrigins: new Set(options.cors?.origins ?? []),
        label: telemetry ? (name) => telemetry.operationLabel(name, true) : (name) => (name ? 'other' : 'anonymous'),
        logger: options.logger,
      },
      options.subscriptions,
      limits.maxQueryBytes ?? 65_536,
    );
  }
  const context = async (request: FastifyRequest) => {
    const built = await options.context(await options.authenticator.authenticate(request.headers), { headers: request.headers, id: request.id });
    outcomes.bind(built, request);
    return built;
  };
  // No OPTIONS: preflights are CORS's (useCors), answered before any route.
  await app.register(fastifyApollo(apollo), { context, path: '/graphql', method: ['GET', 'POST'] });
  return { app, apollo };
}

function landingPage<TContext extends BaseContext>(app: FastifyInstance, explorer: Explorer): ApolloServerPlugin<TContext> {
  switch (explorer) {
    case 'graphiql':
      return graphiqlLandingPage<TContext>(app, '/graphql');
    case 'sandbox':
      return ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false });
    case 'none':
      return ApolloServerPluginLandingPageProductionDefault({ footer: false });
  }
}

/**
 * Stops Apollo with the app, whichever is closed first. `fastifyApolloDrainPlugin` covers only
 * `apollo.stop()` then `app.close()`; `app.close()` alone (as `startServer` closes) would skip
 * Apollo's serverWillStop hooks, among them the last usage-report flush and the end of its timer.
 */
function stopTogether<TContext extends BaseContext>(
  app: FastifyInstance,
): {
  drain: ApolloServerPlugin<TContext>;
  stopWith(apollo: ApolloServer<TContext>): void;
} {
  let closing: 'app' | 'apollo' | undefined;
  return {
    drain: {
      async serverWillStart() {
        return {
          async drainServer() {
            if (closing === 'app') return; // the app is closing, and it is what stops Apollo
            closing = 'apollo';
            // As fastifyApolloDrainPlugin: requests still running after 10 s are cut off.
            const cutOff = setTimeout(() => app.server.closeAllConnections(), 10_000);
            try {
              await app.close();
            } finally {
              clearTimeout(cutOff);
            }
          },
        };
      },
    },
    stopWith(apollo) {
      app.addHook('onClose', async () => {
        if (closing === 'apollo') return;
        closing = 'app';
        await apollo.stop();
      });
    },
  };
}
