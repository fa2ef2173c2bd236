import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook, signaturesEqual } from '../../../src/datasources/partner/signing';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, type TestClock } from './helpers';

interface Delivery {
  authorization: string;
  raw: string;
  json: { type: number; tts_notification_id: string; shop_id: string; timestamp: number; data: Record<string, unknown> };
}

/** A local webhook receiver; `status` decides what it answers to each delivery. */
async function receiver(
  status: (n: number) => number = () => 200,
): Promise<{ url: string; deliveries: Delivery[]; server: Server; waitFor(n: number): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      deliveries.push({ authorization: String(req.headers.authorization), raw, json: JSON.parse(raw) as Delivery['json'] });
      res.statusCode = status(deliveries.length);
      res.end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const waitFor = async (n: number) => {
    while (deliveries.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { url: `http://127.0.0.1:${port}/webhooks`, deliveries, server, waitFor };
}

describe('emulator: live mode and webhooks', () => {
  let emu: EmulatorHandle | undefined;
  let hook: Awaited<ReturnType<typeof receiver>> | undefined;
  afterEach(async () => {
    await emu?.close();
    await new Promise((resolve) => hook?.server.close(resolve));
  });

  async function advanceUntilChanges(e: EmulatorHandle, clock: TestClock) {
    for (let hour = 0; hour < 48; hour++) {
      clock.ms += 3_600_000;
      const changes = e.tick();
      if (changes.length > 0) return changes;
    }
    throw new Error('no change in 48 emulated hours');
  }

  it("POSTs each change as TikTok's envelope with a valid Authorization signature", async () => {
    hook = await receiver();
    let clock: TestClock;
    ({ emu, clock } = await startTestEmulator({ webhookUrl: hook.url }));
    const changes = await advanceUntilChanges(emu, clock);
    await hook.waitFor(changes.length);
    expect(hook.deliveries).toHaveLength(changes.length);
    for (const delivery of hook.deliveries) {
      expect(signaturesEqual(signWebhook(emu.tokens.appKey, emu.tokens.appSecret, delivery.raw), delivery.authorization)).toBe(true);
      expect(delivery.json).toEqual({
        type: expect.any(Number),
        tts_notification_id: expect.stringMatching(/^\d+$/),
        shop_id: expect.any(String),
        timestamp: Math.floor(clock.ms / 1000),
        data: expect.any(Object),
      });
    }
    expect(new Set(hook.deliveries.map((d) => d.json.tts_notification_id)).size).toBe(changes.length);
    expect(hook.deliveries.map((d) => [d.json.type, d.json.shop_id, d.json.data])).toEqual(changes.map((c) => [c.type, c.shop_id, c.data]));
  });

  it('retries a failed delivery on the configured schedule with the same bytes', async () => {
    hook = await receiver((n) => (n === 1 ? 500 : 200));
    let clock: TestClock;
    ({ emu, clock } = await startTestEmulator({ webhookUrl: hook.url, webhookRetryDelaysMs: [5, 5] }));
    const changes = await advanceUntilChanges(emu, clock);
    await hook.waitFor(changes.length + 1);
    const [first] = hook.deliveries;
    const retried = hook.deliveries.slice(1).find((d) => d.raw === first?.raw);
    expect(retried?.authorization).toBe(first?.authorization);
  });

  it('gives up after the last retry', async () => {
    hook = await receiver(() => 503);
    // The emulator logs each failed attempt with its next delay, none after the last: a give-up
    // schedules nothing more, so once every change has given up no delivery can still come.
    const failed: { attempt: number; retryInMs?: number }[] = [];
    let wake: (() => void) | undefined;
    const warn = (fields: object) => {
      failed.push(fields as (typeof failed)[number]);
      wake?.();
    };
    const ignore = () => undefined;
    let clock: TestClock;
    ({ emu, clock } = await startTestEmulator({
      webhookUrl: hook.url,
      webhookRetryDelaysMs: [1, 1],
      logger: { debug: ignore, info: ignore, warn, error: ignore },
    }));
    const changes = await advanceUntilChanges(emu, clock);
    const givenUp = () => failed.filter((f) => f.retryInMs === undefined).length;
    while (givenUp() < changes.length) await new Promise<void>((resolve) => (wake = resolve));
    expect(failed.filter((f) => f.retryInMs === undefined).map((f) => f.attempt)).toEqual(changes.map(() => 2));
    expect(hook.deliveries).toHaveLength(changes.length * 3);
  });

  it('delivers to addresses subscribed through /event/202309/webhooks', async () => {
    hook = await receiver();
    let clock: TestClock;
    ({ emu, clock } = await startTestEmulator());
    const token = await accessToken(emu);
    for (const shop of emu.store.shops()) {
      for (const eventType of ['ORDER_STATUS_CHANGE', 'CANCELLATION_STATUS_CHANGE', 'RETURN_STATUS_CHANGE']) {
        const put = await partner(emu, clock, {
          method: 'PUT',
          path: '/event/202309/webhooks',
          body: JSON.stringify({ event_type: eventType, address: hook.url }),
          token,
          cipher: shop.cipher,
        });
        expect(put.body.code).toBe(0);
      }
    }
    const listed = await partner<{ webhooks: { event_type: string; address: string }[] }>(emu, clock, {
      path: '/event/202309/webhooks',
      token,
      cipher: emu.store.shops()[0]?.cipher,
    });
    expect(listed.body.data.webhooks).toHaveLength(3);
    const changes = await advanceUntilChanges(emu, clock);
    await hook.waitFor(changes.length);
    expect(hook.deliveries).toHaveLength(changes.length);
  });

  it('--live ticks on its own interval', async () => {
    hook = await receiver();
    let clock: TestClock;
    ({ emu, clock } = await startTestEmulator({ webhookUrl: hook.url, live: { intervalMs: 5 } }));
    // Each interval tick sees the clock an emulated hour later.
    const timer = setInterval(() => (clock.ms += 3_600_000), 5);
    try {
      await hook.waitFor(1);
    } finally {
      clearInterval(timer);
    }
    expect(hook.deliveries[0]?.json.shop_id).toBeTruthy();
  });
});
