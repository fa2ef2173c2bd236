/**
 * Maps what TikTok answered (HTTP status + envelope `code`) to an {@link UpstreamErrorKind}, so the
 * retry loop and the graph layer can act on the kind alone.
 * @see docs/tiktok-api.md (Errors and rate limits)
 */
import type { ZodError } from 'zod';
import type { RetryVerdict } from '../../upstream/retry';
import { UpstreamError, type UpstreamApi, type UpstreamErrorKind } from '../../upstream/upstream-error';

/** Partner API codes ShopGraph reacts to. */
export const PartnerCode = {
  SUCCESS: 0,
  INVALID_SIGN: 106001,
  INVALID_PARAM: 36009004,
  BAD_VERSION: 36009014,
  ACCESS_TOKEN_EXPIRED: 105002,
  SCOPE_MISSING: 105005,
  TOKEN_NOT_FOR_SHOP: 101000,
  SHOP_CIPHER_MISSING: 106013,
  RATE_LIMITED: 36009002,
  INTERNAL_ERROR: 36009003,
  UPSTREAM_TIMEOUT: 36009007,
  BAD_ANALYTICS_DATE: 28001022,
  /** Get Product: the product does not exist (or no longer does). */
  PRODUCT_NOT_FOUND: 12019150,
  PRODUCT_NOT_EXIST: 12052032,
  PRODUCT_DELETED: 12052260,
  /** Get Order Detail: "the order or package does not belong to the current seller". */
  ORDER_NOT_FOUND: 21008111,
  /** Product search: no results past the 10,000th; narrow the search (by `update_time`). */
  SEARCH_RESULT_CAP: 12052180,
} as const;

const KIND_BY_CODE: ReadonlyMap<number, UpstreamErrorKind> = new Map<number, UpstreamErrorKind>([
  [PartnerCode.INVALID_SIGN, 'signature'],
  [PartnerCode.INVALID_PARAM, 'bad_request'],
  [PartnerCode.BAD_VERSION, 'bad_request'],
  [PartnerCode.SHOP_CIPHER_MISSING, 'bad_request'],
  [PartnerCode.BAD_ANALYTICS_DATE, 'bad_request'],
  [PartnerCode.ACCESS_TOKEN_EXPIRED, 'auth_expired'],
  [PartnerCode.SCOPE_MISSING, 'permission'],
  [PartnerCode.TOKEN_NOT_FOR_SHOP, 'permission'],
  [PartnerCode.RATE_LIMITED, 'rate_limited'],
  [PartnerCode.INTERNAL_ERROR, 'unavailable'],
  [PartnerCode.UPSTREAM_TIMEOUT, 'unavailable'],
  // TikTok's documented not-found codes, whatever the HTTP status that carries them.
  [PartnerCode.PRODUCT_NOT_FOUND, 'not_found'],
  [PartnerCode.PRODUCT_NOT_EXIST, 'not_found'],
  [PartnerCode.PRODUCT_DELETED, 'not_found'],
  [PartnerCode.ORDER_NOT_FOUND, 'not_found'],
  [PartnerCode.SEARCH_RESULT_CAP, 'bad_request'],
]);

/**
 * The kind of a failed answer. A known `code` wins; otherwise the HTTP status decides (429 and
 * 5xx are transient, 404 is not-found, other statuses are our request's fault).
 */
export function kindOf(httpStatus: number, code: number | undefined): UpstreamErrorKind {
  const byCode = code === undefined ? undefined : KIND_BY_CODE.get(code);
  if (byCode) return byCode;
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus >= 500) return 'unavailable';
  if (httpStatus === 404) return 'not_found';
  if (httpStatus === 401) return 'auth_expired';
  if (httpStatus === 403) return 'permission';
  return 'bad_request';
}

/**
 * Names the first failing JSON path of a zod error, e.g. `data.orders[0].payment.total_amount`,
 * so an `invalid_response` says exactly what TikTok changed.
 */
export function describeZodError(error: ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `${root}: invalid`;
  let path = root;
  for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return `${path}: ${issue.message}`;
}

/** An `invalid_response` error for a body that did not match its schema. */
export function invalidResponse(
  api: UpstreamApi,
  error: ZodError,
  root: string,
  details: { httpStatus: number; path: string; requestId?: string; code?: number },
): UpstreamError {
  return new UpstreamError('invalid_response', `Unexpected response shape at ${describeZodError(error, root)}`, {
    api,
    ...details,
  });
}

/** Retry transient failures only, waiting what a `Retry-After` asked for when there was one. */
export function retryVerdict(error: unknown): RetryVerdict {
  return error instanceof UpstreamError && error.retryable ? { retry: true, afterMs: error.details.retryAfterMs } : { retry: false };
}
