/**
 * Subscriptions over Server-Sent Events, the GraphQL over SSE protocol (graphql-sse), at
 * `/graphql/stream`: `POST` a GraphQL request (or `GET` with `query`, `variables`,
 * `operationName` parameters, as `EventSource` can) with `Accept: text/event-stream`; the answer
 * is a stream of `next` events and a `complete`. Distinct connections mode only: the protocol's
 * single-connection mode keeps reserved streams in one process's memory by a client-chosen token
 * (unbounded, and lost behind a load balancer). A refusal — credentials, scope, cost, too many
 * subscriptions — is a plain JSON answer with its HTTP status, before any stream starts.
 * @see https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md
 */
import { once } from 'node:events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { createHandler, type OperationResult, type Response as SseResponse } from 'graphql-sse';
import type { ShopData } from '../datasources/shop-data';
import type { Caller } from '../security/caller';
import { originProblem } from './origin-policy';
import { formatErrors, formatResult, openSubscription, type OpenedSubscription, type SubscriptionServing } from './serving';

/** Where the SSE transport listens. */
export const SSE_PATH = '/graphql/stream';

/** What the handler's `onSubscribe` needs to know about the request it runs for. */
interface Pending {
  caller: Caller;
  reply: FastifyReply;
}

/** The operation's context as graphql-sse carries it: the admitted subscription, started by `subscribe`. */
type Holder = Record<PropertyKey, unknown> & { opened: OpenedSubscription; reply: FastifyReply };

const STREAM_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  // Proxies (nginx) must pass events as they come.
  'x-accel-buffering': 'no',
};

function json(
  reply: FastifyReply,
  status: number,
  errors: GraphQLError[],
  serving: SubscriptionServing<never>,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .code(status)
    .headers(headers)
    .type('application/json; charset=utf-8')
    .send({ errors: formatErrors(serving, errors) });
}

/** Resolves when the response can take more (or is gone). */
function drained(reply: FastifyReply): Promise<void> {
  const raw = reply.raw;
  if (!raw.writableNeedDrain || raw.destroyed) return Promise.resolve();
  return Promise.race([once(raw, 'drain'), once(raw, 'close')]).then(() => undefined);
}

/** Registers `GET|POST /graphql/stream`; open streams end when the app closes. */
export function registerSseTransport<TContext extends { stale?: Set<string>; shopData: Pick<ShopData, 'shops'> }>(
  app: FastifyInstance,
  serving: SubscriptionServing<TContext>,
): void {
  const pending = new WeakMap<FastifyRequest, Pending>();
  const open = new Set<AsyncGenerator<string, void, undefined>>();
  const handler = createHandler<FastifyRequest, undefined, Holder>({
    schema: serving.schema,
    // No stream tokens: distinct connections mode only.
    authenticate: () => null,
    onSubscribe: async (req, params): Promise<SseResponse | OperationResult | (ExecutionArgs & { contextValue: Holder })> => {
      const request = req.raw;
      const known = pending.get(request);
      if (!known) throw new Error('subscription request without its caller');
      const opened = await openSubscription(serving, known.caller, { headers: request.headers, id: request.id }, params, 'sse');
      if (!opened.ok) {
        const body = JSON.stringify({ errors: formatErrors(serving as SubscriptionServing<never>, opened.errors) });
        const refusal = (status: number, headers: Record<string, string> = {}): SseResponse => [
          body,
          { status, statusText: 'Refused', headers: { 'content-type': 'application/json; charset=utf-8', ...headers } },
        ];
        // GraphQL over HTTP: a mutation over GET is 405, whatever the endpoint does with mutations.
        if (opened.document?.operationType === 'mutation' && req.method === 'GET') return refusal(405, { allow: 'POST' });
        // The protocol: what fails before execution (syntax, validation, the operation, its
        // variables) is reported in an accepted stream, as a `next` with the errors, then `complete`;
        // an HTTP error would leave an EventSource with nothing to say.
        if (opened.document) return refusedInStream(opened.errors);
        return refusal(opened.status, opened.headers);
      }
      return { schema: serving.schema, document: opened.document, operationName: opened.operationName, contextValue: { opened, reply: known.reply } };
    },
    subscribe: (args) => {
      const { opened, reply } = args.contextValue;
      return opened.start(() => drained(reply));
    },
    onNext: (_ctx, _req, result) => formatResult(serving as SubscriptionServing<never>, result),
  });

  app.route({
    method: ['GET', 'POST'],
    url: SSE_PATH,
    handler: async (request, reply) => {
      const s = serving as SubscriptionServing<never>;
      const problem = originProblem(request.headers, serving.allowedOrigins);
      if (problem) return json(reply, 403, [new GraphQLError(problem, { extensions: { code: 'FORBIDDEN' } })], s);
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
        return json(
          reply,
          406,
          [
            new GraphQLError(`${SSE_PATH} streams subscriptions (GraphQL over SSE): send "Accept: text/event-stream"; queries and mutations go to /graphql`, {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ],
          s,
        );
      }
      let caller: Caller;
      try {
        caller = await serving.authenticator.authenticate(request.headers);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return json(reply, 401, [error], s, { 'www-authenticate': 'Bearer' });
      }
      pending.set(request, { caller, reply });
      const [body, init] = await handler({
        method: request.method,
        url: request.url,
        // graphql-sse recognizes the stream by this exact value.
        headers: { get: (key) => (key === 'accept' ? 'text/event-stream' : headerValue(request, key)) },
        body: (request.body ?? null) as Record<string, unknown> | null,
        raw: request,
        context: undefined,
      });
      if (body === null || typeof body === 'string')
        return reply
          .code(init.status)
          .headers(init.headers ?? {})
          .send(body ?? '');
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(init.status, { ...stringHeaders(reply.getHeaders()), ...STREAM_HEADERS, ...init.headers });
      raw.flushHeaders();
      open.add(body);
      const stop = () => void body.return(undefined);
      raw.once('close', stop);
      try {
        for await (const chunk of body) {
          if (raw.destroyed) break;
          raw.write(chunk);
        }
      } finally {
        raw.off('close', stop);
        open.delete(body);
        raw.end();
      }
    },
  });
  // The protocol's single connection mode (PUT reserves a stream, DELETE stops an operation) is
  // not served: say so, rather than a bare 404.
  app.route({
    method: ['PUT', 'DELETE'],
    url: SSE_PATH,
    handler: async (_request, reply) =>
      json(
        reply.header('allow', 'GET, POST'),
        405,
        [
          new GraphQLError(`${SSE_PATH} serves GraphQL over SSE in distinct connections mode only (GET or POST, one stream per operation)`, {
            extensions: { code: 'BAD_REQUEST' },
          }),
        ],
        serving as SubscriptionServing<never>,
      ),
  });
  // Streams never end by themselves: end them, or closing the server would wait for them forever.
  app.addHook('preClose', async () => {
    await Promise.all([...open].map((body) => body.return(undefined)));
  });
}

/** One result carrying `errors` (formatted by `onNext`), then the stream completes. */
async function* refusedInStream(errors: GraphQLError[]): AsyncGenerator<{ errors: GraphQLError[] }> {
  yield { errors };
}

function headerValue(request: FastifyRequest, key: string): string | null {
  const value = request.headers[key.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

function stringHeaders(headers: ReturnType<FastifyReply['getHeaders']>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : String(value);
  return out;
}
