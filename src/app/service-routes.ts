import type { Config } from '../config/load-config';
import type { ConversionsForwarder } from '../conversions/forwarder';
import type { InventoryData } from '../datasources/inventory-data';
import type { ShopData } from '../datasources/shop-data';
import type { ShopEvents } from '../events/shop-events';
import type { ShopGraphService } from '../http/shop-graph-service';
import type { MetricsService } from '../metrics/metrics-service';
import { createAuthenticator } from '../security/authenticate';
import { registerOAuthRoutes } from '../security/oauth';
import { operatorAccess } from '../security/operator-access';
import type { NotificationQueue } from '../store/notification-queue';
import type { Logger } from '../telemetry/logger';
import { processNotification, type NotificationEffects } from '../webhooks/process';
import { registerWebhookRoute } from '../webhooks/webhook-route';
import type { PartnerWiring } from './partner-wiring';
import type { CacheLayer } from './stores';
import type { Upstream } from './upstream-endpoints';

/** What the webhook and seller-onboarding routes act on. */
export interface RoutesWiring {
  config: Config;
  upstream: Upstream;
  logger: Logger;
  cache: CacheLayer;
  partner: PartnerWiring;
  shopData: ShopData;
  inventory: InventoryData;
  metrics: MetricsService;
  events: ShopEvents;
  conversions?: ConversionsForwarder;
  /** The clock webhook timestamps are checked against. @default Date.now */
  webhookClock?: () => number;
}

/** The routes of a ShopGraph service, and the webhook queue they feed (made with the routes only). */
export interface ServiceRoutes {
  routes: ShopGraphService['routes'];
  /** Resolves once every webhook notification accepted so far has been processed. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** Webhooks (verified, deduplicated, queued, processed) and seller onboarding for operators. */
export function serviceRoutes(w: RoutesWiring): ServiceRoutes {
  const { config, upstream, logger, cache, partner, metrics, events, conversions } = w;
  const env = config.env;
  const effects: NotificationEffects = {
    invalidateOrders: (shopId, orderIds) => w.shopData.invalidateOrders(shopId, orderIds),
    invalidateProducts: (shopId, productIds) => w.shopData.invalidateProducts(shopId, productIds),
    invalidateInventory: (shopId, productIds) => w.inventory.invalidate(shopId, productIds),
    refreshOrders: async (shopId, orderIds) => {
      await metrics.refreshOrders(shopId, orderIds);
    },
    revokeShop: (shopId) => partner.directory.revokeShop(shopId),
    announce: (event) => events.publish(event),
    offerConversion: conversions && ((shopId, orderId, status) => conversions.offerWebhook(shopId, orderId, status)),
  };
  // Made with the webhook route only: a process that serves no webhooks (backfill) consumes none.
  let notifications: NotificationQueue | undefined;
  return {
    routes: async (app, authenticator) => {
      notifications ??= cache.notificationQueue((n) => processNotification(n, effects, logger), logger);
      await registerWebhookRoute(app, {
        appKey: upstream.appKey,
        appSecret: upstream.appSecret,
        dedupe: cache.dedupe,
        queue: notifications,
        logger,
        now: w.webhookClock,
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
          const added = await partner.directory.authorize(code);
          // The new shops' history starts being read at once, in the background.
          if (added.shops)
            void metrics.prime(
              config.file.storage.backfillDays,
              added.shops.map((shop) => shop.id),
            );
          return added;
        },
        sellers: () => partner.sellers.list(true),
        revoke: (sellerId) => partner.directory.revoke(sellerId, 'revoked by an operator'),
        operator: operatorAccess(operators, undefined),
      });
    },
    drain: async () => {
      await notifications?.drain();
    },
    close: async () => {
      await notifications?.close();
    },
  };
}
