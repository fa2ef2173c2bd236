import { EmulatorStore, type EmulatorChange, type PartnerOrder } from '../../../../src/emulator/data/store';
import { marketsStore, NOW, shopIn } from './markets-store';

/** Statuses of a parcel not yet delivered (OUT_FOR_DELIVERY: the undocumented last-mile status). */
const UNDELIVERED = ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'];

describe('cash on delivery (docs/tiktok-api.md, Orders)', () => {
  const store = marketsStore();
  const orders = (region: string): PartnerOrder[] => store.raw(shopIn(region).id).orders;

  it.each(['ID', 'MY', 'TH', 'VN', 'PH'])('%s: COD orders are marked as TikTok marks them, beside prepaid ones', (region) => {
    const all = orders(region);
    const cod = all.filter((o) => o.is_cod === true);
    expect(cod.length).toBeGreaterThan(10);
    expect(all.some((o) => o.is_cod === false)).toBe(true);
    for (const o of cod) {
      expect(o.payment_method_name).toBe('Cash on delivery');
      // Nothing to pay up front: a COD order is never UNPAID or ON_HOLD.
      expect(['UNPAID', 'ON_HOLD']).not.toContain(o.status);
      expect(o.is_on_hold_order).toBe(false);
    }
    for (const o of all.filter((x) => x.is_cod === false)) expect(o.payment_method_name).not.toBe('Cash on delivery');
  });

  it.each(['US', 'GB', 'JP'])('%s: no COD in a market without it', (region) => {
    expect(orders(region).filter((o) => o.is_cod === true)).toEqual([]);
  });

  it.each(['ID', 'MY', 'TH', 'VN', 'PH'])(
    '%s: no paid_time while unpaid, shipped ones included; some delivered ones get it at delivery, some never',
    (region) => {
      const cod = orders(region).filter((o) => o.is_cod === true);
      const undelivered = cod.filter((o) => UNDELIVERED.includes(o.status));
      expect(undelivered.some((o) => o.status === 'IN_TRANSIT')).toBe(true);
      for (const o of undelivered) expect(o.paid_time).toBeUndefined();
      for (const o of cod.filter((x) => x.status === 'CANCELLED')) expect(o.paid_time).toBeUndefined();
      const delivered = cod.filter((o) => o.status === 'DELIVERED' || o.status === 'COMPLETED');
      const collected = delivered.filter((o) => o.paid_time !== undefined);
      expect(collected.length).toBeGreaterThan(0);
      expect(delivered.some((o) => o.paid_time === undefined)).toBe(true);
      for (const o of collected) expect(o.paid_time).toBe(o.delivery_time);
      // The showcase guarantees a delivered COD order with and without paid_time at "now".
      expect(cod.some((o) => o.status === 'DELIVERED' && o.paid_time !== undefined)).toBe(true);
      expect(cod.some((o) => o.status === 'DELIVERED' && o.paid_time === undefined)).toBe(true);
    },
  );

  it.each(['ID', 'VN'])('%s: failed deliveries end CANCELLED by the SYSTEM after shipping, with a cancellation and no refund', (region) => {
    const { orders: all, cancellations } = store.raw(shopIn(region).id);
    const failed = all.filter((o) => o.is_cod === true && o.status === 'CANCELLED' && o.collection_time !== undefined);
    const reasons = new Set(failed.map((o) => o.cancel_reason));
    expect(reasons).toEqual(new Set(['Package delivery failed', 'Package rejected']));
    for (const o of failed) {
      expect(o.cancellation_initiator).toBe('SYSTEM');
      expect(o.paid_time).toBeUndefined();
      expect(o.delivery_time).toBeUndefined();
      expect(o.cancel_time).toBeGreaterThan(o.collection_time!);
      expect(o.line_items.every((l) => l.display_status === 'CANCELLED' && l.package_status === 'CANCELLED' && l.cancel_user === 'SYSTEM')).toBe(true);
      const records = cancellations.filter((c) => c.order_id === o.id);
      expect(records).toHaveLength(1);
      const [c] = records;
      // TikTok's SYSTEM cancel reasons for a parcel returned to the shipper.
      const expected = o.cancel_reason === 'Package rejected' ? 'returned_to_shipper_refused' : 'returned_to_shipper_other';
      expect(c).toMatchObject({
        cancel_type: 'CANCEL',
        role: 'SYSTEM',
        cancel_status: 'CANCELLATION_REQUEST_COMPLETE',
        cancel_reason: expected,
        cancel_reason_text: o.cancel_reason,
        create_time: o.cancel_time,
      });
      expect(c!.refund_amount).toBeUndefined();
      expect(c!.cancel_line_items.map((l) => l.order_line_item_id).sort()).toEqual(o.line_items.map((l) => l.id).sort());
      expect(c!.cancel_line_items.every((l) => l.refund_amount === undefined)).toBe(true);
    }
  });

  it('a COD order cancelled by the buyer or seller has a cancellation without refund_amount and never a paid_time', () => {
    const { orders: all, cancellations } = store.raw(shopIn('VN').id);
    const byId = new Map(all.map((o) => [o.id, o]));
    const codCancels = cancellations.filter(
      (c) => byId.get(c.order_id)?.is_cod === true && byId.get(c.order_id)?.status === 'CANCELLED' && c.role !== 'SYSTEM',
    );
    expect(codCancels.length).toBeGreaterThan(0);
    for (const c of codCancels) {
      expect(c.refund_amount).toBeUndefined();
      expect(byId.get(c.order_id)?.paid_time).toBeUndefined();
    }
  });
});

