import type { Config } from '../config/load-config';
import { AdsReadiness, marketingProbe } from '../datasources/marketing/ads-readiness';
import { MarketingClient, type MarketingClientOptions } from '../datasources/marketing/marketing-client';
import type { Logger } from '../telemetry/logger';
import type { UpstreamLimiter } from '../upstream/rate-limiter';
import type { UpstreamAttempt, UpstreamObserver } from '../upstream/upstream-observer';
import type { Upstream } from './upstream-endpoints';

/** The Marketing API side of ShopGraph: nothing (ad metrics null) without an access token. */
export interface AdsWiring {
  /** The shared client (ledgers, background reads). */
  marketing: MarketingClient | null;
  /** What a request's own client starts from (it adds the request's budget). */
  options: MarketingClientOptions | null;
  /** `/readyz`'s ads check. */
  readiness?: AdsReadiness;
}

/** What every upstream client of the process shares. */
export interface ClientBasics {
  logger: Logger;
  limiter: UpstreamLimiter;
  observer: UpstreamObserver;
  signal: AbortSignal;
}

/** Builds the Marketing client and its readiness check from the upstream's ads credentials. */
export function wireAds(upstream: Upstream, config: Config, basics: ClientBasics): AdsWiring {
  if (!upstream.adsToken) return { marketing: null, options: null };
  const settings = {
    baseUrl: upstream.adsBaseUrl,
    accessToken: upstream.adsToken,
    appId: upstream.adsAppId,
    appSecret: upstream.adsSecret,
    logger: basics.logger,
    timeoutMs: config.file.upstream.timeoutMs,
    limiter: basics.limiter,
    observer: basics.observer,
    signal: basics.signal,
  };
  // Every Marketing call is evidence for the ads check; it probes (one call, no retry) only without any.
  const readiness = new AdsReadiness(
    marketingProbe(new MarketingClient({ ...settings, retry: { maxAttempts: 1 } }), {
      canList: Boolean(upstream.adsAppId && upstream.adsSecret),
      linked: Object.values(config.file.shops).flatMap((o) => o.advertiserIds ?? []),
    }),
  );
  const options: MarketingClientOptions = {
    ...settings,
    observer: (attempt: UpstreamAttempt) => {
      readiness.observe(attempt);
      basics.observer(attempt);
    },
  };
  return { marketing: new MarketingClient(options), options, readiness };
}
