/** A loopback webhook receiver and the emulator-side moves the alert tests make. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook } from '../../../src/datasources/partner/signing';
import type { EmulatorHandle } from '../../../src/emulator/server';

/** One request the receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A loopback HTTP server answering each POST with the next status of `statuses` (then 200). */
export async function webhookReceiver(statuses: number[]) {
  const received: Received[] = [];
  const wake: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status).end();
      wake.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    prefix: `http://127.0.0.1:${port}/`,
    url: `http://127.0.0.1:${port}/hooks/shopgraph`,
    received,
    /** Resolves once `count` requests arrived. */
    async atLeast(count: number): Promise<Received[]> {
      while (received.length < count) await new Promise<void>((resolve) => wake.push(resolve));
      return received.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sequence = 0;

/** POSTs a signed ORDER_STATUS_CHANGE, as TikTok would, to the gateway whose `/graphql` is `graphqlUrl`. */
export async function orderStatusWebhook(emulator: EmulatorHandle, graphqlUrl: string, shopId: string, orderId: string): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: String(7_300_000_000_000_000_000n + BigInt(++sequence)),
    shop_id: shopId,
    timestamp: now,
    data: { order_id: orderId, order_status: 'AWAITING_SHIPMENT', update_time: now },
  });
  const res = await fetch(graphqlUrl.replace(/\/graphql$/, '/webhooks/tiktok-shop'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: signWebhook(emulator.tokens.appKey, emulator.tokens.appSecret, body) },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

/** What the tests reach of the emulator's shop state: the units received per SKU and warehouse (docs/emulator.md, Inventory). */
interface StockState {
  revision: number;
  received?: Map<string, number>;
}

/**
 * A SKU of the shop stocked in one warehouse, and a setter of its available stock. The emulator
 * derives availability from the units received minus what orders hold and shipped; the setter
 * changes the units received (a delivery, or a stock count correcting it), as the seller's
 * warehouse would, so every order keeps counting as before.
 */
export function stockOf(emulator: EmulatorHandle, shopId: string) {
  const available = (skuId?: string) => emulator.store.searchInventory(shopId, skuId ? { sku_ids: [skuId] } : {}).flatMap((p) => p.skus);
  const sku = available().find((s) => s.warehouse_inventory.length === 1 && s.total_available_quantity > 20);
  if (!sku) throw new Error(`shop ${shopId} has no SKU with stock in one warehouse`);
  const warehouseId = sku.warehouse_inventory[0]!.warehouse_id;
  const state = (emulator.store as unknown as { shop(id: string): StockState | undefined }).shop(shopId);
  if (!state?.received) throw new Error('the emulator keeps no received stock for this shop');
  const received = state.received;
  return {
    skuId: sku.id,
    /** The SKU's available units as Inventory Search answers them now. */
    units: () => available(sku.id)[0]!.total_available_quantity,
    /** Makes `units` available (more than 0: at 0 the emulator's figure is clamped). */
    set(units: number) {
      const key = `${sku.id}:${warehouseId}`;
      received.set(key, received.get(key)! + units - available(sku.id)[0]!.total_available_quantity);
      // The emulator's stock rows are memoized per revision of the shop's data.
      state.revision++;
    },
  };
}
