import { z } from 'zod';

/**
 * Tuning sections of the config file (`SHOPGRAPH_CONFIG`): what earlier versions read from
 * environment variables (see `moved-variables.ts`). Every key has a default, so a deployment
 * sets only what it changes. The descriptions are the reference in docs/configuration.md
 * (`npm run docs:config` writes it).
 */
const url = z.url({ protocol: /^https?$/ });
const seconds = z.number().positive();

/** Freshness of cached upstream answers, and how long a stale one may stand in. */
export const cacheSection = z
  .object({
    ttlSeconds: z
      .object({
        shops: seconds.default(3600).describe('Shop lists and advertiser links (seconds).'),
        products: seconds.default(600).describe('Products and campaigns (seconds).'),
        openOrders: seconds.default(60).describe('Orders not yet completed or cancelled, order lists and refunds (seconds).'),
        closedOrders: seconds.default(86_400).describe('Completed or cancelled orders (seconds).'),
        openAdDays: seconds
          .default(900)
          .describe('Seconds before the ad ledger pulls again the report days still inside the attribution window (days past it are final and kept).'),
      })
      .strict()
      .prefault({})
      .describe('Freshness per kind of upstream answer.'),
    staleWhileRevalidateSeconds: z.number().min(0).default(30).describe('Seconds past its TTL an answer is served (flagged stale) while one refresh runs.'),
    staleIfErrorSeconds: z
      .number()
      .min(0)
      .default(3600)
      .describe('Seconds past its TTL an answer is served (flagged stale) when TikTok fails or its rate limit would be exceeded.'),
    l1MaxEntries: z
      .number()
      .int()
      .positive()
      .default(50_000)
      .describe('Entries the in-process cache holds (the whole cache without Redis, the first level with it).'),
    l1TtlSeconds: z
      .number()
      .min(0)
      .default(5)
      .describe(
        "With Redis: seconds a replica answers from its own copy of an entry before asking Redis again (how long another replica's invalidation can go unseen).",
      ),
  })
  .strict();

/** How ShopGraph calls TikTok: timeouts and its share of TikTok's rate limits. */
export const upstreamSection = z
  .object({
    timeoutMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe("Per-attempt upstream timeout (ms), cut to what is left of the request's budget (limits.requestBudgetMs)."),
    rateHeadroom: z.number().gt(0).max(1).default(0.9).describe("Share of TikTok's published rate limits ShopGraph uses."),
    partnerRatePerSecond: z.number().positive().default(50).describe("TikTok's Partner API limit: calls per second per app + shop + API path."),
    marketingRatePerSecond: z.number().positive().default(10).describe("TikTok's Marketing API limit: calls per second per Marketing app."),
    rateMarginMs: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(0)
      .describe(
        'Extra ms a rate-limit slot stays taken. A slot is held from admission until one second after its call was answered, so requests delayed on their way (new connections, a busy event loop) never bunch into one upstream second.',
      ),
    rateMaxWaitMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe('Longest wait for a rate-limit slot; past it the field is served stale if it can be, else fails UPSTREAM_RATE_LIMITED with retryAfter.'),
  })
  .strict();

/** The metrics ledgers behind `metrics` queries (docs/metrics.md). */
export const metricsSection = z
  .object({
    maxStalenessSeconds: seconds.default(60).describe("Age of a shop's order ledger past which a query first syncs what changed (one delta search per feed)."),
    attributionDays: z
      .number()
      .int()
      .min(1)
      .max(28)
      .default(7)
      .describe("Days whose ad figures still move (TikTok's click-attribution window): re-pulled, flagged provisional."),
  })
  .strict();

/** What the GraphQL endpoint shows about itself. */
export const graphqlSection = z
  .object({
    introspection: z.boolean().optional().describe('Answer introspection queries. Default: off in production, on elsewhere.'),
    explorer: z
      .enum(['graphiql', 'sandbox', 'none'])
      .optional()
      .describe(
        "What a browser gets at /graphql: GraphiQL (bundled, from ShopGraph's own origin, works offline; also at /graphiql unless none), Apollo Sandbox (loads from Apollo's CDN: online only) or none (Apollo's production page). Default: none in production, GraphiQL in demo mode, else Sandbox.",
      ),
  })
  .strict();

/** How ShopGraph treats the Redis named by `REDIS_URL`. */
export const redisSection = z
  .object({
    optional: z.boolean().default(false).describe('Start (degraded: per-process cache and limits) when Redis is unreachable at start-up instead of failing.'),
    commandTimeoutMs: z
      .number()
      .int()
      .min(50)
      .max(60_000)
      .default(500)
      .describe(
        'A Redis call with no answer after this long counts as Redis being away: the replica falls back to per-process cache and limits until Redis answers again.',
      ),
    requirePersistence: z
      .boolean()
      .optional()
      .describe(
        'Refuse to start when Redis keeps nothing on disk (neither AOF nor RDB), since ledgers, unit costs and webhook dedupe live there (docs/storage.md). Default: refuse in production, warn elsewhere; false only warns.',
      ),
  })
  .strict();

/** The built-in emulator's data when there are no TikTok credentials (`npm start`). */
export const demoSection = z
  .object({
    seed: z.string().min(1).default('shopgraph-demo').describe('Seed of the generated data: the same seed, the same shops and orders.'),
    shops: z.number().int().min(1).max(20).default(3).describe('Shops the demo seller has.'),
    days: z.number().int().min(1).max(400).default(120).describe('Days of order history per shop.'),
    ordersPerDay: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .default(40)
      .describe('Orders per shop and day, about (the emulator varies each day by up to 20% and weekends by 15%).'),
    live: z.boolean().default(true).describe('The emulator advances its data every 5 s and sends its webhooks to ShopGraph (live updates).'),
  })
  .strict();

/** HTTPS served by ShopGraph itself; leave out behind a TLS-terminating proxy. */
export const tlsSection = z
  .object({
    certFile: z.string().min(1).optional().describe('PEM certificate (chain) file.'),
    keyFile: z.string().min(1).optional().describe('PEM private key file.'),
  })
  .strict()
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), 'set both certFile and keyFile, or neither');

/** Apollo GraphOS usage reporting (turned on by APOLLO_KEY with APOLLO_GRAPH_REF). */
export const usageReportingSection = z
  .object({
    endpoint: url
      .default('https://usage-reporting.api.apollographql.com')
      .describe("Where usage reports go (the base URL; Apollo's ingress unless a proxy or test stands in)."),
  })
  .strict();

export type CacheSettings = z.infer<typeof cacheSection>;
export type UpstreamSettings = z.infer<typeof upstreamSection>;
export type RedisSettings = z.infer<typeof redisSection>;
export type DemoSettings = z.infer<typeof demoSection>;
