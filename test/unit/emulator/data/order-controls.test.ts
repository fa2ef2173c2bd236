/**
 * The emulator's controls at the store level (docs/emulator.md, "Orders, stock and spend on
 * demand"): stock follows placed, shipped and cancelled orders and receipts; extra spend shows in
 * the campaign-day's report rows and nowhere else. A fresh store per test: controls change it.
 */
import Decimal from 'decimal.js';
import { ControlError, EmulatorStore } from '../../../../src/emulator/data/store';
import { NOW } from './demo-store';

const fresh = () => EmulatorStore.generate({ seed: 'controls', shops: 1, days: 10, ordersPerDay: 6, now: NOW });

describe('emulator order and stock controls', () => {
  it('commits, returns and ships units as the orders say, and receives units', () => {
    const store = fresh();
    const shopId = store.shops()[0]!.id;
    const sku = store
      .searchInventory(shopId, {})
      .flatMap((p) => p.skus)
      .find((s) => s.total_available_quantity > 10)!;
    const units = () => store.searchInventory(shopId, { sku_ids: [sku.id] })[0]!.skus[0]!;

    const placed = store.placeOrder(shopId, { skuId: sku.id, quantity: 4 });
    expect(placed.order).toMatchObject({ status: 'AWAITING_SHIPMENT', paid_time: NOW, create_time: NOW, update_time: NOW });
    expect(placed.order.line_items).toHaveLength(4);
    expect(placed.changes.map((c) => [c.type, c.data.order_id])).toEqual([
      [1, placed.order.id],
      [1, placed.order.id],
    ]);
    expect(units()).toMatchObject({ total_available_quantity: sku.total_available_quantity - 4, total_committed_quantity: sku.total_committed_quantity + 4 });
    // The order is an order like the others: Order Detail and the raw data have it.
    expect(store.getOrders(shopId, [placed.order.id])).toEqual([placed.order]);

    store.cancelOrder(shopId, placed.order.id);
    expect(units()).toMatchObject({ total_available_quantity: sku.total_available_quantity, total_committed_quantity: sku.total_committed_quantity });
    expect(store.raw(shopId).cancellations.filter((c) => c.order_id === placed.order.id)).toHaveLength(1);

    const shipped = store.placeOrder(shopId, { skuId: sku.id, quantity: 2, rtsSlaTime: NOW + 3600 });
    expect(shipped.order.rts_sla_time).toBe(NOW + 3600);
    expect(store.shipOrder(shopId, shipped.order.id).order).toMatchObject({ status: 'AWAITING_COLLECTION', rts_time: NOW });
    expect(units()).toMatchObject({ total_available_quantity: sku.total_available_quantity - 2, total_committed_quantity: sku.total_committed_quantity });

    store.receiveStock(shopId, sku.id, 5);
    expect(units().total_available_quantity).toBe(sku.total_available_quantity + 3);
  });

  it('refuses what cannot be done, naming it', () => {
    const store = fresh();
    const shopId = store.shops()[0]!.id;
    const shipped = store.raw(shopId).orders.find((o) => o.status === 'DELIVERED')!;
    expect(() => store.cancelOrder(shopId, shipped.id)).toThrow(`order ${shipped.id} is DELIVERED: only an order still to ship can be cancelled`);
    expect(() => store.placeOrder('1', { skuId: '2', quantity: 1 })).toThrow(ControlError);
    expect(() => store.receiveStock(shopId, '2', 1)).toThrow(`shop ${shopId} has no SKU 2`);
  });

  it('adds extra spend to one campaign-day of the reports, and takes it back', () => {
    const store = fresh();
    const advertiser = store.advertisers()[0]!;
    const query = { start_date: '2025-11-20', end_date: '2025-11-23', include_deleted: true, metrics: ['spend'], page: 1, pageSize: 100 };
    const before = store.report(advertiser.advertiser_id, query).list;
    const row = before.find((r) => r.dimensions.stat_time_day === '2025-11-22 00:00:00')!;
    store.setExtraSpend(advertiser.advertiser_id, row.dimensions.campaign_id, '2025-11-22', '25.50');
    const after = store.report(advertiser.advertiser_id, query).list;
    // Exactly that row moved, by exactly 25.50 (TikTok writes three decimals).
    const moved = after.filter((r, i) => r.metrics.spend !== before[i]!.metrics.spend);
    expect(moved).toEqual([{ ...row, metrics: { spend: new Decimal(row.metrics.spend!).plus('25.50').toFixed(3) } }]);
    store.setExtraSpend(advertiser.advertiser_id, row.dimensions.campaign_id, '2025-11-22', '0');
    expect(store.report(advertiser.advertiser_id, query).list).toEqual(before);
    expect(() => store.setExtraSpend(advertiser.advertiser_id, row.dimensions.campaign_id, '2025-11-22', '1.001')).toThrow(/decimals/);
  });
});
