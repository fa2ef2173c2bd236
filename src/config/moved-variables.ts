/**
 * Environment variables earlier versions read. Set, they would be silently ignored, so start-up
 * refuses them and says the way forward: tuning moved into the config file (`SHOPGRAPH_CONFIG`,
 * docs/configuration.md); environment variables carry deployment and secrets only.
 */

/** Variable → its key in the config file (a dotted path into `fileSchema`). */
export const MOVED_TO_FILE: Readonly<Record<string, string>> = {
  CACHE_TTL_SHOPS: 'cache.ttlSeconds.shops',
  CACHE_TTL_PRODUCTS: 'cache.ttlSeconds.products',
  CACHE_TTL_OPEN_ORDERS: 'cache.ttlSeconds.openOrders',
  CACHE_TTL_CLOSED_ORDERS: 'cache.ttlSeconds.closedOrders',
  CACHE_TTL_OPEN_AD_DAYS: 'cache.ttlSeconds.openAdDays',
  CACHE_STALE_WHILE_REVALIDATE: 'cache.staleWhileRevalidateSeconds',
  CACHE_STALE_IF_ERROR: 'cache.staleIfErrorSeconds',
  CACHE_L1_MAX_ENTRIES: 'cache.l1MaxEntries',
  CACHE_L1_TTL: 'cache.l1TtlSeconds',
  UPSTREAM_TIMEOUT_MS: 'upstream.timeoutMs',
  UPSTREAM_RATE_HEADROOM: 'upstream.rateHeadroom',
  UPSTREAM_PARTNER_RATE: 'upstream.partnerRatePerSecond',
  UPSTREAM_MARKETING_RATE: 'upstream.marketingRatePerSecond',
  UPSTREAM_RATE_MARGIN_MS: 'upstream.rateMarginMs',
  UPSTREAM_RATE_MAX_WAIT_MS: 'upstream.rateMaxWaitMs',
  METRICS_MAX_STALENESS: 'metrics.maxStalenessSeconds',
  METRICS_ATTRIBUTION_DAYS: 'metrics.attributionDays',
  INTROSPECTION: 'graphql.introspection',
  SHOPGRAPH_EXPLORER: 'graphql.explorer',
  CORS_ORIGINS: 'cors.origins',
  REDIS_OPTIONAL: 'redis.optional',
  REDIS_REQUIRE_PERSISTENCE: 'redis.requirePersistence',
  TLS_CERT_FILE: 'tls.certFile',
  TLS_KEY_FILE: 'tls.keyFile',
  APOLLO_USAGE_REPORTING_ENDPOINT: 'usageReporting.endpoint',
  DEMO_SEED: 'demo.seed',
  DEMO_SHOPS: 'demo.shops',
  DEMO_DAYS: 'demo.days',
  DEMO_ORDERS_PER_DAY: 'demo.ordersPerDay',
  DEMO_LIVE: 'demo.live',
};

/** Variables no longer read at all, and why. */
export const RETIRED: Readonly<Record<string, string>> = {
  UPSTREAM_RATE_JITTER_MS:
    'no longer read: a rate-limit slot is now held until one second after its call was answered, which covers uneven delays; for an extra margin set upstream.rateMarginMs in the config file',
  CACHE_TTL_CLOSED_AD_DAYS: 'no longer read: ad days past the attribution window are final and kept (see metrics.attributionDays in the config file)',
};

/** One message per variable of `environment` that is retired or moved; empty when none is set. */
export function refusedVariables(environment: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const [name, why] of Object.entries(RETIRED)) {
    if (environment[name] !== undefined) problems.push(`${name}: ${why}`);
  }
  for (const [name, key] of Object.entries(MOVED_TO_FILE)) {
    if (environment[name] !== undefined) problems.push(`${name}: moved to the config file (SHOPGRAPH_CONFIG) as ${key} (${asJson(key)})`);
  }
  return problems;
}

/** `{"cache":{"ttlSeconds":{"shops":…}}}`: where the key goes, without echoing the value (it may be a secret set in the wrong place). */
function asJson(key: string): string {
  return key.split('.').reduceRight((inner, part) => `{"${part}":${inner}}`, '…');
}
