import Fastify from 'fastify';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { signWebhook } from '../../../src/datasources/partner/signing';
import { silentLogger } from '../../../src/telemetry/logger';
import { StoreDedupe } from '../../../src/store/notification-dedupe';
import type { Notification } from '../../../src/upstream/notification';
import type { NotificationQueue } from '../../../src/store/notification-queue';
import { registerWebhookRoute, WEBHOOK_MAX_AGE_MS, WEBHOOK_MAX_AHEAD_MS } from '../../../src/webhooks/webhook-route';

/**
 * Issue 17, finding 9: a signed notification from 2001 was processed. A notification is accepted
 * only while TikTok could still be delivering it (its retries reach about 15.5 h after the event),
 * and never longer than dedupe remembers it — so a replay is refused by one or the other.
 */
const APP_KEY = 'app-key';
const APP_SECRET = 'app-secret';
const NOW = Date.parse('2026-12-06T12:00:00Z');
const SECOND = 1000;

async function setup() {
  const queued: Notification[] = [];
  const queue: NotificationQueue = {
    enqueue: async (n) => void queued.push(n),
    drain: async () => undefined,
    close: async () => undefined,
  } as NotificationQueue;
  const app = Fastify();
  await registerWebhookRoute(app, {
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    dedupe: new StoreDedupe(new MemoryCacheStore(), () => NOW),
    queue,
    logger: silentLogger,
    now: () => NOW,
  });
  const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/webhooks/tiktok-shop`;
  apps.push(app);
  const deliver = async (id: string, timestampMs: number) => {
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: id,
      shop_id: '1',
      timestamp: Math.floor(timestampMs / SECOND),
      data: { order_id: '2', order_status: 'IN_TRANSIT' },
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: signWebhook(APP_KEY, APP_SECRET, body) },
      body,
    });
    const text = await res.text();
    return { statusCode: res.status, json: () => JSON.parse(text) as unknown };
  };
  return { queued, deliver };
}

const apps: { close(): Promise<unknown> }[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

describe('webhook freshness window', () => {
  it("accepts TikTok's last retry (+2 min, +30 min, +3 h, +12 h after the event) and refuses what is older than the window", async () => {
    const { deliver, queued } = await setup();
    const lastRetry = (2 * 60 + 30 * 60 + 3 * 3600 + 12 * 3600) * SECOND;
    expect((await deliver('1', NOW - lastRetry)).statusCode).toBe(200);
    expect((await deliver('2', NOW - WEBHOOK_MAX_AGE_MS + 60 * SECOND)).statusCode).toBe(200);
    const stale = await deliver('3', NOW - WEBHOOK_MAX_AGE_MS - SECOND);
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toEqual({ error: expect.stringMatching(/^timestamp .* outside the accepted window/) });
    expect((await deliver('4', Date.parse('2001-09-09T01:46:40Z'))).statusCode).toBe(400);
    expect(queued.map((n) => n.id)).toEqual(['1', '2']);
  });

  it('refuses a timestamp in the future beyond clock skew', async () => {
    const { deliver, queued } = await setup();
    expect((await deliver('5', NOW + WEBHOOK_MAX_AHEAD_MS - SECOND)).statusCode).toBe(200);
    expect((await deliver('6', NOW + WEBHOOK_MAX_AHEAD_MS + SECOND)).statusCode).toBe(400);
    expect((await deliver('7', Date.parse('2999-01-01T00:00:00Z'))).statusCode).toBe(400);
    expect(queued.map((n) => n.id)).toEqual(['5']);
  });

  it("keeps the window inside dedupe's memory, so every accepted replay is still caught by dedupe", async () => {
    const { deliver, queued } = await setup();
    expect(WEBHOOK_MAX_AGE_MS + WEBHOOK_MAX_AHEAD_MS).toBeLessThan(24 * 3600 * SECOND);
    expect((await deliver('8', NOW - 10 * 3600 * SECOND)).statusCode).toBe(200);
    expect((await deliver('8', NOW - 10 * 3600 * SECOND)).statusCode).toBe(200);
    expect(queued.map((n) => n.id)).toEqual(['8']);
  });
});
