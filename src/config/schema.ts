import { IANAZone } from 'luxon';
import { z } from 'zod';
import { SCOPES } from '../security/scopes';
import { parseEncryptionKey } from '../cache/encrypted-token-store';
import { IDENTITY_HEADER } from '../gateway/identity';
import { isExactOrigin } from '../http/origin';

/** Environment variables ShopGraph reads, with their defaults. Names are the public contract. */
const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/ });
const seconds = z.coerce.number().positive();
const isEncryptionKey = (v: string): boolean => {
  try {
    return parseEncryptionKey(v).length === 32;
  } catch {
    return false;
  }
};

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHOPGRAPH_CONFIG: z.string().min(1).optional(),

  TTS_APP_KEY: z.string().min(1).optional(),
  TTS_APP_SECRET: z.string().min(1).optional(),
  TTS_REFRESH_TOKEN: z.string().min(1).optional(),
  TTS_AUTH_CODE: z.string().min(1).optional(),
  TTS_API_BASE_URL: url.default('https://open-api.tiktokglobalshop.com'),
  TTS_AUTH_BASE_URL: url.default('https://auth.tiktok-shops.com'),
  TT_ADS_ACCESS_TOKEN: z.string().min(1).optional(),
  TT_ADS_APP_ID: z.string().min(1).optional(),
  TT_ADS_SECRET: z.string().min(1).optional(),
  TT_ADS_BASE_URL: url.default('https://business-api.tiktok.com'),

  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  /** The traces endpoint itself (OpenTelemetry's variable), when it is not `{OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url.optional(),
  /** OpenTelemetry's switch: `true` turns tracing off whatever the endpoints say. */
  OTEL_SDK_DISABLED: bool.default(false),
  /** Exact origins (`https://app.example.com`), comma-separated, that browser apps may call from; added to the config file's `cors.origins`. */
  CORS_ORIGINS: z.string().transform((v) => v.split(',').map((o) => o.trim()).filter((o) => o !== '')).pipe(z.array(z.string().refine(isExactOrigin, 'an exact origin like https://app.example.com (scheme, host, port; no path, no "*")'))).optional(),
  /** Apollo GraphOS usage reporting, with APOLLO_GRAPH_REF (both or neither). Sent as a header: printable ASCII. */
  APOLLO_KEY: z.string().regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
  APOLLO_GRAPH_REF: z.string().regex(/^[^@\s]+(@[^@\s]+)?$/, 'a graph ref like my-graph@production').optional(),
  /** Where usage reports go (the base URL; Apollo's ingress unless a proxy or test stands in). */
  APOLLO_USAGE_REPORTING_ENDPOINT: url.default('https://usage-reporting.api.apollographql.com'),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
  METRICS_MAX_STALENESS: seconds.default(60),
  /** Days whose ad figures still move (TikTok's click-attribution window): re-pulled, flagged provisional. */
  METRICS_ATTRIBUTION_DAYS: z.coerce.number().int().min(1).max(28).default(7),
  INTROSPECTION: bool.optional(),
  /** What a browser gets at /graphql: GraphiQL (served by ShopGraph, works offline), Apollo Sandbox (Apollo's CDN) or none. Default: none in production, GraphiQL in demo mode, else Sandbox. */
  SHOPGRAPH_EXPLORER: z.enum(['graphiql', 'sandbox', 'none']).optional(),

  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** The app's authorization link from Partner Center; `GET /oauth/tiktok-shop/start` sends sellers there. */
  TTS_AUTHORIZE_URL: url.optional(),

  /** Shared cache, rate-limit buckets, tokens and persisted queries for several replicas. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Start (degraded, per-process) when Redis is unreachable at start-up instead of failing. */
  REDIS_OPTIONAL: bool.default(false),
  /**
   * With REDIS_URL: refuse to start when Redis keeps nothing on disk (neither AOF nor RDB), since
   * ledgers, unit costs and webhook dedupe live there (docs/storage.md). Default: refuse in
   * production, warn elsewhere; `false` only warns.
   */
  REDIS_REQUIRE_PERSISTENCE: bool.optional(),
  /**
   * Where the embedded store keeps ledgers, unit costs and webhook state when there is no
   * REDIS_URL (docs/storage.md). `:memory:` keeps them in memory only (lost on restart).
   * Default: `./.shopgraph-data`; `:memory:` when NODE_ENV=test.
   */
  SHOPGRAPH_DATA_DIR: z.string().min(1).optional(),
  /** 32 bytes (64 hex digits or base64): seals seller tokens stored in Redis (AES-256-GCM). */
  SHOPGRAPH_ENCRYPTION_KEY: z.string().refine(isEncryptionKey, '32 bytes as 64 hex digits or base64').optional(),
  /** Signs the caller the gateway forwards to ShopGraph's subgraph; set the same value on both. */
  SHOPGRAPH_IDENTITY_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Freshness per kind of upstream answer, in seconds. */
  CACHE_TTL_SHOPS: seconds.default(3600),
  CACHE_TTL_PRODUCTS: seconds.default(600),
  CACHE_TTL_OPEN_ORDERS: seconds.default(60),
  CACHE_TTL_CLOSED_ORDERS: seconds.default(86_400),
  CACHE_TTL_OPEN_AD_DAYS: seconds.default(900),
  /** Seconds past its TTL an answer is served (flagged stale) while one refresh runs. */
  CACHE_STALE_WHILE_REVALIDATE: z.coerce.number().min(0).default(30),
  /** Seconds past its TTL an answer is served (flagged stale) when upstream fails. */
  CACHE_STALE_IF_ERROR: z.coerce.number().min(0).default(3600),
  CACHE_L1_MAX_ENTRIES: z.coerce.number().int().positive().default(50_000),
  /** Seconds a replica answers from its own copy of a Redis entry before asking Redis again. */
  CACHE_L1_TTL: z.coerce.number().min(0).default(5),
  /** Share of TikTok's published rate limits ShopGraph uses. */
  UPSTREAM_RATE_HEADROOM: z.coerce.number().gt(0).max(1).default(0.9),
  UPSTREAM_PARTNER_RATE: z.coerce.number().positive().default(50),
  UPSTREAM_MARKETING_RATE: z.coerce.number().positive().default(10),
  /** Extra milliseconds a rate-limit slot stays taken past one second after its answer. */
  UPSTREAM_RATE_MARGIN_MS: z.coerce.number().int().min(0).max(1000).default(0),
  /** Longest wait for a rate-limit slot before a field fails UPSTREAM_RATE_LIMITED. */
  UPSTREAM_RATE_MAX_WAIT_MS: z.coerce.number().int().positive().default(10_000),

  DEMO_SEED: z.string().min(1).default('shopgraph-demo'),
  DEMO_SHOPS: z.coerce.number().int().min(1).max(20).default(3),
  DEMO_DAYS: z.coerce.number().int().min(1).max(400).default(120),
  DEMO_ORDERS_PER_DAY: z.coerce.number().int().min(0).max(5000).default(40),
  /** Demo mode: the emulator advances its data every 5 s and sends its webhooks to ShopGraph (live updates). */
  DEMO_LIVE: bool.default(true),
}).superRefine((env, ctx) => {
  // Half a configuration would otherwise mean no reports, and at most a warning nobody reads.
  if ((env.APOLLO_KEY === undefined) === (env.APOLLO_GRAPH_REF === undefined)) return;
  const [missing, set] = env.APOLLO_KEY === undefined ? ['APOLLO_KEY', 'APOLLO_GRAPH_REF'] : ['APOLLO_GRAPH_REF', 'APOLLO_KEY'];
  ctx.addIssue({ code: 'custom', path: [missing], message: `required when ${set} is set (usage reporting needs both)` });
});

