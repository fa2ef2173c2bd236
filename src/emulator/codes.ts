/**
 * The error codes the emulator answers with, exactly as TikTok uses them, and the one error class
 * every route throws. The server's error handler turns an {@link EmulatorRejection} into TikTok's
 * envelope with the right HTTP status, and counts it in the stats.
 * @see ../../../shared/spec/upstream-partner-api.md (Errors and rate limits)
 * @see ../../../shared/spec/upstream-marketing-api.md (Errors and limits)
 */
import { randomBytes } from 'node:crypto';
import { PartnerCode as ClientPartnerCode } from '../datasources/partner/partner-errors';

/**
 * Partner API v2 and token-host codes: the client's table (one source for what each code means)
 * plus the few only the emulator answers.
 */
export const PartnerCode = {
  ...ClientPartnerCode,
  /** Token host: auth code or refresh token unknown, used or revoked (EcomPHP/tiktokshop-php#15). */
  AUTH_RECORD_NOT_FOUND: 36004005,
  /** Token host: refresh token expired (EcomPHP/tiktokshop-php#15, "rt has expired"). */
  REFRESH_TOKEN_EXPIRED: 36004001,
  /**
   * A product or order the shop does not have. UNCERTAIN: TikTok's exact code is not in our
   * sources; it is answered with HTTP 404, which the client reads as not-found.
   */
  NOT_FOUND: 12052048,
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
