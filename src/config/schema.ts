import { IANAZone } from 'luxon';
import { z } from 'zod';
import { inventorySection } from './inventory-section';
import { SCOPES } from './scopes';
import { parseEncryptionKey } from './encryption-key';
import { IDENTITY_HEADER } from './identity-header';
import { isExactOrigin } from './origin';
import { conversionsSchema } from './conversions-section';
import { alertsSection } from './alerts-section';
import { cacheSection, demoSection, graphqlSection, metricsSection, redisSection, tlsSection, upstreamSection, usageReportingSection } from './tuning';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/ });
const isEncryptionKey = (v: string): boolean => {
  try {
    return parseEncryptionKey(v).length === 32;
  } catch {
    return false;
  }
};

/**
 * Environment variables ShopGraph reads: deployment and secrets only (tuning is in the config
 * file; `moved-variables.ts` refuses the variables that moved there). Names are the public contract.
 */
export const envSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'])
      .default('development')
      .describe(
        '`production` masks unexpected errors, shows no explorer and turns introspection off; it also requires SHOPGRAPH_ENCRYPTION_KEY, a Redis that persists (redis.requirePersistence) and, for `shopgraph gateway`, supergraph.file.',
      ),
    HOST: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Interface to listen on. With authentication off (no clients, no jwt) ShopGraph refuses any but loopback.'),
    PORT: port.default(4000).describe('Port to listen on (0: any free port).'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('`fatal` … `trace`, `silent` (JSON lines on stdout).'),
    SHOPGRAPH_CONFIG: z
      .string()
      .min(1)
      .optional()
      .describe('Path of the JSON config file (docs/configuration.md); without it every file setting takes its default.'),
    SHOPGRAPH_DATA_DIR: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Without REDIS_URL, the embedded store (SQLite): metrics ledgers, unit costs, webhook dedupe and queue, kept across restarts; about 400 to 750 bytes per order (docs/storage.md). `:memory:` keeps nothing on disk. Default: `./.shopgraph-data`; `:memory:` when NODE_ENV=test.',
      ),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/ })
      .optional()
      .describe(
        "`redis://[:password@]host:port[/db]` (or `rediss://`): share cache, ledgers, rate-limit and query-cost buckets, tokens, persisted queries and webhooks between replicas (docs/operations.md); the config file's `redis` section says how strictly.",
      ),

    TTS_APP_KEY: z
      .string()
      .min(1)
      .optional()
      .describe('TikTok Shop app key, with TTS_APP_SECRET (both or neither); without them ShopGraph runs in demo mode on the built-in emulator.'),
    TTS_APP_SECRET: z
      .string()
      .min(1)
      .optional()
      .describe('TikTok Shop app secret: signs every Partner API call, verifies webhooks and keys the onboarding state.'),
    TTS_REFRESH_TOKEN: z
      .string()
      .min(1)
      .optional()
      .describe(
        "One seller's refresh token to start with, used only while no seller is stored (more sellers onboard at /oauth/tiktok-shop/start). This or TTS_AUTH_CODE is required with the app credentials.",
      ),
    TTS_AUTH_CODE: z
      .string()
      .min(1)
      .optional()
      .describe("One seller's one-time authorization code, exchanged at start (already used: the stored sellers serve)."),
    TTS_API_BASE_URL: url.default('https://open-api.tiktokglobalshop.com').describe('Partner API host (tests and benchmarks point it at an emulator).'),
    TTS_AUTH_BASE_URL: url.default('https://auth.tiktok-shops.com').describe('TikTok Shop token host.'),
    TTS_AUTHORIZE_URL: url
      .optional()
      .describe(
        "The app's authorization link from Partner Center (e.g. `https://services.tiktokshop.com/open/authorize?service_id=…`); enables seller onboarding at /oauth/tiktok-shop/start (operators only, docs/security.md).",
      ),
    TT_ADS_ACCESS_TOKEN: z.string().min(1).optional().describe('Marketing API token; without it ad metrics are null with a reason.'),
    TT_ADS_APP_ID: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Marketing app id, with TT_ADS_SECRET: discovers which advertisers sell for which shop (without them, only the advertisers the config file's shops link are read).",
      ),
    TT_ADS_SECRET: z.string().min(1).optional().describe('Marketing app secret (with TT_ADS_APP_ID).'),
    TT_ADS_BASE_URL: url.default('https://business-api.tiktok.com').describe('Marketing API host.'),
    TT_EVENTS_ACCESS_TOKEN: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The pixel's Events API token (Events Manager → the pixel → Settings), required when the config file's `conversions.enabled` is true (docs/conversions.md).",
      ),

    METRICS_TOKEN: z
      .string()
      .min(16, 'at least 16 characters')
      .optional()
      .describe(
        "Bearer token that may scrape /metrics and read /readyz's checks, as clients with the `operator` scope may. With authentication off (loopback only) both are open unless this is set: then it alone opens them.",
      ),
    // Sent as a header: printable ASCII.
    APOLLO_KEY: z
      .string()
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .optional()
      .describe(
        'Apollo GraphOS usage reporting, with APOLLO_GRAPH_REF (both or neither; docs/federation.md). Behind Apollo Router leave both unset: the Router reports.',
      ),
    APOLLO_GRAPH_REF: z
      .string()
      .regex(/^[^@\s]+(@[^@\s]+)?$/, 'a graph ref like my-graph@production')
      .optional()
      .describe('The graph and variant usage is reported to (my-graph@production).'),
    SHOPGRAPH_ENCRYPTION_KEY: z
      .string()
      .refine(isEncryptionKey, '32 bytes as 64 hex digits or base64')
      .optional()
      .describe(
        '32 bytes as 64 hex digits or base64 (`openssl rand -base64 32`): seals seller tokens stored in Redis (AES-256-GCM). Required with REDIS_URL outside demo mode, and in production; every replica needs the same key. Demo mode generates one, with a warning.',
      ),
    SHOPGRAPH_ALERT_WEBHOOK_SECRET: z
      .string()
      .min(32, 'at least 32 characters')
      .optional()
      .describe(
        "At least 32 characters: the secret each alert rule's webhook signing secret is derived from (docs/alerts.md). Unset: rules with a webhookUrl are refused. Every replica needs the same one.",
      ),
    SHOPGRAPH_IDENTITY_SECRET: z
      .string()
      .min(32, 'at least 32 characters')
      .optional()
      .describe(
        "At least 32 characters, the same on the gateway and ShopGraph's subgraph: signs and verifies the caller `shopgraph gateway` forwards (docs/federation.md); set on a subgraph, it turns authentication on.",
      ),

    OTEL_EXPORTER_OTLP_ENDPOINT: url
      .optional()
      .describe(
        "OpenTelemetry's variable: OTLP/HTTP collector base URL; a span per request, operation and upstream call. Unset: no tracing. The SDK's other OTEL_* variables are honoured too (docs/operations.md).",
      ),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url
      .optional()
      .describe('OpenTelemetry: the traces endpoint itself, when it is not `{OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`.'),
    OTEL_SDK_DISABLED: bool.default(false).describe("OpenTelemetry's switch: `true` turns tracing off whatever the endpoints say."),
  })
  .superRefine((env, ctx) => {
    // Half a configuration would otherwise mean no reports, and at most a warning nobody reads.
    if ((env.APOLLO_KEY === undefined) === (env.APOLLO_GRAPH_REF === undefined)) return;
    const [missing, set] = env.APOLLO_KEY === undefined ? ['APOLLO_KEY', 'APOLLO_GRAPH_REF'] : ['APOLLO_GRAPH_REF', 'APOLLO_KEY'];
    ctx.addIssue({ code: 'custom', path: [missing], message: `required when ${set} is set (usage reporting needs both)` });
  });

