/**
 * Marketing API v1.3 and Events API routes under `/open_api/v1.3/`. No request signing (that is a
 * Shop Partner API thing); the `Access-Token` header and the per-app rate are checked first, and
 * every refusal comes back with HTTP 200 and a non-zero `code`, as TikTok for Business answers.
 * @see docs/tiktok-api.md
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EmulatorRejection, MarketingCode, invalidMarketingParam, successEnvelope } from './codes';
import type { EmulatorContext } from './context';
import type { EmuAdvertiser } from './data/store';
import { checkMarketingRate, enforceMarketing } from './enforce';
import { registerGmvMaxCampaignRoute } from './gmv-max-routes';
import { registerMarketingReportRoutes } from './marketing-report-routes';
import { isObject, jsonParam, jsonStrings, offsetPaging, requiredParam, type JsonObject, type Query } from './params';

/** TikTok's numeric permission ids, as `oauth2/access_token/` lists them. */
const GRANTED_SCOPES = [1, 2, 3, 4, 5];
const PREFIX = '/open_api/v1.3/';

/** What a Marketing handler gets once the token and rate checks passed. */
export interface MarketingCall {
  query: Query;
  req: FastifyRequest;
}

/** Registers Marketing routes that share one app's token and rate checks. */
export class MarketingRouter {
  constructor(
    private readonly app: FastifyInstance,
    private readonly ctx: EmulatorContext,
  ) {}

  /** One route under `/open_api/v1.3/`; `auth: false` for the token exchange itself. */
  route(method: 'GET' | 'POST', path: string, handler: (call: MarketingCall) => unknown, auth = true): void {
    const { ctx } = this;
    const template = PREFIX + path;
    this.app.route({
      method,
      url: template,
      handler: async (req) => {
        const route = { method, template };
        if (auth) enforceMarketing(ctx, req, route);
        else checkMarketingRate(ctx, req, route);
        const data = handler({ query: req.query as Query, req });
        return successEnvelope('marketing', data, ctx.now());
      },
    });
  }

  /** The advertiser named by `advertiser_id`; an unknown one is not accessible (40001). */
  advertiser(query: Query): EmuAdvertiser {
    return this.advertiserById(requiredParam(query, 'advertiser_id'));
  }

  /** An advertiser by id, or 40001 as TikTok answers for an advertiser the token cannot read. */
  advertiserById(id: string): EmuAdvertiser {
    const advertiser = this.ctx.store.advertisers().find((a) => a.advertiser_id === id);
    if (!advertiser) throw new EmulatorRejection(MarketingCode.NO_PERMISSION, `No permission to access advertiser ${id}`, 200);
    return advertiser;
  }
}

/**
 * Registers every Marketing API route (the Events API's is in `events-track.ts`). `campaign/get/` lists standard campaigns only:
 * GMV Max campaigns have `gmv_max/campaign/get/`.
 */
export function registerMarketingRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const { store } = ctx;
  const router = new MarketingRouter(app, ctx);

  router.route(
    'POST',
    'oauth2/access_token/',
    ({ req }) => {
      const body = jsonBody(req);
      if (body.app_id !== ctx.appKey || body.secret !== ctx.appSecret) {
        throw new EmulatorRejection(MarketingCode.NO_PERMISSION, 'app_id or secret is invalid', 200);
      }
      const token = typeof body.auth_code === 'string' ? ctx.marketingTokens.exchange(body.auth_code) : undefined;
      if (!token) throw invalidMarketingParam('auth_code: invalid, expired or already used');
      return { access_token: token, advertiser_ids: store.advertisers().map((a) => a.advertiser_id), scope: GRANTED_SCOPES };
    },
    false,
  );

  router.route('GET', 'oauth2/advertiser/get/', ({ query }) => {
    if (requiredParam(query, 'app_id') !== ctx.appKey || requiredParam(query, 'secret') !== ctx.appSecret) {
      throw new EmulatorRejection(MarketingCode.NO_PERMISSION, 'app_id or secret is invalid', 200);
    }
    return { list: store.advertisers().map((a) => ({ advertiser_id: a.advertiser_id, advertiser_name: a.name })) };
  });

  router.route('GET', 'advertiser/info/', ({ query }) => {
    const ids = jsonStrings(query, 'advertiser_ids', 100);
    if (!ids || ids.length === 0) throw invalidMarketingParam('advertiser_ids: required');
    const fields = jsonStrings(query, 'fields', 100);
    return {
      list: ids.map((id) => {
        const { advertiser_id, name, currency, timezone, display_timezone, status } = router.advertiserById(id);
        const info: Record<string, string> = { advertiser_id, name, currency, timezone, display_timezone, status };
        // `fields` narrows the answer to the fields asked for, as TikTok does.
        return fields ? Object.fromEntries(Object.entries(info).filter(([key]) => fields.includes(key))) : info;
      }),
    };
  });

  router.route('GET', 'campaign/get/', ({ query }) => {
    const advertiser = router.advertiser(query);
    const filtering = jsonParam(query, 'filtering') ?? {};
    if (!isObject(filtering)) throw invalidMarketingParam('filtering: expected a JSON object');
    const campaignIds = optionalStrings(filtering, 'campaign_ids', 100);
    const secondary = filtering.secondary_status;
    // Deleted campaigns are hidden unless secondary_status is CAMPAIGN_STATUS_ALL. The emulator
    // filters by no other secondary status (it would answer them wrongly, so it refuses them).
    if (secondary !== undefined && secondary !== 'CAMPAIGN_STATUS_ALL') {
      throw invalidMarketingParam('filtering.secondary_status: the emulator supports only CAMPAIGN_STATUS_ALL');
    }
    const primary = filtering.primary_status;
    if (primary !== undefined && typeof primary !== 'string') throw invalidMarketingParam('filtering.primary_status: expected a string');
    return store.campaigns(
      advertiser.advertiser_id,
      { campaign_ids: campaignIds, include_deleted: secondary === 'CAMPAIGN_STATUS_ALL', primary_status: primary },
      offsetPaging(query, 1000),
    );
  });

  router.route('GET', 'gmv_max/store/list/', ({ query }) => ({
    store_list: store.gmvMaxStores(router.advertiser(query).advertiser_id),
  }));

  registerGmvMaxCampaignRoute(router, store);

  registerMarketingReportRoutes(router, store);
}

function optionalStrings(object: JsonObject, name: string, max: number): string[] | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw invalidMarketingParam(`filtering.${name}: expected an array of strings`);
  }
  if (value.length > max) throw invalidMarketingParam(`filtering.${name}: at most ${max} values`);
  return value;
}

function jsonBody(req: FastifyRequest): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof req.body === 'string' ? req.body : '');
  } catch {
    throw invalidMarketingParam('request body: invalid JSON');
  }
  if (!isObject(parsed)) throw invalidMarketingParam('request body: expected a JSON object');
  return parsed;
}
