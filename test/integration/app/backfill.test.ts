import { progressLine, runBackfill } from '../../../src/app/backfill';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { describeWithRedis, useRedis } from '../../helpers/redis';
import { startGateway } from '../cache/replicas';

/** The searches a ledger reads history through. */
const FEEDS = ['POST /order/202309/orders/search', 'POST /return_refund/202309/returns/search', 'POST /return_refund/202309/cancellations/search'];

describeWithRedis('shopgraph backfill', () => {
  let emulator: EmulatorHandle;
  const saved = { ...process.env };
  const shared = useRedis();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'backfill', shops: 1, days: 40, ordersPerDay: 10 });
    const t = emulator.tokens;
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      TTS_APP_KEY: t.appKey,
      TTS_APP_SECRET: t.appSecret,
      TTS_AUTH_CODE: t.authCode,
      TTS_API_BASE_URL: emulator.url,
      TTS_AUTH_BASE_URL: emulator.url,
      TT_ADS_BASE_URL: emulator.url,
      TT_ADS_ACCESS_TOKEN: t.adsToken,
      TT_ADS_APP_ID: t.appKey,
      TT_ADS_SECRET: t.appSecret,
      REDIS_URL: shared.redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
  });
  // The auth code is single use, like TikTok's: each run is a fresh authorization.
  beforeEach(() => {
    process.env.TTS_AUTH_CODE = emulator.mintAuthCode();
  });
  afterAll(async () => {
    process.env = saved;
    await emulator.close();
  });

  it('fills the ledger month by month and reports progress as lines off a terminal', async () => {
    const shop = emulator.store.shops()[0]!;
    const lines: string[] = [];
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    await runBackfill(['--shop', shop.id, '--from', from, '--to', today], { isTTY: false, write: (t) => lines.push(t) });
    expect(lines[0]).toMatch(/^backfill: 0\/\d+ \(0%\)/);
    expect(lines.at(-1)).toMatch(/^backfill: (\d+)\/\1 \(100%\)/);
    const calls = async () => ((await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> }).calls;
    expect((await calls())['POST /order/202309/orders/search']).toBeGreaterThan(0);
    // What it filled outlives it: this shop's ledger is in the Redis the servers share...
    const link = await shared.connect();
    const kept = await link.run((client) => client.keys(`*ledger*{${emulator.tokens.appKey}:${shop.id}}*`));
    expect(kept.length).toBeGreaterThan(0);
    // ...and a server started on that Redis answers the window from it, reading no history.
    await fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
    const server = await startGateway(emulator, {
      REDIS_URL: shared.redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: process.env.SHOPGRAPH_ENCRYPTION_KEY!,
      TTS_AUTH_CODE: emulator.mintAuthCode(),
    });
    try {
      const res = await server.gql<{ shop: { metrics: { orders: { value: string } } } }>(
        'query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) { orders { value } } } }',
        { s: shop.id, r: { from, to: today } },
      );
      expect(res.errors).toBeUndefined();
      expect(Number(res.data!.shop.metrics.orders.value)).toBeGreaterThan(0);
      const after = await calls();
      expect(Object.fromEntries(FEEDS.map((f) => [f, after[f] ?? 0]))).toEqual(Object.fromEntries(FEEDS.map((f) => [f, 0])));
    } finally {
      await server.server.close();
    }
  });

  it('refuses without a store that outlives it, saying why, before asking TikTok anything', async () => {
    await fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
    const lines: string[] = [];
    const shop = emulator.store.shops()[0]!;
    delete process.env.REDIS_URL;
    try {
      await expect(
        runBackfill(['--shop', shop.id, '--from', '2026-01-01', '--to', '2026-01-31'], { isTTY: false, write: (t) => lines.push(t) }),
      ).rejects.toThrow(
        /nothing would be kept: without REDIS_URL, and with SHOPGRAPH_DATA_DIR=:memory: \(the default when NODE_ENV=test\), the metrics ledger lives in this process's memory/,
      );
    } finally {
      process.env.REDIS_URL = shared.redis.url;
    }
    expect(lines).toEqual([]);
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> };
    expect(stats.calls).toEqual({});
  });

  it('prints its help on stdout, starting nothing', async () => {
    let help = '';
    const progress: string[] = [];
    await runBackfill(['--help'], { write: (t) => progress.push(t) }, { stdout: (t) => (help += t) });
    expect(help).toMatch(/^usage: shopgraph backfill --shop ID/);
    expect(help).toContain('REDIS_URL');
    expect(progress).toEqual([]);
  });

  it('names what is wrong with its arguments', async () => {
    await expect(runBackfill(['--from', '2026-01-01', '--to', '2026-01-02'])).rejects.toThrow(/--shop is required/);
    await expect(runBackfill(['--shop', '1', '--from', '2026-02-01', '--to', '2026-01-01'])).rejects.toThrow(/from is after to/);
    await expect(runBackfill(['--shop', '1', '--from', '2026-13-01', '--to', '2026-01-01'])).rejects.toThrow(/not a date/);
    await expect(runBackfill(['--shop', '1', '--from', '2026-01-01', '--to', '2026-01-02'])).rejects.toThrow(/not among the authorized shops/);
  });

  it('draws a bar on a terminal', () => {
    expect(progressLine(3, 6, 'x', true)).toMatch(/^\r\[#{15}\.{15}\]  50% x/);
  });
});