/**
 * An IANA zone, checked at start-up: a zone luxon cannot read would otherwise pass start-up and
 * then fail every metrics query of the shop (issue 17, finding 9).
 */
const timeZone = z
  .string()
  .min(1)
  .check((ctx) => {
    if (!IANAZone.isValidZone(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: `not an IANA time zone: ${JSON.stringify(ctx.value)}` });
  });

/** Per-shop overrides from the config file. */
const shopOverride = z.object({
  timezone: timeZone.optional().describe("IANA time zone the shop's days are counted in (default: from its region)."),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .describe("ISO 4217 code of the shop's money (default: from its region)."),
  advertiserIds: z
    .array(z.string().regex(/^\d+$/))
    .optional()
    .describe('Marketing advertisers that sell for this shop (default: discovered through GMV Max store links).'),
});

/** A client's leaky bucket of query cost (Shopify's model). */
const costBucket = z
  .object({
    bucket: z.number().int().positive().describe('Points the bucket holds.'),
    restorePerSecond: z.number().positive().describe('Points it refills per second.'),
  })
  .strict();
const DEFAULT_BUCKET = { bucket: 2000, restorePerSecond: 100 };

/** A partner or internal caller identified by an API key (only its SHA-256 is kept). */
const client = z
  .object({
    name: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'letters, digits, "_", "." or "-"')
      .describe('The client\'s name (logs, metrics, its cost bucket): letters, digits, "_", "." or "-".'),
    apiKeySha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256 of the key')
      .describe('Lowercase hex SHA-256 of its API key (`printf %s "$KEY" | sha256sum`); the key itself is never configured.'),
    shops: z.union([z.literal('*'), z.array(z.string().regex(/^\d+$/, 'a shop id')).min(1)]).describe('Shop ids it may see, or "*" for every shop.'),
    scopes: z.array(z.enum(SCOPES)).min(1).describe('What it may read and write (docs/security.md).'),
    cost: costBucket.default(DEFAULT_BUCKET).describe('Its leaky bucket of query cost.'),
  })
  .strict();

