/**
 * Subscriptions over WebSocket, the GraphQL over WebSocket protocol (graphql-ws,
 * `graphql-transport-ws`), at `ws(s)://…/graphql`: what Apollo Router's passthrough mode and most
 * GraphQL clients speak. The connection is authenticated once, at `connection_init`, from the
 * handshake's headers (`Authorization`, `x-api-key`: servers and routers can send them) or,
 * since browsers cannot set headers on a WebSocket, from the init payload (`Authorization`,
 * `x-api-key`, `apiKey` or `token`); every subscription on it is then admitted like a query.
 * @see https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { ShopData } from '../datasources/shop-data';
import type { Caller } from '../security/caller';
import { IDENTITY_HEADER } from '../security/identity';
import { originProblem } from './origin-policy';
import { formatErrors, formatResult, openSubscription, type OpenedSubscription, type SubscriptionServing } from './serving';

/** Where the WebSocket transport accepts upgrades: the GraphQL endpoint itself. */
export const WS_PATH = '/graphql';

/** Settings of {@link registerWsTransport}. */
export interface WsTransportSettings {
  /** Open WebSockets at once (each costs a socket even without a subscription). */
  maxConnections: number;
  /** Largest client message, in bytes. */
  maxMessageBytes: number;
  /** Ping interval; a socket without a pong by the next one is dropped. @default 12000 */
  keepAliveMs?: number;
}

type Params = Record<string, unknown> | undefined;

/** The headers to authenticate with: the handshake's credentials, else the init payload's. */
export function credentialHeaders(headers: IncomingHttpHeaders, params: Params): IncomingHttpHeaders {
  if (headers.authorization !== undefined || headers['x-api-key'] !== undefined || headers[IDENTITY_HEADER] !== undefined) return headers;
  const text = (key: string) => (typeof params?.[key] === 'string' ? (params[key] as string) : undefined);
  const authorization = text('Authorization') ?? text('authorization');
  if (authorization !== undefined) return { ...headers, authorization };
  const apiKey = text('x-api-key') ?? text('apiKey');
  if (apiKey !== undefined) return { ...headers, 'x-api-key': apiKey };
  const token = text('token');
  if (token !== undefined) return { ...headers, authorization: /^bearer /i.test(token) ? token : `Bearer ${token}` };
  return headers;
}

function reject(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ errors: [{ message: reason, extensions: { code: status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST' } }] });
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Service Unavailable'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** A close reason fits in 123 bytes. */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${text.slice(0, 100)}…`;
}

/** Serves graphql-ws on the app's listener; closing the app closes every socket (1001). */
export function registerWsTransport<TContext extends { stale?: Set<string>; shopData: Pick<ShopData, 'shops'> }>(
  app: FastifyInstance,
  serving: SubscriptionServing<TContext>,
  settings: WsTransportSettings,
): void {
  const s = serving as SubscriptionServing<never>;
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
  const connections = new WeakMap<Context<Params, Extra>, { caller: Caller; requestId: string }>();
  const operations = new WeakMap<object, OpenedSubscription>();
  const server = useServer<Params>(
    {
      schema: serving.schema,
      onConnect: async (ctx) => {
        const { request, socket } = ctx.extra;
        try {
          const caller = await serving.authenticator.authenticate(credentialHeaders(request.headers, ctx.connectionParams));
          const given = request.headers['x-request-id'];
          connections.set(ctx, { caller, requestId: typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID() });
          return true;
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          // graphql-ws's own refusal is a bare "Forbidden"; this one says why.
          socket.close(CloseCode.Forbidden, closeReason(`Forbidden: ${error.message}`));
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const connection = connections.get(ctx);
        if (!connection) return [new GraphQLError('Unauthorized', { extensions: { code: 'UNAUTHENTICATED' } })];
        const request = { headers: ctx.extra.request.headers, id: connection.requestId };
        const opened = await openSubscription(serving, connection.caller, request, payload, 'ws');
        if (!opened.ok) return opened.errors;
        const token = {};
        operations.set(token, opened);
        return { schema: serving.schema, document: opened.document, operationName: opened.operationName, contextValue: token };
      },
      subscribe: (args) => {
        const opened = operations.get(args.contextValue as object);
        if (!opened) throw new Error('subscription started without admission');
        return opened.start();
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const formatted = formatResult(s, result);
        return { ...formatted, errors: formatted.errors?.map((e) => e.toJSON()) };
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(s, errors),
    },
    wss,
    settings.keepAliveMs ?? 12_000,
  );

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== WS_PATH) return reject(socket, 404, `WebSocket subscriptions are served at ${WS_PATH}`);
    const problem = originProblem(request.headers, serving.allowedOrigins);
    if (problem) return reject(socket, 403, problem);
    if (wss.clients.size >= settings.maxConnections) return reject(socket, 503, `Too many WebSocket connections (${settings.maxConnections}); try again later`);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  app.addHook('preClose', async () => {
    await server.dispose();
  });
}
