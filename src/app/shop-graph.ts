import { setMaxListeners } from 'node:events';
import { persistedQueryCache } from '../cache/persisted-queries';
import type { Config } from '../config/load-config';
import { createConversions } from '../conversions/create-conversions';
import { offeringOrders } from '../conversions/observe-orders';
import { UnitCostStore } from '../domain/finance-costs';
import type { ShopGraphService } from '../http/shop-graph-service';
import { AdLedger } from '../metrics/ledger/ad-ledger';
import { DayCache } from '../metrics/ledger/day-cache';
import { partnerLedgerSource } from '../metrics/ledger/ledger-source';
import { OrderLedger } from '../metrics/ledger/order-ledger';
import { createAlerts } from '../alerts/create-alerts';
import { upstreamReadings } from '../alerts/readings';
import { buildShopGraphSchema } from '../schema/build-schema';
import { announceLedgerSyncs, createShopEvents } from '../subscriptions/create-events';
import { subscribeOrderWebhooks } from '../subscriptions/demo-webhooks';
import type { Logger } from '../telemetry/logger';
import type { Telemetry } from '../telemetry/metrics';
import type { UpstreamObserver } from '../upstream/upstream-observer';
import { wireAds } from './ads';
import { emulatorProcess, type EmulatorLauncher } from './demo-emulator';
import { wirePartner } from './partner-wiring';
import { shopGraphReadiness } from './readiness';
import { requestContexts } from './request-context';
import { requestSources } from './request-sources';
import { serviceRoutes } from './service-routes';
import { createCacheLayer } from './stores';
import { resolveUpstream } from './upstream-endpoints';

/** How long closing waits for the ledger's background work before closing its store. */
const SETTLE_ON_CLOSE_MS = 2_000;

/**
 * Wires clients, cache and services together behind ShopGraph's schema: the composition root.
 * Each part is built by a builder of its own (src/app/); this function orders them and undoes
 * what was built when a later part refuses to start.
 * @param launchEmulator starts the demo emulator when no TikTok credentials are configured
 */
