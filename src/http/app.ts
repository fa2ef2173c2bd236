import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../telemetry/logger';
import type { GraphContext } from '../resolvers/context';
import { formatError } from './format-error';
import { randomUUID } from 'node:crypto';
import type { Telemetry } from '../telemetry/metrics';
import { useMetrics } from '../telemetry/use-metrics';
import { registerMetricsRoute } from './metrics-route';

/** What `/readyz` reports. */
export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** Options of {@link createApp}. */
export interface AppOptions {
  schema: GraphQLSchema;
  /** Builds a request's context (its DataLoaders are new for every request). */
  context: () => Promise<GraphContext>;
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
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The fastify app: `/graphql` (POST and GET, CSRF prevention on), `/healthz`, `/readyz`. */
export async function createApp(options: AppOptions): Promise<{ app: FastifyInstance; apollo: ApolloServer<GraphContext> }> {
  const development = options.development ?? false;
  const app: FastifyInstance = Fastify({ loggerInstance: options.logger as FastifyBaseLogger, bodyLimit: options.bodyLimit ?? 1_048_576,
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
  const apollo = new ApolloServer<GraphContext>({
    schema: options.schema,
    introspection: options.introspection ?? development,
    csrfPrevention: true,
    formatError: formatError(development),
    includeStacktraceInErrorResponses: development,
    plugins: [
      fastifyApolloDrainPlugin(app),
      development
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      ...(options.inlineTracing ? [] : [ApolloServerPluginInlineTraceDisabled()]),
      ...(options.telemetry ? [useMetrics<GraphContext>(options.telemetry)] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const readiness = await options.readiness();
    return reply.code(readiness.status === 'unavailable' ? 503 : 200).send(readiness);
  });
  if (options.telemetry) registerMetricsRoute(app, options.telemetry, options.metricsToken);
  await app.register(fastifyApollo(apollo), { context: options.context, path: '/graphql', method: ['GET', 'POST', 'OPTIONS'] });
  return { app, apollo };
}