/**
 * An IANA zone, checked at start-up: a zone luxon cannot read would otherwise pass start-up and
 * then fail every metrics query of the shop (issue 17, finding 9).
 */
const timeZone = z.string().min(1).check((ctx) => {
  if (!IANAZone.isValidZone(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: `not an IANA time zone: ${JSON.stringify(ctx.value)}` });
});

/** Per-shop overrides from the config file. */
const shopOverride = z.object({
  timezone: timeZone.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  advertiserIds: z.array(z.string().regex(/^\d+$/)).optional(),
});

/** A client's leaky bucket of query cost (Shopify's model). */
const costBucket = z
  .object({ bucket: z.number().int().positive(), restorePerSecond: z.number().positive() })
  .strict();
const DEFAULT_BUCKET = { bucket: 2000, restorePerSecond: 100 };

/** A partner or internal caller identified by an API key (only its SHA-256 is kept). */
const client = z
  .object({
    name: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, "_", "." or "-"'),
    apiKeySha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256 of the key'),
    shops: z.union([z.literal('*'), z.array(z.string().regex(/^\d+$/, 'a shop id')).min(1)]),
    scopes: z.array(z.enum(SCOPES)).min(1),
    cost: costBucket.default(DEFAULT_BUCKET),
  })
  .strict();

