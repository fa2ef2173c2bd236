/**
 * What both subscription transports share: who is calling (the app's authenticator), admission
 * (src/subscriptions/admission.ts), a context per event, errors formatted as the app formats
 * query errors, and one log line per subscription when it ends.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Authenticator } from '../security/authenticate';
import type { Caller } from '../security/caller';
import type { ShopData } from '../datasources/shop-data';
import type { Logger } from '../telemetry/logger';
import { admitSubscription, type AdmissionSettings, type Refused, type SubscribeParams } from './admission';
import { runSubscription } from './run-subscription';

/** The request a subscription came in on (its context is built for it, as a query's is). */
export interface SubscriptionRequest {
  headers: IncomingHttpHeaders;
  id: string;
}

/** What the transports need from the app. */
export interface SubscriptionServing<TContext extends { stale?: Set<string>; shopData: Pick<ShopData, 'shops'> }> {
  schema: GraphQLSchema;
  authenticator: Authenticator;
  admission: AdmissionSettings;
  /** The app's context builder: called at subscribe and again for every event. */
  context(caller: Caller, request: SubscriptionRequest): Promise<TContext>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Exact origins of browser apps allowed to call (besides ShopGraph's own). */
  allowedOrigins: ReadonlySet<string>;
  /** The bounded operation label the request log and metrics use. */
  label(operationName: string | undefined): string;
  logger: Logger;
}

/** An admitted subscription, started by the transport when it is ready to stream. */
export interface OpenedSubscription {
  ok: true;
  document: DocumentNode;
  operationName?: string;
  start(ready?: () => Promise<void>): ReturnType<typeof runSubscription>;
}

/** Admits a subscription for `caller`; the log line is written when it ends. */
export async function openSubscription<TContext extends { stale?: Set<string>; shopData: Pick<ShopData, 'shops'> }>(
  serving: SubscriptionServing<TContext>,
  caller: Caller,
  request: SubscriptionRequest,
  params: SubscribeParams,
  transport: 'sse' | 'ws',
): Promise<OpenedSubscription | Refused> {
  const context = await serving.context(caller, request);
  const admitted = await admitSubscription(serving.admission, params, caller, context);
  const operation = serving.label(typeof params.operationName === 'string' ? params.operationName : admitted.ok ? admitted.operation.name?.value : undefined);
  if (!admitted.ok) {
    serving.logger.info(
      { reqId: request.id, transport, operation, status: admitted.status, codes: admitted.errors.map((e) => e.extensions.code) },
      'subscription refused',
    );
    return admitted;
  }
  const started = Date.now();
  return {
    ok: true,
    document: admitted.document,
    operationName: admitted.operationName,
    start: async (ready) => {
      const results = await runSubscription({
        schema: serving.schema,
        document: admitted.document,
        operationName: admitted.operationName,
        variables: admitted.variables,
        context,
        eventContext: () => serving.context(caller, request),
        ready,
        onEnd: ({ events, outcome }) => {
          admitted.slot.release();
          serving.logger.info(
            { reqId: request.id, transport, operation, cost: admitted.cost, events, outcome, durationMs: Date.now() - started },
            'subscription',
          );
        },
      });
      // Listening from here on: what happens to its shops now reaches the client.
      if (!('errors' in results)) serving.logger.debug({ reqId: request.id, transport, operation, cost: admitted.cost }, 'subscription started');
      return results;
    },
  };
}

/** Errors as the app formats them (public codes kept, the unexpected masked). */
export function formatErrors(serving: Pick<SubscriptionServing<never>, 'formatError'>, errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => serving.formatError(error.toJSON(), error));
}

/** A GraphQL error already formatted for the wire: it serializes as the app's formatError made it. */
class FormattedError extends GraphQLError {
  constructor(private readonly formatted: GraphQLFormattedError) {
    super(formatted.message, { extensions: formatted.extensions });
  }

  override toJSON(): GraphQLFormattedError {
    return this.formatted;
  }
}

/** A result with its errors formatted, ready for the wire. */
export function formatResult<R extends { errors?: readonly GraphQLError[] }>(serving: Pick<SubscriptionServing<never>, 'formatError'>, result: R): R {
  if (!result.errors?.length) return result;
  return { ...result, errors: formatErrors(serving, result.errors).map((f) => new FormattedError(f)) };
}
