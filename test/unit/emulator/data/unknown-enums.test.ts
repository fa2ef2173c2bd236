import { EmulatorStore } from '../../../../src/emulator/data/store';
import { EMULATOR_USAGE, parseEmulatorArgs } from '../../../../src/emulator/cli';

const NOW = 1764000000;
const OPTS = { seed: 'enums', shops: 3, days: 20, ordersPerDay: 6, now: NOW };

/** The statuses of TikTok's reference pages (docs/tiktok-api.md): anything else is new to a client. */
const KNOWN_ORDER = [
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
];
const KNOWN_RETURN = [
  'RETURN_OR_REFUND_REQUEST_PENDING',
  'REFUND_OR_RETURN_REQUEST_REJECT',
  'AWAITING_BUYER_SHIP',
  'BUYER_SHIPPED_ITEM',
  'REJECT_RECEIVE_PACKAGE',
  'RETURN_OR_REFUND_REQUEST_SUCCESS',
  'RETURN_OR_REFUND_REQUEST_CANCEL',
  'RETURN_OR_REFUND_REQUEST_COMPLETE',
  'REPLACEMENT_REQUEST_PENDING',
  'REPLACEMENT_REQUEST_REJECT',
  'REPLACEMENT_REQUEST_REFUND_SUCCESS',
  'REPLACEMENT_REQUEST_CANCEL',
  'REPLACEMENT_REQUEST_COMPLETE',
  'AWAITING_BUYER_RESPONSE',
];

describe('statuses TikTok does not document (on by default)', () => {
  const on = EmulatorStore.generate(OPTS);
  const off = EmulatorStore.generate({ ...OPTS, unknownEnums: false });

  it('puts a few orders (and their lines) and a return per shop in statuses a client has never seen', () => {
    for (const shop of on.shops()) {
      const { orders, returns } = on.raw(shop.id);
      const odd = orders.filter((o) => !KNOWN_ORDER.includes(o.status));
      expect(odd.length).toBeGreaterThanOrEqual(2);
      for (const o of odd) {
        expect(o.status).toBe('OUT_FOR_DELIVERY');
        // The parcel is with the courier: collected, not delivered; its lines say the same.
        expect(o.collection_time).toBeDefined();
        expect(o.delivery_time).toBeUndefined();
        expect(o.line_items.every((l) => l.display_status === 'OUT_FOR_DELIVERY')).toBe(true);
      }
      const oddReturns = returns.filter((r) => !KNOWN_RETURN.includes(r.return_status));
      expect(oddReturns.map((r) => r.return_status)).toContain('RETURN_PACKAGE_RECEIVED');
    }
  });

  it('can be turned off: then no such status, and everything else is what it would have been', () => {
    for (const shop of off.shops()) {
      const { orders, returns } = off.raw(shop.id);
      expect(orders.filter((o) => !KNOWN_ORDER.includes(o.status) || o.line_items.some((l) => !KNOWN_ORDER.includes(l.display_status)))).toEqual([]);
      expect(returns.filter((r) => !KNOWN_RETURN.includes(r.return_status))).toEqual([]);
      const withUnknown = new Map(on.raw(shop.id).orders.map((o) => [o.id, o]));
      // Only the showcase orders that exist to show those statuses are missing...
      expect(withUnknown.size - orders.length).toBe(3);
      for (const o of orders) {
        const same = withUnknown.get(o.id);
        expect(same).toBeDefined();
        // ...and an order that would be out for delivery is simply still in transit.
        if (same!.status === 'OUT_FOR_DELIVERY') expect(o.status).toBe('IN_TRANSIT');
        else expect(o).toEqual(same);
      }
    }
  });

  it('is deterministic either way', () => {
    const again = EmulatorStore.generate({ ...OPTS, unknownEnums: false });
    for (const shop of off.shops()) expect(again.raw(shop.id)).toEqual(off.raw(shop.id));
  });

  it('is an emulator option and a CLI flag, documented in the help', () => {
    expect(parseEmulatorArgs(['--no-unknown-enums'])).toMatchObject({ unknownEnums: false });
    expect(parseEmulatorArgs([])).toMatchObject({ unknownEnums: undefined });
    expect(EMULATOR_USAGE).toMatch(/--no-unknown-enums\s+generated data without/);
  });
});
