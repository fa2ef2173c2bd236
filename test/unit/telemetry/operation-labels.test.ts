import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Telemetry } from '../../../src/telemetry/metrics';
import { MAX_OPERATION_LABELS, useMetrics } from '../../../src/telemetry/use-metrics';

/**
 * Issue 17, finding 4: every distinct operation name became permanent `/metrics` series, refused
 * operations included (218,002 series, a 17.8 MB scrape). Names are labels only for operations
 * that ran, at most MAX_OPERATION_LABELS of them; the rest fold into `other`.
 */
type Listener = GraphQLRequestListener<object>;

/** Drives the plugin through one request as Apollo Server would. */
async function request(plugin: ApolloServerPlugin<object>, operationName: string | null, ran: boolean, failed = false): Promise<void> {
  const listener = (await plugin.requestDidStart?.({} as never)) as Listener;
  if (ran) await listener.executionDidStart?.({} as never);
  const errors = failed ? [{ message: 'refused' }] : undefined;
  await listener.willSendResponse?.({
    operationName,
    errors,
    response: { body: { kind: 'single', singleResult: { data: ran ? {} : undefined, errors } } },
  } as never);
}

async function series(telemetry: Telemetry): Promise<string[]> {
  const metric = await telemetry.operations.get();
  return metric.values.map((v) => String(v.labels.operation));
}

describe('operation name labels', () => {
  it('stay bounded however many distinct names clients send (10,000 here)', async () => {
    const telemetry = new Telemetry({ processMetrics: false });
    const plugin = useMetrics<object>(telemetry);
    for (let i = 0; i < 10_000; i++) await request(plugin, `Op${i}`, true);
    const names = new Set(await series(telemetry));
    expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
    expect(names).toContain('other');
    expect(names).toContain('Op0');
    const histogram = await telemetry.operationDuration.get();
    expect(new Set(histogram.values.map((v) => v.labels.operation)).size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
  });

  it('fold refused operations (never executed) into other, whatever their name', async () => {
    const telemetry = new Telemetry({ processMetrics: false });
    const plugin = useMetrics<object>(telemetry);
    for (let i = 0; i < 500; i++) await request(plugin, `Refused${i}`, false, true);
    expect(new Set(await series(telemetry))).toEqual(new Set(['other']));
  });

  it('keep a name that ran, and anonymous operations as anonymous', async () => {
    const telemetry = new Telemetry({ processMetrics: false });
    const plugin = useMetrics<object>(telemetry);
    await request(plugin, 'Dashboard', true);
    await request(plugin, 'Dashboard', false, true);
    await request(plugin, null, true);
    await request(plugin, `Long${'x'.repeat(200)}`, true);
    expect((await telemetry.operations.get()).values.map((v) => v.labels).sort((a, b) => String(a.operation).localeCompare(String(b.operation)))).toEqual(
      [
        { operation: 'Dashboard', outcome: 'ok' },
        { operation: 'Dashboard', outcome: 'error' },
        { operation: 'anonymous', outcome: 'ok' },
        { operation: 'other', outcome: 'ok' },
      ].sort((a, b) => a.operation.localeCompare(b.operation)),
    );
  });
});
