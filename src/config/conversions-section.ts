/**
 * The config file's `conversions` section: server-side conversions through TikTok's Events API
 * (docs/conversions.md). Off unless `enabled`; the token is a secret and comes from the
 * environment (`TT_EVENTS_ACCESS_TOKEN`), never from the file.
 */
import { z } from 'zod';

export const conversionsSchema = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe("Send paid orders to TikTok's Events API as server-side conversions (needs pixelCode, pageUrl and TT_EVENTS_ACCESS_TOKEN)."),
    pixelCode: z
      .string()
      .regex(/^[A-Za-z0-9]{8,64}$/, 'a pixel code like C9Q2MJ3C77U4P674RPG0 (Events Manager)')
      .optional()
      .describe("The pixel's code in Events Manager (`event_source_id`; 20 letters and digits in every sample)."),
    pageUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('`page.url` of every event: the storefront the pixel is installed on (web events carry a page).'),
    event: z
      .enum(['Purchase', 'CompletePayment'])
      // TikTok's help center (Supported standard events; About reserved events, 2025): a payment is the
      // standard event `Purchase`; `CompletePayment` is a reserved name TikTok maps onto it (docs/conversions.md).
      .default('Purchase')
      .describe(
        "The standard event a paid order is reported as: `Purchase`, TikTok's standard event for a payment, or `CompletePayment`, the older name TikTok now maps onto `Purchase` (use it only if the storefront's pixel still sends that name).",
      ),
    testEventCode: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("Events Manager's Test Events code: events show there and do not count (remove for production)."),
    batchSize: z.number().int().min(1).max(1000).default(100).describe('Events per request (TikTok refuses a request with more than 1000).'),
    flushIntervalMs: z.number().int().min(50).max(600_000).default(2000).describe('How often each replica sends what is queued (ms).'),
    requestsPerSecond: z.number().positive().max(50).default(2).describe('Events API requests per second each replica sends at most.'),
    maxEventAgeHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 28)
      .default(168)
      .describe('Orders paid longer ago than this are not sent (reading history is not a conversion).'),
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(12)
      .describe('Deliveries of an event that keeps failing (outage, throttling, token) before it is given up; waits double from 5 s to 1 h.'),
    sentRetentionDays: z
      .number()
      .int()
      .min(2)
      .max(3650)
      .default(35)
      .describe('Days an order id is remembered as sent; longer than maxEventAgeHours, so no order is sent twice.'),
  })
  .strict()
  .refine((c) => !c.enabled || c.pixelCode !== undefined, { path: ['pixelCode'], message: 'required when conversions are enabled' })
  .refine((c) => !c.enabled || c.pageUrl !== undefined, { path: ['pageUrl'], message: 'required when conversions are enabled (web events carry a page URL)' })
  .refine((c) => c.sentRetentionDays * 24 > c.maxEventAgeHours, { path: ['sentRetentionDays'], message: 'must be longer than maxEventAgeHours' })
  .describe("Server-side conversions: paid orders sent to TikTok's Events API (docs/conversions.md).");

export type ConversionsSettings = z.infer<typeof conversionsSchema>;
