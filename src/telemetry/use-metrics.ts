import type { ApolloServerPlugin } from '@apollo/server';
import type { Telemetry } from './metrics';
import { nameOperationSpan } from './tracing';

/**
 * Apollo Server plugin: counts every operation by name and outcome and times it. Anonymous
 * operations are labelled `anonymous` so the label set stays bounded.
 */
export function useMetrics<T extends object>(telemetry: Telemetry): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          nameOperationSpan(operationName ?? undefined);
          const operation = operationName ?? 'anonymous';
          const body = response.body;
          const hasData = body.kind === 'single' && body.singleResult.data != null;
          const failed = (errors?.length ?? 0) > 0 || (body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0);
          const outcome = !failed ? 'ok' : hasData ? 'partial' : 'error';
          telemetry.operations.inc({ operation, outcome });
          telemetry.operationDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
