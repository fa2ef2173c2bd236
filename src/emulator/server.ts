/**
 * A faithful TikTok Shop + Marketing API emulator on one port: the token host (`/api/v2/token/*`),
 * the Partner API v2 (signed, shop-scoped, rate-limited), the Marketing API (`/open_api/v1.3/*`)
 * and a control plane (`/__emulator/*`: faults, stats). Code that passes against it should be right
 * against TikTok, so it refuses exactly what TikTok refuses, with TikTok's codes and statuses
 * (docs/tiktok-api.md). It imports nothing from the rest of ShopGraph: it is an independent witness.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { EmulatorRejection, MarketingCode, PartnerCode, apiOf, errorEnvelope, internalError } from './codes';
import type { EmulatorContext, ReceivedEvent } from './context';
import { registerControlRoutes } from './control-routes';
import { EmulatorStore, InvalidPageToken, type EmulatorChange } from './data/store';
import { requestPath } from './enforce';
import { FaultInjector, useFaults, type FaultSettings } from './faults';
import { LiveLoop, TIKTOK_WEBHOOK_RETRY_DELAYS_MS } from './live';
import { silentLogger, type EmulatorLogger } from './log';
import { registerEventsRoutes } from './events-track';
import { registerMarketingRoutes } from './marketing-routes';
import { registerPartnerRoutes } from './partner-routes';
import { SlidingWindowLimiter } from './rate-limit';
import { EmulatorStats, useCallCounting } from './stats';
import { registerTokenRoutes } from './token-routes';
import { MarketingTokens, PartnerTokens } from './tokens';

/** Options of {@link startEmulator}; every one has a demo-friendly default. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one. @default 4100 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Dataset seed: the same seed gives the same shops, orders and ads. @default 'shopgraph' */
  seed?: string;
  /** @default 3 */
  shops?: number;
  /** Days of history. @default 30 */
  days?: number;
  /** @default 20 */
  ordersPerDay?: number;
  /**
   * Serve recorded data from this directory instead of generated data: a fixture directory, or
   * recorded TikTok answers with a manifest (one scenario, or all of them) — see docs/emulator.md.
   */
  fixtures?: string;
  /**
   * The most results one product search walk reaches before `12052180`. TikTok's is 10,000; a
   * test knob, to meet the cap with a small catalogue. @default 10000
   */
  productSearchCap?: number;
  /**
   * Generated data: let a few orders and returns per shop carry statuses TikTok does not document
   * (yet), so clients always meet values they have never seen. @default true
   */
  unknownEnums?: boolean;
  /** @default 'demo-app-key' */
  appKey?: string;
  /** @default 'demo-app-secret' */
  appSecret?: string;
  /** The single-use auth code the token host accepts (Partner and Marketing). @default 'demo' */
  authCode?: string;
  /** A Marketing `Access-Token` valid from the start. @default 'demo-ads-token' */
  adsToken?: string;
  /** Pixels of the Events API: pixel code → its Events API token. @default {@link DEFAULT_PIXELS} */
  pixels?: Readonly<Record<string, string>>;
  /** Partner access token lifetime (TikTok: about 7 days). @default 604800 */
  tokenTtlSeconds?: number;
  /** Partner refresh token lifetime (TikTok: about a year). @default 31536000 */
  refreshTokenTtlSeconds?: number;
  /** Live mode: advance the data on an interval. `true` means every 5 s. @default false */
  live?: boolean | { intervalMs: number };
  /** Where every live change is POSTed as a signed TikTok webhook (besides subscribed addresses). */
  webhookUrl?: string;
  /** Webhook retry delays after a failed delivery. @default TikTok's: 2 min, 30 min, 3 h, 12 h */
  webhookRetryDelaysMs?: readonly number[];
  /** Faults active from the start. @default none */
  faults?: FaultSettings;
  /** Clock in ms, injectable for tests. @default Date.now */
  now?: () => number;
  /** How injected latency waits, injectable for tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default silent */
  logger?: EmulatorLogger;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** Base URL for all hosts, e.g. `http://127.0.0.1:4100`. */
  url: string;
  port: number;
  /** The dataset, for tests that compare answers with ground truth. */
  store: EmulatorStore;
  /** Credentials a client needs: the app, the Partner auth code and the Marketing token. */
  tokens: { appKey: string; appSecret: string; authCode: string; adsToken: string };
  stats: EmulatorStats;
  faults: FaultInjector;
  /** Events API events received. */
  events: readonly ReceivedEvent[];
  /** Pixels the Events API serves: pixel code → Events API token. */
  pixels: Readonly<Record<string, string>>;
  /** A fresh single-use Partner auth code (a seller authorizing again), optionally for some shops only. */
  mintAuthCode(shopIds?: readonly string[], options?: { openId?: string }): string;
  /** One live-mode step now: advances the data and sends the webhooks; returns the changes. */
  tick(): EmulatorChange[];
  /** Stops the server, the live loop and pending webhook retries; hung requests are cut. */
  close(): Promise<void>;
}

const DEFAULT_LIVE_INTERVAL_MS = 5000;
/** The demo pixel (a 20-character code like Events Manager's) and its Events API token. */
export const DEFAULT_PIXELS: Readonly<Record<string, string>> = { DEMOPIXEL00000000001: 'demo-events-token' };
const CONTROL_PREFIX = '/__emulator/';

