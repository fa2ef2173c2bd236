import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { CachedFetcher } from '../cache/cached-fetch';
import { MemoryCacheStore } from '../cache/cache-store';
import { tiktokLimiter } from '../cache/rate-limiter';
import type { Config } from '../config/load-config';
import { AdData } from '../datasources/ad-data';
import { createLoaders } from '../datasources/loaders';
import { MarketingClient } from '../datasources/marketing/marketing-client';
import { PartnerClient } from '../datasources/partner/partner-client';
import { TokenManager } from '../datasources/partner/token-manager';
import { MemoryTokenStore } from '../datasources/partner/token-store';
import { partnerReader } from '../datasources/partner-reader';
import { ShopData } from '../datasources/shop-data';
import { startEmulator, type EmulatorHandle } from '../emulator/server';
import { MetricsService } from '../metrics/metrics-service';
import { buildShopGraphSchema } from '../schema/build-schema';
import type { Logger } from '../telemetry/logger';
import { createApp, type Readiness } from './app';
import type { GraphContext } from '../resolvers/context';
import { Telemetry } from '../telemetry/metrics';

/** A running gateway. */
export interface RunningServer {
  url: string;
  app: FastifyInstance;
  /** A request context as the server builds it (benchmarks execute operations directly). */
  context: () => Promise<GraphContext>;
  /** The in-process emulator in demo mode. */
  emulator?: EmulatorHandle;
  close(): Promise<void>;
}

/** Upstream endpoints and credentials, from the config or from the in-process emulator. */
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

async function resolveUpstream(config: Config, logger: Logger): Promise<{ upstream: Upstream; emulator?: EmulatorHandle }> {
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
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    seed: env.DEMO_SEED,
    shops: env.DEMO_SHOPS,
    days: env.DEMO_DAYS,
    ordersPerDay: env.DEMO_ORDERS_PER_DAY,
    logger: logger.child({ component: 'emulator' }),
  });
  const t = emulator.tokens;
  logger.info({ emulator: emulator.url }, 'demo mode: no TikTok credentials configured, serving the built-in emulator');
  return {
    emulator,
    upstream: {
      apiBaseUrl: emulator.url,
      authBaseUrl: emulator.url,
      adsBaseUrl: emulator.url,
      appKey: t.appKey,
      appSecret: t.appSecret,
      authCode: t.authCode,
      adsToken: t.adsToken,
      adsAppId: t.appKey,
      adsSecret: t.appSecret,
    },
  };
}

/** Wires clients, cache and services together and starts the HTTP server. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const { upstream, emulator } = await resolveUpstream(config, logger);
  const env = config.env;
  const tokenStore = new MemoryTokenStore();
  const tokens = new TokenManager({
    appKey: upstream.appKey,
    appSecret: upstream.appSecret,
    authBaseUrl: upstream.authBaseUrl,
    store: tokenStore,
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    logger,
  });
  if (upstream.authCode) {
    await tokens.exchangeAuthCode(upstream.authCode);
  } else if (upstream.refreshToken) {
    // Only a refresh token is known: store it as expired so the first call refreshes it.
    await tokenStore.set(upstream.appKey, {
      accessToken: '', accessTokenExpiresAt: 0, refreshToken: upstream.refreshToken,
      refreshTokenExpiresAt: Number.MAX_SAFE_INTEGER, openId: '', sellerName: '', sellerBaseRegion: '', userType: 0, grantedScopes: [],
    });
  }
  const limiter = tiktokLimiter();
  const partner = new PartnerClient({
    baseUrl: upstream.apiBaseUrl, appKey: upstream.appKey, appSecret: upstream.appSecret, tokens, logger, timeoutMs: env.UPSTREAM_TIMEOUT_MS, limiter,
  });
  const fetcher = new CachedFetcher(new MemoryCacheStore());
  const overrides = config.file.shops;
  const shopData = new ShopData(partnerReader(partner), fetcher, { appKey: upstream.appKey, overrides });
  const ads = upstream.adsToken
    ? new AdData(
        new MarketingClient({ baseUrl: upstream.adsBaseUrl, accessToken: upstream.adsToken, appId: upstream.adsAppId, appSecret: upstream.adsSecret, logger, timeoutMs: env.UPSTREAM_TIMEOUT_MS, limiter }),
        fetcher,
        { namespace: upstream.adsAppId ?? 'ads', overrides: Object.fromEntries(Object.entries(overrides).map(([id, o]) => [id, o.advertiserIds])) },
      )
    : null;
  const metrics = new MetricsService(shopData, ads, {
    lookbackDays: 7, attributionDays: 7, now: Date.now, rates: config.file.fxRates,
  });

  const readiness = async (): Promise<Readiness> => {
    const checks: Readiness['checks'] = {};
    try {
      await tokens.getAccessToken();
      const shops = await shopData.shops();
      checks.partner = { ok: !shops.stale, detail: shops.stale ? 'serving cached shops: TikTok Shop API failing' : `${shops.value.length} shops` };
    } catch (error) {
      checks.partner = { ok: false, detail: (error as Error).message };
    }
    checks.ads = ads ? { ok: true } : { ok: true, detail: 'no TT_ADS_ACCESS_TOKEN: ad metrics are null' };
    const status = checks.partner.ok ? 'ready' : checks.partner.detail?.startsWith('serving cached') ? 'degraded' : 'unavailable';
    return { status, checks };
  };

  const development = env.NODE_ENV !== 'production';
  const telemetry = new Telemetry();
  const context = async (): Promise<GraphContext> => ({ shopData, loaders: createLoaders(shopData), metrics });
  const { app } = await createApp({
    schema: buildShopGraphSchema(),
    context,
    readiness,
    logger,
    development,
    introspection: env.INTROSPECTION ?? development,
    telemetry,
  });
  await app.listen({ host: env.HOST, port: env.PORT });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/graphql`,
    app,
    context,
    emulator,
    async close() {
      await app.close();
      await emulator?.close();
    },
  };
}
