import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook, signaturesEqual } from '../../../src/datasources/partner/signing';
import type { EmuShop } from '../../../src/emulator/data/store';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, type TestClock } from './helpers';

interface Hook {
  type: number;
  shop_id: string;
  data: Record<string, unknown>;
}

describe('emulator: live mode moves cash-on-delivery orders and says so in webhooks', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let server: Server;
  const hooks: { raw: string; authorization: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        hooks.push({ raw, authorization: String(req.headers.authorization) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    // Three shops: the third sells in Indonesia, where buyers pay cash on delivery.
    // Few orders, and a failed delivery is retried at once rather than after TikTok's 2 minutes.
    ({ emu, clock } = await startTestEmulator({ shops: 3, days: 2, ordersPerDay: 4, webhookUrl: url, webhookRetryDelaysMs: [1, 1, 1] }));
  });
  afterAll(async () => {
    await emu.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends AWAITING_SHIPMENT first (never UNPAID), CANCEL plus a SYSTEM cancellation on a failed delivery, and paid_time only at delivery', async () => {
    let sent = 0;
    for (let step = 0; step < 12 * 4; step++) {
      clock.ms += 6 * 3_600_000;
      sent += emu.tick().length;
      // One tick's deliveries at a time, so the receiver is never flooded.
      while (hooks.length < sent) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const h of hooks) expect(signaturesEqual(signWebhook(emu.tokens.appKey, emu.tokens.appSecret, h.raw), h.authorization)).toBe(true);
    const shop = emu.store.shops()[2] as EmuShop;
    // Deliveries run concurrently and may arrive out of order: order them by the change's time.
    const mine = hooks
      .map((h) => JSON.parse(h.raw) as Hook)
      .filter((h) => h.shop_id === shop.id)
      .sort((a, b) => Number(a.data.update_time) - Number(b.data.update_time));
    const token = await accessToken(emu);
    const detail = async (ids: string[]) => {
      const { body } = await partner<{ orders: Record<string, unknown>[] }>(emu, clock, {
        path: '/order/202507/orders',
        query: { ids: ids.join(',') },
        token,
        cipher: shop.cipher,
      });
      expect(body.code).toBe(0);
      return body.data.orders;
    };
    const statusesOf = (orderId: string) => mine.filter((h) => h.type === 1 && h.data.order_id === orderId).map((h) => h.data.order_status);
    const created = [...new Set(mine.filter((h) => h.type === 1).map((h) => String(h.data.order_id)))];
    const orders = (await Promise.all(Array.from({ length: Math.ceil(created.length / 50) }, (_, i) => detail(created.slice(i * 50, i * 50 + 50))))).flat();
    const cod = orders.filter((o) => o.is_cod === true && statusesOf(String(o.id))[0] === 'AWAITING_SHIPMENT');
    expect(cod.length).toBeGreaterThan(3);
    for (const o of cod) {
      const statuses = statusesOf(String(o.id));
      expect(statuses).not.toContain('UNPAID');
      expect(statuses.at(-1)).toBe(o.status === 'CANCELLED' ? 'CANCEL' : o.status);
      if (o.paid_time !== undefined) {
        expect(statuses).toContain('DELIVERED');
        expect(o.paid_time).toBe(o.delivery_time);
      }
    }
    const failed = cod.filter((o) => o.status === 'CANCELLED' && o.collection_time !== undefined);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) {
      expect(statusesOf(String(o.id))).toEqual(expect.arrayContaining(['IN_TRANSIT', 'CANCEL']));
      expect(mine.find((h) => h.type === 11 && h.data.order_id === o.id)?.data).toMatchObject({
        cancellations_role: 'SYSTEM',
        cancel_status: 'CANCELLATION_REQUEST_COMPLETE',
      });
      expect('paid_time' in o).toBe(false);
    }
  });
});
