/**
 * Server-side conversions end to end: paid orders announced by webhooks reach the emulator's
 * Events API once per order id, hashed, across a restart of the gateway on the same data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { silentLogger } from '../../../src/telemetry/logger';
import { configFile } from '../../helpers/config-file';
import { emulatorEnv } from '../../helpers/stack';
import { conversionsCount, conversionsFile, EVENTS_TOKEN, orderWebhook, PAGE_URL, paidOrders, PIXEL, sha256 } from './helpers';

let emulator: EmulatorHandle;
let dir: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'conversions', shops: 1, days: 5, ordersPerDay: 8, pixels: { [PIXEL]: EVENTS_TOKEN } });
  dir = mkdtempSync(join(tmpdir(), 'shopgraph-conversions-'));
});
afterAll(async () => {
  await server?.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = () =>
  // A fresh authorization each start: without Redis, seller tokens live in the process.
  startServer(
    loadConfig({
      ...emulatorEnv(emulator),
      SHOPGRAPH_DATA_DIR: dir,
      TTS_AUTH_CODE: emulator.mintAuthCode(),
      TT_EVENTS_ACCESS_TOKEN: EVENTS_TOKEN,
      SHOPGRAPH_CONFIG: configFile(conversionsFile),
    }),
    silentLogger,
  );

it('sends each paid order once per order id, hashed, across a gateway restart', async () => {
  const shopId = emulator.store.shops()[0]!.id;
  const paid = paidOrders(emulator, shopId).slice(0, 10);
  expect(paid).toHaveLength(10);
  const unpaid = emulator.store.raw(shopId).orders.find((o) => o.status === 'UNPAID');

  server = await start();
  for (const o of paid.slice(0, 4)) await orderWebhook(emulator, server.url, shopId, o.id, 'AWAITING_SHIPMENT');
  if (unpaid) await orderWebhook(emulator, server.url, shopId, unpaid.id, 'UNPAID');
  await server.drainWebhooks();
  await server.flushConversions();
  expect(emulator.events.map((e) => e.event_id).sort()).toEqual(
    paid
      .slice(0, 4)
      .map((o) => o.id)
      .sort(),
  );
  expect(await conversionsCount(server.url, 'sent')).toBe(4);

  // Four more are queued, then the gateway stops before sending them.
  for (const o of paid.slice(4, 8)) await orderWebhook(emulator, server.url, shopId, o.id, 'AWAITING_SHIPMENT');
  await server.drainWebhooks();
  await server.close();
  server = undefined;
  expect(emulator.events).toHaveLength(4);

  // Restarted on the same data directory: what was queued is sent without any webhook...
  server = await start();
  await server.flushConversions();
  expect(emulator.events.map((e) => e.event_id).sort()).toEqual(
    paid
      .slice(0, 8)
      .map((o) => o.id)
      .sort(),
  );
  // ...and TikTok redelivering every order's next status sends only the two new ones.
  for (const o of paid) await orderWebhook(emulator, server.url, shopId, o.id, 'IN_TRANSIT');
  await server.drainWebhooks();
  await server.flushConversions();

  expect(emulator.events.map((e) => e.event_id).sort()).toEqual(paid.map((o) => o.id).sort());
  expect(emulator.events.every((e) => e.deliveries === 1 && e.event_source_id === PIXEL && e.event === 'Purchase')).toBe(true);
  expect(await conversionsCount(server.url, 'sent')).toBe(6);
  expect(await conversionsCount(server.url, 'duplicate')).toBe(0); // known orders are not even read again

  // What arrived, against the emulator's raw orders (recomputed here, not by ShopGraph's helpers).
  for (const o of paid) {
    const got = emulator.events.find((e) => e.event_id === o.id)!.payload as {
      event_time: number;
      user: Record<string, unknown>;
      page: { url: string };
      properties: { value: number; currency: string; order_id: string };
    };
    expect(got.event_time).toBe(Number(o.paid_time));
    expect(got.user).toEqual({ external_id: [sha256(String(o.user_id))] });
    expect(got.page.url).toBe(PAGE_URL);
    expect(got.properties).toMatchObject({ value: Number(o.payment.total_amount), currency: o.payment.currency, order_id: o.id });
    expect(JSON.stringify(got)).not.toContain(String(o.user_id));
  }
});
