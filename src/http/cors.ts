/**
 * Cross-origin access for browser apps on other origins (`@fastify/cors`): only the configured
 * exact origins, never a wildcard, so `Access-Control-Allow-Credentials` can never meet `*`.
 * Apollo's CSRF prevention stays on beside it: a cross-origin request it accepts always went
 * through a preflight this allow-list answered.
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 */
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { isExactOrigin } from '../config/origin';

/** Who may call from another origin. */
export interface CorsSettings {
  /** Exact origins (`scheme://host[:port]`), as browsers send them in `Origin`. */
  origins: readonly string[];
  /** Let the page send cookies or HTTP authentication (`Access-Control-Allow-Credentials`). @default false */
  credentials?: boolean;
  /** How long a browser may keep a preflight's answer, in seconds. @default 600 */
  maxAgeSeconds?: number;
}

/**
 * Request headers a cross-origin caller may send: content type (JSON is not a simple request,
 * which is what CSRF prevention relies on), credentials, Apollo's preflight and client headers,
 * and the request id and W3C trace context that join logs and traces.
 */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
  'traceparent',
  'tracestate',
] as const;

/** Response headers a cross-origin page may read: ShopGraph's own, and when to retry. */
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'x-shopgraph-cost', 'x-shopgraph-stale', 'retry-after'] as const;

/**
 * Registers CORS on the app. A preflight from an allowed origin is answered 204 with the
 * `Access-Control-*` headers; one from any other origin 403, without them; requests without an
 * `Origin` (same-origin pages, servers) pass as they are.
 */
export async function useCors(app: FastifyInstance, settings: CorsSettings = { origins: [] }): Promise<void> {
  const allowed = new Set(settings.origins.filter(isExactOrigin));
  await app.register(fastifyCors, {
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    credentials: settings.credentials ?? false,
    methods: ['GET', 'POST'],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: settings.maxAgeSeconds ?? 600,
    strictPreflight: true,
  });
  // Whatever an allowed preflight did not answer: say why instead of a bare 404.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (request.method !== 'OPTIONS' || origin === undefined || request.headers['access-control-request-method'] === undefined) return;
    if (allowed.has(origin)) return;
    return reply.code(403).send({
      errors: [
        {
          message: `Cross-origin requests from ${JSON.stringify(origin)} are not allowed (cors.origins in the config file)`,
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  });
}

/** The config file's `cors`, with its defaults when the file has none. */
export function corsSettings(config: { file: { cors?: CorsSettings } }): CorsSettings {
  const file = config.file.cors;
  return { ...file, origins: [...new Set(file?.origins ?? [])] };
}
