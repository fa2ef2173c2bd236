/**
 * Schemas of the token host, Get Authorized Shops and webhook subscriptions.
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { openEnum } from '../lenient';
import { partnerId, text, unixSeconds } from './schema-primitives';

/**
 * `data` of `/api/v2/token/get` and `/api/v2/token/refresh`. Both `*_expire_in` are ABSOLUTE Unix
 * expiry times in seconds (despite the name), not durations.
 */
// Strict: a token answer is not a list to be lenient with, and a wrong expiry would lock the app out.
const expiry = z.number().int().nonnegative();

export const partnerTokenData = z.object({
  access_token: z.string().min(1),
  access_token_expire_in: expiry,
  refresh_token: z.string().min(1),
  refresh_token_expire_in: expiry,
  open_id: z.string().default(''),
  seller_name: z.string().default(''),
  seller_base_region: z.string().default(''),
  user_type: z.number().int().default(0),
  granted_scopes: z.array(z.string()).default([]),
});
export type PartnerTokenData = z.output<typeof partnerTokenData>;

/** Whether a shop sells locally or cross-border (`seller_type`); another value is kept and counted. */
export const SELLER_TYPES = ['LOCAL', 'CROSS_BORDER'] as const;
export const sellerType = openEnum('shop.seller_type', SELLER_TYPES);

/** One entry of `GET /authorization/202309/shops`. `cipher` goes into `shop_cipher` on shop calls. */
export const partnerShop = z.object({
  id: partnerId,
  name: text,
  region: z.string().min(2),
  seller_type: sellerType,
  cipher: z.string().min(1),
  code: text,
});
export type PartnerShop = z.output<typeof partnerShop>;

/** `data` of Get Authorized Shops. */
export const authorizedShopsData = z.object({ shops: z.array(partnerShop).default([]) });

/**
 * Webhook event types as the subscription API names them (202309). Kept as a plain string:
 * TikTok adds types often and an unknown one must not break listing subscriptions.
 */
export const webhookEventType = z.string().min(1);

/** One webhook subscription (`GET /event/202309/webhooks`). */
export const partnerWebhook = z.object({
  event_type: webhookEventType,
  address: z.string(),
  create_time: unixSeconds.optional(),
  update_time: unixSeconds.optional(),
});
export type PartnerWebhook = z.output<typeof partnerWebhook>;

/** `data` of `GET /event/202309/webhooks`. */
export const webhooksData = z.object({
  webhooks: z.array(partnerWebhook).default([]),
  total_count: z.number().int().nonnegative().optional(),
});
