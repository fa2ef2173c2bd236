/**
 * Building blocks of the Partner API v2 schemas: how TikTok writes IDs, money, times and dates,
 * and the response envelope. TikTok's reference marks every response field optional, so the
 * `optional…` forms are the common case: they also read `""` and `null` as a missing value.
 * Objects built from these strip unknown keys, so TikTok adding fields never breaks us.
 * @see docs/tiktok-api.md
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { blankAsAbsent } from '../lenient';

/**
 * A 64-bit decimal ID, always a string on our side. TikTok sends strings, but some analytics and
 * webhook payloads send numbers; parseUpstreamJson hands unsafe integers over as digit strings
 * and safe ones as numbers, so both arrive here and leave as the exact digits.
 */
export const partnerId = z.union([z.string().regex(/^\d{1,20}$/, 'expected a decimal ID'), z.number().int().nonnegative()]).transform((value) => String(value));

/** An ID that may be missing (or `""`). */
export const optionalId = blankAsAbsent(partnerId);

/**
 * Money amount as TikTok writes it: a decimal STRING ("12.99", "-160", "15000" for IDR). A JSON
 * number is read as the digits it was written with: parseUpstreamJson only hands over numbers
 * whose shortest form is exact (longer ones arrive as strings), so nothing is rounded.
 */
export const decimalString = z.union([
  z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string'),
  z
    .number()
    .finite()
    .transform((value) => new Decimal(value).toFixed()),
]);

/** A money field TikTok may leave out (or send as `""`): undefined means unknown, never 0. */
export const optionalDecimal = blankAsAbsent(decimalString);

/**
 * An amount TikTok leaves out when it does not apply: a discount that was not given (the reference
 * defines `sub_total` as `original_total_product_price − seller_discount − platform_discount`), a
 * part of a statement transaction its type has none of. A missing tax or total is unknown instead
 * ({@link optionalDecimal}).
 */
export const decimalOrZero = blankAsAbsent(decimalString).transform((value) => value ?? '0');

/** ISO 4217 currency code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');

/** A Unix time in SECONDS; some newer endpoints write it as a digit string. */
export const unixSeconds = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,12}$/, 'expected Unix seconds')
    .transform(Number),
]);

/**
 * The time of an event that may not have happened (`paid_time`, `delivery_time`, ...): missing,
 * `""` and `0` all mean "not yet" (an unpaid cash-on-delivery order has no `paid_time`).
 */
export const optionalTime = blankAsAbsent(unixSeconds)
  .transform((value) => (value === 0 ? undefined : value))
  .optional();

/** An analytics calendar date, `YYYY-MM-DD`, in the shop's own time zone. */
export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** A count (orders, units, views); a digit string is read too. */
export const count = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/, 'expected a count')
    .transform(Number),
]);

/** A count TikTok may leave out (or send as `""`). */
export const optionalCount = blankAsAbsent(count);

/** Text TikTok may leave out; missing text reads as `""`. */
export const text = blankAsAbsent(z.string()).transform((value) => value ?? '');

/** A flag TikTok may leave out, or write as `"true"`/`"TRUE"`/`"false"`. */
export const optionalFlag = blankAsAbsent(
  z.union([z.boolean(), z.enum(['true', 'false', 'TRUE', 'FALSE']).transform((value) => value.toLowerCase() === 'true')]),
);

/** The analytics money shape: `{amount: "<decimal>", currency}`. */
export const analyticsMoney = z.object({ amount: decimalString, currency: currencyCode });
export type AnalyticsMoney = z.output<typeof analyticsMoney>;

/**
 * The paging fields of every search/list `data`: `next_page_token` is `""` on the last page
 * (TikTok sometimes omits it there, which means the same), `total_count` is "usually" present.
 */
export const pageFields = {
  next_page_token: blankAsAbsent(z.string()).transform((value) => value ?? ''),
  total_count: optionalCount,
};

/**
 * The envelope around every Partner API and token-host response. `data` is checked separately
 * with the endpoint's schema, so that an error names the failing path under `data`.
 */
export const partnerEnvelope = z.object({
  code: z.number().int(),
  message: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  request_id: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  data: z.unknown().optional(),
});
export type PartnerEnvelope = z.output<typeof partnerEnvelope>;

/** `data` of calls that answer nothing useful on success (PUT/DELETE webhooks). */
export const emptyData = z.unknown().transform(() => ({}) as Record<string, never>);
