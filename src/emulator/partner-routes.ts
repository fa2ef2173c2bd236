/**
 * Partner API v2 routes for orders, products, shops and webhook subscriptions. Each handler
 * validates its params as TikTok does (page_size ranges, integer body filters, id counts) and asks
 * the store; `PartnerRouter.route` runs TikTok's checks first and wraps the answer in the envelope
 * (docs/tiktok-api.md, endpoints).
 */
import type { FastifyInstance } from 'fastify';
import { EmulatorRejection, PartnerCode, invalidParam, successEnvelope } from './codes';
import type { EmulatorContext } from './context';
import type { EmuShop } from './data/store';
import { enforcePartner, type PartnerScope } from './enforce';
import { bodyInt, bodyString, bodyStrings, pageSize, pageToken, partnerBody, queryEnum, type JsonObject, type Query } from './params';
import { registerPartnerReportRoutes } from './partner-report-routes';

/** What a Partner handler gets once TikTok's checks passed. */
export interface PartnerCall {
  shop: EmuShop;
  query: Query;
  body: JsonObject;
  params: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The order statuses Get Order List filters by (its `order_status` body field). */
const ORDER_STATUSES = [
  'UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED', 'CANCELLED',
] as const;

/** The product statuses Search Products filters by (`ALL` for every status). */
const PRODUCT_STATUSES = [
  'ALL', 'DRAFT', 'PENDING', 'FAILED', 'ACTIVATE', 'SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED', 'FREEZE', 'DELETED',
] as const;

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
        const shop = enforcePartner(ctx, req, scope, { method, template });
        const body = partnerBody(typeof req.body === 'string' ? req.body : undefined);
        // Global routes get no shop; their handlers never read it.
        const data = handler({ shop: shop as EmuShop, query: req.query as Query, body, params: req.params as Record<string, string> });
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

  router.route('GET', '/authorization/202309/shops', () => ({
    shops: store.shops().map(({ id, name, region, seller_type, cipher, code }) => ({ id, name, region, seller_type, cipher, code })),
  }), 'global');

  router.route('POST', '/order/202309/orders/search', ({ shop, query, body }) => {
    const page = store.searchOrders(
      shop.id,
      {
        order_status: bodyString(body, 'order_status', ORDER_STATUSES),
        create_time_ge: bodyInt(body, 'create_time_ge'),
        create_time_lt: bodyInt(body, 'create_time_lt'),
        update_time_ge: bodyInt(body, 'update_time_ge'),
        update_time_lt: bodyInt(body, 'update_time_lt'),
        buyer_user_id: bodyString(body, 'buyer_user_id'),
        shipping_type: bodyString(body, 'shipping_type', ['TIKTOK', 'SELLER']),
      },
      {
        pageSize: pageSize(query, 1, 100),
        pageToken: pageToken(query),
        sortField: queryEnum(query, 'sort_field', ['create_time', 'update_time'], 'create_time'),
        sortOrder: queryEnum(query, 'sort_order', ['ASC', 'DESC'], 'DESC'),
      },
    );
    return { orders: page.items, next_page_token: page.next_page_token, total_count: page.total_count };
  });

  router.route('GET', '/order/202309/orders', ({ shop, query }) => {
    const ids = (query.ids ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (ids.length === 0) throw invalidParam('Invalid param: ids is required');
    if (ids.length > 50) throw invalidParam('Invalid param: ids allows at most 50 order ids');
    return { orders: store.getOrders(shop.id, ids) };
  });

  router.route('POST', '/product/202309/products/search', ({ shop, query, body }) => {
    const page = store.searchProducts(
      shop.id,
      {
        status: bodyString(body, 'status', PRODUCT_STATUSES),
        seller_skus: bodyStrings(body, 'seller_skus', 100),
        create_time_ge: bodyInt(body, 'create_time_ge'),
        create_time_le: bodyInt(body, 'create_time_le'),
        update_time_ge: bodyInt(body, 'update_time_ge'),
        update_time_le: bodyInt(body, 'update_time_le'),
      },
      { pageSize: pageSize(query, 1, 100), pageToken: pageToken(query) },
    );
    return { products: page.items, next_page_token: page.next_page_token, total_count: page.total_count };
  });

  router.route('GET', '/product/202309/products/:id', ({ shop, params }) => {
    const product = store.getProduct(shop.id, params.id ?? '');
    if (!product) throw new EmulatorRejection(PartnerCode.NOT_FOUND, 'Product does not exist', 404);
    return product;
  });

  router.route('POST', '/product/202309/inventory/search', ({ shop, body }) => {
    const productIds = bodyStrings(body, 'product_ids', 100);
    const skuIds = bodyStrings(body, 'sku_ids', 600);
    if (!productIds && !skuIds) throw invalidParam('Invalid param: product_ids or sku_ids is required');
    return { inventory: store.searchInventory(shop.id, { product_ids: productIds, sku_ids: skuIds }) };
  });

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
