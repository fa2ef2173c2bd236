/**
 * Every id ShopGraph takes from a client names a TikTok object — shop, order, product, SKU,
 * advertiser, campaign — and TikTok's ids are 64-bit integers written in decimal (at most 20
 * digits; docs/tiktok-api.md). The clients refuse anything else before calling TikTok, but by then
 * the refusal is an internal error: checking at the door makes it the caller's BAD_USER_INPUT.
 */
const DECIMAL_ID = /^\d{1,20}$/;

/** Whether `value` can be a TikTok id. */
export function isDecimalId(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_ID.test(value);
}

/** Why `value` is not a TikTok id, short enough to echo back (never the whole value). */
export function decimalIdProblem(value: unknown): string | null {
  if (isDecimalId(value)) return null;
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value) : typeof value;
  return `must be a TikTok id (1 to 20 decimal digits), got ${shown}`;
}
