import { InventoryData } from '../datasources/inventory-data';
import { createInventoryLoader } from '../datasources/inventory-loader';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { PersistedQueryOptions } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { adDataTtls, createCacheLayer, shopDataTtls } from '../cache/cache-layer';
import { requestView, type Fetcher } from '../cache/cached-fetch';
import type { Config } from '../config/load-config';
import { AdData } from '../datasources/ad-data';
import { AnalyticsData } from '../datasources/analytics-data';
import { FinanceData } from '../datasources/finance-data';
import { createLoaders } from '../datasources/loaders';
import { AdsReadiness, marketingProbe } from '../datasources/marketing/ads-readiness';
import { MarketingClient } from '../datasources/marketing/marketing-client';
import { budgetOf, waitWithin, type Budget } from '../datasources/abort';
import { partnerReader } from '../datasources/partner-reader';
import { ShopData } from '../datasources/shop-data';
import { AdLedger } from '../metrics/ledger/ad-ledger';
import { partnerLedgerSource } from '../metrics/ledger/ledger-source';
import { createConversions } from '../conversions/create-conversions';
import { offeringOrders } from '../conversions/observe-orders';
import { DayCache } from '../metrics/ledger/day-cache';
import { OrderLedger } from '../metrics/ledger/order-ledger';
import { UnitCostStore } from '../metrics/finance-costs';
import { MetricsService } from '../metrics/metrics-service';
import { buildShopGraphSchema } from '../schema/build-schema';
import type { Logger } from '../telemetry/logger';
import { createApp, type AppContext, type AppSettings, type Readiness } from './app';
import { emulatorProcess, type EmulatorInfo, type EmulatorLauncher } from './demo-emulator';
import { corsSettings } from './cors';
import { explorerFor } from './graphiql';
import { operatorAccess } from './operator-access';
import { wirePartner } from './partner-wiring';
import type { GraphContext } from '../resolvers/context';
import { cacheKind, Telemetry } from '../telemetry/metrics';
import { startTracing, traceUpstream, tracesUrl } from '../telemetry/tracing';
import { usageReportingSettings } from '../telemetry/usage-reporting';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { UpstreamAttempt, UpstreamObserver } from '../datasources/upstream-observer';
import { createAuthenticator, type Authenticator } from '../security/authenticate';
import { LOCAL_CALLER, type Caller } from '../security/caller';
import { checkExposure } from '../security/exposure';
import { registerOAuthRoutes } from '../security/oauth';
import { shopDataFor } from '../security/tenancy';
import { readTlsFiles } from '../security/tls';
import type { BucketStore } from '../security/leaky-bucket';
import { persistedQueryCache } from '../cache/persisted-queries';
import { processNotification, type NotificationEffects } from '../webhooks/process';
import type { NotificationQueue } from '../webhooks/queue';
import { registerWebhookRoute, WEBHOOK_PATH } from '../webhooks/webhook-route';
import { announceLedgerSyncs, createShopEvents } from '../subscriptions/create-events';
import { subscribeOrderWebhooks } from '../subscriptions/demo-webhooks';
import { createAlerts } from '../alerts/create-alerts';
import { upstreamReadings } from '../alerts/readings';
import type { LiveServices } from '../subscriptions/live-services';

/** A running gateway. */
export interface RunningServer {
  url: string;
  app: FastifyInstance;
  /** A request context as the server builds it (benchmarks execute operations directly); the local caller by default. */
  context: (caller?: Caller) => Promise<GraphContext>;
  /** The emulator serving as TikTok in demo mode (a separate process). */
  emulator?: EmulatorInfo;
  /** Resolves once every webhook notification this server accepted so far has been processed (tests). */
  drainWebhooks(): Promise<void>;
  /** Sends the conversions due now (docs/conversions.md); nothing without them (tests). */
  flushConversions(): Promise<void>;
  close(): Promise<void>;
}