/** Starts the emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const {
    port = 4100,
    host = '127.0.0.1',
    seed = 'shopgraph',
    appKey = 'demo-app-key',
    appSecret = 'demo-app-secret',
    authCode = 'demo',
    adsToken = 'demo-ads-token',
    now = Date.now,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    logger = silentLogger,
  } = options;
  const nowSeconds = () => Math.floor(now() / 1000);
  const settings = { productSearchCap: options.productSearchCap };
  const store = options.fixtures
    ? await EmulatorStore.fromFixtures(options.fixtures, nowSeconds(), settings)
    : EmulatorStore.generate(
        {
          seed,
          shops: options.shops ?? 3,
          days: options.days ?? 30,
          ordersPerDay: options.ordersPerDay ?? 20,
          now: nowSeconds(),
          unknownEnums: options.unknownEnums ?? true,
        },
        settings,
      );
  const shops = store.shops();
  const ctx: EmulatorContext = {
    store,
    appKey,
    appSecret,
    partnerTokens: new PartnerTokens({
      authCode,
      accessTtlSeconds: options.tokenTtlSeconds ?? 7 * 24 * 3600,
      refreshTtlSeconds: options.refreshTokenTtlSeconds ?? 365 * 24 * 3600,
      shopIds: shops.map((s) => s.id),
      sellerName: shops[0]?.name ?? 'Emulated seller',
      region: shops[0]?.region ?? 'US',
      now,
    }),
    marketingTokens: new MarketingTokens(adsToken, authCode),
    limiter: new SlidingWindowLimiter(now),
    faults: new FaultInjector(seed, options.faults),
    stats: new EmulatorStats(),
    events: [],
    pixels: new Map(Object.entries(options.pixels ?? DEFAULT_PIXELS)),
    now,
    logger,
  };
  const live = new LiveLoop({
    store,
    appKey,
    appSecret,
    webhookUrl: options.webhookUrl,
    retryDelaysMs: options.webhookRetryDelaysMs ?? TIKTOK_WEBHOOK_RETRY_DELAYS_MS,
    now,
    logger,
  });

  const app = buildApp(ctx, live, sleep);
  await app.listen({ port, host });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  if (options.live) live.start(options.live === true ? DEFAULT_LIVE_INTERVAL_MS : options.live.intervalMs);

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    port: boundPort,
    store,
    tokens: { appKey, appSecret, authCode, adsToken },
    stats: ctx.stats,
    faults: ctx.faults,
    events: ctx.events,
    pixels: Object.fromEntries(ctx.pixels),
    mintAuthCode: (shopIds, options) => ctx.partnerTokens.mintAuthCode(shopIds, options),
    tick: () => live.tick(),
    close: async () => {
      live.stop();
      await app.close();
    },
  };
}

function buildApp(ctx: EmulatorContext, live: LiveLoop, sleep: (ms: number) => Promise<void>): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 10 * 1024 * 1024,
    // TikTok decodes query values form-style; one value per key is all its APIs use.
    routerOptions: { querystringParser: (text) => Object.fromEntries(new URLSearchParams(text)) },
  });
  // Keep every body as the exact string received: the Partner `sign` covers those bytes, and each
  // API parses its own JSON so a malformed body gets TikTok's code rather than fastify's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  useCallCounting(app, ctx.stats, CONTROL_PREFIX);
  useFaults(app, ctx.faults, sleep, CONTROL_PREFIX);

  registerTokenRoutes(app, ctx);
  const partner = registerPartnerRoutes(app, ctx);
  app.setErrorHandler((error, req, reply) => sendRejection(ctx, req, reply, toRejection(ctx, req, error)));
  app.setNotFoundHandler((req, reply) => {
    const api = apiOf(req.url);
    const rejection =
      api === 'partner'
        ? partner.unknownPath(req.method, requestPath(req))
        : new EmulatorRejection(api === 'marketing' ? MarketingCode.INVALID_PARAM : PartnerCode.INVALID_PARAM, 'Invalid path', 404);
    return sendRejection(ctx, req, reply, rejection);
  });
  registerMarketingRoutes(app, ctx);
  registerEventsRoutes(app, ctx);
  registerControlRoutes(app, ctx, live);
  return app;
}

function toRejection(ctx: EmulatorContext, req: FastifyRequest, error: unknown): EmulatorRejection {
  if (error instanceof EmulatorRejection) return error;
  const api = apiOf(req.url);
  if (error instanceof InvalidPageToken) return new EmulatorRejection(PartnerCode.INVALID_PARAM, 'Invalid param: page_token is unknown or expired', 400);
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // fastify's own refusals (body too large, bad URL): TikTok would call them invalid params.
    const message = `Invalid request: ${(error as Error).message}`;
    return api === 'marketing'
      ? new EmulatorRejection(MarketingCode.INVALID_PARAM, message, 200)
      : new EmulatorRejection(PartnerCode.INVALID_PARAM, message, api === 'auth' ? 200 : status);
  }
  ctx.logger.error({ err: error, url: requestPath(req) }, 'emulator handler failed');
  return internalError(api, 'Internal error');
}

function sendRejection(ctx: EmulatorContext, req: FastifyRequest, reply: FastifyReply, rejection: EmulatorRejection): FastifyReply {
  ctx.stats.countRejection(rejection.code);
  ctx.logger.debug({ code: rejection.code, path: requestPath(req) }, rejection.message);
  return reply.code(rejection.httpStatus).send(errorEnvelope(apiOf(req.url), rejection, ctx.now()));
}
