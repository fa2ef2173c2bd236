import { requestView, type CachedFetcher } from '../cache/cached-fetch';
import type { Config } from '../config/load-config';
import { createInventoryLoader } from '../datasources/inventory-loader';
import { createLoaders } from '../datasources/loaders';
import type { ShopEvents } from '../events/shop-events';
import type { GraphContext } from '../resolvers/context';
import { LOCAL_CALLER, type Caller } from '../security/caller';
import { shopDataFor } from '../security/tenancy';
import type { LiveServices } from '../subscriptions/live-services';
import type { Logger } from '../telemetry/logger';
import { cacheKind, type Telemetry } from '../telemetry/metrics';
import { budgetOf } from '../upstream/abort';
import type { requestSources } from './request-sources';

/** What a request's context is built from. */
export interface ContextWiring {
  config: Config;
  logger: Logger;
  fetcher: CachedFetcher;
  sources: ReturnType<typeof requestSources>;
  events: ShopEvents;
  alerts: GraphContext['alerts'];
  telemetry?: Telemetry;
}

/**
 * A request's context for a caller. Loaders are per request, and built over the caller's view of
 * the shops: no tenant's data can reach another's request through them.
 */
export function requestContexts(w: ContextWiring): (caller?: Caller) => Promise<GraphContext> {
  const { config, telemetry } = w;
  const subscriptions = config.file.subscriptions;
  const live = (caller: Caller): LiveServices => ({
    events: w.events,
    logger: w.logger,
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
    const own = w.sources(requestView(w.fetcher, { onStale: (key) => stale.add(cacheKind(key)), budget }), budget);
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
      alerts: w.alerts,
      inventory: createInventoryLoader(own.inventory, (id) => loaders.shop.load(id), config.file.inventory),
    };
  };
  return context;
}
