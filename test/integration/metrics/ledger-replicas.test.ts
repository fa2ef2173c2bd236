/**
 * The order ledger on two replicas sharing Redis: a cold window asked of both at once is
 * backfilled by one of them (the sync lease), the other waits for the days and reads them.
 */
import { randomBytes } from 'node:crypto';
import { RedisLink } from '../../../src/cache/redis-link';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import type { EmulatorStatsSnapshot } from '../../../src/emulator/stats';
import { localDate } from '../../../src/domain/window';
import { silentLogger } from '../../../src/telemetry/logger';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startGateway, type Gateway } from '../cache/replicas';

const FEEDS = ['POST /order/202309/orders/search', 'POST /return_refund/202309/returns/search', 'POST /return_refund/202309/cancellations/search'];
const METRICS = 'query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { gmv { value } orders { value } refundedGmv { value } } } }';

describeWithRedis('the order ledger on replicas sharing Redis', () => {
  let redis: RedisServer;
  let emulator: EmulatorHandle;
  const gateways: Gateway[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ port: 0, seed: 'ledger-replicas', shops: 1, days: 30, ordersPerDay: 80 });
  });
  afterAll(async () => {
    for (const g of gateways) await g.server.close();
    await emulator?.close();
    await redis?.stop();
  });

  const env = () => ({ REDIS_URL: redis.url, SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'), TTS_AUTH_CODE: emulator.mintAuthCode() });
  const start = async (settings: Record<string, string>) => {
    const gateway = await startGateway(emulator, settings);
    gateways.push(gateway);
    return gateway;
  };
  const feedCalls = async () => {
    const { calls } = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as EmulatorStatsSnapshot;
    return FEEDS.reduce((n, feed) => n + (calls[feed] ?? 0), 0);
  };
  const resetCalls = () => fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });

  it('backfills a cold window once when both replicas are asked at the same time', async () => {
    const shop = emulator.store.shops()[0]!;
    const now = Math.floor(Date.now() / 1000);
    const variables = { s: shop.id, r: { from: localDate(now - 29 * 86_400, shop.timezone), to: localDate(now, shop.timezone) } };

    // One replica alone: what a backfill of this window costs.
    const alone = await start(env());
    await resetCalls();
    const single = await alone.gql(METRICS, variables);
    expect(single.errors).toBeUndefined();
    const singleCalls = await feedCalls();
    expect(singleCalls).toBeGreaterThan(10); // enough pages for a duplicate backfill to show
    await alone.server.close();
    gateways.splice(gateways.indexOf(alone), 1);
    const link = await RedisLink.connect({ url: redis.url, logger: silentLogger });
    await link.run((c) => c.flushAll());
    await link.close();

    // Two replicas, cold, asked at once: one backfills, the other waits for its days.
    const shared = env();
    const a = await start(shared);
    const b = await start({ ...shared, TTS_AUTH_CODE: emulator.mintAuthCode() });
    await resetCalls();
    const [fromA, fromB] = await Promise.all([a.gql(METRICS, variables), b.gql(METRICS, variables)]);
    expect(fromA.errors).toBeUndefined();
    expect(fromB).toEqual(fromA);
    expect(fromA).toEqual(single);
    const pairCalls = await feedCalls();
    // Each backfill slices by the clock, so a page or two may differ; two backfills would double it.
    expect(pairCalls).toBeLessThanOrEqual(singleCalls + 3);
  });
});
