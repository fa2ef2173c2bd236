/**
 * The error taxonomy of both upstream clients. Clients throw {@link UpstreamError}; the graph
 * layer maps its `kind` to a public error code. Messages never contain secrets, tokens or signs.
 */

/** Why an upstream call failed, by what the caller should do about it. */
export type UpstreamErrorKind =
  /** Wrong signature or app credentials: a bug or a wrong secret. Never retried. */
  | 'signature'
  /** A request TikTok refused as malformed (bad param, version, identifier). Never retried. */
  | 'bad_request'
  /** Access token expired / invalid: refresh or re-authorize. */
  | 'auth_expired'
  /** Scope missing or resource not permitted. Never retried. */
  | 'permission'
  /** The resource does not exist. */
  | 'not_found'
  /** Throttled by TikTok (36009002 / 429 / 40100 / 40132). Retried with backoff. */
  | 'rate_limited'
  /** 5xx, internal error, timeout, maintenance, unparseable body. Retried with backoff. */
  | 'unavailable'
  /** Marketing API 40067: the report range must be split. */
  | 'query_too_large'
  /** The response did not match the documented shape. */
  | 'invalid_response';

/** Which upstream answered. */
export type UpstreamApi = 'partner' | 'marketing' | 'auth';

/** A failed upstream call, with what is safe to show: TikTok's code, message and request id. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly kind: UpstreamErrorKind,
    message: string,
    readonly details: {
      api: UpstreamApi;
      /** TikTok's numeric `code`, when the body carried one. */
      code?: number;
      httpStatus?: number;
      requestId?: string;
      /** Path template, e.g. `/order/202309/orders/search`. */
      path?: string;
      /** Milliseconds the upstream asked us to wait (Retry-After). */
      retryAfterMs?: number;
    },
  ) {
    super(message);
  }

  /** Whether the retry loop may try again. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}
