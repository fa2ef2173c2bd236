/**
 * The emulator's Inventory Search over HTTP: TikTok's limits and codes (its reference page), and
 * stock that moves as live mode advances the orders.
 */
import type { EmuShop } from '../../../src/emulator/data/store';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, type TestClock } from './helpers';

interface Data {
  inventory: { product_id: string; skus: { id: string; total_available_quantity: number; total_committed_quantity: number }[] }[];
}

describe('emulator over HTTP: Inventory Search', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let shop: EmuShop;

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator({ ordersPerDay: 60 }));
    token = await accessToken(emu);
    [shop] = emu.store.shops() as [EmuShop];
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    clock.ms += 1000;
  });

  const search = (body: object) =>
    partner<Data>(emu, clock, { token, cipher: shop.cipher, path: '/product/202309/inventory/search', body: JSON.stringify(body) });

  it('refuses more than 100 product ids (12019120), more than 600 SKU ids (12019015) and a malformed product id (12019008)', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(1_000 + i));
    expect((await search({ product_ids: ids(101) })).body.code).toBe(12019120);
    expect((await search({ sku_ids: ids(601) })).body.code).toBe(12019015);
    expect((await search({ product_ids: ['abc'] })).body.code).toBe(12019008);
    expect((await search({ product_ids: ids(100) })).body.code).toBe(0);
  });

  it('answers by SKU ids when both kinds are sent', async () => {
    const [product] = emu.store.raw(shop.id).products;
    const sku = product!.skus[0]!.id;
    const res = await search({ product_ids: [product!.id], sku_ids: [sku] });
    expect(res.body.code).toBe(0);
    expect(res.body.data.inventory.flatMap((p) => p.skus.map((s) => s.id))).toEqual([sku]);
  });

  it('moves with orders: placed orders commit stock, and what is committed is the lines still to ship', () => {
    const before = emu.store.searchInventory(shop.id, {});
    const sum = (rows: Data['inventory'], key: 'total_available_quantity' | 'total_committed_quantity') =>
      rows.flatMap((p) => p.skus).reduce((n, s) => n + s[key], 0);
    const ordersBefore = emu.store.raw(shop.id).orders.length;
    emu.store.tick(emu.store.now() + 24 * 3600);
    const after = emu.store.searchInventory(shop.id, {});
    expect(emu.store.raw(shop.id).orders.length).toBeGreaterThan(ordersBefore);
    // A day of new orders: available can only have gone down (nothing is restocked)...
    expect(sum(after, 'total_available_quantity')).toBeLessThan(sum(before, 'total_available_quantity'));
    // ...and what is committed is exactly the lines still to ship.
    const toShip = emu.store
      .raw(shop.id)
      .orders.flatMap((o) => o.line_items)
      .filter((l) => ['UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING'].includes(l.display_status)).length;
    expect(sum(after, 'total_committed_quantity')).toBe(toShip);
  });
});
