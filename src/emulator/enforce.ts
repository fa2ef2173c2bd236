/**
 * What TikTok checks before an API call reaches its handler, in TikTok's codes and statuses.
 * Partner API: app_key, timestamp window, HMAC `sign` over the exact bytes received, access token,
 * `shop_cipher` rules and the 50 requests/s per app + shop + API limit. Marketing API: the
 * `Access-Token` header and the per-app rate. TikTok's rules are summarized in docs/tiktok-api.md
 * (request signing; errors and rate limits).
 */
import type { FastifyRequest } from 'fastify';
import { EmulatorRejection, MarketingCode, PartnerCode, invalidParam } from './codes';
import type { EmulatorContext } from './context';
import type { EmuShop } from './data/store';
import type { Query } from './params';
import { MARKETING_REQUESTS_PER_SECOND, PARTNER_REQUESTS_PER_SECOND } from './rate-limit';
import { expectedSign, sameSignature } from './signing';

/** TikTok accepts a `timestamp` at most 5 minutes old and at most 30 s in the future. */
const MAX_PAST_SECONDS = 5 * 60;
const MAX_FUTURE_SECONDS = 30;

/** Whether a Partner call names a shop: `/authorization/*` and `/seller/*` must not. */
export type PartnerScope = 'shop' | 'global';

/** The route a request matched, for limits, faults and stats. */
export interface RouteKey {
  method: string;
  /** Route template, e.g. `/product/202309/products/:id`. */
  template: string;
}

/** The URL path exactly as requested (still percent-encoded), which is what TikTok signs. */
export function requestPath(req: FastifyRequest): string {
  const q = req.url.indexOf('?');
  return q === -1 ? req.url : req.url.slice(0, q);
}

/**
 * Runs TikTok's Partner API checks in order and returns the shop the call is for (`undefined` on
 * `global` calls) and the shops the access token was granted. Throws an {@link EmulatorRejection}
 * at the first failure.
 */
export function enforcePartner(
  ctx: EmulatorContext,
  req: FastifyRequest,
  scope: PartnerScope,
  route: RouteKey,
): { shop: EmuShop | undefined; granted: ReadonlySet<string> } {
  const query = req.query as Query;
  checkAppKeyAndTimestamp(ctx, query);
  checkSign(ctx, req, query);
  const shopIds = ctx.partnerTokens.check(header(req, 'x-tts-access-token'));
  const shop = resolveShop(ctx, query, scope);
  if (shop && !shopIds.has(shop.id)) {
    throw new EmulatorRejection(PartnerCode.TOKEN_NOT_FOR_SHOP, 'The access token is not authorized for this shop', 403);
  }
  const limit = Math.min(PARTNER_REQUESTS_PER_SECOND, ctx.faults.rateLimitFor(requestPath(req), route.template) ?? Infinity);
  if (!ctx.limiter.tryAcquire(`partner|${ctx.appKey}|${shop?.id ?? '-'}|${route.method} ${route.template}`, limit)) {
    throw new EmulatorRejection(PartnerCode.RATE_LIMITED, 'Too many requests: rate limit exceeded for this API', 429);
  }
  return { shop, granted: shopIds };
}

function checkAppKeyAndTimestamp(ctx: EmulatorContext, query: Query): void {
  if (!query.app_key) throw new EmulatorRejection(PartnerCode.INVALID_PARAM, 'Invalid credential: app_key is missing', 401);
  if (query.app_key !== ctx.appKey) throw new EmulatorRejection(PartnerCode.INVALID_PARAM, 'Invalid credential: app_key is unknown', 401);
  const raw = query.timestamp;
  if (!raw) throw invalidParam('Invalid timestamp: timestamp is missing');
  // Ten digits: Unix SECONDS. Milliseconds (13 digits) are the classic client bug.
  if (!/^\d{10}$/.test(raw)) throw invalidParam('Invalid timestamp: must be Unix seconds (10 digits)');
  const skew = Number(raw) - Math.floor(ctx.now() / 1000);
  if (skew < -MAX_PAST_SECONDS || skew > MAX_FUTURE_SECONDS) {
    throw invalidParam('Invalid timestamp: outside [now - 5 min, now + 30 s]; check the clock');
  }
}

/** 106001 / HTTP 401 unless `sign` is the lowercase HMAC of the path, sorted params and raw body. */
function checkSign(ctx: EmulatorContext, req: FastifyRequest, query: Query): void {
  const expected = expectedSign(
    {
      path: requestPath(req),
      query,
      body: typeof req.body === 'string' ? req.body : undefined,
      contentType: header(req, 'content-type'),
    },
    ctx.appSecret,
  );
  if (!query.sign || !sameSignature(expected, query.sign)) {
    throw new EmulatorRejection(PartnerCode.INVALID_SIGN, 'Invalid sign: the signature does not match', 401);
  }
}

function resolveShop(ctx: EmulatorContext, query: Query, scope: PartnerScope): EmuShop | undefined {
  const cipher = query.shop_cipher;
  if (scope === 'global') {
    if (cipher !== undefined) throw invalidParam('Unexpected identifier: shop_cipher is not allowed on this API');
    return undefined;
  }
  if (!cipher) throw new EmulatorRejection(PartnerCode.SHOP_CIPHER_MISSING, 'shop_cipher is required for this API', 400);
  const shop = ctx.store.shopByCipher(cipher);
  if (!shop) throw invalidParam('Invalid identifier: shop_cipher is not a shop this app is authorized for');
  return shop;
}

/**
 * Marketing API checks: `Access-Token` missing → 40104, unknown → 40105, over the app's rate →
 * 40100; all with HTTP 200, as TikTok for Business answers errors.
 */
export function enforceMarketing(ctx: EmulatorContext, req: FastifyRequest, route: RouteKey): void {
  const token = header(req, 'access-token');
  if (!token) throw new EmulatorRejection(MarketingCode.TOKEN_EMPTY, 'Access token is empty: send it in the Access-Token header', 200);
  if (!ctx.marketingTokens.isValid(token)) throw new EmulatorRejection(MarketingCode.TOKEN_INVALID, 'Access token is invalid', 200);
  checkMarketingRate(ctx, req, route);
}

/** The per-app Marketing rate, shared by every endpoint of the app. */
export function checkMarketingRate(ctx: EmulatorContext, req: FastifyRequest, route: RouteKey): void {
  const limit = Math.min(MARKETING_REQUESTS_PER_SECOND, ctx.faults.rateLimitFor(requestPath(req), route.template) ?? Infinity);
  if (!ctx.limiter.tryAcquire(`marketing|${ctx.appKey}`, limit)) {
    throw new EmulatorRejection(MarketingCode.RATE_LIMITED, 'Too many requests: the app exceeded its request rate', 200);
  }
}

/** A single header value (`undefined` when absent or empty). */
function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === '' ? undefined : first;
}
