/**
 * Partner API v2 order routes: Get Order List (`POST /order/202309/orders/search`) and Get Order
 * Detail, served at 202507 (TikTok's testing tool default) and still at 202309, as TikTok keeps
 * an older version served after a newer one appears (docs/tiktok-api.md, Versions and Orders).
 */
import { EmulatorRejection, PartnerCode, invalidParam } from './codes';
import type { EmulatorStore, PartnerOrder } from './data/store';
import { bodyInt, bodyString, pageSize, pageToken, queryEnum } from './params';
import type { PartnerRouter } from './partner-routes';

/** The order statuses Get Order List filters by (its `order_status` body field). */
const ORDER_STATUSES = [
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
] as const;

/** Get Order Detail's versions, oldest first. */
const DETAIL_VERSIONS = ['202309', '202507'] as const;

/** TikTok's message for `21008111`, as a live shop printed it. */
const NOT_THIS_SELLERS = 'The order/package does not belong to the current seller; detail:The order/package does not belong to the current seller';

/**
 * An order as a detail version shows it: 202507 is 202309's order object without the two
 * Southeast Asian shipping hints (`fulfillment_priority_level`, `recommended_shipping_time`),
 * which only the 202309 search and detail still send (TikTok's SDK models of both versions).
 */
function asVersion(order: PartnerOrder, version: (typeof DETAIL_VERSIONS)[number]): PartnerOrder {
  if (version === '202309') return order;
  const { fulfillment_priority_level: _level, recommended_shipping_time: _recommended, ...rest } = order;
  return rest;
}

/** Registers the order routes. */
export function registerOrderRoutes(router: PartnerRouter, store: EmulatorStore): void {
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

  for (const version of DETAIL_VERSIONS) {
    router.route('GET', `/order/${version}/orders`, ({ shop, query }) => {
      const ids = (query.ids ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      if (ids.length === 0) throw invalidParam('Invalid param: ids is required');
      if (ids.length > 50) throw invalidParam('Invalid param: ids allows at most 50 order ids');
      const orders = store.getOrders(shop.id, ids);
      // An id the shop does not have — unknown, or another shop's — answers 21008111 (Get Order
      // Detail's error list). Whether TikTok answers a batch that mixes known and unknown ids the
      // same way is not documented and no capture shows it; docs/tiktok-api.md tells clients to
      // ask for such a batch's ids one by one, so the emulator takes the stricter reading and
      // refuses the whole batch, which makes a client take that path. The HTTP status of Partner
      // business errors is not documented either; 200 is what recorded answers assume.
      if (orders.length !== ids.length) throw new EmulatorRejection(PartnerCode.ORDER_NOT_FOUND, NOT_THIS_SELLERS, 200);
      return { orders: orders.map((o) => asVersion(o, version)) };
    });
  }
}
