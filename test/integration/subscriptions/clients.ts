/**
 * Subscription clients for tests: graphql-sse's and graphql-ws's own clients (what applications
 * use), and a collector that lets a test wait for the n-th result without sleeping.
 */
import { createClient as createSseClient, type ExecutionResult } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

/** Results of one subscription, as they arrive. */
export interface Collected<T> {
  results: T[];
  /** Resolves with the results once there are `count` of them (rejects if the stream fails first). */
  atLeast(count: number): Promise<T[]>;
  /** Resolves with the first result (from the `from`-th on) that `match` accepts. */
  first(match: (result: T) => boolean, from?: number): Promise<T>;
  /** Resolves when the stream completes; rejects with what it failed with. */
  ended: Promise<void>;
  stop(): Promise<void>;
}

/** Reads `iterator` into a {@link Collected} in the background. */
export function collect<T>(iterator: AsyncIterableIterator<T>): Collected<T> {
  const results: T[] = [];
  const wake: (() => void)[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  const ended = (async () => {
    try {
      for await (const result of iterator) {
        results.push(result);
        wake.splice(0).forEach((w) => w());
      }
    } catch (error) {
      failure = { error };
      throw error;
    } finally {
      finished = true;
      wake.splice(0).forEach((w) => w());
    }
  })();
  ended.catch(() => undefined);
  return {
    results,
    ended,
    async atLeast(count) {
      for (;;) {
        if (results.length >= count) return results.slice(0, count);
        if (failure) throw failure.error;
        if (finished) throw new Error(`the stream ended after ${results.length} result(s), ${count} expected`);
        await new Promise<void>((resolve) => wake.push(resolve));
      }
    },
    async first(match, from = 0) {
      for (let seen = from; ; seen++) {
        const results = await this.atLeast(seen + 1);
        if (match(results[seen]!)) return results[seen]!;
      }
    },
    async stop() {
      await iterator.return?.();
    },
  };
}

/** The GraphQL over SSE URL of a server whose `/graphql` URL is `graphqlUrl`. */
export const sseUrl = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql$/, '/graphql/stream');
/** The graphql-ws URL of a server whose `/graphql` URL is `graphqlUrl`. */
export const wsUrl = (graphqlUrl: string): string => graphqlUrl.replace(/^http/, 'ws');

export type Result = ExecutionResult<Record<string, unknown>, unknown>;

/** Subscribes over GraphQL over SSE (distinct connections) with graphql-sse's client. */
export function subscribeSse(
  graphqlUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Collected<Result> {
  const client = createSseClient({ url: sseUrl(graphqlUrl), headers, retryAttempts: 0 });
  const collected = collect(client.iterate({ query, variables }));
  return {
    ...collected,
    stop: async () => {
      await collected.stop();
      client.dispose();
    },
  };
}

/** Subscribes over graphql-ws with its own client; `connectionParams` go in connection_init. */
export function subscribeWs(
  graphqlUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { connectionParams?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Collected<Result> {
  class HeaderedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: options.headers });
    }
  }
  const client = createWsClient({
    url: wsUrl(graphqlUrl),
    webSocketImpl: HeaderedWebSocket,
    connectionParams: options.connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
  const collected = collect(client.iterate({ query, variables }) as AsyncIterableIterator<Result>);
  return {
    ...collected,
    stop: async () => {
      await collected.stop();
      await client.dispose();
    },
  };
}