/** Callers holding a JWT: `shops` and `scope` claims instead of a client entry. */
const jwt = z
  .object({
    secret: z.string().min(32, 'at least 32 characters').optional().describe('HS256 shared secret (exactly one of secret and jwksUrl).'),
    jwksUrl: url.optional().describe('Where the issuer publishes its public keys (RS256/PS256/ES256/ES384/EdDSA).'),
    issuer: z.string().min(1).optional().describe('Expected `iss` (checked when set).'),
    audience: z.string().min(1).optional().describe('Expected `aud` (checked when set).'),
    cost: costBucket.default(DEFAULT_BUCKET).describe("Each subject's leaky bucket of query cost."),
  })
  .strict()
  .refine((j) => (j.secret === undefined) !== (j.jwksUrl === undefined), 'set exactly one of secret and jwksUrl');

/** Operation limits; each refusal names the one it hit. */
const limits = z
  .object({
    maxCost: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe('Most an operation may cost, computed before it runs (MAX_COST_EXCEEDED past it; docs/security.md).'),
    maxDepth: z.number().int().positive().default(12).describe("Deepest selection nesting (introspection's own nesting is not counted)."),
    maxAliases: z.number().int().nonnegative().default(15).describe('Aliases per operation, counted in every fragment spread.'),
    maxDirectives: z.number().int().nonnegative().default(50).describe('Directives per operation, counted in every fragment spread.'),
    maxTokens: z.number().int().positive().default(5000).describe("Tokens of an operation's text (graphql-js's parser limit)."),
    bodyLimit: z.number().int().positive().default(1_048_576).describe('Request body bytes (HTTP 413 past it).'),
    batching: z.boolean().default(false).describe('Accept batched requests (several operations in one body).'),
    maxQueryBytes: z
      .number()
      .int()
      .positive()
      .default(65_536)
      .describe("One operation's text (UTF-8 bytes); a larger one is refused before it is parsed or persisted. At most bodyLimit."),
    persistedQueryBytes: z
      .number()
      .int()
      .positive()
      .default(16_777_216)
      .describe('Automatic persisted queries this process keeps, in bytes of query text (any client can register one).'),
    requestBudgetMs: z
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(8000)
      .describe(
        "One request's end-to-end budget for upstream (ms), retries included: past it, a field TikTok has not answered is served from a kept copy (flagged stale) or fails UPSTREAM_UNAVAILABLE. Shared loads and background work (ledger syncs, cache refreshes) go on with their own limits.",
      ),
  })
  .strict()
  .refine((l) => l.maxQueryBytes <= l.bodyLimit, { path: ['maxQueryBytes'], message: 'must not exceed bodyLimit (the query travels in the body)' });

const costAmount = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string like "12.30"');

/** A SKU's unit cost from a first day (shop time zone; omitted: since always), in a currency (omitted: the shop's). */
const unitCostEntry = z
  .object({
    amount: costAmount.describe('A non-negative decimal string: at most 12 digits before the point and 6 after.'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .describe("ISO 4217 code (default: the shop's currency)."),
    from: z.iso.date().optional().describe('First shop-local day it applies to (default: since always).'),
  })
  .strict();

/**
 * Unit costs by SKU id, for COGS: `"12.30"` (the shop's currency, since always), one entry, or
 * the entries of a history with distinct `from` days.
 */
const unitCosts = z.record(
  z.string().regex(/^\d+$/, 'a SKU id').describe('SKU id'),
  z.union([
    costAmount,
    unitCostEntry,
    z
      .array(unitCostEntry)
      .min(1)
      .refine((es) => new Set(es.map((e) => e.from ?? '')).size === es.length, 'two entries start on the same day'),
  ]),
);

/** Headers a gateway must set itself, never copy from the client's request. */
const UNFORWARDABLE = new Set(['host', 'connection', 'content-length', 'content-type', 'transfer-encoding', 'keep-alive', 'upgrade', IDENTITY_HEADER]);

/** A subgraph the gateway (`shopgraph gateway`) routes to; the name `shopgraph` is ShopGraph's own, by URL. */
const subgraph = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z][\w-]{0,63}$/, 'a letter, then letters, digits, "_" or "-"')
      .describe("The subgraph's name in the supergraph; `shopgraph` means ShopGraph itself, by URL."),
    url: url.describe('Where the gateway sends its fetches (it wins over the URL written in the supergraph file).'),
    forwardHeaders: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9-]+$/, 'a lowercase header name')
          .refine((h) => !UNFORWARDABLE.has(h), 'the gateway sets this header itself'),
      )
      .default([])
      .describe('Client request headers copied to this subgraph (lowercase names); nothing else is forwarded.'),
    timeoutMs: z.number().int().positive().default(10_000).describe('The longest a fetch to it may take, answer included.'),
  })
  .strict();