export async function createShopGraph(
  config: Config,
  logger: Logger,
  observer: UpstreamObserver,
  telemetry?: Telemetry,
  launchEmulator: EmulatorLauncher = emulatorProcess(),
  webhookClock?: () => number,
): Promise<ShopGraphService> {
  const { upstream, emulator } = await resolveUpstream(config, logger, launchEmulator);
  const env = config.env;
  const cache = await createCacheLayer(config, {
    appKey: upstream.appKey,
    demo: config.upstream.kind === 'demo',
    logger,
    onLookup: telemetry?.observeCacheLookup,
    upstream: upstream.apiBaseUrl,
    storage: config.file.storage,
  }).catch(async (error: unknown) => {
    await emulator?.close();
    throw error;
  });
  const lifetime = new AbortController();
  // Every upstream attempt in flight listens to it (and stops listening when it ends).
  setMaxListeners(0, lifetime.signal);
  const basics = { logger, limiter: cache.limiter, observer, signal: lifetime.signal };
  // Late-bound: the shared shop data is built over the clients built here.
  let forgetShops = async (_sellerId: string): Promise<void> => undefined;
  const partner = await wirePartner({
    client: { ...basics, baseUrl: upstream.apiBaseUrl, appKey: upstream.appKey, appSecret: upstream.appSecret, timeoutMs: config.file.upstream.timeoutMs },
    tokens: {
      appKey: upstream.appKey,
      appSecret: upstream.appSecret,
      authBaseUrl: upstream.authBaseUrl,
      timeoutMs: config.file.upstream.timeoutMs,
      logger,
      lock: cache.lock,
      signal: lifetime.signal,
    },
    store: cache.tokenStore,
    bootstrap: { authCode: upstream.authCode, refreshToken: upstream.refreshToken },
    forgetShops: (sellerId) => forgetShops(sellerId),
    logger,
  }).catch(async (error: unknown) => {
    await cache.close();
    await emulator?.close();
    throw error;
  });
  const ads = wireAds(upstream, config, basics);
  // Server-side conversions (docs/conversions.md): off unless the config file enables them.
  let conversions: ReturnType<typeof createConversions>;
  try {
    conversions = createConversions({
      settings: config.file.conversions,
      accessToken: env.TT_EVENTS_ACCESS_TOKEN,
      baseUrl: upstream.adsBaseUrl,
      outbox: (pixelCode) => cache.conversionOutbox(pixelCode),
      logger,
      observer,
      observe: telemetry?.observeConversion,
      signal: lifetime.signal,
      readOrders: async (shopId, orderIds) => {
        const shop = await shopData.shop(shopId);
        return shop ? (await partner.partner.getOrders(shop, orderIds)).orders : [];
      },
    });
  } catch (error) {
    await cache.close();
    await emulator?.close();
    throw error;
  }
  if (conversions) telemetry?.watchConversions(() => conversions.depth());
  // Ledgers live in the embedded store on disk, or in Redis (shared by replicas and `shopgraph
  // backfill`); memory holds only the day aggregates windows are answered from (bounded).
  const ledgerStore = cache.ledgerStore;
  // What subscriptions hear: this process's webhooks and syncs, and with Redis every replica's.
  const events = createShopEvents(env, upstream.appKey, logger);
  // With conversions on, the ledger's order reads offer paid orders to them (docs/conversions.md).
  const ledgerReads = conversions ? offeringOrders(partner.partner, (shopId, orders) => conversions.offer(shopId, orders)) : partner.partner;
  const firstAnswerMs = config.file.storage.firstAnswerMs ?? (env.NODE_ENV === 'test' ? config.file.limits.requestBudgetMs : 3000);
  const ledger = new OrderLedger(ledgerStore, partnerLedgerSource(ledgerReads), {
    namespace: upstream.appKey,
    maxStalenessMs: config.file.metrics.maxStalenessSeconds * 1000,
    lookbackDays: 7,
    lock: cache.ledgerLock,
    onSynced: announceLedgerSyncs(events, telemetry?.observeLedgerSync),
    dayCache: new DayCache(config.file.storage.dayCacheMb * 1_048_576),
    concurrentBackfills: config.file.storage.concurrentBackfills,
    // A cold backfill answers with the days read so far, and tells subscribers each step it makes.
    firstAnswerMs,
    onProgress: (shopId) => events.publish({ kind: 'figures', shopId, cause: 'sync', at: Date.now() }),
    onCorrupt: (error) => logger.error({ key: error.key, problem: error.problem }, 'corrupt ledger entry deleted; the shop is read again from TikTok'),
  });
  const adLedger =
    ads.marketing &&
    new AdLedger(ledgerStore, ads.marketing, {
      namespace: upstream.adsAppId ?? 'ads',
      maxStalenessMs: config.file.cache.ttlSeconds.openAdDays * 1000,
      attributionDays: config.file.metrics.attributionDays,
    });
  // Unit costs are records, not a cache: in the embedded store's durable database, or in Redis.
  const unitCosts = new UnitCostStore(cache.unitCosts, { config: config.file.costs });
  const sources = requestSources({ config, upstream, partner, ads, ledger, adLedger, unitCosts, firstAnswerMs });
  const { shopData, metrics, inventory } = sources(cache.fetcher);
  forgetShops = (sellerId) => shopData.forgetSellerShops(sellerId);
  // Alert rules (docs/alerts.md): judged on the shops' events and a tick, once across replicas.
  const alerts = await createAlerts({
    env,
    appKey: upstream.appKey,
    settings: config.file.alerts,
    events,
    lease: cache.ledgerLock,
    clients: config.file.clients,
    logger,
    redisCommandTimeoutMs: config.file.redis.commandTimeoutMs,
    read: upstreamReadings(partner.partner, () => metrics, config.file.fxRates),
    shop: (id) => shopData.shop(id),
  }).catch(async (error: unknown) => {
    await events.close();
    await cache.close();
    await emulator?.close();
    throw error;
  });
  const context = requestContexts({ config, logger, fetcher: cache.fetcher, sources, events, alerts, telemetry });
  const routes = serviceRoutes({ config, upstream, logger, cache, partner, shopData, inventory, metrics, events, conversions, webhookClock });
  return {
    schema: buildShopGraphSchema(),
    context,
    readiness: shopGraphReadiness({ sellers: partner.sellers, shopData, ads: ads.readiness, redisStatus: () => cache.redisStatus() }),
    // Any client can register a query: bounded by bytes here, and written to the store only when
    // it is Redis and Redis answers (without, the store's copies are bounded by entries only).
    persistedQueries: {
      cache: persistedQueryCache(cache.store, {
        maxBytes: config.file.limits.persistedQueryBytes,
        maxEntryBytes: config.file.limits.maxQueryBytes,
        shared: cache.redisStatus() === undefined ? false : () => cache.redisStatus()?.ok === true,
      }),
    },
    buckets: cache.buckets,
    routes: routes.routes,
    emulator: emulator && { url: emulator.url },
    subscribeDemoWebhooks: emulator && (async (address) => subscribeOrderWebhooks(partner.partner, (await shopData.shops()).value, address, logger)),
    drainWebhooks: routes.drain,
    backfillNewShops: () => void metrics.prime(config.file.storage.backfillDays),
    flushConversions: async () => {
      await conversions?.flush();
    },
    async close() {
      // Queued webhooks still need upstream; then stop what nobody awaits (background refreshes).
      await routes.close();
      await conversions?.close();
      await alerts.close();
      await events.close();
      lifetime.abort();
      // Background syncs and reads end (their upstream calls aborted) before their store closes.
      await ledger.settle(SETTLE_ON_CLOSE_MS);
      await cache.close();
      await emulator?.close();
    },
  };
}
