import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';

/**
 * The store that holds what ShopGraph keeps (ledgers, unit costs) cannot be read or written right
 * now (Redis is unreachable). Never answered around in silence: a read that cannot see the whole
 * state fails with this (UPSTREAM_UNAVAILABLE, retry later), and a write is not acknowledged.
 */
export class StoreUnavailableError extends GraphQLError {
  /** @param what - what could not be read or written, e.g. "unit costs of shop 1" */
  constructor(what: string, cause?: unknown) {
    super(`${what}: the shared store (Redis) is unreachable; try again shortly`, {
      extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE },
      originalError: cause instanceof Error ? cause : undefined,
    });
  }
}