/** The gateway's subgraphs and where its composed supergraph lives. */
const supergraph = z
  .object({
    subgraphs: z
      .array(subgraph)
      .default([])
      .refine((ss) => new Set(ss.map((s) => s.name)).size === ss.length, 'subgraph names must be unique')
      .describe('The subgraphs the gateway routes to (unique names).'),
    file: z.string().min(1).optional().describe('The supergraph `shopgraph compose` writes and `shopgraph gateway` serves (required in production).'),
    includeShopGraph: z
      .boolean()
      .default(true)
      .describe("ShopGraph's own subgraph, in the gateway's process unless a subgraph named `shopgraph` gives its URL."),
    shopGraphUrl: url
      .optional()
      .describe(
        "Where other routers reach ShopGraph (`shopgraph serve`) when they serve the composed file: `shopgraph compose` writes it as the in-process subgraph's URL (default: http://HOST:PORT/graphql).",
      ),
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
    origins: z
      .array(z.string().refine(isExactOrigin, 'an exact origin like https://app.example.com (scheme, host, port; no path, no "*")'))
      .default([])
      .describe('Exact origins (`https://app.example.com`: scheme, host, port; never `*`) browser apps may call from.'),
    credentials: z
      .boolean()
      .default(false)
      .describe('Send `Access-Control-Allow-Credentials`: cookies or HTTP authentication from those origins (API keys and JWTs in headers do not need it).'),
    maxAgeSeconds: z.number().int().min(0).max(86_400).default(600).describe("How long a browser keeps a preflight's answer."),
  })
  .strict();

/**
 * Memory the metrics ledgers may use in this process, whatever the data: the ledgers themselves
 * live in the embedded store (or Redis), these bound what is kept in memory beside them
 * (docs/storage.md).
 */
const storage = z
  .object({
    dayCacheMb: z
      .number()
      .int()
      .min(1)
      .max(4096)
      .default(32)
      .describe('Day aggregates kept in memory to answer windows (MB, estimated): a 90-day window of one shop is ~0.5 MB.'),
    diskCacheMb: z.number().int().min(1).max(4096).default(16).describe("The embedded store's own page cache (MB); unused with Redis."),
    concurrentBackfills: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(4)
      .describe('Shops whose ledgers backfill at once; the others wait their turn (each holds up to a few tens of MB while it reads).'),
    firstAnswerMs: z
      .number()
      .int()
      .min(0)
      .max(600_000)
      .optional()
      .describe(
        "How long a metrics window waits for its shop's backfill before it is answered with the days read so far (order figures null with the reason until all are), and for ad reports not read yet (ad figures null with the reason); both reads go on. Default 3000; under NODE_ENV=test, limits.requestBudgetMs (tests assert cold figures).",
      ),
    backfillDays: z
      .number()
      .int()
      .min(0)
      .max(1096)
      .default(90)
      .describe('Days of history read in the background for a shop as soon as it is authorized (0: none; windows read what they ask).'),
    backfillOnStart: z
      .boolean()
      .optional()
      .describe('Also read them at start-up for every authorized shop without a ledger yet. Default: on, except under NODE_ENV=test.'),
  })
  .strict();

/** Subscriptions (docs/real-time.md): how many, how often figures are pushed, how much waits unread. */
const subscriptions = z
  .object({
    enabled: z.boolean().default(true).describe('Serve subscriptions (GraphQL over SSE and graphql-ws).'),
    maxPerClient: z.number().int().min(1).max(100_000).default(50).describe('Subscriptions one client may hold open on a replica.'),
    maxTotal: z.number().int().min(1).max(1_000_000).default(10_000).describe('Subscriptions (and WebSockets) of all clients together on a replica.'),
    metricsIntervalMs: z
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(1000)
      .describe('Least time between two pushes of one metrics subscription: a burst of changes is one push.'),
    metricsRecheckSeconds: z
      .number()
      .int()
      .min(5)
      .max(86_400)
      .default(60)
      .describe('A metrics subscription re-checks its figures this often without events (ad reports, provisional days).'),
    queueSize: z.number().int().min(1).max(10_000).default(100).describe('Order changes kept unread per subscription before the oldest are dropped.'),
  })
  .strict();

