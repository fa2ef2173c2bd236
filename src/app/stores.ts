/**
 * Builds what the rest of ShopGraph caches, limits and keeps through. By default: an in-process
 * cache, and the embedded store on local disk (`SHOPGRAPH_DATA_DIR`, docs/storage.md) for what
 * must outlive the process — metrics ledgers, unit costs, webhook dedupe and queue. With
 * `REDIS_URL`: all of it on Redis (the cache behind an in-process L1) — cache, single-flight
 * locks, rate-limit buckets, sealed tokens, persisted queries, query-cost buckets, ledgers, unit
 * costs and webhook dedupe on the same connection, and the webhook queue on a stream (read on a
 * connection of its own); Redis persistence is checked at start-up.
 */
import { randomBytes } from 'node:crypto';
import type { KeyvAdapter } from '@apollo/utils.keyvadapter';
import type { EnvSettings, FileSettings, StorageSettings } from '../config/schema';
import type { CacheSettings } from '../config/tuning';
import type { AdDataTtls } from '../datasources/ad-data';
import { MemoryTokenStore, type TokenStore } from '../datasources/partner/token-store';
import type { ShopDataTtls } from '../datasources/shop-data';
import { MemoryBucketStore, type BucketStore } from '../security/leaky-bucket';
import { RedisBucketStore } from '../security/redis-bucket-store';
import type { Logger } from '../telemetry/logger';
import type { UnitCostRecords } from '../domain/finance-costs';
import type { KvStore } from '../store/kv-store';
import { RedisDedupe, StoreDedupe, type NotificationDedupe } from '../store/notification-dedupe';
import type { Notification } from '../upstream/notification';
import type { NotificationQueue } from '../store/notification-queue';
import { RedisStreamQueue } from '../webhooks/redis-stream-queue';
import type { ConversionOutbox } from '../store/conversion-outbox';
import { RedisOutbox } from '../store/redis-outbox';
import { CachedFetcher } from '../cache/cached-fetch';
import { MemoryCacheStore, type CacheStore } from '../cache/cache-store';
import { EncryptedTokenStore, parseEncryptionKey, RedisSecretBackend } from '../datasources/partner/encrypted-token-store';
import { RedisFlightLock, type FlightLock, type LeaseLock } from '../cache/flight-lock';
import { persistedQueryCache } from '../cache/persisted-queries';
import { tiktokLimiter, tiktokLimitFor, type UpstreamLimiter } from '../upstream/rate-limiter';
import { RedisRateLimiter } from '../upstream/redis-rate-limiter';
import { KEY_FAMILIES, KEY_ROOT } from '../config/storage-keys';

/**
 * The Redis client and the store on it, loaded only when `REDIS_URL` is set (about 7 MB of
 * memory a process without Redis does not spend).
 */
function loadRedis() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...(require('../cache/redis-link') as typeof import('../cache/redis-link')),
    ...(require('../cache/tiered-store') as typeof import('../cache/tiered-store')),
    ...(require('../store/redis-kv') as typeof import('../store/redis-kv')),
    ...(require('../store/redis-unit-costs') as typeof import('../store/redis-unit-costs')),
    ...(require('../store/redis-persistence') as typeof import('../store/redis-persistence')),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The embedded store (SQLite, a native module), loaded only without `REDIS_URL`. */
function loadEmbedded() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...(require('../store/embedded-store') as typeof import('../store/embedded-store')),
    ...(require('../store/sqlite-unit-costs') as typeof import('../store/sqlite-unit-costs')),
    ...(require('../store/sqlite-dedupe') as typeof import('../store/sqlite-dedupe')),
    ...(require('../store/sqlite-queue') as typeof import('../store/sqlite-queue')),
    ...(require('../store/sqlite-outbox') as typeof import('../store/sqlite-outbox')),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** What {@link createCacheLayer} builds. */
export interface CacheLayer {
  store: CacheStore;
  fetcher: CachedFetcher;
  limiter: UpstreamLimiter;
  tokenStore: TokenStore;
  /** Replicas' shared lock (Redis); undefined in-process. */
  lock?: FlightLock & LeaseLock;
  /** Where the metrics ledgers live: the embedded store, or Redis. */
  ledgerStore: KvStore;
  /** One ledger sync per shop at a time: across replicas (Redis) or processes on one data directory. */
  ledgerLock?: LeaseLock;
  /** Unit costs set through the API. */
  unitCosts: UnitCostRecords;
  /** Where what outlives the process is kept, for the start-up log and docs: a directory, `:memory:`, or `redis`. */
  storage: string;
  /** For Apollo Server's `persistedQueries.cache`. */
  persistedQueries: KeyvAdapter<string>;
  /** Per-client query-cost buckets. */
  buckets: BucketStore;
  /** Which webhook notifications were already accepted. */
  dedupe: NotificationDedupe;
  /** The queue accepted notifications wait in until `handle` processed them; closed with the layer. */
  notificationQueue(handle: (notification: Notification) => Promise<void>, logger: Logger): NotificationQueue;
  /** The conversions outbox of a pixel (docs/conversions.md): durable, shared by replicas with Redis. */
  conversionOutbox(pixelCode: string): ConversionOutbox;
  /** The Redis line of `/readyz`; undefined when no Redis is configured. */
  redisStatus(): { ok: boolean; detail: string } | undefined;
  close(): Promise<void>;
}

