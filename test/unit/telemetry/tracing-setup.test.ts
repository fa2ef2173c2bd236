import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { startTracing, tracesUrl } from '../../../src/telemetry/tracing';

class KeepingExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('tracesUrl', () => {
  it('follows OpenTelemetry’s exporter variables', () => {
    expect(tracesUrl({})).toBeUndefined();
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom' })).toBe(
      'http://traces:9999/custom',
    );
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom' })).toBe('http://traces:9999/custom');
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: true })).toBeUndefined();
  });
});

describe('startTracing', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  async function oneSpan(): Promise<Record<string, unknown>> {
    const exporter = new KeepingExporter();
    const tracing = startTracing(exporter);
    trace.getTracer('test').startSpan('probe').end();
    await tracing.shutdown();
    return exporter.getFinishedSpans()[0]!.resource.attributes;
  }

  it('names the service "shopgraph" by default (never unknown_service:node), and what OTEL_SERVICE_NAME says otherwise', async () => {
    delete process.env.OTEL_SERVICE_NAME;
    delete process.env.OTEL_RESOURCE_ATTRIBUTES;
    expect((await oneSpan())['service.name']).toBe('shopgraph');
    // Shut down, it lets the next one register: servers in one process can trace one after another.
    process.env.OTEL_SERVICE_NAME = 'roi-api';
    expect((await oneSpan())['service.name']).toBe('roi-api');
    delete process.env.OTEL_SERVICE_NAME;
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'service.name=from-attributes,service.version=1.2.3';
    expect(await oneSpan()).toMatchObject({ 'service.name': 'from-attributes', 'service.version': '1.2.3' });
  });
});
