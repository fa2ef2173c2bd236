/**
 * The token host, `https://auth.tiktok-shops.com` in production: GET, NOT signed, credentials in
 * the query. TikTok answers its refusals with HTTP 200 and a non-zero `code` (success is `code`
 * 0, not the status).
 * @see docs/tiktok-api.md (OAuth and tokens)
 */
import type { FastifyInstance } from 'fastify';
import { EmulatorRejection, PartnerCode, successEnvelope } from './codes';
import type { EmulatorContext } from './context';
import type { Query } from './params';

/** Registers `/api/v2/token/get` and `/api/v2/token/refresh`. */
export function registerTokenRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/api/v2/token/get', async (req) => {
    const query = req.query as Query;
    checkApp(ctx, query, 'authorized_code');
    const grant = ctx.partnerTokens.exchange(required(query, 'auth_code'));
    return successEnvelope('auth', grant, ctx.now());
  });

  app.get('/api/v2/token/refresh', async (req) => {
    const query = req.query as Query;
    checkApp(ctx, query, 'refresh_token');
    const grant = ctx.partnerTokens.refresh(required(query, 'refresh_token'));
    return successEnvelope('auth', grant, ctx.now());
  });
}

function checkApp(ctx: EmulatorContext, query: Query, grantType: string): void {
  const appKey = required(query, 'app_key');
  const appSecret = required(query, 'app_secret');
  if (appKey !== ctx.appKey || appSecret !== ctx.appSecret) {
    throw new EmulatorRejection(PartnerCode.INVALID_PARAM, 'Invalid credential: app_key or app_secret is wrong', 200);
  }
  if (required(query, 'grant_type') !== grantType) {
    throw new EmulatorRejection(PartnerCode.INVALID_PARAM, `Invalid param: grant_type must be ${grantType}`, 200);
  }
}

function required(query: Query, name: string): string {
  const value = query[name];
  if (!value) throw new EmulatorRejection(PartnerCode.INVALID_PARAM, `Invalid param: ${name} is required`, 200);
  return value;
}