describe('cash on delivery in live mode', () => {
  const OPTS = { seed: 'cod-live', shops: 7, days: 3, ordersPerDay: 12, now: NOW };
  const DAY = 86400;

  it('moves new COD orders without UNPAID, adds paid_time only at delivery, and reports failed deliveries', () => {
    const store = EmulatorStore.generate(OPTS);
    const vn = store.shops().find((s) => s.region === 'VN')!;
    const changes: EmulatorChange[] = [];
    const seenUnpaidCod = new Set<string>();
    // Hour by hour for 12 days: every materialized COD order is checked at every step.
    for (let h = 1; h <= 12 * 24; h++) {
      changes.push(...store.tick(NOW + h * 3600));
      for (const o of store.raw(vn.id).orders) {
        if (o.is_cod !== true) continue;
        if (o.paid_time !== undefined) expect(['DELIVERED', 'COMPLETED']).toContain(o.status);
        else seenUnpaidCod.add(o.id);
      }
    }
    const mine = changes.filter((c): c is Extract<EmulatorChange, { type: 1 }> => c.type === 1 && c.shop_id === vn.id);
    const orders = new Map(store.raw(vn.id).orders.map((o) => [o.id, o]));
    const newCod = [...orders.values()].filter((o) => o.is_cod === true && o.create_time > NOW);
    expect(newCod.length).toBeGreaterThan(10);
    for (const o of newCod) {
      const statuses = mine.filter((c) => c.data.order_id === o.id).map((c) => c.data.order_status);
      // Created straight into AWAITING_SHIPMENT: the first webhook says so, and none says UNPAID or ON_HOLD.
      expect(statuses[0]).toBe('AWAITING_SHIPMENT');
      expect(statuses).not.toContain('UNPAID');
      expect(statuses).not.toContain('ON_HOLD');
      expect(statuses.at(-1)).toBe(o.status === 'CANCELLED' ? 'CANCEL' : o.status);
    }
    // Orders collected at delivery were seen unpaid first, then with paid_time = delivery_time.
    const collected = newCod.filter((o) => o.paid_time !== undefined);
    expect(collected.length).toBeGreaterThan(0);
    for (const o of collected) {
      expect(seenUnpaidCod.has(o.id)).toBe(true);
      expect(o.paid_time).toBe(o.delivery_time);
    }
    const failed = newCod.filter((o) => o.status === 'CANCELLED' && o.collection_time !== undefined);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) {
      expect(mine.filter((c) => c.data.order_id === o.id).map((c) => c.data.order_status)).toContain('IN_TRANSIT');
      const cancel = changes.find((c) => c.type === 11 && c.data.order_id === o.id);
      expect(cancel?.data).toMatchObject({ cancellations_role: 'SYSTEM', cancel_status: 'CANCELLATION_REQUEST_COMPLETE', update_time: o.cancel_time });
    }
    expect(store.now()).toBe(NOW + 12 * DAY);
  });
});
