import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';

/**
 * A record read back from the store (Redis or the embedded database) is not what ShopGraph
 * writes there: damaged, written by something else under ShopGraph's key, or by a version that
 * wrote another layout. Never guessed around: the read fails, naming the key and what is wrong,
 * so an operator can find the record; Redis being up, it is no outage (not
 * {@link import('./store-unavailable').StoreUnavailableError}).
 */
export class StoredRecordCorruptError extends GraphQLError {
  /**
   * @param where - the key, and the field within it, e.g. `shopgraph:costs:v2:{app:1} field e:7:2026-01-01`
   * @param problem - what is wrong with it, without its value (records may hold figures a log should not)
   */
  constructor(where: string, problem: string) {
    super(`stored record ${where} is corrupt: ${problem}; ShopGraph did not write it in this shape (repair or delete it)`, {
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  }
}
