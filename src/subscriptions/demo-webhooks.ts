/**
 * Demo mode's webhooks: once ShopGraph listens, it subscribes its own webhook route to each
 * shop's order, cancellation and return notifications through the Partner API's Update Shop
 * Webhook (`PUT /event/202309/webhooks`), as an app would; the emulator's live mode then POSTs
 * each change there, signed as TikTok signs (docs/tiktok-api.md, Webhooks). With real TikTok the
 * address is the app's, set in Partner Center, and nothing is subscribed from here.
 */
import type { PartnerShopRef } from '../datasources/partner/partner-transport';
import type { Logger } from '../telemetry/logger';

/** The webhooks ShopGraph acts on for orders (src/webhooks/process.ts). */
export const ORDER_EVENT_TYPES = ['ORDER_STATUS_CHANGE', 'CANCELLATION_STATUS_CHANGE', 'RETURN_STATUS_CHANGE'] as const;

/** What subscribing needs of the Partner API client. */
export interface WebhookSubscriber {
  putWebhook(shop: PartnerShopRef, subscription: { event_type: string; address: string }): Promise<void>;
}

/** Subscribes `address` to every shop's order events; a shop that refuses is logged and skipped. */
export async function subscribeOrderWebhooks(partner: WebhookSubscriber, shops: readonly PartnerShopRef[], address: string, logger: Logger): Promise<number> {
  let subscribed = 0;
  for (const shop of shops) {
    try {
      for (const eventType of ORDER_EVENT_TYPES) await partner.putWebhook(shop, { event_type: eventType, address });
      subscribed++;
    } catch (error) {
      logger.warn({ err: error, shopId: shop.id }, "demo mode: could not subscribe the shop's webhooks; its live updates come by polling only");
    }
  }
  logger.info({ address, shops: subscribed }, "demo mode: shops' order webhooks subscribed to ShopGraph");
  return subscribed;
}
