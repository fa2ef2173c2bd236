import type { GraphQLDataSource } from '@apollo/gateway';
import { Counter, Histogram } from 'prom-client';
import type { Telemetry } from '../telemetry/metrics';
import type { GatewayContext } from './context';

/**
 * Counts and times every subgraph fetch on the gateway's `/metrics`
 * (`shopgraph_subgraph_fetches_total{subgraph,outcome}`, `outcome` `ok` or `error` when the answer
 * holds errors, and `shopgraph_subgraph_fetch_duration_seconds{subgraph}`).
 */
export function subgraphMetrics(telemetry: Telemetry): (name: string, source: GraphQLDataSource<GatewayContext>) => GraphQLDataSource<GatewayContext> {
  const fetches = new Counter({
    name: 'shopgraph_subgraph_fetches_total',
    help: 'Gateway fetches to each subgraph, by outcome (ok, error).',
    labelNames: ['subgraph', 'outcome'] as const,
    registers: [telemetry.registry],
  });
  const duration = new Histogram({
    name: 'shopgraph_subgraph_fetch_duration_seconds',
    help: 'Gateway fetch duration by subgraph.',
    labelNames: ['subgraph'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [telemetry.registry],
  });
  return (name, source) => ({
    async process(options) {
      const stop = duration.startTimer({ subgraph: name });
      try {
        const response = await source.process(options);
        fetches.inc({ subgraph: name, outcome: response.errors?.length ? 'error' : 'ok' });
        return response;
      } catch (error) {
        fetches.inc({ subgraph: name, outcome: 'error' });
        throw error;
      } finally {
        stop();
      }
    },
  });
}
