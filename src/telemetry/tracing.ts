import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UpstreamAttempt } from '../upstream/upstream-observer';
import { propagateOnFetch } from './trace-propagation';

const tracer = () => trace.getTracer('shopgraph');
const spans = new WeakMap<FastifyRequest, Span>();

/** A running trace exporter. */
export interface Tracing {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The variables that decide where traces go (OpenTelemetry's own names). */
export interface TracingEnv {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SDK_DISABLED?: boolean;
}

/**
 * Where spans go, per OpenTelemetry's variables: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, else
 * `{OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`; none (no tracing) when neither is set or
 * `OTEL_SDK_DISABLED=true`.
 * @see https://opentelemetry.io/docs/specs/otel/protocol/exporter/
 */
export function tracesUrl(env: TracingEnv): string | undefined {
  if (env.OTEL_SDK_DISABLED) return undefined;
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return env.OTEL_EXPORTER_OTLP_ENDPOINT && `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`;
}

/**
 * Exports OpenTelemetry traces over OTLP/HTTP to `url` (see {@link tracesUrl}); the exporter reads
 * its other variables itself (`OTEL_EXPORTER_OTLP_HEADERS`, `…_TIMEOUT`, `…_COMPRESSION`). The
 * resource is the SDK's own detection: `service.name` is `shopgraph` unless `OTEL_SERVICE_NAME` or
 * `OTEL_RESOURCE_ATTRIBUTES` say otherwise, plus the host and OS. W3C trace context (or
 * `OTEL_PROPAGATORS`) is read from incoming requests and written on every outgoing fetch (TikTok,
 * subgraphs). Batched and asynchronous: an unreachable collector never slows or fails a request.
 * Without a call to this, every span is a no-op. An exporter object instead of a URL sends spans
 * elsewhere (tests keep them in memory).
 */
export function startTracing(url: string | SpanExporter): Tracing {
  // Loaded only when tracing is on: the SDK and the exporter cost about 16 MB of memory.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { BatchSpanProcessor, NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { defaultResource, detectResources, envDetector, hostDetector, osDetector, resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const exporter = typeof url === 'string' ? new OTLPTraceExporter({ url }) : url;
  // Later wins: the SDK's defaults, ShopGraph's name, then what the host and the environment say.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'shopgraph' }))
    .merge(detectResources({ detectors: [hostDetector, osDetector, envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  const stopPropagating = propagateOnFetch();
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      stopPropagating();
      await provider.shutdown();
      // Another server in this process (tests, benchmarks) may start tracing afresh.
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * One span per HTTP request, active while fastify handles it, so upstream spans nest under it. A
 * W3C `traceparent` (and `tracestate`) the caller sent makes it a child of the caller's span: one
 * trace from the browser or router through ShopGraph to TikTok.
 */
export function traceRequests(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    // Named after the route, never the path a client typed: span names stay a bounded set.
    const route = req.routeOptions.url;
    const span = tracer().startSpan(
      `${req.method} ${route ?? '(no route)'}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, ...(route ? { 'http.route': route } : {}), 'shopgraph.request_id': req.id },
      },
      parent,
    );
    spans.set(req, span);
    context.with(trace.setSpan(parent, span), done);
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
