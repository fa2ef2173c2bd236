import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UpstreamAttempt } from '../datasources/upstream-observer';

const tracer = () => trace.getTracer('shopgraph');
const spans = new WeakMap<FastifyRequest, Span>();

/** A running trace exporter. */
export interface Tracing {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Exports OpenTelemetry traces over OTLP/HTTP to `endpoint` (the OTEL_EXPORTER_OTLP_ENDPOINT
 * base; spans go to `{endpoint}/v1/traces`). Batched and asynchronous: an unreachable collector
 * never slows or fails a request. Without a call to this, every span is a no-op. An exporter
 * object instead of an endpoint sends spans elsewhere (tests keep them in memory).
 */
export function startTracing(endpoint: string | SpanExporter): Tracing {
  // Loaded only when tracing is on: the SDK and the exporter cost about 16 MB of memory.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { BatchSpanProcessor, NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const exporter =
    typeof endpoint === 'string'
      ? new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces`, timeoutMillis: 5000 })
      : endpoint;
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  return {
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/** One span per HTTP request, active while fastify handles it, so upstream spans nest under it. */
export function traceRequests(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    // Named after the route, never the path a client typed: span names stay a bounded set.
    const span = tracer().startSpan(`${req.method} ${req.routeOptions.url ?? '(no route)'}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'shopgraph.request_id': req.id },
    });
    spans.set(req, span);
    context.with(trace.setSpan(context.active(), span), done);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const span = spans.get(req);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

/** Names the current request's span after the GraphQL operation. */
export function nameOperationSpan(operationName: string | undefined): void {
  const span = trace.getActiveSpan();
  if (span && operationName) {
    span.updateName(`graphql ${operationName}`);
    span.setAttribute('graphql.operation.name', operationName);
  }
}

/** Records one upstream attempt as a client span under the active request span. */
export function traceUpstream(a: UpstreamAttempt): void {
  const span = tracer().startSpan(`${a.api} ${a.path}`, {
    kind: SpanKind.CLIENT,
    startTime: a.startedAt,
    attributes: {
      'shopgraph.upstream.api': a.api,
      'shopgraph.upstream.path': a.path,
      'shopgraph.upstream.attempt': a.attempt,
      ...(a.code === undefined ? {} : { 'shopgraph.upstream.code': a.code }),
      'shopgraph.rate_limit_wait_ms': a.waitedMs,
    },
  });
  if (a.errorKind) span.setStatus({ code: SpanStatusCode.ERROR, message: a.errorKind });
  span.end(a.startedAt + a.latencyMs);
}
