/**
 * Wire types of the token host (`/api/v2/token/get`, `/api/v2/token/refresh`), Get Authorized
 * Shops (`GET /authorization/202309/shops`) and the shop webhook subscriptions
 * (`/event/202309/webhooks`), as TikTok's API reference describes them (docs/tiktok-api.md).
 */
import type { OpenEnum, WireId, WireUnixSeconds } from './common';

/**
 * `data` of the token host. Both `*_expire_in` are ABSOLUTE Unix expiry times in seconds
 * (despite their names), not durations.
 */
export interface WireTokenData {
  access_token?: string;
  access_token_expire_in?: WireUnixSeconds;
  refresh_token?: string;
  refresh_token_expire_in?: WireUnixSeconds;
  open_id?: string;
  seller_name?: string;
  seller_base_region?: string;
  user_type?: number;
  granted_scopes?: string[];
}

/** `seller_type`: `LOCAL` sells in its own market, `CROSS_BORDER` from abroad. */
export type WireSellerType = OpenEnum<'LOCAL' | 'CROSS_BORDER'>;

/** One shop of Get Authorized Shops. `cipher` goes into `shop_cipher` on shop-scoped calls. */
export interface WireAuthorizedShop {
  id?: WireId;
  name?: string;
  /** Market, e.g. `US`, `GB`, `ID`. */
  region?: string;
  seller_type?: WireSellerType;
  cipher?: string;
  /** The shop code Seller Center shows. */
  code?: string;
}

/** `data` of Get Authorized Shops. */
export interface WireAuthorizedShopsData {
  shops?: WireAuthorizedShop[];
}

/** One webhook subscription of Get Shop Webhooks. */
export interface WireShopWebhook {
  /** e.g. `ORDER_STATUS_CHANGE`, `RETURN_STATUS_CHANGE`; TikTok adds topics over time. */
  event_type?: string;
  address?: string;
  create_time?: WireUnixSeconds;
  update_time?: WireUnixSeconds;
}

/** `data` of Get Shop Webhooks. */
export interface WireShopWebhooksData {
  webhooks?: WireShopWebhook[];
  total_count?: number;
}

/**
 * A webhook TikTok POSTs to a subscribed address: the envelope is the same for every `type`
 * (1 order status, 11 cancellation status, 12 return status, ...); `data` depends on the type.
 * The `Authorization` header carries the signature (see `signing.ts`).
 */
export interface WireWebhookEnvelope<Data> {
  type?: number;
  /** The receiver's dedupe key: retries resend the same one. */
  tts_notification_id?: string;
  shop_id?: WireId;
  timestamp?: WireUnixSeconds;
  data?: Data;
}
