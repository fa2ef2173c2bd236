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
   * What the emulator answers today for a product or order the shop does not have (with HTTP
   * 404). TikTok documents it on Get Product as "not listed in your account or shop"; its
   * not-found codes are the ones below.
   */
  NOT_FOUND: 12052048,
  /** Get Product: "The product ID does not exist." */
  PRODUCT_ID_NOT_FOUND: 12019150,
  /** Get Product: "The product does not exist". */
  PRODUCT_NOT_FOUND: 12052032,
  /** Get Product: "The product ID does not exist" (another path). */
  PRODUCT_ID_MISSING: 12052260,
  /** Search Products: "The total number of search results can not exceed 10000." */
  SEARCH_RESULT_CAP: 12052180,
  /** Get Order Detail: "The order or package does not belong to the current seller." */
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
