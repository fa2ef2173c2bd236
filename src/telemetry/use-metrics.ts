import type { ApolloServerPlugin } from '@apollo/server';
import type { Telemetry } from './metrics';
import { nameOperationSpan } from './tracing';

export { MAX_OPERATION_LABELS } from './metrics';

/**
 * Apollo Server plugin: counts every operation by name and outcome and times it. The label set
 * stays bounded (`Telemetry.operationLabel`): `anonymous` without a name, `other` for names
 * never executed or past the first MAX_OPERATION_LABELS; span names follow the same labels.
 */
export function useMetrics<T extends object>(telemetry: Telemetry): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let ran = false;
      return {
        async executionDidStart() {
          ran = true;
        },
        async willSendResponse({ response, operationName, errors }) {
          const operation = telemetry.operationLabel(operationName, ran);
          nameOperationSpan(operationName ? operation : undefined);
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
