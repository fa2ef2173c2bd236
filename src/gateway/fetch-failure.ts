import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors';
import type { GatewayContext } from './context';

/** What a subgraph fetch answers the gateway. */
export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

type IncomingOptions = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;

/**
 * Where a fetch's fields sit in the subgraph's answer: each entity it was asked to resolve
 * (`_entities.N`, which the gateway maps to that entity's place in the client's answer), or
 * else each root field it selected.
 */
export function fetchPaths(options: IncomingOptions): (string | number)[][] {
  const representations = options.request.variables?.representations;
  if (Array.isArray(representations)) return representations.map((_, index) => ['_entities', index]);
  const document = options.document ?? parse(options.request.query ?? '{ __typename }');
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && s.name.value !== '__typename' ? [[(s.alias ?? s.name).value]] : []));
}

/**
 * The answer of a fetch that got none: no data, and one `UPSTREAM_UNAVAILABLE` error at each of
 * its paths, so the client gets everything else with errors exactly where data is missing.
 */
export function failedFetch(options: IncomingOptions, message: string): SubgraphResponse {
  return withFetchPaths(options, [{ message, extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } }]);
}

/** The errors a subgraph refused a fetch with; one without a path is repeated at each of the fetch's paths. */
export function withFetchPaths(options: IncomingOptions, errors: readonly GraphQLFormattedError[]): SubgraphResponse {
  const paths = fetchPaths(options);
  const placed = errors.flatMap((error) => (error.path || paths.length === 0 ? [error] : paths.map((path) => ({ ...error, path }))));
  return { errors: placed };
}
