/**
 * Rows TikTok sent without what ShopGraph needs, as the graph answers them: never left out
 * silently, but as a GraphQL error at the place the row would have had (the other rows still
 * answer), code UPSTREAM_UNAVAILABLE with `extensions.rejectedRow` saying what was missing.
 */
import type { GraphQLError } from 'graphql';
import type { RejectedRow } from '../datasources/lenient';
import { RejectedRowError } from '../datasources/rejected-row-error';
import type { UpstreamApi } from '../upstream/upstream-error';
import { ErrorCode, publicError } from '../errors';
import { PageInfo } from '../schema/types/common';
import type { ConnectionSlice } from './connection';

/** The error a rejected row answers with. */
export function rejectedRowError(what: string, row: RejectedRow, api: UpstreamApi = 'partner'): GraphQLError {
  const which = row.id ?? `#${row.index}`;
  return publicError(ErrorCode.UPSTREAM_UNAVAILABLE, `TikTok sent ${what} ${which} without what ShopGraph needs: ${row.path}: ${row.message}`, {
    rejectedRow: row,
    upstream: { api },
  });
}

/** Runs `load`, answering a single record TikTok sent unreadable as its rejected-row error. */
export async function readable<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof RejectedRowError) throw rejectedRowError(error.what, error.row);
    throw error;
  }
}

/** A connection's edges, nodes and page info; a rejected row is an error at its place in both lists. */
export function connectionParts<T, N, E extends { cursor: string; node: N }>(
  slice: ConnectionSlice<T>,
  what: string,
  toNode: (item: T) => N,
  edge: (cursor: string, node: N) => E,
): { edges: (E | Error)[]; nodes: (N | Error)[]; pageInfo: PageInfo; totalCount: number | null } {
  const edges = slice.items.map((item) => (item.rejected ? rejectedRowError(what, item.rejected) : edge(item.cursor, toNode(item.node as T))));
  return {
    edges,
    nodes: edges.map((e) => (e instanceof Error ? e : e.node)),
    pageInfo: Object.assign(new PageInfo(), { hasNextPage: slice.hasNextPage, endCursor: slice.items.at(-1)?.cursor ?? null }),
    totalCount: slice.totalCount,
  };
}