/** Where the layer runs: which app its keys belong to, and whether it is the demo. */
export interface CacheLayerContext {
  appKey: string;
  demo: boolean;
  logger: Logger;
  /** Told the outcome of every cache lookup (metrics). */
  onLookup?: (key: string, result: 'hit' | 'stale' | 'miss', layer: 'memory' | 'shared') => void;
  /** The upstream's API base URL: ledgers kept for another upstream are not reused (see `openEmbeddedStore`). */
  upstream?: string;
  /** The config file's `storage` (the embedded store's page cache). */
  storage?: StorageSettings;
}

/** Cache namespace version: bump when a cached value's shape changes. */

/** Builds the layer from the settings (environment, and the config file's `cache`, `upstream` and `redis`). @throws Error when Redis refuses at start-up */
export async function createCacheLayer(
  config: { env: EnvSettings; file: Pick<FileSettings, 'cache' | 'upstream' | 'redis'> },
  context: CacheLayerContext,
): Promise<CacheLayer> {
  const { env, file } = config;
  const lookups = (layer: 'memory' | 'shared') =>
    context.onLookup && ((key: string, result: 'hit' | 'stale' | 'miss') => context.onLookup?.(key, result, layer));
  const fetcherWindows = {
    staleWhileRevalidateMs: file.cache.staleWhileRevalidateSeconds * 1000,
    staleIfErrorMs: file.cache.staleIfErrorSeconds * 1000,
  };
  const limits = {
    partnerPerSecond: file.upstream.partnerRatePerSecond,
    marketingPerSecond: file.upstream.marketingRatePerSecond,
    headroom: file.upstream.rateHeadroom,
    maxWaitMs: file.upstream.rateMaxWaitMs,
    marginMs: file.upstream.rateMarginMs,
  };
  const local = tiktokLimiter(limits);
  if (!env.REDIS_URL) {
    const store = new MemoryCacheStore(file.cache.l1MaxEntries);
    const fetcher = new CachedFetcher(store, { ...fetcherWindows, onLookup: lookups('memory') });
    const embedded = loadEmbedded();
    const disk = embedded.openEmbeddedStore({
      dir: embedded.dataDirOf(env),
      upstream: `${context.appKey}@${context.upstream ?? ''}`,
      demo: context.demo,
      cacheMb: context.storage?.diskCacheMb,
      logger: context.logger,
    });
    context.logger.info({ dataDir: disk.location }, 'embedded store open: ledgers, unit costs and webhook state kept there');
    const queues: NotificationQueue[] = [];
    return {
      store,
      fetcher,
      limiter: local,
      tokenStore: new MemoryTokenStore(),
      persistedQueries: persistedQueryCache(store),
      buckets: new MemoryBucketStore(),
      ledgerStore: disk.ledger,
      ledgerLock: disk.leases,
      unitCosts: new embedded.SqliteUnitCosts(disk.state, context.appKey),
      storage: disk.location,
      dedupe: new embedded.SqliteDedupe(disk.state),
      conversionOutbox: (pixelCode) => new embedded.SqliteOutbox(disk.state, pixelCode),
      notificationQueue: (handle, logger) => {
        const queue = new embedded.SqliteQueue(disk.state, handle, logger);
        queues.push(queue);
        return queue;
      },
      redisStatus: () => undefined,
      close: async () => {
        await Promise.all(queues.map((q) => q.close()));
        await fetcher.close();
        disk.close();
      },
    };
  }

  const key = encryptionKey(env, context);
  const { RedisLink, TieredCacheStore, RedisKv, RedisUnitCosts, checkRedisPersistence } = loadRedis();
  const link = await RedisLink.connect({
    url: env.REDIS_URL,
    optional: file.redis.optional,
    commandTimeoutMs: file.redis.commandTimeoutMs,
    logger: context.logger,
  });
  if (link.healthy) {
    const required = file.redis.requirePersistence ?? env.NODE_ENV === 'production';
    await checkRedisPersistence(link, { url: env.REDIS_URL, required, logger: context.logger }).catch(async (error: unknown) => {
      await link.close();
      throw error;
    });
  }
  const store = new TieredCacheStore(link, { namespace: KEY_ROOT, l1MaxEntries: file.cache.l1MaxEntries, l1TtlMs: file.cache.l1TtlSeconds * 1000 });
  const lock = new RedisFlightLock(link, `${KEY_FAMILIES.flightLocks}:`);
  const queues: NotificationQueue[] = [];
  const fetcher = new CachedFetcher(store, { ...fetcherWindows, onLookup: lookups('shared'), flight: lock });
  return {
    store,
    lock,
    fetcher,
    limiter: new RedisRateLimiter(link, local, { ...limits, limitFor: tiktokLimitFor(limits), prefix: `${KEY_FAMILIES.rateLimits}:${context.appKey}:` }),
    tokenStore: new EncryptedTokenStore(new RedisSecretBackend(link), key, `${KEY_FAMILIES.sealedTokens}:`),
    persistedQueries: persistedQueryCache(store),
    buckets: new RedisBucketStore(link, { prefix: costPrefix(context.appKey) }),
    ledgerStore: new RedisKv(link, KEY_FAMILIES.ledgerStoreRoot),
    ledgerLock: lock,
    unitCosts: new RedisUnitCosts(link, context.appKey, store),
    storage: 'redis',
    // Its own fallback store: cached pages must not evict the claims.
    dedupe: new RedisDedupe(link, new StoreDedupe(new MemoryCacheStore(DEDUPE_FALLBACK_ENTRIES)), `${KEY_FAMILIES.webhooksSeen}:`),
    conversionOutbox: (pixelCode) => new RedisOutbox(link, `${KEY_FAMILIES.conversionOutbox}:${pixelCode}:`),
    notificationQueue: (handle, logger) => {
      const queue = new RedisStreamQueue(link, handle, logger, { stream: `${KEY_FAMILIES.webhookQueue}:${context.appKey}` });
      queues.push(queue);
      return queue;
    },
    redisStatus: () => link.status(),
    close: async () => {
      await Promise.all(queues.map((q) => q.close()));
      // Refreshes still write to the store: let them settle before its connection goes.
      await fetcher.close();
      await link.close();
    },
  };
}

