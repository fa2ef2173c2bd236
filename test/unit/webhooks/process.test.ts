import { processNotification, type NotificationEffects } from '../../../src/webhooks/process';
import type { Notification } from '../../../src/upstream/notification';
import { silentLogger } from '../../../src/telemetry/logger';

function effects() {
  const calls: string[] = [];
  const fx: Required<Omit<NotificationEffects, 'announce'>> = {
    refreshOrders: async (shop, ids) => void calls.push(`refresh ${shop} ${ids.join(',')}`),
    invalidateOrders: async (shop, ids) => void calls.push(`invalidate-orders ${shop} ${ids.join(',')}`),
    invalidateProducts: async (shop, ids) => void calls.push(`invalidate-products ${shop} ${ids.join(',')}`),
    invalidateInventory: async (shop, ids) => void calls.push(`invalidate-inventory ${shop} ${ids.join(',')}`),
    offerConversion: async (shop, id, status) => void calls.push(`conversion ${shop} ${id} ${status ?? '-'}`),
    revokeShop: async (shop) => {
      calls.push(`revoke-shop ${shop}`);
      return shop === 's' ? { sellerId: 'seller-1', sellerRemoved: false } : undefined;
    },
  };
  return { calls, fx };
}

const base: Notification = { id: 'n', type: 1, shopId: 's', timestamp: 0 };

describe('processNotification', () => {
  it.each([11, 12])('type %i invalidates the order, then refreshes it in the ledger', async (type) => {
    const { calls, fx } = effects();
    await processNotification({ ...base, type, orderId: 'o1' }, fx, silentLogger);
    expect(calls).toEqual(['invalidate-orders s o1', 'refresh s o1']);
  });

  it("type 1 (order status) also offers the order to conversions, after the ledger's re-read", async () => {
    const { calls, fx } = effects();
    await processNotification({ ...base, type: 1, orderId: 'o1', orderStatus: 'AWAITING_SHIPMENT' }, fx, silentLogger);
    expect(calls).toEqual(['invalidate-orders s o1', 'refresh s o1', 'conversion s o1 AWAITING_SHIPMENT']);
  });

  it.each([5, 15, 27])('type %i invalidates the product', async (type) => {
    const { calls, fx } = effects();
    await processNotification({ ...base, type, productId: 'p1' }, fx, silentLogger);
    expect(calls).toEqual(['invalidate-products s p1', 'invalidate-inventory s p1']);
  });

  it('works without a ledger, and does nothing for types it does not act on', async () => {
    const { calls, fx } = effects();
    const { refreshOrders: _ledger, ...withoutLedger } = fx;
    await processNotification({ ...base, orderId: 'o1' }, withoutLedger, silentLogger);
    await processNotification({ ...base, type: 7 }, fx, silentLogger);
    await processNotification({ ...base, type: 99, orderId: 'o2' }, fx, silentLogger);
    expect(calls).toEqual(['invalidate-orders s o1', 'conversion s o1 -']);
  });

  it("type 6 (seller deauthorization) takes the named shop out of its seller's authorization, whoever else authorized", async () => {
    const { calls, fx } = effects();
    await processNotification({ ...base, type: 6 }, fx, silentLogger);
    await processNotification({ ...base, type: 6, shopId: 'nobody-s' }, fx, silentLogger);
    expect(calls).toEqual(['revoke-shop s', 'revoke-shop nobody-s']);
  });
});