/** Callers holding a JWT: `shops` and `scope` claims instead of a client entry. */
const jwt = z
  .object({
    /** HS256 shared secret. */
    secret: z.string().min(32, 'at least 32 characters').optional(),
    /** Where the issuer publishes its public keys (RS256/ES256/EdDSA). */
    jwksUrl: url.optional(),
    issuer: z.string().min(1).optional(),
    audience: z.string().min(1).optional(),
    cost: costBucket.default(DEFAULT_BUCKET),
  })
  .strict()
  .refine((j) => (j.secret === undefined) !== (j.jwksUrl === undefined), 'set exactly one of secret and jwksUrl');

/** Operation limits; each refusal names the one it hit. */
const limits = z
  .object({
    maxCost: z.number().int().positive().default(1000),
    maxDepth: z.number().int().positive().default(12),
    maxAliases: z.number().int().nonnegative().default(15),
    maxDirectives: z.number().int().nonnegative().default(50),
    maxTokens: z.number().int().positive().default(5000),
    bodyLimit: z.number().int().positive().default(1_048_576),
    batching: z.boolean().default(false),
    /** One operation's text (UTF-8 bytes); a larger one is refused before it is parsed or persisted. */
    maxQueryBytes: z.number().int().positive().default(65_536),
    /** Automatic persisted queries this process keeps, in bytes of query text (any client can register one). */
    persistedQueryBytes: z.number().int().positive().default(16_777_216),
    /**
     * One request's end-to-end budget for upstream (ms): past it, a field TikTok has not answered
     * is served from a kept copy (flagged stale) or fails UPSTREAM_UNAVAILABLE. Shared loads and
     * background work (ledger syncs, cache refreshes) go on with their own limits.
     */
    requestBudgetMs: z.number().int().min(100).max(600_000).default(8000),
  })
  .strict()
  .refine((l) => l.maxQueryBytes <= l.bodyLimit, { path: ['maxQueryBytes'], message: 'must not exceed bodyLimit (the query travels in the body)' });

const costAmount = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string like "12.30"');

/** A SKU's unit cost from a first day (shop time zone; omitted: since always), in a currency (omitted: the shop's). */
const unitCostEntry = z
  .object({ amount: costAmount, currency: z.string().regex(/^[A-Z]{3}$/).optional(), from: z.iso.date().optional() })
  .strict();

/**
 * Unit costs by SKU id, for COGS: `"12.30"` (the shop's currency, since always), one entry, or
 * the entries of a history with distinct `from` days.
 */
const unitCosts = z.record(
  z.string().regex(/^\d+$/, 'a SKU id'),
  z.union([costAmount, unitCostEntry, z.array(unitCostEntry).min(1)
    .refine((es) => new Set(es.map((e) => e.from ?? '')).size === es.length, 'two entries start on the same day')]),
);

/** Headers a gateway must set itself, never copy from the client's request. */
const UNFORWARDABLE = new Set(['host', 'connection', 'content-length', 'content-type', 'transfer-encoding', 'keep-alive', 'upgrade', IDENTITY_HEADER]);