/** Upstream endpoints and credentials, from the config or from the demo emulator. */
interface Upstream {
  apiBaseUrl: string;
  authBaseUrl: string;
  adsBaseUrl: string;
  appKey: string;
  appSecret: string;
  refreshToken?: string;
  authCode?: string;
  adsToken?: string;
  adsAppId?: string;
  adsSecret?: string;
}

async function resolveUpstream(
  config: Config,
  logger: Logger,
  launch: EmulatorLauncher,
): Promise<{ upstream: Upstream; emulator?: EmulatorInfo & { close(): Promise<void> } }> {
  const env = config.env;
  if (config.upstream.kind === 'tiktok') {
    return {
      upstream: {
        apiBaseUrl: env.TTS_API_BASE_URL,
        authBaseUrl: env.TTS_AUTH_BASE_URL,
        adsBaseUrl: env.TT_ADS_BASE_URL,
        appKey: config.upstream.appKey,
        appSecret: config.upstream.appSecret,
        refreshToken: config.upstream.refreshToken,
        authCode: config.upstream.authCode,
        adsToken: env.TT_ADS_ACCESS_TOKEN,
        adsAppId: env.TT_ADS_APP_ID,
        adsSecret: env.TT_ADS_SECRET,
      },
    };
  }
  const emulator = await launch({
    ...config.file.demo,
    logLevel: env.LOG_LEVEL,
  });
  logger.info({ emulator: emulator.url }, 'demo mode: no TikTok credentials configured, serving the built-in emulator');
  return {
    emulator: { url: emulator.url, close: () => emulator.close() },
    upstream: {
      apiBaseUrl: emulator.url,
      authBaseUrl: emulator.url,
      adsBaseUrl: emulator.url,
      appKey: emulator.appKey,
      appSecret: emulator.appSecret,
      authCode: emulator.authCode,
      adsToken: emulator.adsToken,
      adsAppId: emulator.appKey,
      adsSecret: emulator.appSecret,
    },
  };
}

/** Extras for embedding ShopGraph (tests, benchmarks). */
export interface ServerExtras {
  /** Send spans here instead of OTEL_EXPORTER_OTLP_ENDPOINT. */
  spanExporter?: SpanExporter;
  /**
   * Starts the demo emulator (no TikTok credentials). Default: fork the compiled emulator; tests
   * running from TypeScript sources pass one that starts it in their own process.
   */
  emulatorLauncher?: EmulatorLauncher;
  /** The clock webhook timestamps are checked against (tests replaying TikTok's dated examples). @default Date.now */
  webhookClock?: () => number;
}

/** App settings every ShopGraph listener shares, the subgraph server and the gateway alike. */
export type SharedAppSettings = Omit<AppSettings<AppContext>, 'context' | 'readiness' | 'routes' | 'persistedQueries' | 'formatError'>;

/** Client authentication, limits, TLS, telemetry and tracing, prepared once per listener. */
export interface Serving {
  app: SharedAppSettings;
  telemetry: Telemetry;
  /** Records each upstream call in telemetry (and as a span when tracing). */
  observer: UpstreamObserver;
  development: boolean;
  close(): Promise<void>;
}

/**
 * Prepares what a listener needs before it serves anything, refusing unsafe exposure.
 * @param identitySecret accept identities the gateway forwards, signed with this secret
 */
