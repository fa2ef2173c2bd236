/**
 * How the Marketing API writes values, and its envelope and paging block: the building blocks of
 * `schemas.ts` and `campaign-schemas.ts`.
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { blankAsAbsent } from '../lenient';

/** TikTok IDs are 64-bit: always strings on the wire (a number would already have lost digits). */
export const rawIdSchema = z.string().regex(/^\d+$/, 'expected a numeric ID string');

/** A plain decimal string as TikTok writes metric values: `"20.000"`, `"4787"`. */
export const rawDecimalTextSchema = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'expected a plain decimal string');

/** A report metric value: a decimal string, or the literal `"-"` TikTok uses for "no value". */
export const rawMetricValueSchema = z.union([rawDecimalTextSchema, z.literal('-')]);

/** A count metric value (`impressions`, `orders`...): digits only, or `"-"`. */
export const rawCountMetricSchema = z.union([z.string().regex(/^\d{1,15}$/, 'expected an integer string'), z.literal('-')]);

/** `"YYYY-MM-DD HH:MM:SS"`, TikTok's timestamp format for create/modify times and stat times. */
export const rawDateTimeTextSchema = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected "YYYY-MM-DD HH:MM:SS"');

/** `stat_time_day`: a day as midnight in the advertiser's time zone, `"2026-11-01 00:00:00"`. */
export const rawStatTimeDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2} 00:00:00$/, 'expected "YYYY-MM-DD 00:00:00"');

/**
 * The envelope of every response. Errors also arrive with HTTP 200 and a non-zero `code`;
 * `data` is then `{}` or absent, so it is parsed separately, by endpoint, only when `code` is 0.
 * An error envelope may come without `request_id` (or `message`).
 */
export const rawEnvelopeSchema = z.object({
  code: z.number().int(),
  message: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  request_id: blankAsAbsent(z.string()),
  data: z.unknown().optional(),
});

/** Offset paging block; `page` counts from 1. */
export const rawPageInfoSchema = z.object({
  page: z.number().int().min(1),
  page_size: z.number().int().min(1),
  total_number: z.number().int().min(0),
  total_page: z.number().int().min(0),
});
export type RawPageInfo = z.infer<typeof rawPageInfoSchema>;