/** A subgraph the gateway (`shopgraph gateway`) routes to; the name `shopgraph` is ShopGraph's own, by URL. */
const subgraph = z
  .object({
    name: z.string().regex(/^[A-Za-z][\w-]{0,63}$/, 'a letter, then letters, digits, "_" or "-"'),
    url,
    /** Request headers copied from the client's request to this subgraph (lowercase names). */
    forwardHeaders: z
      .array(z.string().regex(/^[a-z0-9-]+$/, 'a lowercase header name').refine((h) => !UNFORWARDABLE.has(h), 'the gateway sets this header itself'))
      .default([]),
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

/** The gateway's subgraphs and where its composed supergraph lives. */
const supergraph = z
  .object({
    subgraphs: z.array(subgraph).default([]).refine((ss) => new Set(ss.map((s) => s.name)).size === ss.length, 'subgraph names must be unique'),
    /** The supergraph `shopgraph compose` writes and `shopgraph gateway` serves (required in production). */
    file: z.string().min(1).optional(),
    /** ShopGraph's own subgraph, in-process unless a subgraph named `shopgraph` gives its URL. */
    includeShopGraph: z.boolean().default(true),
    /**
     * Where other routers reach ShopGraph (`shopgraph serve`) when they serve the composed file:
     * `shopgraph compose` writes it as the in-process subgraph's URL (default: http://HOST:PORT/graphql).
     */
    shopGraphUrl: url.optional(),
  })
  .strict()
  .refine((s) => s.shopGraphUrl === undefined || !s.subgraphs.some((g) => g.name === 'shopgraph'), {
    path: ['shopGraphUrl'],
    message: 'a subgraph named "shopgraph" already gives ShopGraph\'s URL',
  })
  .refine((s) => s.includeShopGraph || !s.subgraphs.some((g) => g.name === 'shopgraph'), 'includeShopGraph is false but a subgraph is named "shopgraph"');

/** Browser apps on other origins: exact origins only, so credentials never meet a wildcard. */
const cors = z
  .object({
    origins: z.array(z.string().refine(isExactOrigin, 'an exact origin like https://app.example.com (scheme, host, port; no path, no "*")')).default([]),
    /** `Access-Control-Allow-Credentials`: cookies or HTTP authentication from those origins. */
    credentials: z.boolean().default(false),
    /** How long a browser keeps a preflight's answer. */
    maxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
  })
  .strict();

/**
 * Memory the metrics ledgers may use in this process, whatever the data: the ledgers themselves
 * live in the embedded store (or Redis), these bound what is kept in memory beside them
 * (docs/storage.md).
 */
const storage = z
  .object({
    /** Day aggregates kept in memory to answer windows (MB, estimated): a 90-day window of one shop is ~0.5 MB. */
    dayCacheMb: z.number().int().min(1).max(4096).default(32),
    /** The embedded store's own page cache (MB); unused with Redis. */
    diskCacheMb: z.number().int().min(1).max(4096).default(16),
    /** Shops whose ledgers backfill at once; the others wait their turn (each holds up to a few tens of MB while it reads). */
    concurrentBackfills: z.number().int().min(1).max(64).default(4),
  })
  .strict();

/** Subscriptions (docs/real-time.md): how many, how often figures are pushed, how much waits unread. */
const subscriptions = z
  .object({
    enabled: z.boolean().default(true),
    /** Subscriptions one client may hold open on a replica. */
    maxPerClient: z.number().int().min(1).max(100_000).default(50),
    /** Subscriptions (and WebSockets) of all clients together on a replica. */
    maxTotal: z.number().int().min(1).max(1_000_000).default(10_000),
    /** Least time between two pushes of one metrics subscription: a burst of changes is one push. */
    metricsIntervalMs: z.number().int().min(100).max(600_000).default(1000),
    /** A metrics subscription re-checks its figures this often without events (ad reports, provisional days). */
    metricsRecheckSeconds: z.number().int().min(5).max(86_400).default(60),
    /** Order changes kept unread per subscription before the oldest are dropped. */
    queueSize: z.number().int().min(1).max(10_000).default(100),
  })
  .strict();

/** The optional JSON file named by `SHOPGRAPH_CONFIG`. Unknown keys are refused (typos show). */
export const fileSchema = z
  .object({
    shops: z.record(z.string().regex(/^\d+$/, 'a shop id'), shopOverride).default({}),
    fxRates: z
      .record(z.string().regex(/^[A-Z]{3}\/[A-Z]{3}$/, 'a pair like "USD/GBP"'), z.string().regex(/^\d+(\.\d+)?$/))
      .default({}),
    clients: z
      .array(client)
      .default([])
      .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, 'client names must be unique')
      .refine((cs) => new Set(cs.map((c) => c.apiKeySha256)).size === cs.length, 'two clients share an API key'),
    jwt: jwt.optional(),
    limits: limits.default(limits.parse({})),
    supergraph: supergraph.optional(),
    costs: unitCosts.default({}),
    storage: storage.default(storage.parse({})),
    cors: cors.optional(),
    subscriptions: subscriptions.default(subscriptions.parse({})),
  })
  .strict();

export type EnvSettings = z.infer<typeof envSchema>;
export type FileSettings = z.infer<typeof fileSchema>;
export type StorageSettings = FileSettings['storage'];
export type SubscriptionSettings = FileSettings['subscriptions'];
