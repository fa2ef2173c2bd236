/**
 * The error codes the emulator answers with, as TikTok uses them, and the one error class every
 * route throws. The server's error handler turns an {@link EmulatorRejection} into TikTok's
 * envelope with the right HTTP status, and counts it in the stats. The codes and their meanings
 * are TikTok's (docs/tiktok-api.md); this table is the emulator's own.
 */
import { randomBytes } from 'node:crypto';

/** Partner API v2 and token-host codes. */
export const PartnerCode = {
  SUCCESS: 0,
  /** `sign` missing or wrong (HTTP 401). */
  INVALID_SIGN: 106001,
  /** A missing or invalid credential, app_key, timestamp, identifier or parameter; the message says which. */
  INVALID_PARAM: 36009004,
  /** A known API called with a version segment it does not exist in. */
  BAD_VERSION: 36009014,
  ACCESS_TOKEN_EXPIRED: 105002,
  SCOPE_MISSING: 105005,
  TOKEN_NOT_FOR_SHOP: 101000,
  SHOP_CIPHER_MISSING: 106013,
  RATE_LIMITED: 36009002,
  INTERNAL_ERROR: 36009003,
  UPSTREAM_TIMEOUT: 36009007,
  /** Analytics: a bad date or range. */
  BAD_ANALYTICS_DATE: 28001022,
  /** Token host: auth code or refresh token unknown, used or revoked (EcomPHP/tiktokshop-php#15). */
  AUTH_RECORD_NOT_FOUND: 36004005,
  /** Token host: refresh token expired (EcomPHP/tiktokshop-php#15, "rt has expired"). */
  REFRESH_TOKEN_EXPIRED: 36004001,
  /**
   * What the finance transaction routes still answer (with HTTP 404) for an order or statement
   * the shop does not have. TikTok documents it on Get Product as "not listed in your account or
   * shop"; products answer their documented not-found codes below.
   */
  NOT_FOUND: 12052048,
  /** Get Product: "The product ID does not exist." — a product id that is no id at all. */
  PRODUCT_ID_NOT_FOUND: 12019150,
  /** Get Product: "The product does not exist" — a deleted product (as recorded for one). */
  PRODUCT_NOT_FOUND: 12052032,
  /** Get Product: "The product ID does not exist" — an id the shop never had (as recorded for one). */
  PRODUCT_ID_MISSING: 12052260,
  /** Search Products: "The total number of search results can not exceed 10000." */
  SEARCH_RESULT_CAP: 12052180,
  /** Search Products: "The maximum count of “seller_skus” in the search filter is 10." */
  SELLER_SKUS_LIMIT: 12019027,
  /** Search Products (202502): "The number of SKU IDs exceeds the limit of 10". */
  SKU_IDS_LIMIT: 12019087,
  /** Inventory Search: more than 100 `product_ids`, more than 600 `sku_ids`, an invalid product id. */
  INVENTORY_PRODUCT_IDS_LIMIT: 12019120,
  INVENTORY_SKU_IDS_LIMIT: 12019015,
  INVENTORY_PRODUCT_ID_INVALID: 12019008,
  /** The common-errors page's "Invalid path. The specified path does not match any available endpoint." */
  NO_SUCH_ENDPOINT: 36009009,
  /**
   * Get Order Detail: "The order or package does not belong to the current seller." — also for
   * an id no shop has (a live shop's answer to unknown ids).
   */
  ORDER_NOT_FOUND: 21008111,
} as const;

/** Marketing API v1.3 / Events API codes; all answered with HTTP 200. */
export const MarketingCode = {
  OK: 0,
  RATE_LIMITED: 40100,
  INVALID_PARAM: 40002,
  NO_PERMISSION: 40001,
  TOKEN_EMPTY: 40104,
  TOKEN_INVALID: 40105,
  SYSTEM_ERROR: 50000,
} as const;

/** Which of TikTok's APIs answered; it decides the envelope's success message. */
export type EmulatedApi = 'partner' | 'marketing' | 'auth';

/** Which API a request URL belongs to (all three share the emulator's port). */
export function apiOf(url: string): EmulatedApi {
  if (url.startsWith('/open_api/')) return 'marketing';
  if (url.startsWith('/api/v2/token/')) return 'auth';
  return 'partner';
}

/** A refusal in TikTok's terms: thrown by hooks and handlers, rendered by the error handler. */
export class EmulatorRejection extends Error {
  override readonly name = 'EmulatorRejection';

  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

/** 36009004 with the message naming what is wrong (HTTP 400). */
export function invalidParam(message: string): EmulatorRejection {
  return new EmulatorRejection(PartnerCode.INVALID_PARAM, message, 400);
}

/** A 5xx in the API's own terms: Partner 36009003, Marketing 50000 (both retryable for clients). */
export function internalError(api: EmulatedApi, message: string): EmulatorRejection {
  return new EmulatorRejection(api === 'marketing' ? MarketingCode.SYSTEM_ERROR : PartnerCode.INTERNAL_ERROR, message, 500);
}

/** Marketing 40002 (HTTP 200, as every Marketing API error). */
export function invalidMarketingParam(message: string): EmulatorRejection {
  return new EmulatorRejection(MarketingCode.INVALID_PARAM, message, 200);
}

/**
 * Get Payments for a Southeast Asian shop. TikTok's reference says only "This API is currently
 * unavailable to SEA markets"; it documents NO error for it and no captured answer shows one, so
 * the exact code is not documented. The emulator refuses as a gateway refuses an endpoint it does
 * not serve: the common-errors page's generic `36009009` "Invalid path" (HTTP 404). This is the one
 * place that choice is made; clients must not rely on the code (docs/tiktok-api.md, Finance).
 */
export function unavailableInMarket(api: string, region: string): EmulatorRejection {
  return new EmulatorRejection(
    PartnerCode.NO_SUCH_ENDPOINT,
    `Invalid path. The specified path does not match any available endpoint: ${api} is currently unavailable to SEA markets (${region})`,
    404,
  );
}

/** TikTok's envelope: `{code, message, request_id, data}`. */
export interface TikTokEnvelope {
  code: number;
  message: string;
  request_id: string;
  data: unknown;
}

const SUCCESS_MESSAGE: Record<EmulatedApi, string> = { partner: 'Success', marketing: 'OK', auth: 'success' };

/** A success envelope with a fresh request id. */
export function successEnvelope(api: EmulatedApi, data: unknown, nowMs: number): TikTokEnvelope {
  return { code: 0, message: SUCCESS_MESSAGE[api], request_id: newRequestId(nowMs), data };
}

/**
 * An error envelope. Partner errors carry `data: null`; Marketing errors carry `data: {}` as
 * TikTok's Business API does (the spec: "`data` is then `{}` or absent").
 */
export function errorEnvelope(api: EmulatedApi, rejection: EmulatorRejection, nowMs: number): TikTokEnvelope {
  return {
    code: rejection.code,
    message: rejection.message,
    request_id: newRequestId(nowMs),
    data: api === 'marketing' ? {} : null,
  };
}

/**
 * TikTok-looking request id: `yyyyMMddHHmmss` (UTC) followed by 20 random upper-case hex digits,
 * e.g. `20240710170328026B85572D809D2BFFC5`. Random, not seeded: ids must be fresh per response.
 */
export function newRequestId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return stamp + randomBytes(10).toString('hex').toUpperCase();
}
