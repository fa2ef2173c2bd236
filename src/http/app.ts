import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../telemetry/logger';
import type { GraphContext } from '../resolvers/context';
import { formatError } from './format-error';

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
}

/** The fastify app: `/graphql` (POST and GET, CSRF prevention on), `/healthz`, `/readyz`. */
export async function createApp(options: AppOptions): Promise<{ app: FastifyInstance; apollo: ApolloServer<GraphContext> }> {
  const development = options.development ?? false;
  const app: FastifyInstance = Fastify({ loggerInstance: options.logger as FastifyBaseLogger, bodyLimit: options.bodyLimit ?? 1_048_576,
    logController: new LogController({ disableRequestLogging: true }),
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
    ],
  });
  await apollo.start();

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const readiness = await options.readiness();
    return reply.code(readiness.status === 'unavailable' ? 503 : 200).send(readiness);
  });
  await app.register(fastifyApollo(apollo), { context: options.context, path: '/graphql', method: ['GET', 'POST', 'OPTIONS'] });
  return { app, apollo };
}
