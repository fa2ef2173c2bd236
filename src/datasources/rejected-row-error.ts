import type { RejectedRow } from './lenient';
import { UpstreamError } from '../upstream/upstream-error';

/**
 * A single record TikTok sent without what ShopGraph needs (an order from order detail, say):
 * an `invalid_response` for that record only, carrying the {@link RejectedRow} that says what was
 * missing. The graph turns it into an error at the field that asked for the record.
 */
export class RejectedRowError extends UpstreamError {
  constructor(
    readonly what: string,
    readonly row: RejectedRow,
  ) {
    super('invalid_response', `TikTok sent ${what} ${row.id ?? `#${row.index}`} without what ShopGraph needs (${row.path}: ${row.message})`, {
      api: 'partner',
    });
  }
}
