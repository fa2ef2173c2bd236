import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse } from 'graphql';
import type { GatewayContext } from '../../../src/gateway/context';
import { failedFetch, fetchPaths, withFetchPaths } from '../../../src/gateway/fetch-failure';
import { formatGatewayError } from '../../../src/gateway/format-error';

type Incoming = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;

/** The parts of a fetch's options these functions read. */
function fetchOf(query: string, variables?: Record<string, unknown>): Incoming {
  return { request: { query, variables }, document: parse(query) } as unknown as Incoming;
}

describe('fetchPaths', () => {
  it('is each entity of an entity fetch', () => {
    const fetch = fetchOf('query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Order { fulfilmentPartner } } }', {
      representations: [{}, {}, {}],
    });
    expect(fetchPaths(fetch)).toEqual([
      ['_entities', 0],
      ['_entities', 1],
      ['_entities', 2],
    ]);
  });

  it('is each root field (by its response name) of a root fetch', () => {
    expect(fetchPaths(fetchOf('{ __typename carriers { id } first: warehouses(first: 1) { id } }'))).toEqual([['carriers'], ['first']]);
  });
});

describe('failedFetch and withFetchPaths', () => {
  const fetch = fetchOf('{ carriers { id } warehouses { id } }');

  it('puts an UPSTREAM_UNAVAILABLE error at each path, and no data', () => {
    expect(failedFetch(fetch, 'Subgraph x is unavailable: unreachable')).toEqual({
      errors: [
        { message: 'Subgraph x is unavailable: unreachable', path: ['carriers'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } },
        { message: 'Subgraph x is unavailable: unreachable', path: ['warehouses'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } },
      ],
    });
  });

  it("keeps a subgraph's error that has a path, and places one without", () => {
    const throttled = { message: 'Throttled', extensions: { code: 'THROTTLED' } };
    const placed = { message: 'not found', path: ['carriers', 0], extensions: { code: 'NOT_FOUND' } };
    expect(withFetchPaths(fetch, [throttled, placed]).errors).toEqual([{ ...throttled, path: ['carriers'] }, { ...throttled, path: ['warehouses'] }, placed]);
  });
});

describe('formatGatewayError', () => {
  it("passes a subgraph's error through, without its stack trace outside development", () => {
    const fromSubgraph = {
      message: 'warehouse closed',
      path: ['x'],
      extensions: { code: 'WAREHOUSE_CLOSED', serviceName: 'fulfilment', stacktrace: ['at x'] },
    };
    expect(formatGatewayError(false)(fromSubgraph, new Error('x'))).toEqual({
      message: 'warehouse closed',
      path: ['x'],
      extensions: { code: 'WAREHOUSE_CLOSED', serviceName: 'fulfilment' },
    });
    expect(formatGatewayError(true)(fromSubgraph, new Error('x'))).toBe(fromSubgraph);
  });

  it("masks the gateway's own unexpected errors outside development", () => {
    const own = { message: 'Cannot read properties of undefined', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(formatGatewayError(false)(own, new Error('x'))).toEqual({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
