/**
 * TikTok's two HMAC-SHA256 signatures, written from TikTok's "Sign your API request" page and its
 * webhook page (docs/tiktok-api.md), independently of ShopGraph's client:
 *
 * - Partner API request `sign`: the query parameters except `sign` and `access_token`, sorted by
 *   key in code-point order, concatenated as `{key}{value}` (decoded values) after the URL path;
 *   then the body exactly as received unless the media type is `multipart/form-data`; wrapped in
 *   the app secret on both sides; HMAC-SHA256 keyed by the app secret, lowercase hex.
 * - Webhook `Authorization`: HMAC-SHA256 keyed by the app secret over `app_key` + raw body,
 *   lowercase hex.
 *
 * Proved by the vectors in `test/fixtures/signing-vectors.json`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A Partner API request as TikTok receives it. */
export interface SignedRequest {
  /** The URL path, no host or query string, as sent. */
  path: string;
  /** Decoded query parameter values. */
  query: Readonly<Record<string, string>>;
  /** The body exactly as received; undefined or '' for none. */
  body?: string;
  contentType?: string;
}

/** Query parameters that are never part of the signed text. */
const UNSIGNED = new Set(['sign', 'access_token']);

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The text TikTok signs for a request. */
export function stringToSign(request: SignedRequest, appSecret: string): string {
  const keys = Object.keys(request.query).filter((key) => !UNSIGNED.has(key));
  // Plain code-point order: TikTok compares keys byte by byte, not by locale.
  keys.sort((a, b) => (a === b ? 0 : a < b ? -1 : 1));
  const params = keys.map((key) => `${key}${request.query[key] ?? ''}`).join('');
  const body = request.body && mediaType(request.contentType) !== 'multipart/form-data' ? request.body : '';
  return `${appSecret}${request.path}${params}${body}${appSecret}`;
}

/** The `sign` TikTok expects: lowercase hex HMAC-SHA256 keyed by the app secret. */
export function expectedSign(request: SignedRequest, appSecret: string): string {
  return createHmac('sha256', appSecret).update(stringToSign(request, appSecret), 'utf8').digest('hex');
}

/** The `Authorization` header of a webhook TikTok sends with `rawBody`. */
export function webhookSignature(appKey: string, appSecret: string, rawBody: string): string {
  return createHmac('sha256', appSecret)
    .update(appKey + rawBody, 'utf8')
    .digest('hex');
}

/** Compares a received signature with the expected one in constant time (case-sensitive: TikTok wants lowercase). */
export function sameSignature(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
