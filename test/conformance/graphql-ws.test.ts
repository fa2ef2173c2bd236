/**
 * The GraphQL over WebSocket protocol (`graphql-transport-ws`) as ShopGraph serves it on
 * `ws://…/graphql`, spoken with a bare WebSocket, expectations from graphql-ws's PROTOCOL.md:
 * `connection_init` → `connection_ack`; `ping` → `pong`; `subscribe` → `next`…; errors before
 * execution as one `error` message (no `complete` after it); and the close codes — 4400 an invalid
 * message, 4401 a subscribe before the ack, 4403 a refused connection, 4408 no init in time, 4409 an
 * operation id already active, 4429 a second init.
 * @see https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md
 */
import WebSocket from 'ws';
import { apiClient, ALL_SCOPES, captureLogs, startSecuredStack, type SecuredStack } from '../integration/security/helpers';

const client = apiClient('ws', '*', ALL_SCOPES);
const FIGURES = 'subscription Figures($shopId: ID!, $range: DateRange!) { metricsChanged(shopId: $shopId, range: $range) { from to } }';
const range = { from: '2026-01-01', to: '2026-01-03' };

type Message = { type: string; id?: string; payload?: unknown };

/** A socket speaking graphql-transport-ws, its messages as they come, and how it closed. */
interface Socket {
  send(message: unknown): void;
  /** The next message not yet taken (rejects if the socket closes first). */
  next(): Promise<Message>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

function connect(url: string): Promise<Socket> {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  const queue: Message[] = [];
  const waiting: { resolve: (m: Message) => void; reject: (e: Error) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      waiting.splice(0).forEach((w) => w.reject(new Error(`closed ${code} ${reason.toString()}`)));
    }),
  );
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      expect(ws.protocol).toBe('graphql-transport-ws');
      resolve({
        send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
        next: () => {
          const queued = queue.shift();
          if (queued) return Promise.resolve(queued);
          if (ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('closed'));
          return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
        },
        closed,
        close: () => ws.close(1000),
      });
    });
  });
}

describe('GraphQL over WebSocket (graphql-ws PROTOCOL.md)', () => {
  let stack: SecuredStack;
  let url: string;
  let shopId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startSecuredStack({ logger: captureLogs().logger, config: () => ({ clients: [client.entry] }) });
    url = stack.server.url.replace(/^http/, 'ws');
    shopId = stack.shopIds[0]!;
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(async () => {
    await stack?.close();
  });

  const open = async () => {
    const socket = await connect(url);
    sockets.push(socket);
    return socket;
  };
  /** A socket past `connection_init` (with the API key in its payload, as a browser sends it). */
  const acknowledged = async () => {
    const socket = await open();
    socket.send({ type: 'connection_init', payload: { apiKey: client.key } });
    expect(await socket.next()).toEqual({ type: 'connection_ack' });
    return socket;
  };
  const subscribe = (socket: Socket, id: string, query = FIGURES, variables: Record<string, unknown> = { shopId, range }) =>
    socket.send({ id, type: 'subscribe', payload: { query, variables } });

  it('acknowledges connection_init, answers ping with pong, and streams `next` for a subscription', async () => {
    const socket = await acknowledged();
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
    subscribe(socket, 'a');
    const next = await socket.next();
    expect(next).toMatchObject({ id: 'a', type: 'next', payload: { data: { metricsChanged: range } } });
    expect((next.payload as { errors?: unknown }).errors).toBeUndefined();
    // Completing it, then an id never used: neither is an error, and the socket stays open.
    socket.send({ id: 'a', type: 'complete' });
    socket.send({ id: 'never-used', type: 'complete' });
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
  });

  it.each([
    ['a validation error', 'subscription { nothing }', {}],
    ['a query (ShopGraph serves subscriptions here)', '{ shops { id } }', {}],
  ])('answers %s with one `error` message, and no `complete` after it', async (_what, query, variables) => {
    const socket = await acknowledged();
    subscribe(socket, 'bad', query, variables);
    const error = await socket.next();
    expect(error).toMatchObject({ id: 'bad', type: 'error' });
    expect(Array.isArray(error.payload) && (error.payload as { message?: unknown }[]).every((e) => typeof e.message === 'string')).toBe(true);
    socket.send({ type: 'ping' });
    expect(await socket.next()).toEqual({ type: 'pong' });
  });

  it('closes with 4409 when a subscribe reuses the id of an active operation', async () => {
    const socket = await acknowledged();
    subscribe(socket, 'same');
    expect(await socket.next()).toMatchObject({ id: 'same', type: 'next' });
    subscribe(socket, 'same');
    expect(await socket.closed).toEqual({ code: 4409, reason: 'Subscriber for same already exists' });
  });

  it('closes with 4401 on a subscribe before the connection is acknowledged', async () => {
    const socket = await open();
    subscribe(socket, 'early');
    expect((await socket.closed).code).toBe(4401);
  });

  it.each([
    ['a message of an unknown type', { type: 'nope' }],
    ['a message that is not JSON', '{"type":'],
    ['a subscribe without an id', { type: 'subscribe', payload: { query: FIGURES } }],
  ])('closes with 4400 on %s', async (_what, message) => {
    const socket = await acknowledged();
    socket.send(message);
    expect((await socket.closed).code).toBe(4400);
  });

  it('closes with 4429 on a second connection_init', async () => {
    const socket = await acknowledged();
    socket.send({ type: 'connection_init', payload: { apiKey: client.key } });
    expect((await socket.closed).code).toBe(4429);
  });

  it('closes with 4403 a connection_init without valid credentials', async () => {
    const socket = await open();
    socket.send({ type: 'connection_init', payload: { apiKey: 'sg_test_wrong_kkkkkkkkkkkkkkkkkkkkkkkk' } });
    const closed = await socket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/^Forbidden/);
  });

  it('closes with 4408 a socket that never sends connection_init', async () => {
    const socket = await open();
    expect((await socket.closed).code).toBe(4408);
  });
});
