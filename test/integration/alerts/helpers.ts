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

/** An order webhook's `type` and `data`, as the emulator's controls answer them (TikTok's envelope is added on sending). */
export interface OrderChange {
  type: number;
  shop_id: string;
  data: Record<string, unknown>;
}

/** POSTs `change` signed, as TikTok delivers webhooks, to the gateway whose `/graphql` is `graphqlUrl`. */
export async function deliverChange(emulator: EmulatorHandle, graphqlUrl: string, change: OrderChange): Promise<void> {
  const body = JSON.stringify({
    type: change.type,
    tts_notification_id: String(7_300_000_000_000_000_000n + BigInt(++sequence)),
    shop_id: change.shop_id,
    timestamp: Math.floor(Date.now() / 1000),
    data: change.data,
  });
  const res = await fetch(graphqlUrl.replace(/\/graphql$/, '/webhooks/tiktok-shop'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: signWebhook(emulator.tokens.appKey, emulator.tokens.appSecret, body) },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

interface ControlAnswer {
  order: { id: string; status: string; rts_sla_time?: number };
  changes: OrderChange[];
}

/**
 * The emulator's order and stock controls (docs/emulator.md, Control plane) for one shop: a
 * buyer's order, the seller shipping or cancelling it, a delivery of units. The emulator sends no
 * webhook itself (`webhooks: false`): each answer carries the order's status change, which the
 * test delivers to the replica it chooses.
 */
export function shopControls(emulator: EmulatorHandle, shopId: string) {
  const post = async <T>(path: string, body: object): Promise<T> => {
    const res = await fetch(`${emulator.url}/__emulator/shops/${shopId}${path}`, { method: 'POST', body: JSON.stringify(body) });
    const json = (await res.json()) as T & { error?: string };
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${json.error ?? ''}`);
    return json;
  };
  /** The order status change of an answer (the ORDER_STATUS_CHANGE webhook, type 1; the last one when several). */
  const statusChange = (a: ControlAnswer): OrderChange => a.changes.filter((c) => c.type === 1).at(-1)!;
  return {
    async order(skuId: string, quantity: number, rtsSlaTime?: number) {
      const a = await post<ControlAnswer>('/orders', { sku_id: skuId, quantity, rts_sla_time: rtsSlaTime, webhooks: false });
      return { id: a.order.id, order: a.order, change: statusChange(a) };
    },
    async cancel(orderId: string) {
      return statusChange(await post<ControlAnswer>(`/orders/${orderId}/cancel`, { webhooks: false }));
    },
    async ship(orderId: string) {
      return statusChange(await post<ControlAnswer>(`/orders/${orderId}/ship`, { webhooks: false }));
    },
    async receive(skuId: string, units: number): Promise<void> {
      await post('/stock', { sku_id: skuId, units });
    },
  };
}

/** A SKU of the shop stocked in one warehouse with more than 20 units, and its available units as Inventory Search answers them now. */
export function stockedSku(emulator: EmulatorHandle, shopId: string) {
  const rows = (skuId?: string) => emulator.store.searchInventory(shopId, skuId ? { sku_ids: [skuId] } : {}).flatMap((p) => p.skus);
  const sku = rows().find((s) => s.warehouse_inventory.length === 1 && s.total_available_quantity > 20);
  if (!sku) throw new Error(`shop ${shopId} has no SKU with stock in one warehouse`);
  return { skuId: sku.id, units: () => rows(sku.id)[0]!.total_available_quantity };
}
