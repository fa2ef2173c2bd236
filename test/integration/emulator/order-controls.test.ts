/**
 * The emulator's order and stock controls over HTTP (docs/emulator.md, Control plane): a placed
 * order commits its units, cancelling it gives them back, shipping takes them off the shelf, a
 * receipt adds units — all seen through TikTok's own Inventory Search and Order Detail answers,
 * with the webhooks TikTok would send POSTed to the shop's subscribed address.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmuShop } from '../../../src/emulator/data/store';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, type TestClock } from './helpers';

interface Sku {
  id: string;
  total_available_quantity: number;
  total_committed_quantity: number;
  warehouse_inventory: { warehouse_id: string; available_quantity: number; committed_quantity: number }[];
}
interface Order {
  id: string;
  status: string;
  rts_sla_time?: number;
  rts_time?: number;
  paid_time?: number;
  line_items: { sku_id: string; display_status: string }[];
}

describe('emulator control plane: orders and stock', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let shop: EmuShop;
  let skuId: string;
  const hooks: { type: number; data: Record<string, unknown> }[] = [];
  const wake: (() => void)[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hooks.push(JSON.parse(body) as (typeof hooks)[number]);
      res.writeHead(200).end();
      wake.splice(0).forEach((w) => w());
    });
  });

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator({ shops: 1, days: 3, ordersPerDay: 5 }));
    token = await accessToken(emu);
    [shop] = emu.store.shops() as [EmuShop];
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tiktok`;
    for (const event of ['ORDER_STATUS_CHANGE', 'CANCELLATION_STATUS_CHANGE']) emu.store.putWebhook(shop.id, event, address);
    const sku = emu.store
      .searchInventory(shop.id, {})
      .flatMap((p) => p.skus)
      .find((s) => s.warehouse_inventory.length === 1 && s.total_available_quantity > 5);
    skuId = sku!.id;
  });
  afterAll(async () => {
    await emu.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });
  beforeEach(() => {
    clock.ms += 1000;
  });

  const control = async (path: string, body: object = {}) => {
    const res = await fetch(`${emu.url}/__emulator/shops/${shop.id}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stock = async (): Promise<Sku> => {
    const res = await partner<{ inventory: { skus: Sku[] }[] }>(emu, clock, {
      token,
      cipher: shop.cipher,
      path: '/product/202309/inventory/search',
      body: JSON.stringify({ sku_ids: [skuId] }),
    });
    return res.body.data.inventory[0]!.skus[0]!;
  };
  const detail = async (orderId: string): Promise<Order> => {
    const res = await partner<{ orders: Order[] }>(emu, clock, {
      token,
      cipher: shop.cipher,
      method: 'GET',
      path: '/order/202507/orders',
      query: { ids: orderId },
    });
    return res.body.data.orders[0]!;
  };
  const sorted = (rows: unknown[][]) =>
    rows
      .map((r) => JSON.stringify(r))
      .sort()
      .map((r) => JSON.parse(r) as unknown[]);
  const waitForHooks = async (count: number) => {
    while (hooks.length < count) await new Promise<void>((resolve) => wake.push(resolve));
  };

  it('a placed order commits its units; cancelling it returns them; both send the webhooks TikTok would', async () => {
    const before = await stock();
    const placed = await control('/orders', { sku_id: skuId, quantity: 3 });
    expect(placed.status).toBe(200);
    const orderId = (placed.body.order as Order).id;
    const after = await stock();
    expect(after.total_available_quantity).toBe(before.total_available_quantity - 3);
    expect(after.total_committed_quantity).toBe(before.total_committed_quantity + 3);
    expect(after.warehouse_inventory[0]!.committed_quantity).toBe(before.warehouse_inventory[0]!.committed_quantity + 3);

    const order = await detail(orderId);
    expect(order.status).toBe('AWAITING_SHIPMENT');
    expect(order.line_items.map((l) => l.sku_id)).toEqual([skuId, skuId, skuId]);
    expect(order.paid_time).toBe(emu.store.now());
    expect(order.rts_sla_time).toBeGreaterThan(emu.store.now());

    await waitForHooks(2);
    // Two deliveries in flight at once: their arrival order is not the test's business.
    expect(sorted(hooks.splice(0).map((h) => [h.type, h.data.order_id, h.data.order_status]))).toEqual([
      [1, orderId, 'AWAITING_SHIPMENT'],
      [1, orderId, 'UNPAID'],
    ]);

    expect((await control(`/orders/${orderId}/cancel`)).status).toBe(200);
    const back = await stock();
    expect(back.total_available_quantity).toBe(before.total_available_quantity);
    expect(back.total_committed_quantity).toBe(before.total_committed_quantity);
    expect((await detail(orderId)).status).toBe('CANCELLED');
    await waitForHooks(2);
    expect(sorted(hooks.splice(0).map((h) => [h.type, h.data.order_id, h.data.order_status ?? h.data.cancel_status]))).toEqual([
      [1, orderId, 'CANCEL'],
      [11, orderId, 'CANCELLATION_REQUEST_COMPLETE'],
    ]);
    // A cancelled order cannot be cancelled or shipped again.
    expect(await control(`/orders/${orderId}/cancel`)).toEqual({
      status: 400,
      body: { error: `order ${orderId} is CANCELLED: only an order still to ship can be cancelled` },
    });
  });

  it('shipping leaves available as it was and ends the commitment; a receipt adds units', async () => {
    const before = await stock();
    const placed = await control('/orders', { sku_id: skuId, quantity: 2, rts_sla_time: emu.store.now() + 3600, webhooks: false });
    const orderId = (placed.body.order as Order).id;
    expect((await detail(orderId)).rts_sla_time).toBe(emu.store.now() + 3600);
    expect((await control(`/orders/${orderId}/ship`, { webhooks: false })).status).toBe(200);
    const shipped = await stock();
    expect(shipped.total_available_quantity).toBe(before.total_available_quantity - 2);
    expect(shipped.total_committed_quantity).toBe(before.total_committed_quantity);
    const order = await detail(orderId);
    expect(order.status).toBe('AWAITING_COLLECTION');
    expect(order.rts_time).toBe(emu.store.now());

    const received = await control('/stock', { sku_id: skuId, units: 7 });
    expect(received.status).toBe(200);
    expect((await stock()).total_available_quantity).toBe(before.total_available_quantity + 5);
    expect(hooks).toEqual([]);
  });

  it('refuses what cannot be done, naming what was wrong', async () => {
    expect(await control('/orders', { sku_id: '123', quantity: 1 })).toEqual({ status: 404, body: { error: `shop ${shop.id} sells no SKU 123` } });
    expect(await control('/orders', { sku_id: skuId, quantity: 0 })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^quantity: /) } });
    expect(await control('/orders', { sku: skuId })).toMatchObject({ status: 400 });
    expect(await control('/stock', { sku_id: skuId, units: -1 })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^units: /) } });
    expect(await control('/orders/999/ship')).toEqual({ status: 404, body: { error: `shop ${shop.id} has no order 999` } });
    const res = await fetch(`${emu.url}/__emulator/shops/1/orders`, { method: 'POST', body: JSON.stringify({ sku_id: skuId }) });
    expect(res.status).toBe(404);
  });
});