export function prepareServing(config: Config, logger: Logger, extras: ServerExtras, identitySecret?: string): Serving {
  const {
    env,
    file: { limits, clients, jwt },
  } = config;
  const authenticator = createAuthenticator({ clients, jwt, identitySecret });
  checkExposure(
    {
      host: env.HOST,
      authEnabled: authenticator.enabled,
      production: env.NODE_ENV === 'production',
      tokenKeySet: env.SHOPGRAPH_ENCRYPTION_KEY !== undefined,
    },
    logger,
  );
  const tls = readTlsFiles(config.file.tls);
  const telemetry = new Telemetry();
  const traceTo = extras.spanExporter ?? tracesUrl(env);
  const tracing = traceTo ? startTracing(traceTo) : undefined;
  const observer: UpstreamObserver = tracing
    ? (a) => {
        telemetry.observeUpstream(a);
        traceUpstream(a);
      }
    : telemetry.observeUpstream;
  const development = env.NODE_ENV !== 'production';
  return {
    telemetry,
    observer,
    development,
    app: {
      logger,
      development,
      introspection: config.file.graphql.introspection ?? development,
      telemetry,
      metricsToken: env.METRICS_TOKEN,
      tracing: tracing !== undefined,
      authenticator,
      limits,
      usageReporting: usageReportingSettings(config),
      bodyLimit: limits.bodyLimit,
      https: tls,
      cors: corsSettings(config),
      explorer: explorerFor(config),
      subscriptions: config.file.subscriptions.enabled ? config.file.subscriptions : undefined,
    },
    close: async () => {
      await tracing?.shutdown();
    },
  };
}

/** ShopGraph's graph and the services behind it, served over HTTP by {@link startServer} or in-process by `shopgraph gateway`. */
export interface ShopGraphService {
  schema: GraphQLSchema;
  /** A request context as the server builds it; the local caller by default. */
  context: (caller?: Caller) => Promise<GraphContext>;
  readiness: () => Promise<Readiness>;
  persistedQueries: PersistedQueryOptions;
  /**
   * Webhooks and seller onboarding, registered on the app that serves the graph; `authenticator`
   * (the app's) tells operators apart, else the config file's clients do.
   */
  routes: (app: FastifyInstance, authenticator?: Authenticator) => Promise<void>;
  /** Per-client cost buckets: shared by every replica with Redis. */
  buckets: BucketStore;
  /** Resolves once every webhook notification accepted so far has been processed. */
  drainWebhooks(): Promise<void>;
  /** Sends the conversions due now; nothing without them. */
  flushConversions(): Promise<void>;
  /** The emulator serving as TikTok in demo mode (a separate process). */
  emulator?: EmulatorInfo;
  /** Demo mode: subscribes ShopGraph's webhook URL to the emulator's shops (live updates). */
  subscribeDemoWebhooks?(address: string): Promise<number>;
  /** Starts reading, in the background, the history of authorized shops without a ledger yet (a serving process's start-up). */
  backfillNewShops(): void;
  close(): Promise<void>;
}

