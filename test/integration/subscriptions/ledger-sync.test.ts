/**
 * `metricsChanged` pushed by a ledger sync alone — no webhook anywhere: a new order lands in the
 * emulator, a query on replica B syncs the shop's ledger (a delta by `update_time`, the ledger
 * being due), B announces the sync on Redis, and a subscriber on replica A gets the figures with
 * the new order.
 *
 * A delta sync reads from its cursor (where the last one started) minus an overlap, by TikTok's
 * `update_time`; so, unlike land-orders.ts, this emulator's data is brought to a few minutes ago
 * before ShopGraph first reads it, and the order lands between then and now.
 */
import { randomBytes } from 'node:crypto';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { configFile } from '../../helpers/config-file';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { startGateway, type Gateway } from '../cache/replicas';
import { subscribeSse, type Collected, type Result } from './clients';

const FIGURES =
  'subscription Figures($shopId: ID!, $range: DateRange!) { metricsChanged(shopId: $shopId, range: $range) { from to orders { value } gmv { value } } }';
const QUERY = 'query Figures($shopId: ID!, $range: DateRange!) { shop(id: $shopId) { metrics(range: $range) { from to orders { value } gmv { value } } } }';

type Figures = { from: string; to: string; orders: { value: string | null }; gmv: { value: string | null } };
const figuresOf = (result: Result) => (result.data as { metricsChanged: Figures } | undefined)?.metricsChanged;

/** The emulator's data starts this far behind real time, and is brought to {@link CAUGHT_UP_MS} ago before ShopGraph starts. */
const GAP_MS = 3_600_000;
/** Within the ledger's sync overlap (300 s) of the sync cursor ShopGraph sets when it first reads the shop. */
const CAUGHT_UP_MS = 240_000;

/** The shop's yesterday and today, in its own zone. */
function recentWindow(timeZone: string): { from: string; to: string } {
  const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offset * 86_400_000));
  return { from: day(-1), to: day(0) };
}

describeWithRedis('metricsChanged pushed by a ledger sync, across replicas', () => {
  let redis: RedisServer;
  let emulator: EmulatorHandle;
  let a: Gateway;
  let b: Gateway;
  const clock = { lagMs: GAP_MS, now: () => Date.now() - clock.lagMs };
  /** Ticks the emulator's data forward to `at` (ms), in one turn of the event loop. */
  const tickTo = (at: number) => {
    clock.lagMs = Date.now() - at;
    try {
      return emulator.tick();
    } finally {
      clock.lagMs = 0;
    }
  };
  const open: Collected<Result>[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // Many orders a day, so the minutes between the catch-up and the landing hold some.
    emulator = await startEmulator({ port: 0, seed: 'ledger-sync', shops: 1, days: 1, ordersPerDay: 3000, now: () => clock.now() });
    clock.lagMs = 0;
    tickTo(Date.now() - CAUGHT_UP_MS);
    const env = {
      REDIS_URL: redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      // Ledgers are always due a sync, and no metrics subscription recomputes on its own clock
      // during the test: only events move it.
      SHOPGRAPH_CONFIG: configFile({
        redis: { commandTimeoutMs: 5_000 },
        metrics: { maxStalenessSeconds: 0.001 },
        subscriptions: { metricsRecheckSeconds: 86_400 },
      }),
    };
    a = await startGateway(emulator, env);
    b = await startGateway(emulator, env);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(open.splice(0).map((c) => c.stop()));
    for (const g of [a, b]) await g?.server.close();
    await emulator?.close();
    await redis?.stop();
  });

  const queried = async (gateway: Gateway, shopId: string, range: { from: string; to: string }): Promise<Figures> => {
    const answer = await gateway.gql<{ shop: { metrics: Figures } }>(QUERY, { shopId, range });
    expect(answer.errors).toBeUndefined();
    return answer.data!.shop.metrics;
  };

  it('a sync on B that finds a new order moves the figures of a subscriber on A', async () => {
    const shop = emulator.store.shops()[0]!;
    expect(emulator.store.webhooks(shop.id)).toEqual([]);
    const range = recentWindow(shop.timezone);
    // B reads the shop first (a replica's first sync of a shop is not news; its next ones are).
    const before = await queried(b, shop.id, range);
    const mine = subscribeSse(a.server.url, FIGURES, { shopId: shop.id, range });
    open.push(mine);
    const [first] = await mine.atLeast(1);
    expect(figuresOf(first!)).toEqual(before);

    const orders = () => emulator.store.raw(shop.id).orders.length;
    const had = orders();
    tickTo(Date.now() - 1000);
    expect(orders()).toBeGreaterThan(had);
    const after = await queried(b, shop.id, range);
    expect(Number(after.orders.value)).toBeGreaterThan(Number(before.orders.value));

    const pushed = await mine.first((r) => figuresOf(r)?.orders.value === after.orders.value, 1);
    expect(pushed.errors).toBeUndefined();
    expect(figuresOf(pushed)).toEqual(after);
  });
});
