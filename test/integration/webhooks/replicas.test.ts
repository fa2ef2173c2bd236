/**
 * Webhooks on two ShopGraph replicas sharing one Redis: one claim per notification id (SET NX),
 * one stream both consume, and the in-process path while Redis is away.
 */
import { randomBytes } from 'node:crypto';
import { signWebhook } from '../../../src/datasources/partner/signing';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { RedisLink } from '../../../src/cache/redis-link';
import { silentLogger } from '../../../src/telemetry/logger';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startGateway, type Gateway } from '../cache/replicas';
import { captureLogs, type CapturedLogs } from '../security/helpers';

const DETAIL = 'GET /order/202507/orders';

describeWithRedis('webhooks on two replicas sharing Redis', () => {
  let redis: RedisServer;
  let emulator: EmulatorHandle;
  let link: RedisLink;
  const replicas: { gateway: Gateway; logs: CapturedLogs }[] = [];
  let shopId: string;
  let orderIds: string[];
  let sequence = 0;

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ port: 0, seed: 'webhook-replicas', shops: 1, days: 5, ordersPerDay: 10 });
    const env = { REDIS_URL: redis.url, SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex') };
    // One after the other: the first exchanges the auth code, the second finds its sealed tokens.
    for (let i = 0; i < 2; i++) {
      const logs = captureLogs();
      replicas.push({ gateway: await startGateway(emulator, env, logs.logger), logs });
    }
    link = await RedisLink.connect({ url: redis.url, logger: silentLogger });
    shopId = emulator.store.shops()[0]!.id;
    orderIds = emulator.store.raw(shopId).orders.map((o) => o.id);
  });
  afterAll(async () => {
    for (const r of replicas) await r.gateway.server.close();
    await link?.close();
    await emulator?.close();
    await redis?.stop();
  });

  const [A, B] = [0, 1];
  const hook = (replica: number) => replicas[replica]!.gateway.server.url.replace(/\/graphql$/, '/webhooks/tiktok-shop');
  /** A signed ORDER_STATUS_CHANGE with a fresh notification id. */
  const orderChange = (orderId: string) => {
    const id = String(7_100_000_000_000_000_000n + BigInt(++sequence));
    // Dated now: a notification outside the gateway's freshness window is refused.
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: id,
      shop_id: shopId,
      timestamp: now,
      data: { order_id: orderId, order_status: 'IN_TRANSIT', update_time: now },
    });
    return { id, body, signature: signWebhook(emulator.tokens.appKey, emulator.tokens.appSecret, body) };
  };
  const deliver = async (replica: number, n: { body: string; signature: string }) =>
    (await fetch(hook(replica), { method: 'POST', headers: { 'content-type': 'application/json', authorization: n.signature }, body: n.body })).status;
  const drainAll = () => Promise.all(replicas.map((r) => r.gateway.server.drainWebhooks()));
  /** Which replica processed notification `id`, once per time it did. */
  const processedBy = (id: string) =>
    replicas.flatMap((r, i) =>
      r.logs
        .lines()
        .filter((l) => l.msg === 'order changed' && l.notification === id)
        .map(() => i),
    );
  const calls = async () => ((await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> }).calls;
  const readOrder = (replica: number, orderId: string) =>
    replicas[replica]!.gateway.gql<{ order: { id: string } }>('query($s: ID!, $o: ID!) { order(shopId: $s, id: $o) { id } }', { s: shopId, o: orderId });

  it('processes each notification replica A accepted exactly once, through the shared stream', async () => {
    const notes = orderIds.slice(0, 12).map(orderChange);
    expect(await Promise.all(notes.map((n) => deliver(A, n)))).toEqual(notes.map(() => 200));
    await drainAll();
    for (const n of notes) expect(processedBy(n.id)).toHaveLength(1);
    expect(await link.client.xLen(`shopgraph:webhooks:v1:${emulator.tokens.appKey}`)).toBeGreaterThanOrEqual(12);
    expect((await link.client.xInfoGroups(`shopgraph:webhooks:v1:${emulator.tokens.appKey}`))[0]).toMatchObject({ consumers: 2, pending: 0 });
  });

  it('drops the shared cache entry of the order, whichever replica processes the notification', async () => {
    const orderId = orderIds[20]!;
    // Cached in Redis by B; A keeps no local copy of it, so A's next read asks Redis.
    expect((await readOrder(B, orderId)).data).toEqual({ order: { id: orderId } });
    const n = orderChange(orderId);
    expect(await deliver(A, n)).toBe(200);
    await drainAll();
    expect(processedBy(n.id)).toHaveLength(1);
    const after = (await calls())[DETAIL] ?? 0;
    expect((await readOrder(A, orderId)).data).toEqual({ order: { id: orderId } });
    expect((await calls())[DETAIL] ?? 0).toBe(after + 1);
  });

  it('processes a notification replayed to replica B after A accepted it once, claimed for 24 hours', async () => {
    const n = orderChange(orderIds[1]!);
    expect(await deliver(A, n)).toBe(200);
    expect(await deliver(B, n)).toBe(200);
    await drainAll();
    expect(processedBy(n.id)).toHaveLength(1);
    const ttl = await link.client.pTTL(`shopgraph:webhooks:v1:seen:${n.id}`);
    expect(ttl).toBeGreaterThan(24 * 3_600_000 - 60_000);

    const raced = orderChange(orderIds[2]!);
    expect(await Promise.all([deliver(A, raced), deliver(B, raced), deliver(A, raced), deliver(B, raced)])).toEqual([200, 200, 200, 200]);
    await drainAll();
    expect(processedBy(raced.id)).toHaveLength(1);
  });

  // Last: it kills Redis.
  it('still answers 200 when Redis is gone, and processes the notification in process', async () => {
    await redis.kill();
    const n = orderChange(orderIds[3]!);
    expect(await deliver(A, n)).toBe(200);
    await drainAll();
    expect(processedBy(n.id)).toEqual([A]);
    // A replay to the same replica is still recognized, by its own memory.
    expect(await deliver(A, n)).toBe(200);
    await drainAll();
    expect(processedBy(n.id)).toEqual([A]);
  });
});
