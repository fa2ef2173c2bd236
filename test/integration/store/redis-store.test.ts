/**
 * What ShopGraph keeps in Redis (issue 17, finding 5; issue 18): unit costs appended atomically so
 * two replicas never lose each other's, kept across a Redis restart when Redis persists (checked
 * at start-up), and never answered in part while Redis is away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisLink } from '../../../src/cache/redis-link';
import { createCacheLayer } from '../../../src/app/stores';
import { envSchema, fileSchema } from '../../../src/config/schema';
import { UnitCostRejected, UnitCostStore } from '../../../src/domain/finance-costs';
import { checkRedisPersistence } from '../../../src/store/redis-persistence';
import { RedisKv } from '../../../src/store/redis-kv';
import { RedisUnitCosts } from '../../../src/store/redis-unit-costs';
import { StoreUnavailableError } from '../../../src/store/store-unavailable';
import { silentLogger } from '../../../src/telemetry/logger';
import { RedisDedupe, StoreDedupe } from '../../../src/store/notification-dedupe';
import { MemoryCacheStore } from '../../../src/cache/cache-store';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { captureLogs } from '../security/helpers';

const shop = { id: '7494000000000000001', currency: 'USD' };

describeWithRedis('what ShopGraph keeps in Redis', () => {
  const servers: RedisServer[] = [];
  const links: RedisLink[] = [];
  const dirs: string[] = [];
  const redis = async (args: string[] = []) => {
    const server = await startRedis(args);
    servers.push(server);
    return server;
  };
  const connect = async (server: RedisServer) => {
    const link = await RedisLink.connect({ url: server.url, logger: silentLogger, maxReconnectDelayMs: 50, connectTimeoutMs: 2000 });
    links.push(link);
    return link;
  };
  /** Resolves once Redis answers the link again (its reconnection is event-driven: no polling on a guess). */
  const healthy = async (link: RedisLink) => {
    for (;;) {
      if (link.healthy) {
        try {
          await link.run((c) => c.ping());
          return;
        } catch {
          // It had not noticed the crash yet: now it has, and reconnects.
        }
      }
      await new Promise<void>((resolve) => link.onRecovery(resolve));
    }
  };
  /** A Redis that persists every write before answering (AOF, fsync always), in a directory of its own. */
  const persistent = () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopgraph-redis-'));
    dirs.push(dir);
    return redis(['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]);
  };
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await Promise.all(servers.map((s) => s.stop()));
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('keeps the costs two replicas set at the same moment, each appended atomically with its check', async () => {
    const server = await redis();
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    const replicaA = new UnitCostStore(new RedisUnitCosts(a, 'app'), { config: {} });
    const replicaB = new UnitCostStore(new RedisUnitCosts(b, 'app'), { config: {} });
    const results = await Promise.allSettled([
      replicaA.add(shop, [{ skuId: '1', amount: '1.10' }], '2026-02-10'),
      replicaB.add(shop, [{ skuId: '2', amount: '2.20' }], '2026-02-10'),
      replicaA.add(shop, [{ skuId: '3', amount: '3.00', from: '2025-01-01' }], '2026-02-10'),
      replicaB.add(shop, [{ skuId: '3', amount: '3.50', from: '2025-01-01' }], '2026-02-10'),
    ]);
    // Different SKUs both land; of the two first costs of SKU 3 (two connections: either may
    // arrive first) exactly one lands and the other is refused by the check.
    expect(results.slice(0, 2).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const sku3 = results.slice(2);
    expect(sku3.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((sku3.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(UnitCostRejected);
    const won = sku3[0]!.status === 'fulfilled' ? '3.00' : '3.50';
    for (const replica of [replicaA, replicaB]) {
      const book = await replica.book(shop);
      expect(book.history(['1', '2', '3']).map((e) => `${e.skuId}=${e.amount}@${e.from}`)).toEqual([
        '1=1.10@2026-02-10',
        '2=2.20@2026-02-10',
        `3=${won}@2025-01-01`,
      ]);
    }
    // The same rules as the embedded store: a later cost dated in the past is refused.
    await expect(replicaB.add(shop, [{ skuId: '1', amount: '9' }], '2026-02-09')).rejects.toThrow(/has a cost from 2026-02-10/);
    await expect(replicaB.add(shop, [{ skuId: '1', amount: '9', from: '2026-02-11' }], '2026-02-12')).rejects.toThrow(/today \(2026-02-12\) or after/);
  });

  it('refuses to read or write costs while Redis is away, instead of answering with part of them', async () => {
    const server = await redis();
    const link = await connect(server);
    const store = new UnitCostStore(new RedisUnitCosts(link, 'app'), { config: { '9': '1.00' } });
    await store.add(shop, [{ skuId: '1', amount: '1.10' }], '2026-02-10');
    await server.kill();
    await expect(store.book(shop)).rejects.toThrow(StoreUnavailableError);
    await expect(store.add(shop, [{ skuId: '2', amount: '2' }], '2026-02-10')).rejects.toThrow(
      /unit costs of shop 7494000000000000001 \(not saved\): the shared store \(Redis\) is unreachable/,
    );
    await expect(new RedisKv(link).get('ledger:v4:{app:1}:state')).rejects.toThrow(StoreUnavailableError);
  });

  it('keeps every acknowledged cost, webhook claim and ledger entry across a Redis crash when Redis persists', async () => {
    const server = await persistent();
    const link = await connect(server);
    const costs = new UnitCostStore(new RedisUnitCosts(link, 'app'), { config: {} });
    const dedupe = new RedisDedupe(link, new StoreDedupe(new MemoryCacheStore(10)));
    const kv = new RedisKv(link);
    await costs.add(
      shop,
      [
        { skuId: '1', amount: '1.10' },
        { skuId: '2', amount: '2.20' },
      ],
      '2026-02-10',
    );
    expect(await dedupe.claim('n1')).toBe(true);
    await kv.set('ledger:v4:{app:1}:state', '{"revision":"r1"}', 86_400_000);

    await server.restart(); // SIGKILL, then the same data directory
    await healthy(link);
    expect((await costs.book(shop)).history(['1', '2']).map((e) => e.amount)).toEqual(['1.10', '2.20']);
    expect(await dedupe.claim('n1')).toBe(false);
    expect(await kv.get('ledger:v4:{app:1}:state')).toBe('{"revision":"r1"}');
  });

  it('checks Redis persistence at start-up: refuses none where required, warns where not, trusts a Redis that will not say', async () => {
    const bare = await redis();
    const logs = captureLogs();
    const link = await connect(bare);
    await expect(checkRedisPersistence(link, { url: bare.url, required: true, logger: logs.logger })).rejects.toThrow(
      /keeps nothing on disk.*appendonly yes.*redis\.requirePersistence: false/,
    );
    await expect(checkRedisPersistence(link, { url: bare.url, required: false, logger: logs.logger })).resolves.toEqual({ aof: false, rdb: false });
    expect(
      logs
        .lines()
        .filter((l) => l.level === 40)
        .map((l) => l.msg),
    ).toEqual([expect.stringMatching(/^Redis keeps nothing on disk/)]);

    // Production refuses to start on it (the default), unless told to start anyway.
    const env = envSchema.parse({ NODE_ENV: 'production', REDIS_URL: bare.url, SHOPGRAPH_ENCRYPTION_KEY: 'a'.repeat(64) });
    const settings = (redis: Record<string, unknown>) => ({ env, file: fileSchema.parse({ redis }) });
    await expect(createCacheLayer(settings({}), { appKey: 'app', demo: false, logger: silentLogger })).rejects.toThrow(/keeps nothing on disk/);
    const started = await createCacheLayer(settings({ requirePersistence: false }), { appKey: 'app', demo: false, logger: silentLogger });
    await started.close();

    const aof = await persistent();
    await expect(checkRedisPersistence(await connect(aof), { url: aof.url, required: true, logger: silentLogger })).resolves.toEqual({ aof: true, rdb: false });

    // A managed Redis that refuses CONFIG: start-up goes on, with a line saying what to make sure of.
    const managed = await redis(['--rename-command', 'CONFIG', '']);
    const managedLogs = captureLogs();
    const found = await checkRedisPersistence(await connect(managed), { url: managed.url, required: true, logger: managedLogs.logger });
    expect(found).toEqual({ unknown: expect.stringMatching(/unknown command/i) });
    expect(managedLogs.lines().map((l) => l.msg)).toEqual([expect.stringMatching(/could not be checked.*make sure AOF is on/)]);
  });
});