/**
 * Wires clients, cache and services together behind ShopGraph's schema.
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
  const limiter = cache.limiter;
  // Late-bound: the shared shop data is built over the clients built here.
  let forgetShops = async (_sellerId: string): Promise<void> => undefined;
  const clientOptions = {
    baseUrl: upstream.apiBaseUrl,
    appKey: upstream.appKey,
    appSecret: upstream.appSecret,
    logger,
    timeoutMs: config.file.upstream.timeoutMs,
    limiter,
    observer,
    signal: lifetime.signal,
  };
  const { sellers, directory, partner, partnerFor } = await wirePartner({
    client: clientOptions,
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
  const overrides = config.file.shops;
  const adsSettings = upstream.adsToken
    ? {
        baseUrl: upstream.adsBaseUrl,
        accessToken: upstream.adsToken,
        appId: upstream.adsAppId,
        appSecret: upstream.adsSecret,
        logger,
        timeoutMs: config.file.upstream.timeoutMs,
        limiter,
        observer,
        signal: lifetime.signal,
      }
    : null;
  // `/readyz`'s ads check: every Marketing call is evidence for it; it probes (one call, no retry) only without any.
  const adsReadiness = adsSettings
    ? new AdsReadiness(
        marketingProbe(new MarketingClient({ ...adsSettings, retry: { maxAttempts: 1 } }), {
          canList: Boolean(upstream.adsAppId && upstream.adsSecret),
          linked: Object.values(overrides).flatMap((o) => o.advertiserIds ?? []),
        }),
      )
    : undefined;
  const marketingOptions = adsSettings && {
    ...adsSettings,
    observer: (attempt: UpstreamAttempt) => {
      adsReadiness?.observe(attempt);
      observer(attempt);
    },
  };
  const marketing = marketingOptions && new MarketingClient(marketingOptions);
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
        return shop ? (await partner.getOrders(shop, orderIds)).orders : [];
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
  const ledgerReads = conversions ? offeringOrders(partner, (shopId, orders) => conversions.offer(shopId, orders)) : partner;
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
  // Open ad days are re-read after cache.ttlSeconds.openAdDays (not metrics.maxStalenessSeconds): TikTok's
  // reports lag hours behind, and the Marketing rate limit is per app, shared by every advertiser.
  const metricsSettings = { attributionDays: config.file.metrics.attributionDays, now: Date.now, rates: config.file.fxRates, firstAnswerMs };
  const adLedger =
    marketing &&
    new AdLedger(ledgerStore, marketing, {
      namespace: upstream.adsAppId ?? 'ads',
      maxStalenessMs: config.file.cache.ttlSeconds.openAdDays * 1000,
      attributionDays: metricsSettings.attributionDays,
    });
  // Unit costs are records, not a cache: in the embedded store's durable database, or in Redis.
  const unitCosts = new UnitCostStore(cache.unitCosts, { config: config.file.costs });
  const reader = partnerReader(partner);
  const adOverrides = Object.fromEntries(Object.entries(overrides).map(([id, o]) => [id, o.advertiserIds]));
  const shopOptions = {
    appKey: upstream.appKey,
    overrides,
    ttls: shopDataTtls(config.file.cache),
    sellers: directory,
    partnerFor: (budget: Budget) => partnerReader(partnerFor(budget)),
  };
  /**
   * The datasources over the shared cache, or over one request's view of it (see `requestView`):
   * then bounded by the request's budget — its upstream calls, and its waits for the ledgers,
   * which go on for others when it stops waiting.
   */
  const inventoryOptions = {
    appKey: upstream.appKey,
    ttlMs: config.file.inventory.ttlSeconds * 1000,
    staleIfErrorMs: config.file.cache.staleIfErrorSeconds * 1000,
    partnerFor,
  };
  const sources = (fetcher: Fetcher, budget?: Budget) => {
    const shopData = new ShopData(reader, fetcher, shopOptions);
    const own = budget ? partnerFor(budget) : partner;
    const ownMarketing = marketingOptions && budget ? new MarketingClient({ ...marketingOptions, budget }) : marketing;
    const ads = ownMarketing
      ? new AdData(ownMarketing, fetcher, {
          namespace: upstream.adsAppId ?? 'ads',
          overrides: adOverrides,
          ttls: adDataTtls(config.file.cache),
          discover: Boolean(upstream.adsAppId && upstream.adsSecret),
        })
      : null;
    return {
      shopData,
      ads,
      analytics: new AnalyticsData(own, fetcher, { appKey: upstream.appKey }),
      finance: new FinanceData(own, fetcher, shopData, unitCosts, { appKey: upstream.appKey }),
      metrics: new MetricsService(
        shopData,
        ads,
        metricsSettings,
        waitWithin(ledger, budget, 'partner', ['window']),
        adLedger && waitWithin(adLedger, budget, 'marketing', ['report', 'gmvMaxReport']),
      ),
      inventory: new InventoryData(fetcher, inventoryOptions),
    };
  };
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
    read: upstreamReadings(partner, () => metrics, config.file.fxRates),
    shop: (id) => shopData.shop(id),
  }).catch(async (error: unknown) => {
    await events.close();
    await cache.close();
    await emulator?.close();
    throw error;
  });

  const readiness = async (): Promise<Readiness> => {
    const checks: Readiness['checks'] = {};
    try {
      const known = await sellers.list();
      if (known.length === 0) throw new Error('no seller has authorized the app');
      const shops = await shopData.shops();
      const failing = shops.staleReason === 'upstream_error' || shops.unavailable !== undefined;
      const unlisted = shops.unavailable?.map((u) => u.seller.id).join(', ');
      const detail = unlisted ? `TikTok Shop API failing for seller(s) ${unlisted}` : 'serving cached shops: TikTok Shop API failing';
      checks.partner = { ok: !failing, detail: failing ? detail : `${shops.value.length} shops of ${known.length} seller(s)` };
    } catch (error) {
      checks.partner = { ok: false, detail: (error as Error).message };
    }
    checks.ads = adsReadiness ? await adsReadiness.check() : { ok: true, detail: 'no TT_ADS_ACCESS_TOKEN: ad metrics are null' };
    const redis = cache.redisStatus();
    if (redis) checks.redis = redis;
    // Ads failing leave order figures standing (ad metrics null with the reason): degraded, not unavailable.
    const status = checks.partner.ok
      ? (redis && !redis.ok) || !checks.ads.ok
        ? 'degraded'
        : 'ready'
      : checks.partner.detail?.startsWith('serving cached')
        ? 'degraded'
        : 'unavailable';
    return { status, checks };
  };

  // Loaders are per request, and built over the caller's view of the shops: no tenant's data can
  // reach another's request through them.
  const subscriptions = config.file.subscriptions;
  const live = (caller: Caller): LiveServices => ({
    events,
    logger,
    settings: {
      metricsIntervalMs: subscriptions.metricsIntervalMs,
      metricsRecheckMs: subscriptions.metricsRecheckSeconds * 1000,
      queueSize: subscriptions.queueSize,
    },
    renew: () => context(caller),
  });
  const context = async (caller: Caller = LOCAL_CALLER): Promise<GraphContext> => {
    // What this request was answered stale from, for `extensions.stale`; and its one time budget.
    const stale = new Set<string>();
    const budget = budgetOf(config.file.limits.requestBudgetMs);
    const own = sources(requestView(cache.fetcher, { onStale: (key) => stale.add(cacheKind(key)), budget }), budget);
    const visible = shopDataFor(own.shopData, caller);
    const loaders = createLoaders(visible, telemetry?.observeLoaderBatch);
    return {
      caller,
      shopData: visible,
      loaders,
      metrics: own.metrics,
      ads: own.ads,
      analytics: own.analytics,
      finance: own.finance,
      stale,
      live: live(caller),
      alerts,
      inventory: createInventoryLoader(own.inventory, (id) => loaders.shop.load(id), config.file.inventory),
    };
  };
  const effects: NotificationEffects = {
    invalidateOrders: (shopId, orderIds) => shopData.invalidateOrders(shopId, orderIds),
    invalidateProducts: (shopId, productIds) => shopData.invalidateProducts(shopId, productIds),
    invalidateInventory: (shopId, productIds) => inventory.invalidate(shopId, productIds),
    refreshOrders: async (shopId, orderIds) => {
      await metrics.refreshOrders(shopId, orderIds);
    },
    revokeShop: (shopId) => directory.revokeShop(shopId),
    announce: (event) => events.publish(event),
    offerConversion: conversions && ((shopId, orderId, status) => conversions.offerWebhook(shopId, orderId, status)),
  };
  // Made with the webhook route only: a process that serves no webhooks (backfill) consumes none.
  let notifications: NotificationQueue | undefined;
  return {
    schema: buildShopGraphSchema(),
    context,
    readiness,
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
    routes: async (app, authenticator) => {
      notifications ??= cache.notificationQueue((n) => processNotification(n, effects, logger), logger);
      await registerWebhookRoute(app, {
        appKey: upstream.appKey,
        appSecret: upstream.appSecret,
        dedupe: cache.dedupe,
        queue: notifications,
        logger,
        now: webhookClock,
      });
      // Onboarding and revoking sellers is for operators; a gateway embedding ShopGraph passes none
      // of its own: the clients of the config file are asked.
      const { clients, jwt } = config.file;
      const operators = authenticator ?? createAuthenticator({ clients, jwt, identitySecret: env.SHOPGRAPH_IDENTITY_SECRET });
      registerOAuthRoutes(app, {
        authorizeUrl: env.TTS_AUTHORIZE_URL,
        appSecret: upstream.appSecret,
        nonces: cache.store,
        logger,
        authorize: async (code) => {
          const added = await directory.authorize(code);
          // The new shops' history starts being read at once, in the background.
          if (added.shops)
            void metrics.prime(
              config.file.storage.backfillDays,
              added.shops.map((shop) => shop.id),
            );
          return added;
        },
        sellers: () => sellers.list(true),
        revoke: (sellerId) => directory.revoke(sellerId, 'revoked by an operator'),
        operator: operatorAccess(operators, undefined),
      });
    },
    emulator: emulator && { url: emulator.url },
    subscribeDemoWebhooks: emulator && (async (address) => subscribeOrderWebhooks(partner, (await shopData.shops()).value, address, logger)),
    drainWebhooks: async () => {
      await notifications?.drain();
    },
    backfillNewShops: () => void metrics.prime(config.file.storage.backfillDays),
    flushConversions: async () => {
      await conversions?.flush();
    },
    async close() {
      // Queued webhooks still need upstream; then stop what nobody awaits (background refreshes).
      await notifications?.close();
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

/** How long closing waits for the ledger's background work before closing its store. */
const SETTLE_ON_CLOSE_MS = 2_000;

/** Starts ShopGraph's subgraph server: {@link createShopGraph} behind {@link createApp}, listening on HOST:PORT. */
export async function startServer(config: Config, logger: Logger, extras: ServerExtras = {}): Promise<RunningServer> {
  const serving = prepareServing(config, logger, extras, config.env.SHOPGRAPH_IDENTITY_SECRET);
  const shopGraph = await createShopGraph(config, logger, serving.observer, serving.telemetry, extras.emulatorLauncher, extras.webhookClock).catch(
    async (error: unknown) => {
      await serving.close();
      throw error;
    },
  );
  const { app } = await createApp(subgraphAppSettings(serving, shopGraph));
  const url = await listen(app, { host: config.env.HOST, port: config.env.PORT, https: serving.app.https !== undefined });
  // Shops without a ledger yet (new to this store) start being read in the background.
  if (config.file.storage.backfillOnStart ?? config.env.NODE_ENV !== 'test') shopGraph.backfillNewShops();
  if (config.file.demo.live)
    await shopGraph.subscribeDemoWebhooks?.(new URL(WEBHOOK_PATH, url).toString()).catch((error: unknown) => {
      logger.warn({ err: error }, "demo mode: could not subscribe the shops' webhooks; live updates come by polling only");
    });
  return {
    url,
    app,
    context: shopGraph.context,
    emulator: shopGraph.emulator,
    drainWebhooks: shopGraph.drainWebhooks,
    flushConversions: shopGraph.flushConversions,
    async close() {
      await app.close();
      await shopGraph.close();
      await serving.close();
    },
  };
}

/** What {@link createApp} needs to serve ShopGraph's graph prepared by `serving`. */
export function subgraphAppSettings(serving: Serving, shopGraph: ShopGraphService): AppSettings<GraphContext> & { schema: GraphQLSchema } {
  return {
    ...serving.app,
    schema: shopGraph.schema,
    context: shopGraph.context,
    readiness: shopGraph.readiness,
    persistedQueries: shopGraph.persistedQueries,
    routes: (app) => shopGraph.routes(app, serving.app.authenticator),
    buckets: shopGraph.buckets,
  };
}

/** Listens on host:port and returns the `/graphql` URL. */
export async function listen(app: FastifyInstance, at: { host: string; port: number; https: boolean }): Promise<string> {
  await app.listen({ host: at.host, port: at.port });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${at.https ? 'https' : 'http'}://${host}:${address.port}/graphql`;
}
