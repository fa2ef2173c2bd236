import { ApolloServer, type PersistedQueryOptions } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../telemetry/logger';
import type { GraphContext } from '../resolvers/context';
import { formatError } from './format-error';
import { dashboardRoutes } from './dashboard';
import { randomUUID } from 'node:crypto';
import type { Telemetry } from '../telemetry/metrics';
import { useMetrics } from '../telemetry/use-metrics';
import { traceRequests } from '../telemetry/tracing';
import { registerMetricsRoute } from './metrics-route';
import type { Authenticator } from '../security/authenticate';
import type { Caller } from '../security/caller';
import { addSecurityHeaders, useErrorAnswers, useStrictJsonParser } from '../security/http-hardening';
import { MemoryBucketStore, type BucketStore } from '../security/leaky-bucket';
import { DEFAULT_LIMITS, operationLimitsRule, type OperationLimits } from '../security/operation-limits';
import { useScopes } from '../security/scopes';
import { useCostLimit } from '../security/use-cost-limit';

/** What `/readyz` reports. */
export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** Options of {@link createApp}. */
export interface AppOptions {
  schema: GraphQLSchema;
  /** Builds a request's context for its caller (its DataLoaders are new for every request). */
  context: (caller: Caller) => Promise<GraphContext>;
  /** Who is calling; runs before anything else on `/graphql`. */
  authenticator: Authenticator;
  /** Operation shape limits, tokens, cost maximum and batching. */
  limits?: SecurityLimits;
  /** Per-client cost buckets. @default in memory */
  buckets?: BucketStore;
  /** PEM key and certificate: the listener speaks HTTPS and sends HSTS. */
  https?: { key: Buffer; cert: Buffer };
  /** More routes (webhooks, OAuth), registered with the app's parsers and error answers. */
  routes?: (app: FastifyInstance) => Promise<void>;
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** Unmasked errors and Sandbox landing page. @default false */
  development?: boolean;
  /** @default development */
  introspection?: boolean;
  /** Federation inline tracing for Apollo Router (off unless asked). @default false */
  inlineTracing?: boolean;
  /** @default 1 MiB */
  bodyLimit?: number;
  /** Prometheus instruments; `/metrics` is served when set. */
  telemetry?: Telemetry;
  /** When set, `/metrics` requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** A span per request (OpenTelemetry); only when an exporter is running. @default false */
  tracing?: boolean;
  /** Automatic persisted queries' store (shared across replicas with Redis). @default in-memory */
  persistedQueries?: PersistedQueryOptions;
}

/** Limits of {@link AppOptions}; each refusal names the one it hit. */
export interface SecurityLimits extends OperationLimits {
  /** @default 5000 (graphql-js `maxTokens`) */
  maxTokens: number;
  /** @default 1000 */
  maxCost: number;
  /** Several operations in one HTTP request. @default false */
  batching: boolean;
}

const DEFAULT_SECURITY_LIMITS: SecurityLimits = { ...DEFAULT_LIMITS, maxTokens: 5000, maxCost: 1000, batching: false };

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The fastify app: `/graphql` (POST and GET, CSRF prevention on), `/healthz`, `/readyz`. */
export async function createApp(options: AppOptions): Promise<{ app: FastifyInstance; apollo: ApolloServer<GraphContext> }> {
  const development = options.development ?? false;
  const limits = options.limits ?? DEFAULT_SECURITY_LIMITS;
  const bodyLimit = options.bodyLimit ?? 1_048_576;
  const app: FastifyInstance = Fastify({ loggerInstance: options.logger as FastifyBaseLogger, bodyLimit,
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
  useStrictJsonParser(app);
  useErrorAnswers(app, bodyLimit);
  const apollo = new ApolloServer<GraphContext>({
    schema: options.schema,
    introspection: options.introspection ?? development,
    csrfPrevention: true,
    allowBatchedHttpRequests: limits.batching,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [operationLimitsRule(limits)],
    persistedQueries: options.persistedQueries,
    formatError: formatError(development),
    includeStacktraceInErrorResponses: development,
    plugins: [
      fastifyApolloDrainPlugin(app),
      development
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      ...(options.inlineTracing ? [] : [ApolloServerPluginInlineTraceDisabled()]),
      ...(options.telemetry ? [useMetrics<GraphContext>(options.telemetry)] : []),
      useScopes<GraphContext>(),
      useCostLimit<GraphContext>({ maxCost: limits.maxCost, buckets: options.buckets ?? new MemoryBucketStore() }),
    ],
  });
  await apollo.start();

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const readiness = await options.readiness();
    return reply.code(readiness.status === 'unavailable' ? 503 : 200).send(readiness);
  });
  if (options.telemetry) registerMetricsRoute(app, options.telemetry, options.metricsToken);
  await app.register(dashboardRoutes);
  await options.routes?.(app);
  const context = async (request: FastifyRequest) => options.context(await options.authenticator.authenticate(request.headers));
  await app.register(fastifyApollo(apollo), { context, path: '/graphql', method: ['GET', 'POST', 'OPTIONS'] });
  return { app, apollo };
}
