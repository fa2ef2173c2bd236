import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a Partner API request is signed over. */
export interface PartnerSignInput {
  /** URL path without host or query string, e.g. `/order/202309/orders/search`. */
  path: string;
  /** Decoded query parameter values; `sign` and `access_token` are ignored if present. */
  query: Record<string, string>;
  /** The request body exactly as sent (omit or '' for none). */
  body?: string;
  /** The request's `content-type`; a `multipart/form-data` body is not signed. */
  contentType?: string;
  appSecret: string;
}

const EXCLUDED_PARAMS = new Set(['sign', 'access_token']);

/**
 * The string TikTok's Partner API v2 signs: path, then sorted `{key}{value}` pairs, then the body
 * unless it is multipart, wrapped in the app secret on both sides.
 * @see https://partner.tiktokshop.com/docv2/page/sign-your-api-request
 */
export function partnerStringToSign(input: PartnerSignInput): string {
  // Code-point order, not localeCompare: TikTok sorts keys bytewise.
  const keys = Object.keys(input.query)
    .filter((k) => !EXCLUDED_PARAMS.has(k))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let text = input.path;
  for (const key of keys) text += key + input.query[key];
  if (input.body && !isMultipart(input.contentType)) text += input.body;
  return input.appSecret + text + input.appSecret;
}

/** HMAC-SHA256 request signature (lowercase hex) for a Partner API v2 call. */
export function signPartnerRequest(input: PartnerSignInput): string {
  return createHmac('sha256', input.appSecret).update(partnerStringToSign(input), 'utf8').digest('hex');
}

/**
 * Webhook signature: lowercase hex HMAC-SHA256 keyed by the app secret over `app_key + raw body`.
 * @see docs/tiktok-api.md (Webhooks)
 */
export function signWebhook(appKey: string, appSecret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', appSecret).update(appKey).update(rawBody).digest('hex');
}

/** Constant-time comparison of two lowercase hex signatures. */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function isMultipart(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0] ?? '';
  return mediaType.trim().toLowerCase() === 'multipart/form-data';
}
