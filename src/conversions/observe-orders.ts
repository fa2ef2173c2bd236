/**
 * The ledger's hook: its order reads (search for backfills and delta syncs, detail for webhook
 * refreshes) offer what they read to the forwarder before the ledger files it. The ledger keeps
 * only facts; the raw order here still has the buyer's `user_id` the event needs.
 */
import type { PartnerClient } from '../datasources/partner/partner-client';
import type { PartnerOrder } from '../datasources/partner/order-schemas';

type OrderReads = Pick<PartnerClient, 'searchOrders' | 'getOrders' | 'searchReturns' | 'searchCancellations'>;

/**
 * `client` whose order reads also go to `offer`, awaited: a read whose orders could not be queued
 * fails like an upstream failure, so the ledger reads them again rather than losing them.
 */
export function offeringOrders(client: OrderReads, offer: (shopId: string, orders: readonly PartnerOrder[]) => Promise<void>): OrderReads {
  return {
    searchOrders: async (shop, request) => {
      const data = await client.searchOrders(shop, request);
      await offer(shop.id, data.orders);
      return data;
    },
    getOrders: async (shop, ids) => {
      const data = await client.getOrders(shop, ids);
      await offer(shop.id, data.orders);
      return data;
    },
    searchReturns: (shop, request) => client.searchReturns(shop, request),
    searchCancellations: (shop, request) => client.searchCancellations(shop, request),
  };
}
