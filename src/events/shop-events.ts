/**
 * What subscriptions hear about a shop: an order that changed (a webhook), figures that may have
 * moved (the order ledger read new data: a webhook's orders, or a sync), a shop TikTok
 * deauthorized. Events carry ids and times only, never data: each subscriber reads what it
 * selects through its own tenant-scoped context, so nothing one tenant may not see travels here.
 */
import { z } from 'zod';

/** How an order changed, by the webhook that said so (docs/tiktok-api.md, Webhooks). */
export type OrderChangeKindName = 'ORDER_STATUS' | 'CANCELLATION' | 'RETURN';

/** An event about one shop. Times are ms since the epoch. */
export type ShopEvent =
  | { kind: 'order'; shopId: string; orderId: string; change: OrderChangeKindName; status?: string; returnId?: string; occurredAt: number }
  | { kind: 'figures'; shopId: string; cause: 'webhook' | 'sync'; at: number }
  | { kind: 'revoked'; shopId: string; at: number }
  /** An alert rule on the shop fired (src/alerts): subscribers read the alert itself from the alert store. */
  | { kind: 'alert'; shopId: string; ruleId: string; alertId: string; at: number };

const id = z.string().regex(/^\d{1,32}$/);
const at = z.number().int().nonnegative();

/** A {@link ShopEvent} as it travels between replicas, checked on arrival. */
export const shopEventSchema: z.ZodType<ShopEvent> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('order'),
    shopId: id,
    orderId: id,
    change: z.enum(['ORDER_STATUS', 'CANCELLATION', 'RETURN']),
    status: z.string().max(64).optional(),
    returnId: id.optional(),
    occurredAt: at,
  }),
  z.object({ kind: z.literal('figures'), shopId: id, cause: z.enum(['webhook', 'sync']), at }),
  z.object({ kind: z.literal('revoked'), shopId: id, at }),
  z.object({ kind: z.literal('alert'), shopId: id, ruleId: id, alertId: z.string().regex(/^\d{1,32}-\d{1,12}$/), at }),
]);

/** Hears one shop's events; must not throw and must return quickly (it only queues). */
export type ShopEventListener = (event: ShopEvent) => void;

/** Where events are published and heard: one process, or every replica through Redis. */
export interface ShopEvents {
  /** Delivers the event to this process's listeners of its shop (and, shared, to every replica's). */
  publish(event: ShopEvent): void;
  /** Listens to one shop's events until the returned function is called. */
  listen(shopId: string, listener: ShopEventListener): () => void;
  /** Listeners registered in this process. */
  readonly listenerCount: number;
  close(): Promise<void>;
}
