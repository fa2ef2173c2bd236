import type { Fetcher } from '../cache/cached-fetch';
import type { Config } from '../config/load-config';
import { AdData } from '../datasources/ad-data';
import { AnalyticsData } from '../datasources/analytics-data';
import { FinanceData } from '../datasources/finance-data';
import { InventoryData } from '../datasources/inventory-data';
import { MarketingClient } from '../datasources/marketing/marketing-client';
import { partnerReader } from '../datasources/partner-reader';
import { ShopData } from '../datasources/shop-data';
import type { UnitCostStore } from '../domain/finance-costs';
import type { AdLedger } from '../metrics/ledger/ad-ledger';
import type { OrderLedger } from '../metrics/ledger/order-ledger';
import { MetricsService } from '../metrics/metrics-service';
import { waitWithin, type Budget } from '../upstream/abort';
import type { AdsWiring } from './ads';
import type { PartnerWiring } from './partner-wiring';
import { adDataTtls, shopDataTtls } from './stores';
import type { Upstream } from './upstream-endpoints';

/** What the datasources of a request (or of the process) are built over. */
export interface SourcesWiring {
  config: Config;
  upstream: Upstream;
  partner: PartnerWiring;
  ads: AdsWiring;
  ledger: OrderLedger;
  adLedger: AdLedger | null;
  unitCosts: UnitCostStore;
  /** How long a window waits for what is not read yet (storage.firstAnswerMs, resolved) */
  firstAnswerMs: number;
}

/** The datasources one request reads through. */
export type Sources = ReturnType<ReturnType<typeof requestSources>>;

/**
 * The datasources over the shared cache, or over one request's view of it (see `requestView`):
 * then bounded by the request's budget — its upstream calls, and its waits for the ledgers,
 * which go on for others when it stops waiting.
 */
export function requestSources(w: SourcesWiring) {
  const { config, upstream, partner, ads } = w;
  const overrides = config.file.shops;
  const reader = partnerReader(partner.partner);
  const adOverrides = Object.fromEntries(Object.entries(overrides).map(([id, o]) => [id, o.advertiserIds]));
  const shopOptions = {
    appKey: upstream.appKey,
    overrides,
    ttls: shopDataTtls(config.file.cache),
    sellers: partner.directory,
    partnerFor: (budget: Budget) => partnerReader(partner.partnerFor(budget)),
  };
  const inventoryOptions = {
    appKey: upstream.appKey,
    ttlMs: config.file.inventory.ttlSeconds * 1000,
    staleIfErrorMs: config.file.cache.staleIfErrorSeconds * 1000,
    partnerFor: partner.partnerFor,
  };
  // Open ad days are re-read after cache.ttlSeconds.openAdDays (not metrics.maxStalenessSeconds): TikTok's
  // reports lag hours behind, and the Marketing rate limit is per app, shared by every advertiser.
  const metricsSettings = { attributionDays: config.file.metrics.attributionDays, now: Date.now, rates: config.file.fxRates, firstAnswerMs: w.firstAnswerMs };
  return (fetcher: Fetcher, budget?: Budget) => {
    const shopData = new ShopData(reader, fetcher, shopOptions);
    const own = budget ? partner.partnerFor(budget) : partner.partner;
    const ownMarketing = ads.options && budget ? new MarketingClient({ ...ads.options, budget }) : ads.marketing;
    const adData = ownMarketing
      ? new AdData(ownMarketing, fetcher, {
          namespace: upstream.adsAppId ?? 'ads',
          overrides: adOverrides,
          ttls: adDataTtls(config.file.cache),
          discover: Boolean(upstream.adsAppId && upstream.adsSecret),
        })
      : null;
    return {
      shopData,
      ads: adData,
      analytics: new AnalyticsData(own, fetcher, { appKey: upstream.appKey }),
      finance: new FinanceData(own, fetcher, shopData, w.unitCosts, { appKey: upstream.appKey }),
      metrics: new MetricsService(
        shopData,
        adData,
        metricsSettings,
        waitWithin(w.ledger, budget, 'partner', ['window']),
        w.adLedger && waitWithin(w.adLedger, budget, 'marketing', ['report', 'gmvMaxReport']),
      ),
      inventory: new InventoryData(fetcher, inventoryOptions),
    };
  };
}
