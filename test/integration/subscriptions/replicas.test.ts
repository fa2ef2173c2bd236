/**
 * Subscriptions across replicas (docs/real-time.md, Replicas): two ShopGraphs sharing a real
 * redis-server, subscribers on both, and a TikTok webhook POSTed to replica B only. The shared
 * webhook stream hands the notification to one replica, whichever it is; the subscribers of the
 * other one hear it through Redis pub/sub, so every test expects both to. (A ledger sync on one
 * replica: ledger-sync.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { signWebhook } from '../../../src/datasources/partner/signing';
import { configFile } from '../../helpers/config-file';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startGateway, type Gateway } from '../cache/replicas';
import { captureLogs, type CapturedLogs } from '../security/helpers';
import { subscribeSse, subscribeWs, type Collected, type Result } from './clients';
import { startLandingEmulator, webhookUrl, type LandingEmulator } from './land-orders';

const ORDER_CHANGED = 'subscription OrderFeed($shopId: ID!) { orderChanged(shopId: $shopId) { shopId orderId kind orderStatus order { id } } }';
const FIGURES =
  'subscription Figures($shopId: ID!, $range: DateRange!) { metricsChanged(shopId: $shopId, range: $range) { from to orders { value } gmv { value } } }';
const QUERY = 'query Figures($shopId: ID!, $range: DateRange!) { shop(id: $shopId) { metrics(range: $range) { from to orders { value } gmv { value } } } }';

type Figures = { from: string; to: string; orders: { value: string | null }; gmv: { value: string | null } };
const figuresOf = (result: Result) => (result.data as { metricsChanged: Figures } | undefined)?.metricsChanged;

/** The shop's today and the two days before, in its own zone: the hours orders land in. */
function recentWindow(timeZone: string): { from: string; to: string } {
  const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offset * 86_400_000));
  return { from: day(-2), to: day(0) };
}

async function queried(gateway: Gateway, shopId: string, range: { from: string; to: string }): Promise<Figures> {
  const answer = await gateway.gql<{ shop: { metrics: Figures } }>(QUERY, { shopId, range });
  expect(answer.errors).toBeUndefined();
  return answer.data!.shop.metrics;
}

describeWithRedis('subscriptions across two replicas over Redis', () => {
  let redis: RedisServer;
  let landing: LandingEmulator;
  let a: Gateway;
  let b: Gateway;
  let logsA: CapturedLogs;
  let logsB: CapturedLogs;
  let sequence = 0;
  const open: Collected<Result>[] = [];
  const startedOn = (logs: CapturedLogs) => logs.lines().filter((l) => l.msg === 'subscription started').length;
  const started = (logs: CapturedLogs, count: number) => logs.waitFor(() => startedOn(logs) >= count);
  /** Order webhooks processed by either replica (the shared stream hands each to one). */
  const processed = () => [logsA, logsB].reduce((n, logs) => n + logs.lines().filter((l) => l.msg === 'order changed').length, 0);

  /** POSTs a signed ORDER_STATUS_CHANGE for `orderId` to `gateway`, dated now. */
  async function notify(gateway: Gateway, shopId: string, orderId: string, status: string): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      type: 1,
      tts_notification_id: String(7_300_000_000_000_000_000n + BigInt(++sequence)),
      shop_id: shopId,
      timestamp: now,
      data: { order_id: orderId, order_status: status, update_time: now },
    });
    const { appKey, appSecret } = landing.emulator.tokens;
    const res = await fetch(webhookUrl(gateway.server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: signWebhook(appKey, appSecret, body) },
      body,
    });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    redis = await startRedis();
    landing = await startLandingEmulator();
    logsA = captureLogs();
    logsB = captureLogs();
    const env = {
      REDIS_URL: redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      // No metrics subscription recomputes on its own clock during a test: only events move it.
      SHOPGRAPH_CONFIG: configFile({ redis: { commandTimeoutMs: 5_000 }, subscriptions: { metricsRecheckSeconds: 86_400 } }),
    };
    a = await startGateway(landing.emulator, env, logsA.logger);
    b = await startGateway(landing.emulator, env, logsB.logger);
  }, 60_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    for (const g of [a, b]) await g?.server.close();
    await landing?.emulator.close();
    await redis?.stop();
  });

  it.each([
    ['graphql-sse', subscribeSse],
    ['graphql-ws', (url: string, query: string, variables: Record<string, unknown>) => subscribeWs(url, query, variables)],
  ] as const)('orderChanged over %s on both replicas hears a webhook POSTed to B, each reading the order itself', async (_transport, subscribe) => {
    const shopId = landing.emulator.store.shops()[0]!.id;
    const order = landing.emulator.store.raw(shopId).orders[sequence]!;
    const [beforeA, beforeB] = [startedOn(logsA), startedOn(logsB)];
    const onA = subscribe(a.server.url, ORDER_CHANGED, { shopId });
    const onB = subscribe(b.server.url, ORDER_CHANGED, { shopId });
    open.push(onA, onB);
    await Promise.all([started(logsA, beforeA + 1), started(logsB, beforeB + 1)]);

    await notify(b, shopId, order.id, 'IN_TRANSIT');

    const expected = { data: { orderChanged: { shopId, orderId: order.id, kind: 'ORDER_STATUS', orderStatus: 'IN_TRANSIT', order: { id: order.id } } } };
    expect(await onA.atLeast(1)).toEqual([expected]);
    expect(await onB.atLeast(1)).toEqual([expected]);
  });

  it("metricsChanged on both replicas moves when one new order's webhook reaches B", async () => {
    const shop = landing.emulator.store.shops()[0]!;
    const shopId = shop.id;
    const range = recentWindow(shop.timezone);
    const onA = subscribeSse(a.server.url, FIGURES, { shopId, range });
    const onB = subscribeWs(b.server.url, FIGURES, { shopId, range });
    open.push(onA, onB);
    const [first] = await onA.atLeast(1);
    expect(first!.errors).toBeUndefined();
    expect(await onB.atLeast(1)).toEqual([first]);

    // No address is subscribed to the shop's webhooks: the one webhook is this test's, so exactly
    // one replica processes it, and the other replica's subscriber can only hear it from Redis.
    expect(landing.emulator.store.webhooks(shopId)).toEqual([]);
    const paid = () => landing.emulator.store.raw(shopId).orders.filter((o) => o.status !== 'UNPAID' && o.status !== 'CANCELLED');
    const had = new Set(paid().map((o) => o.id));
    let order = paid().find((o) => !had.has(o.id));
    while (!order) {
      landing.land(shopId);
      order = paid().find((o) => !had.has(o.id));
    }
    const seen = processed();
    await notify(b, shopId, order.id, order.status);
    const done = () => processed() > seen;
    await Promise.race([logsA.waitFor(done), logsB.waitFor(done)]);
    await Promise.all([a, b].map((g) => g.server.drainWebhooks()));
    const now = await queried(a, shopId, range);
    expect(Number(now.orders.value)).toBe(Number(figuresOf(first!)!.orders.value) + 1);
    for (const subscriber of [onA, onB]) {
      const pushed = await subscriber.first((r) => figuresOf(r)?.orders.value === now.orders.value, 1);
      expect(pushed.errors).toBeUndefined();
      expect(figuresOf(pushed)).toEqual(now);
    }
  });
});