/** Claims remembered per process while Redis is away. */
const DEDUPE_FALLBACK_ENTRIES = 100_000;

/** Query-cost bucket keys: per app when the process serves one, then the client's name. */
function costPrefix(appKey?: string): string {
  return `${KEY_FAMILIES.costBuckets}:${appKey === undefined ? '' : `${appKey}:`}`;
}

/**
 * Query-cost buckets for a process without a cache layer (a gateway whose ShopGraph is remote):
 * on Redis, with a connection of its own, when `REDIS_URL` is set.
 * @throws Error when Redis refuses at start-up
 */
export async function createCostBuckets(
  config: { env: Pick<EnvSettings, 'REDIS_URL'>; file: Pick<FileSettings, 'redis'> },
  logger: Logger,
): Promise<{ buckets: BucketStore; close(): Promise<void> }> {
  const url = config.env.REDIS_URL;
  if (!url) return { buckets: new MemoryBucketStore(), close: async () => undefined };
  const link = await loadRedis().RedisLink.connect({ url, optional: config.file.redis.optional, commandTimeoutMs: config.file.redis.commandTimeoutMs, logger });
  return { buckets: new RedisBucketStore(link, { prefix: costPrefix() }), close: () => link.close() };
}

/** The token-sealing key: configured, or (demo only) generated for this process. */
function encryptionKey(env: EnvSettings, context: CacheLayerContext): Buffer {
  if (env.SHOPGRAPH_ENCRYPTION_KEY) return parseEncryptionKey(env.SHOPGRAPH_ENCRYPTION_KEY);
  if (!context.demo) {
    throw new Error('SHOPGRAPH_ENCRYPTION_KEY: required with REDIS_URL, which stores seller tokens encrypted (generate one: openssl rand -base64 32)');
  }
  context.logger.warn(
    'SHOPGRAPH_ENCRYPTION_KEY is not set: demo mode generated one for this process; tokens it stores in Redis cannot be read by other replicas or after a restart',
  );
  return randomBytes(32);
}

/** Partner answer TTLs (ms) from the config file's `cache`. */
export function shopDataTtls(cache: CacheSettings): ShopDataTtls {
  const ttl = cache.ttlSeconds;
  const openOrders = ttl.openOrders * 1000;
  return {
    shops: ttl.shops * 1000,
    products: ttl.products * 1000,
    // Order lists and refunds move like open orders: new orders and refunds land in them.
    orderPages: openOrders,
    openOrders,
    closedOrders: ttl.closedOrders * 1000,
    refunds: openOrders,
  };
}

/** Marketing answer TTLs (ms) from the config file's `cache`. */
export function adDataTtls(cache: CacheSettings): AdDataTtls {
  return {
    // Advertiser links change as rarely as the shop list; campaigns as often as products.
    links: cache.ttlSeconds.shops * 1000,
    campaigns: cache.ttlSeconds.products * 1000,
  };
}
