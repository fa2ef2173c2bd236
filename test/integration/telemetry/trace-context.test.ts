import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/telemetry/logger';
import { emulatorEnv } from '../../helpers/stack';

/**
 * Traces that join: a caller's W3C `traceparent` makes ShopGraph's spans part of the caller's
 * trace, ShopGraph sends the trace on to TikTok (here the emulator, behind a proxy that records
 * what it receives), and the spans carry the service name OpenTelemetry's variables give.
 */
class KeepingExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const saved = { ...process.env };
const exporter = new KeepingExporter();
const received: { path: string; headers: IncomingHttpHeaders }[] = [];
let emulator: EmulatorHandle;
let proxy: Server;
let server: RunningServer;
let spans: ReadableSpan[];

/** TikTok's side of the wire: forwards to the emulator, keeping each request's headers. */
function recordingProxy(target: string): Promise<Server> {
  const proxyServer = createServer((req, res) => {
    received.push({ path: req.url ?? '', headers: req.headers });
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => proxyServer.listen(0, '127.0.0.1', () => resolve(proxyServer)));
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

beforeAll(async () => {
  process.env.OTEL_SERVICE_NAME = 'shopgraph-ci';
  process.env.OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment.name=ci,service.namespace=roi';
  emulator = await startEmulator({ port: 0, seed: 'test', shops: 1, days: 5, ordersPerDay: 5 });
  proxy = await recordingProxy(emulator.url);
  const via = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  server = await startServer(loadConfig({ ...emulatorEnv(emulator), TTS_API_BASE_URL: via }), silentLogger, { spanExporter: exporter });
  const shopId = emulator.store.shops()[0]!.id;
  received.length = 0;
  const ask = (query: string, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables: { shopId } }) });
  const joined = await ask('query JoinedOrders($shopId: ID!) { shop(id: $shopId) { orders(first: 2) { nodes { id } } } }', {
    traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
    tracestate: 'vendor=opaque',
  });
  expect(joined.status).toBe(200);
  const alone = await ask('query OwnTrace($shopId: ID!) { shop(id: $shopId) { products(first: 2) { nodes { id } } } }');
  expect(alone.status).toBe(200);
  await server.close(); // flushes the batch processor
  spans = exporter.getFinishedSpans();
});

afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => proxy?.close(resolve));
  await emulator?.close();
});

it('makes the request’s span a child of the caller’s span, in the caller’s trace', () => {
  const operation = spans.find((s) => s.name === 'graphql JoinedOrders');
  expect(operation).toBeDefined();
  expect(operation!.spanContext().traceId).toBe(TRACE_ID);
  expect(parentOf(operation!)).toBe(CALLER_SPAN);
  const upstream = spans.filter((s) => s.spanContext().traceId === TRACE_ID && s.name.startsWith('partner '));
  expect(upstream.length).toBeGreaterThan(0);
  for (const span of upstream) expect(parentOf(span)).toBe(operation!.spanContext().spanId);
});

it('sends the trace on to TikTok: traceparent names ShopGraph’s span in the caller’s trace, tracestate kept', () => {
  const operation = spans.find((s) => s.name === 'graphql JoinedOrders')!;
  const orderCalls = received.filter((r) => r.path.startsWith('/order/'));
  expect(orderCalls.length).toBeGreaterThan(0);
  for (const call of orderCalls.filter((c) => String(c.headers.traceparent).includes(TRACE_ID))) {
    expect(call.headers.traceparent).toBe(`00-${TRACE_ID}-${operation.spanContext().spanId}-01`);
    expect(call.headers.tracestate).toBe('vendor=opaque');
  }
  expect(orderCalls.some((c) => String(c.headers.traceparent).includes(TRACE_ID))).toBe(true);
});

it('starts a trace of its own for a caller without one, and still tells TikTok', () => {
  const operation = spans.find((s) => s.name === 'graphql OwnTrace');
  expect(operation).toBeDefined();
  expect(operation!.spanContext().traceId).not.toBe(TRACE_ID);
  expect(parentOf(operation!)).toBeUndefined();
  const productCalls = received.filter((r) => r.path.startsWith('/product/'));
  expect(productCalls.map((c) => String(c.headers.traceparent).split('-')[1])).toContain(operation!.spanContext().traceId);
});

it('names the service as OTEL_SERVICE_NAME says, with OTEL_RESOURCE_ATTRIBUTES beside it', () => {
  const attributes = spans[0]!.resource.attributes;
  expect(attributes['service.name']).toBe('shopgraph-ci');
  expect(attributes['deployment.environment.name']).toBe('ci');
  expect(attributes['service.namespace']).toBe('roi');
});
