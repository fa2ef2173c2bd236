/**
 * Pure Marketing API conventions: which error code means what, and how GET parameters are
 * written. Kept apart from the transport so they can be tested and reused without I/O.
 *
 * @see docs/tiktok-api.md ("Errors and limits")
 */
import type { UpstreamErrorKind } from '../../upstream/upstream-error';

/** A GET parameter: scalars are sent as text, arrays and objects JSON-encoded (TikTok's convention). */
export type QueryValue = string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown };

const CODE_KINDS: ReadonlyMap<number, UpstreamErrorKind> = new Map<number, UpstreamErrorKind>([
  [40100, 'rate_limited'],
  [40132, 'rate_limited'],
  [40001, 'permission'],
  [40130, 'permission'],
  [40002, 'bad_request'],
  [40102, 'auth_expired'],
  [40104, 'auth_expired'],
  [40105, 'auth_expired'],
  [40067, 'query_too_large'],
  [50000, 'unavailable'],
  [50002, 'unavailable'],
  [60001, 'unavailable'],
]);

/**
 * Maps a non-zero envelope `code` to what the caller should do. Codes TikTok has not documented
 * for us fall back by family: 4xxxx are the caller's fault (not retried), anything else is
 * TikTok's (retried), the safe side for an unknown failure.
 */
export function classifyMarketingCode(code: number): UpstreamErrorKind {
  const known = CODE_KINDS.get(code);
  if (known) return known;
  return code >= 40000 && code < 50000 ? 'bad_request' : 'unavailable';
}

/** Maps a failing HTTP status whose body carried no TikTok envelope (a proxy or gateway answered). */
export function classifyHttpStatus(status: number): UpstreamErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'auth_expired';
  if (status === 403) return 'permission';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

/**
 * Writes GET parameters TikTok's way: arrays and objects as JSON text
 * (`advertiser_ids=["123"]`), scalars as themselves; undefined ones are left out.
 * @returns `""` or `"?a=1&b=..."`
 */
export function encodeQuery(query: Readonly<Record<string, QueryValue | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `("data", ["list", 3, "campaign_id"])` → `data.list[3].campaign_id`. */
export function jsonPath(root: string, path: readonly PropertyKey[]): string {
  let text = root;
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : text ? `.${String(key)}` : String(key);
  }
  return text || '(root)';
}
