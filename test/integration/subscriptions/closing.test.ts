/**
 * Closing a server with subscribers: every SSE stream ends, every graphql-ws socket closes with
 * 1001 (Going Away), and a connection that has sent no request yet — what fetch's pool keeps for a
 * request it aborted, or a client reconnecting at once — is dropped rather than waited for (Node's
 * close waits for it: it is not idle). Without that, closing waited until the client gave it up.
 */
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { startStack, type Stack } from '../../helpers/stack';
import { sseUrl, wsUrl } from './clients';

const ORDERS = 'subscription Orders($shopId: ID!) { orderChanged(shopId: $shopId) { orderId } }';

describe('closing a server with subscribers', () => {
  let stack: Stack;
  let closing: Promise<void> | undefined;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    // The test closes the server (unless it failed before); the emulator is left.
    await (closing ?? stack?.server.close());
    await stack?.emulator.close();
  });

  it('ends streams and sockets, and drops a connection that never sent a request', async () => {
    const shopId = stack.emulator.store.shops()[0]!.id;
    const stream = await fetch(sseUrl(stack.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: ORDERS, variables: { shopId } }),
    });
    expect(stream.status).toBe(200);
    const streamText = stream.text();

    const ws = new WebSocket(wsUrl(stack.server.url), 'graphql-transport-ws');
    const wsClosed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => resolve());
    });

    const { port } = new URL(stack.server.url);
    const idle: Socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      idle.once('error', reject);
      idle.once('connect', () => resolve());
    });
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));

    closing = stack.server.close();
    await closing;
    // The stream ended (no `complete`: the server went away, the client may reconnect elsewhere).
    expect(await streamText).not.toContain('event: complete');
    expect(await wsClosed).toBe(1001);
    await idleClosed;
  });
});
