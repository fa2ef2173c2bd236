/** The source stream of `orderChanged`: one shop's order events, queued per subscriber. */
import { EventQueue, type Queued } from '../events/event-queue';
import type { LiveServices } from './live-services';
import type { ShopEvent } from '../events/shop-events';

/** An order event as the stream yields it, with how many were dropped unread before it. */
export type OrderEventItem = Queued<Extract<ShopEvent, { kind: 'order' }>>;

/**
 * Every order change of the shop from now on, in the order they were heard; ends when TikTok
 * deauthorizes the shop. At most `queueSize` wait unread (the oldest go first).
 */
export function orderEvents(live: LiveServices, shopId: string): AsyncIterableIterator<OrderEventItem> {
  let stop = (): void => undefined;
  const queue = new EventQueue<Extract<ShopEvent, { kind: 'order' }>>(live.settings.queueSize, () => stop());
  stop = live.events.listen(shopId, (event) => {
    if (event.kind === 'order') queue.push(event);
    else if (event.kind === 'revoked') queue.end();
  });
  return queue;
}
