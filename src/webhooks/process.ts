import type { ShopEvent } from '../events/shop-events';
import type { Logger } from '../telemetry/logger';
import { NotificationType, type Notification } from '../upstream/notification';

/**
 * What a notification makes ShopGraph do. The metrics ledger's entry point is optional so the
 * webhook path works before (and without) the ledger.
 */
export interface NotificationEffects {
  /** Re-reads the named orders (and their refunds) into the metrics ledger. */
  refreshOrders?(shopId: string, orderIds: string[]): Promise<void>;
  /** Drops cached upstream answers about these orders. */
  invalidateOrders(shopId: string, orderIds: string[]): Promise<void>;
  /** Drops cached upstream answers about these products. */
  invalidateProducts(shopId: string, productIds: string[]): Promise<void>;
  /** Drops the cached stock of these products (docs/metrics.md, "Inventory"). */
  invalidateInventory?(shopId: string, productIds: string[]): Promise<void>;
  /**
   * TikTok deauthorized the shop: its seller's authorization loses it (and goes with its last
   * shop); no other seller's is touched. Resolves to the seller, or undefined when none had it.
   */
  revokeShop?(shopId: string): Promise<{ sellerId: string; sellerRemoved: boolean } | undefined>;
  /** Tells subscriptions (every replica's) what happened; see docs/real-time.md. */
  announce?(event: ShopEvent): void;
  /** An order's status changed: queues its conversion if it was paid (docs/conversions.md). */
  offerConversion?(shopId: string, orderId: string, status: string | undefined): Promise<void>;
}

/** The change kind subscriptions name, by webhook type. */
const ORDER_CHANGES = {
  [NotificationType.ORDER_STATUS_CHANGE]: 'ORDER_STATUS',
  [NotificationType.CANCELLATION_STATUS_CHANGE]: 'CANCELLATION',
  [NotificationType.RETURN_STATUS_CHANGE]: 'RETURN',
} as const;

/** Handles one verified, deduplicated notification. */
export async function processNotification(n: Notification, effects: NotificationEffects, logger: Logger): Promise<void> {
  const log = { notification: n.id, type: n.type, shopId: n.shopId };
  switch (n.type) {
    case NotificationType.ORDER_STATUS_CHANGE:
    case NotificationType.CANCELLATION_STATUS_CHANGE:
    case NotificationType.RETURN_STATUS_CHANGE: {
      if (!n.orderId) break;
      // Invalidate first: the ledger's re-read must not be answered from the old cache entry.
      await effects.invalidateOrders(n.shopId, [n.orderId]);
      // Subscribers hear of the order now (reading it gets the fresh copy); of the figures once
      // the ledger has it.
      effects.announce?.({
        kind: 'order',
        shopId: n.shopId,
        orderId: n.orderId,
        change: ORDER_CHANGES[n.type],
        status: n.orderStatus,
        returnId: n.returnId,
        occurredAt: n.timestamp * 1000,
      });
      await effects.refreshOrders?.(n.shopId, [n.orderId]);
      // After the ledger's re-read, which offers the order itself when it keeps the shop.
      if (n.type === NotificationType.ORDER_STATUS_CHANGE) await effects.offerConversion?.(n.shopId, n.orderId, n.orderStatus);
      effects.announce?.({ kind: 'figures', shopId: n.shopId, cause: 'webhook', at: Date.now() });
      logger.info({ ...log, orderId: n.orderId, orderStatus: n.orderStatus, returnId: n.returnId }, 'order changed');
      return;
    }
    case NotificationType.PRODUCT_STATUS_CHANGE:
    case NotificationType.PRODUCT_INFORMATION_CHANGE:
    case NotificationType.INVENTORY_STATUS_CHANGE: {
      if (!n.productId) break;
      await effects.invalidateProducts(n.shopId, [n.productId]);
      await effects.invalidateInventory?.(n.shopId, [n.productId]);
      logger.info({ ...log, productId: n.productId }, 'product changed');
      return;
    }
    case NotificationType.SELLER_DEAUTHORIZATION: {
      // The notification names a shop (`shop_id`), not a seller (docs/tiktok-api.md, Webhooks).
      const revoked = await effects.revokeShop?.(n.shopId);
      effects.announce?.({ kind: 'revoked', shopId: n.shopId, at: Date.now() });
      logger.warn(
        { ...log, ...revoked },
        revoked ? "TikTok deauthorized the shop: removed from its seller's authorization" : "TikTok deauthorized a shop no seller's authorization covers",
      );
      return;
    }
    case NotificationType.UPCOMING_AUTHORIZATION_EXPIRATION:
      logger.warn(log, "the seller's authorization is ending: the seller must authorize the app again");
      return;
  }
  logger.debug(log, 'notification not acted on');
}
