/**
 * Server-side conversions on two replicas sharing one Redis: both hear of the same paid orders,
 * both send what is due at once, and each order reaches the emulator's Events API once.
 */
import { randomBytes } from 'node:crypto';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { configFile } from '../../helpers/config-file';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startGateway, type Gateway } from '../cache/replicas';
import { conversionsCount, conversionsFile, EVENTS_TOKEN, orderWebhook, paidOrders, PIXEL, sha256 } from './helpers';

describeWithRedis('conversions on two replicas sharing Redis', () => {
  let redis: RedisServer;
  let emulator: EmulatorHandle;
  const replicas: Gateway[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ port: 0, seed: 'conversions-replicas', shops: 1, days: 5, ordersPerDay: 8, pixels: { [PIXEL]: EVENTS_TOKEN } });
    const env = {
      REDIS_URL: redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      TT_EVENTS_ACCESS_TOKEN: EVENTS_TOKEN,
      SHOPGRAPH_CONFIG: configFile(conversionsFile),
    };
    // One after the other: the first exchanges the auth code, the second finds its sealed tokens.
    for (let i = 0; i < 2; i++) replicas.push(await startGateway(emulator, env));
  });
  afterAll(async () => {
    for (const r of replicas) await r.server.close();
    await emulator?.close();
    await redis?.stop();
  });

  it('sends each paid order once, whichever replicas heard of it and sent', async () => {
    const shopId = emulator.store.shops()[0]!.id;
    const paid = paidOrders(emulator, shopId).slice(0, 9);
    expect(paid).toHaveLength(9);
    const [a, b] = replicas.map((r) => r.server);
    // Every order is announced to both replicas (two notifications, as a status change and a redelivery).
    await Promise.all(paid.map((o) => orderWebhook(emulator, a!.url, shopId, o.id, 'AWAITING_SHIPMENT')));
    await Promise.all(paid.map((o) => orderWebhook(emulator, b!.url, shopId, o.id, 'AWAITING_SHIPMENT')));
    await Promise.all([a!.drainWebhooks(), b!.drainWebhooks()]);
    await Promise.all([a!.flushConversions(), b!.flushConversions()]);

    expect(emulator.events.map((e) => e.event_id).sort()).toEqual(paid.map((o) => o.id).sort());
    expect(emulator.events.every((e) => e.deliveries === 1)).toBe(true);
    for (const o of paid) expect(emulator.events.find((e) => e.event_id === o.id)?.payload.user).toEqual({ external_id: [sha256(String(o.user_id))] });
    const sent = (await conversionsCount(a!.url, 'sent')) + (await conversionsCount(b!.url, 'sent'));
    const queued = (await conversionsCount(a!.url, 'queued')) + (await conversionsCount(b!.url, 'queued'));
    expect([queued, sent]).toEqual([9, 9]);
  });
});
