/**
 * What became of each request, said once: the `x-shopgraph-cost` and `x-shopgraph-stale` response
 * headers (so cost and staleness survive a gateway that drops `extensions`), and one structured
 * log line per request with its id, operation, duration, cost and outcome.
 *
 * Apollo runs every plugin's `willSendResponse` at once, so the cost plugin may not have written
 * `extensions.cost` yet when this one runs: the plugin keeps the result object, and fastify's
 * `onSend` (after Apollo is done) reads it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A response header value: `requested=252, actual=152` (an RFC 8941 dictionary). */
export const COST_HEADER = 'x-shopgraph-cost';
/** A response header value: the kinds of cached data answered stale, `orders, products` (an RFC 8941 list). */
export const STALE_HEADER = 'x-shopgraph-stale';

/** How an operation ended: all data, some data with errors, or no data. */
export type Outcome = 'ok' | 'partial' | 'error';

interface Operation {
  operation: string;
  outcome: Outcome;
  /** The result Apollo sends; the cost plugin adds `extensions.cost` to it. */
  result?: { extensions?: Record<string, unknown> };
  stale?: Set<string>;
}

interface Cost {
  requested: number;
  actual: number;
}

function costOf(result: Operation['result']): Cost | undefined {
  const cost = result?.extensions?.cost as { requestedQueryCost?: unknown; actualQueryCost?: unknown } | undefined;
  if (typeof cost?.requestedQueryCost !== 'number' || typeof cost.actualQueryCost !== 'number') return undefined;
  return { requested: cost.requestedQueryCost, actual: cost.actualQueryCost };
}

/** Kinds as RFC 8941 tokens: the cache's own kind names, anything else left out. */
function staleKinds(stale: Set<string> | undefined): string[] {
  return [...(stale ?? [])].filter((kind) => /^[a-z][a-z0-9_-]*$/.test(kind)).sort();
}

/**
 * Where a context keeps its HTTP request: Apollo hands plugins a shallow copy of the context the
 * app built, so the link must be a property (copied along), not the object's identity.
 */
const HTTP_REQUEST = Symbol('shopgraph.httpRequest');
type Carrier = { [HTTP_REQUEST]?: FastifyRequest };

/** Options of {@link trackOutcomes}. */
export interface OutcomeOptions {
  /** The bounded `operation` label of a name (metrics' labels, so logs and series agree). */
  label: (name: string | null | undefined, ran: boolean) => string;
  /** The GraphQL path: its requests log at `info`, other GETs (probes, assets) at `debug`. */
  path: string;
}

/**
 * Wires the headers and the log line into `app`; returns the Apollo plugin that reports each
 * operation, and `bind`, which ties a request's context to its HTTP request (call it from the
 * context function).
 */
export function trackOutcomes<TContext extends { stale?: Set<string> }>(
  app: FastifyInstance,
  options: OutcomeOptions,
): { plugin: ApolloServerPlugin<TContext>; bind(context: TContext, request: FastifyRequest): void } {
  const operations = new WeakMap<FastifyRequest, Operation>();

  app.addHook('onSend', async (request, reply, payload) => {
    const done = operations.get(request);
    if (!done) return payload;
    const cost = costOf(done.result);
    if (cost) reply.header(COST_HEADER, `requested=${cost.requested}, actual=${cost.actual}`);
    const stale = staleKinds(done.stale);
    if (stale.length > 0) reply.header(STALE_HEADER, stale.join(', '));
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const done = operations.get(request);
    const graphql = request.routeOptions.url === options.path;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      ...(done ? { operation: done.operation, outcome: done.outcome, cost: costOf(done.result) ?? null, stale: staleKinds(done.stale) } : {}),
    };
    if (graphql || request.method !== 'GET') request.log.info(line, 'request');
    else request.log.debug(line, 'request');
  });

  return {
    bind(context, request) {
      (context as Carrier)[HTTP_REQUEST] = request;
    },
    plugin: {
      async requestDidStart() {
        let ran = false;
        return {
          async executionDidStart() {
            ran = true;
          },
          async willSendResponse({ response, operationName, errors, contextValue }) {
            const request = (contextValue as Carrier)[HTTP_REQUEST];
            if (!request) return;
            const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const failed = (errors?.length ?? 0) > 0 || (single?.errors?.length ?? 0) > 0;
            const outcome: Outcome = !failed ? 'ok' : single?.data != null ? 'partial' : 'error';
            operations.set(request, { operation: options.label(operationName, ran), outcome, result: single, stale: contextValue.stale });
          },
        };
      },
    },
  };
}