/** The optional JSON file named by `SHOPGRAPH_CONFIG`. Unknown keys are refused (typos show). */
export const fileSchema = z
  .object({
    shops: z
      .record(z.string().regex(/^\d+$/, 'a shop id').describe('shop id'), shopOverride)
      .default({})
      .describe("Per shop: what overrides its region's time zone and currency, and which advertisers are linked to it."),
    fxRates: z
      .record(
        z
          .string()
          .regex(/^[A-Z]{3}\/[A-Z]{3}$/, 'a pair like "USD/GBP"')
          .describe('pair like USD/GBP'),
        z.string().regex(/^\d+(\.\d+)?$/),
      )
      .default({})
      .describe(
        "A fixed rate table (decimal strings) for ROAS, settlements and unit costs in another currency than the shop's; the rate used is in each figure's formula. Without a rate such figures are null with a reason.",
      ),
    clients: z
      .array(client)
      .default([])
      .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, 'client names must be unique')
      .refine((cs) => new Set(cs.map((c) => c.apiKeySha256)).size === cs.length, 'two clients share an API key')
      .describe(
        'Callers identified by an API key (`Authorization: Bearer <key>` or `x-api-key`), each with its shops, scopes and cost bucket (docs/security.md). Without clients and jwt, authentication is off (loopback only).',
      ),
    jwt: jwt
      .optional()
      .describe('Callers holding a JWT (`exp` and `sub` required): its `shops` and `scope` claims take the place of a client entry (docs/security.md).'),
    limits: limits.default(limits.parse({})).describe('Operation limits; each refusal names the one it hit (docs/security.md).'),
    supergraph: supergraph.optional().describe('`shopgraph gateway` and `shopgraph compose`: the subgraphs and the composed supergraph (docs/federation.md).'),
    costs: unitCosts
      .default({})
      .describe(
        'Unit costs by SKU id, for COGS: `"12.30"` (the shop\'s currency, since always), one entry, or a history of entries with distinct `from` days. `setUnitCosts` adds to these histories (docs/metrics.md).',
      ),
    storage: storage.default(storage.parse({})).describe('Memory kept beside the metrics ledgers, and how their history is read (docs/storage.md).'),
    cors: cors.optional().describe('Browser apps on other origins: exact origins only, so credentials never meet a wildcard (docs/security.md).'),
    subscriptions: subscriptions
      .default(subscriptions.parse({}))
      .describe('Subscriptions: how many, how often figures are pushed, how much waits unread (docs/real-time.md).'),
    cache: cacheSection.prefault({}).describe('Freshness of cached upstream answers, and how long a stale one may stand in (flagged in extensions.stale).'),
    upstream: upstreamSection.prefault({}).describe("How ShopGraph calls TikTok: timeouts and its share of TikTok's rate limits (docs/tiktok-api.md)."),
    metrics: metricsSection.prefault({}).describe('The metrics ledgers behind `metrics` queries (docs/metrics.md).'),
    graphql: graphqlSection.prefault({}).describe('What /graphql shows about itself.'),
    redis: redisSection.prefault({}).describe('How strictly ShopGraph treats the Redis named by REDIS_URL (docs/operations.md).'),
    demo: demoSection.prefault({}).describe("Demo mode (no TikTok credentials): the built-in emulator's generated data."),
    tls: tlsSection.optional().describe('HTTPS served by ShopGraph itself (then HTTPS only, with HSTS); leave out behind a TLS-terminating proxy.'),
    usageReporting: usageReportingSection
      .prefault({})
      .describe('Apollo GraphOS usage reporting, turned on by APOLLO_KEY with APOLLO_GRAPH_REF (docs/federation.md).'),
    alerts: alertsSection.prefault({}),
    inventory: inventorySection
      .prefault({})
      .describe('Stock figures of SKUs: low-stock threshold, the sales days behind days of cover, cache freshness (docs/metrics.md).'),
    /** Server-side conversions through TikTok's Events API (docs/conversions.md); off by default. */
    conversions: conversionsSchema.prefault({}),
  })
  .strict();

export type EnvSettings = z.infer<typeof envSchema>;
export type FileSettings = z.infer<typeof fileSchema>;
export type StorageSettings = FileSettings['storage'];
export type SubscriptionSettings = FileSettings['subscriptions'];
