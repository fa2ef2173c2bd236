/**
 * Partner API v2 routes for shops and webhook subscriptions (orders: `order-routes.ts`, products:
 * `product-routes.ts`).
 * Each handler validates its params as TikTok does (page_size ranges, integer body filters, id
 * counts) and asks the store; `PartnerRouter.route` runs TikTok's checks first and wraps the
 * answer in the envelope (docs/tiktok-api.md, endpoints).
 */
import type { FastifyInstance } from 'fastify';
import { EmulatorRejection, PartnerCode, invalidParam, successEnvelope } from './codes';
import type { EmulatorContext } from './context';
import type { EmuShop } from './data/store';
import { enforcePartner, type PartnerScope } from './enforce';
import { bodyString, partnerBody, type JsonObject, type Query } from './params';
import { registerOrderRoutes } from './order-routes';
import { registerPartnerReportRoutes } from './partner-report-routes';
import { registerProductRoutes } from './product-routes';

/** What a Partner handler gets once TikTok's checks passed. */
export interface PartnerCall {
  shop: EmuShop;
  query: Query;
  body: JsonObject;
  params: Record<string, string>;
  /** the shops the caller's access token was granted */
  granted: ReadonlySet<string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The `{YYYYMM}` version segment of Partner paths. */
const VERSION = /^\d{6}$/;

/** Registers Partner routes on one app and remembers their templates for the version check. */
export class PartnerRouter {
  private readonly templates: string[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly ctx: EmulatorContext,
  ) {}

  /**
   * One Partner route: enforcement (sign, token, cipher, rate), body parsing, then the handler's
   * `data` in a success envelope.
   */
  route(method: Method, template: string, handler: (call: PartnerCall) => unknown, scope: PartnerScope = 'shop'): void {
    const { ctx } = this;
    this.templates.push(template);
    this.app.route({
      method,
      url: template,
      handler: async (req) => {
        const { shop, granted } = enforcePartner(ctx, req, scope, { method, template });
        const body = partnerBody(typeof req.body === 'string' ? req.body : undefined);
        // Global routes get no shop; their handlers never read it.
        const data = handler({ shop: shop as EmuShop, query: req.query as Query, body, params: req.params as Record<string, string>, granted });
        return successEnvelope('partner', data, ctx.now());
      },
    });
  }

  /**
   * The answer for a path no route matched: 36009014 when a known API was called with another
   * version segment (`/order/202212/orders/search`), else an invalid-path 404.
   */
  unknownPath(method: string, path: string): EmulatorRejection {
    const segments = path.split('/');
    const otherVersion = this.templates.some((template) => {
      const parts = template.split('/');
      if (parts.length !== segments.length) return false;
      const differing = parts.flatMap((part, i) => (part.startsWith(':') || part === segments[i] ? [] : [i]));
      const [i] = differing;
      return differing.length === 1 && i !== undefined && VERSION.test(parts[i] ?? '') && VERSION.test(segments[i] ?? '');
    });
    if (otherVersion) return new EmulatorRejection(PartnerCode.BAD_VERSION, 'Invalid version: this API does not exist in the requested version', 404);
    return new EmulatorRejection(PartnerCode.INVALID_PARAM, `Invalid path: ${method} ${path}`, 404);
  }
}

/** Registers every Partner API route; the router answers paths that match none. */
export function registerPartnerRoutes(app: FastifyInstance, ctx: EmulatorContext): PartnerRouter {
  const { store } = ctx;
  const router = new PartnerRouter(app, ctx);

  // The shops this authorization covers, not every shop of the app: each seller's token sees its own.
  router.route(
    'GET',
    '/authorization/202309/shops',
    ({ granted }) => ({
      shops: store
        .shops()
        .filter((s) => granted.has(s.id))
        .map(({ id, name, region, seller_type, cipher, code }) => ({ id, name, region, seller_type, cipher, code })),
    }),
    'global',
  );

  registerOrderRoutes(router, store);

  registerProductRoutes(router, store);

  router.route('GET', '/event/202309/webhooks', ({ shop }) => {
    const webhooks = store.webhooks(shop.id);
    return { webhooks, total_count: webhooks.length };
  });

  router.route('PUT', '/event/202309/webhooks', ({ shop, body }) => {
    const eventType = bodyString(body, 'event_type');
    const address = bodyString(body, 'address');
    if (!eventType) throw invalidParam('Invalid param: event_type is required');
    if (!address || !/^https?:\/\//.test(address)) throw invalidParam('Invalid param: address must be an http(s) URL');
    store.putWebhook(shop.id, eventType, address);
    return {};
  });

  router.route('DELETE', '/event/202309/webhooks', ({ shop, body }) => {
    const eventType = bodyString(body, 'event_type');
    if (!eventType) throw invalidParam('Invalid param: event_type is required');
    store.deleteWebhook(shop.id, eventType);
    return {};
  });

  registerPartnerReportRoutes(router, store);
  return router;
}
