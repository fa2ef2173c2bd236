/**
 * Subscriptions on ShopGraph's listener: graphql-sse at `/graphql/stream`, graphql-ws on
 * `/graphql` (WebSocket upgrade), and a clear refusal for a subscription POSTed to `/graphql`
 * (Apollo Server answers single results only). docs/real-time.md is the client's guide.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import type { ShopData } from '../datasources/shop-data';
import type { SubscriptionServing } from './serving';
import { registerSseTransport, SSE_PATH } from './sse-transport';
import { registerWsTransport, WS_PATH } from './ws-transport';

/** How many subscriptions and sockets a listener holds at most (config file `subscriptions`). */
export interface SubscriptionLimits {
  maxPerClient: number;
  maxTotal: number;
}

/** Registers both transports. */
export function registerSubscriptions<TContext extends { stale?: Set<string>; shopData: Pick<ShopData, 'shops'> }>(
  app: FastifyInstance,
  serving: SubscriptionServing<TContext>,
  limits: SubscriptionLimits,
  maxQueryBytes: number,
): void {
  dropUnusedConnectionsOnClose(app);
  registerSseTransport(app, serving);
  // A message is a subscribe request: its query, variables and some framing.
  registerWsTransport(app, serving, { maxConnections: limits.maxTotal, maxMessageBytes: maxQueryBytes + 65_536 });
}

/**
 * Closing ends every stream and socket, and their clients reconnect at once — and fetch's pool
 * keeps a connection it opened for a request it then aborted. Node's server close waits for a
 * connection that has not sent a request yet (it is not "idle"), so such a connection, serving
 * nothing, held the close until the client gave it up (undici: 4 s). On close, those are dropped,
 * and so is any connection made while the app closes.
 */
function dropUnusedConnectionsOnClose(app: FastifyInstance): void {
  const unused = new Set<Socket>();
  let closing = false;
  const track = (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  };
  // Over TLS a request's socket is the TLS socket, made once the handshake is over.
  const tls = app.server instanceof TlsServer;
  app.server.on('connection', (socket: Socket) => {
    if (closing) socket.destroy();
    else if (!tls) track(socket);
  });
  if (tls) app.server.on('secureConnection', track);
  const used = (request: IncomingMessage) => unused.delete(request.socket);
  app.server.on('request', used);
  app.server.on('upgrade', used);
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of unused) socket.destroy();
  });
}

/** Apollo Server plugin: a subscription sent to `/graphql` over HTTP is told where subscriptions are served. */
export function refuseHttpSubscriptions<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          const callback = request.extensions?.subscription !== undefined;
          const message = callback
            ? "ShopGraph does not take HTTP callback subscriptions: configure Apollo Router's passthrough mode (graphql-ws) for this subgraph (docs/real-time.md)"
            : `Subscriptions are served over GraphQL over SSE at ${SSE_PATH} (Accept: text/event-stream) and over graphql-ws at ws(s)://<host>${WS_PATH}, not as a single HTTP response`;
          throw new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        },
      };
    },
  };
}
