import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { startStack } from '../../helpers/stack';

// The OTLP/HTTP exporter itself loads node:http through a dynamic import that jest's VM cannot
// run; it is the library's part. What is ShopGraph's — which spans exist and how they nest — is
// checked here with an in-memory exporter.
/** Keeps its spans after shutdown (the in-memory exporter clears them). */
class KeepingExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('OpenTelemetry traces', () => {
  it('makes a span per operation with the upstream calls under it', async () => {
    const exporter = new KeepingExporter();
    const stack = await startStack({ extras: { spanExporter: exporter } });
    const res = await stack.gql('query ShopNames { shops { id name } }');
    expect(res.errors).toBeUndefined();
    await stack.close(); // flushes the batch processor
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.name === 'graphql ShopNames');
    const upstream = spans.find((s) => s.name === 'partner /authorization/202309/shops');
    expect(operation).toBeDefined();
    expect(upstream).toBeDefined();
    expect(upstream!.parentSpanContext?.spanId ?? (upstream as unknown as { parentSpanId?: string }).parentSpanId).toBe(operation!.spanContext().spanId);
    expect(upstream!.attributes['shopgraph.upstream.code']).toBe(0);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain(stack.emulator.tokens.appSecret);
  });
});
