import { createHash } from 'node:crypto';
import { signWebhook } from '../../../src/datasources/partner/signing';
import type { EmulatorHandle } from '../../../src/emulator/server';

export const PIXEL = 'C9Q2MJ3C77U4P674RPG0';
export const EVENTS_TOKEN = 'pixel-events-token-1234';
export const PAGE_URL = 'https://shop.example.com/';

/** The config file of a gateway with conversions on; it sends only when a test flushes. */
export const conversionsFile = {
  conversions: { enabled: true, pixelCode: PIXEL, pageUrl: PAGE_URL, flushIntervalMs: 600_000, maxEventAgeHours: 24 * 28, batchSize: 3 },
};

/** Paid orders of the shop in the emulator's raw data: a paid_time, neither unpaid nor cancelled. */
export function paidOrders(emulator: EmulatorHandle, shopId: string) {
  return emulator.store.raw(shopId).orders.filter((o) => o.paid_time !== undefined && o.status !== 'UNPAID' && o.status !== 'CANCELLED');
}

let sequence = 0;

/** POSTs a signed ORDER_STATUS_CHANGE for the order to the gateway, as TikTok does. */
export async function orderWebhook(emulator: EmulatorHandle, graphqlUrl: string, shopId: string, orderId: string, status: string): Promise<void> {
  const body = JSON.stringify({
    type: 1,
    tts_notification_id: `${Date.now()}${String(sequence++).padStart(4, '0')}`,
    shop_id: shopId,
    timestamp: Math.floor(Date.now() / 1000),
    data: { order_id: orderId, order_status: status, update_time: Math.floor(Date.now() / 1000) },
  });
  const res = await fetch(graphqlUrl.replace(/\/graphql$/, '/webhooks/tiktok-shop'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: signWebhook(emulator.tokens.appKey, emulator.tokens.appSecret, body) },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The series of `/metrics` for one conversions outcome. */
export async function conversionsCount(graphqlUrl: string, outcome: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`shopgraph_conversions_total{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}
