/**
 * Issue 18: restarts cost nothing upstream. A gateway restarted on the same data directory serves
 * every ledger it had (orders and ads) with no history read from TikTok — only the delta since its
 * cursors once they are due — and webhook notifications it processed before stay processed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhook } from '../../../src/datasources/partner/signing';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import type { EmulatorStatsSnapshot } from '../../../src/emulator/stats';
import { localDate } from '../../../src/domain/window';
import { configFile } from '../../helpers/config-file';
import { startGateway, type Gateway } from '../cache/replicas';
import { captureLogs } from '../security/helpers';

/** The searches a backfill reads history through; a delta sync reads each once per shop. */
const FEEDS = ['POST /order/202309/orders/search', 'POST /return_refund/202309/returns/search', 'POST /return_refund/202309/cancellations/search'];
const REPORTS = ['GET /open_api/v1.3/report/integrated/get/', 'GET /open_api/v1.3/gmv_max/report/get/'];
const PORTFOLIO = `query($r: DateRange!) { metrics(range: $r) {
  shop { id } gmv { value asOf stale } orders { value } refundRate { value } adSpend { value } } }`;

type Portfolio = { metrics: { shop: { id: string }; gmv: { value: string; asOf: string }; orders: { value: string } }[] };

describe('a gateway restarted on the same data directory', () => {
  let emulator: EmulatorHandle;
  let dir: string;
  let running: Gateway | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'restart', shops: 2, days: 20, ordersPerDay: 30 });
    dir = mkdtempSync(join(tmpdir(), 'shopgraph-restart-'));
  });
  afterAll(async () => {
    await running?.server.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}, logger?: Parameters<typeof startGateway>[2]) => {
    await running?.server.close();
    // Each start exchanges a fresh authorization code: tokens are not what this test is about.
    running = await startGateway(emulator, { SHOPGRAPH_DATA_DIR: dir, TTS_AUTH_CODE: emulator.mintAuthCode(), ...env }, logger);
    return running;
  };
  const stats = async () => (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as EmulatorStatsSnapshot;
  const resetCalls = () => fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
  const count = (calls: Record<string, number>, paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, calls[p] ?? 0]));
  const window = () => {
    const shop = emulator.store.shops()[0]!;
    const now = Math.floor(Date.now() / 1000);
    return { from: localDate(now - 13 * 86_400, shop.timezone), to: localDate(now, shop.timezone) };
  };

  it('re-serves every ledger with zero history reads, then reads only the delta since its cursors', async () => {
    const r = window();
    const first = await start({ SHOPGRAPH_CONFIG: configFile({ metrics: { maxStalenessSeconds: 3600 } }) });
    await resetCalls();
    const cold = await first.gql<Portfolio>(PORTFOLIO, { r });
    expect(cold.errors).toBeUndefined();
    expect(cold.data!.metrics).toHaveLength(2);
    const coldCalls = (await stats()).calls;
    // The backfill read history: several pages per feed and shop, and the ad reports.
    expect(FEEDS.reduce((n, f) => n + (coldCalls[f] ?? 0), 0)).toBeGreaterThan(FEEDS.length * 2);
    expect(REPORTS.reduce((n, p) => n + (coldCalls[p] ?? 0), 0)).toBeGreaterThan(0);

    // Restarted: the same answers, as of the same sync, without one history read.
    await resetCalls();
    const second = await start({ SHOPGRAPH_CONFIG: configFile({ metrics: { maxStalenessSeconds: 3600 } }) });
    const warm = await second.gql<Portfolio>(PORTFOLIO, { r });
    expect(warm).toEqual(cold);
    const warmCalls = (await stats()).calls;
    expect(count(warmCalls, [...FEEDS, ...REPORTS])).toEqual(Object.fromEntries([...FEEDS, ...REPORTS].map((p) => [p, 0])));

    // Restarted with its ledgers due for a sync: one delta search per feed and shop, nothing more.
    await resetCalls();
    const third = await start({ SHOPGRAPH_CONFIG: configFile({ metrics: { maxStalenessSeconds: 0.001 } }) });
    const synced = await third.gql<Portfolio>(PORTFOLIO, { r });
    expect(synced.errors).toBeUndefined();
    expect(synced.data!.metrics.map((m) => m.orders.value)).toEqual(cold.data!.metrics.map((m) => m.orders.value));
    expect(count((await stats()).calls, FEEDS)).toEqual(Object.fromEntries(FEEDS.map((f) => [f, 2])));
  });

  it('acknowledges a notification redelivered after a restart without processing it again', async () => {
    const shopId = emulator.store.shops()[0]!.id;
    const orderId = emulator.store.raw(shopId).orders[0]!.id;
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: '7100000000000000042',
      shop_id: shopId,
      timestamp: now,
      data: { order_id: orderId, order_status: 'IN_TRANSIT', update_time: now },
    });
    const deliver = async (gateway: Gateway) => {
      const res = await fetch(gateway.server.url.replace(/\/graphql$/, '/webhooks/tiktok-shop'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: signWebhook(emulator.tokens.appKey, emulator.tokens.appSecret, body) },
        body,
      });
      await gateway.server.drainWebhooks();
      return res.status;
    };
    const before = captureLogs();
    expect(await deliver(await start({}, before.logger))).toBe(200);
    expect(before.lines().filter((l) => l.msg === 'order changed')).toHaveLength(1);

    const after = captureLogs();
    expect(await deliver(await start({}, after.logger))).toBe(200);
    expect(after.lines().filter((l) => l.msg === 'order changed')).toHaveLength(0);
  });
});
