/**
 * Building blocks of the Partner API v2 schemas: how TikTok writes IDs, money, times and dates,
 * and the response envelope. Strict about the value formats ShopGraph relies on; objects built from
 * these strip unknown keys, so TikTok adding fields never breaks us.
 * @see ../../../../shared/spec/upstream-partner-api.md (Hosts and request shape)
 */
import { z } from 'zod';

/**
 * A 64-bit decimal ID, always a string on our side. TikTok sends strings, but some analytics and
 * webhook payloads send numbers; parseUpstreamJson hands unsafe integers over as digit strings
 * and safe ones as numbers, so both arrive here and leave as the exact digits.
 */
export const partnerId = z
  .union([z.string().regex(/^\d{1,20}$/, 'expected a decimal ID'), z.number().int().nonnegative()])
  .transform((value) => String(value));

/**
 * Money amount as TikTok writes it: a decimal STRING ("12.99", "-160", "15000" for IDR).
 * Numbers are rejected on purpose: a float has already lost the exact value.
 */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');

/** An optional money field TikTok omits when it is zero (discounts, taxes). */
export const decimalOrZero = decimalString.default('0');

/** ISO 4217 currency code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');

/** A Unix time in SECONDS (TikTok never uses milliseconds in the Partner API). */
export const unixSeconds = z.number().int().nonnegative();

/** An analytics calendar date, `YYYY-MM-DD`, in the shop's own time zone. */
export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** A count (orders, units, views). */
export const count = z.number().int().nonnegative();

/** The analytics money shape: `{amount: "<decimal>", currency}`. */
export const analyticsMoney = z.object({ amount: decimalString, currency: currencyCode });
export type AnalyticsMoney = z.output<typeof analyticsMoney>;

/**
 * The paging fields of every search/list `data`: `next_page_token` is `""` on the last page
 * (TikTok sometimes omits it there, which means the same), `total_count` is "usually" present.
 */
export const pageFields = {
  next_page_token: z.string().default(''),
  total_count: count.optional(),
};

/**
 * The envelope around every Partner API and token-host response. `data` is checked separately
 * with the endpoint's schema, so that an error names the failing path under `data`.
 */
export const partnerEnvelope = z.object({
  code: z.number().int(),
  message: z.string().default(''),
  request_id: z.string().default(''),
  data: z.unknown().optional(),
});
export type PartnerEnvelope = z.output<typeof partnerEnvelope>;

/** `data` of calls that answer nothing useful on success (PUT/DELETE webhooks). */
export const emptyData = z.unknown().transform(() => ({}) as Record<string, never>);
