/**
 * Runs an admitted subscription: graphql-js makes the source stream (the field's `subscribe`,
 * with the context of the subscribe request) and each event is executed with a context of its
 * own — new DataLoaders and a new request budget — because a subscription outlives any request and
 * a loader's memo would answer hour-old data. An event whose result is what the client already
 * has (time stamps aside) is not sent. The slot is released whichever way the stream ends.
 */
import { createSourceEventStream, execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';

/** An admitted subscription, ready to run. */
export interface SubscriptionRun<C extends { stale?: Set<string> }> {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
  /** The subscribe request's context: what the field's `subscribe` checks and listens with. */
  context: C;
  /** A fresh context per event, for the same caller. */
  eventContext(): Promise<C>;
  /**
   * Resolves when the transport can take another event (its socket drained): until then events
   * wait in the bounded source queue, not in the transport's own unbounded buffer.
   */
  ready?: () => Promise<void>;
  /** Called once when the subscription ends (its slot goes back). */
  onEnd(summary: { events: number; outcome: 'completed' | 'refused' | 'failed' }): void;
}

type Results = AsyncIterableIterator<ExecutionResult> & { return(): Promise<IteratorResult<ExecutionResult>> };

/** What a client is sent, for comparing two results: `asOf` stamps move without the figures moving. */
function sameness(result: ExecutionResult): string {
  return JSON.stringify({ data: result.data, errors: result.errors?.map((e) => e.message) }, (key, value: unknown) => (key === 'asOf' ? undefined : value));
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> & { return?: () => Promise<unknown> } {
  return typeof value === 'object' && value !== null && typeof (value as { next?: unknown }).next === 'function';
}

/** Starts the source stream; the errors of a refused subscribe (NOT_FOUND, a bad window) come back as one result. */
export async function runSubscription<C extends { stale?: Set<string> }>(run: SubscriptionRun<C>): Promise<Results | ExecutionResult> {
  const { schema, document, operationName, variables } = run;
  const source = await createSourceEventStream({ schema, document, contextValue: run.context, variableValues: variables, operationName });
  if (!isAsyncIterator(source)) {
    run.onEnd({ events: 0, outcome: 'refused' });
    return source as ExecutionResult;
  }
  let events = 0;
  let ended = false;
  let last: string | undefined;
  const end = (outcome: 'completed' | 'failed') => {
    if (ended) return;
    ended = true;
    run.onEnd({ events, outcome });
  };
  const done = (): IteratorResult<ExecutionResult> => ({ value: undefined, done: true });
  const results: Results = {
    async next() {
      while (!ended) {
        let step: IteratorResult<unknown>;
        try {
          await run.ready?.();
          if (ended) break;
          step = await source.next();
          if (step.done) break;
          const contextValue = await run.eventContext();
          const result = await execute({ schema, document, rootValue: step.value, contextValue, variableValues: variables, operationName });
          const stale = contextValue.stale;
          if (stale && stale.size > 0) result.extensions = { ...result.extensions, stale: { kinds: [...stale].sort() } };
          const key = sameness(result);
          if (key === last) continue;
          last = key;
          events++;
          return { value: result, done: false };
        } catch {
          // Sources and resolvers answer failures as results; what escapes is a bug: masked, and the end.
          end('failed');
          await source.return?.();
          return { value: { errors: [new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] }, done: false };
        }
      }
      end('completed');
      return done();
    },
    async return() {
      end('completed');
      await source.return?.();
      return done();
    },
    async throw() {
      end('completed');
      await source.return?.();
      return done();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return results;
}
