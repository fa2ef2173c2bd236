/**
 * The source stream of `alertFired`: the alerts of one shop that fire from now on, of the
 * subscriber's own rules only. Shop events name an alert (ids only, like every shop event); the
 * alert itself is read from the alert store, and one of another client's rules is skipped
 * before anything is sent. At most `queueSize` wait unread (the oldest go first, `missed` says
 * how many); ends when TikTok deauthorizes the shop.
 */
import { EventQueue, type Queued } from '../events/event-queue';
import type { LiveServices } from './live-services';
import type { AlertEvent } from '../alerts/alert-rule';
import type { AlertStore } from '../alerts/alert-store';

export function alertFeed(live: LiveServices, store: Pick<AlertStore, 'event'>, shopId: string, owner: string): AsyncIterableIterator<Queued<AlertEvent>> {
  let stop = (): void => undefined;
  const ids = new EventQueue<string>(live.settings.queueSize, () => stop());
  stop = live.events.listen(shopId, (event) => {
    if (event.kind === 'alert') ids.push(event.alertId);
    else if (event.kind === 'revoked') ids.end();
  });
  const feed: AsyncIterableIterator<Queued<AlertEvent>> = {
    async next() {
      for (;;) {
        const item = await ids.next();
        if (item.done) return { value: undefined, done: true };
        let alert: AlertEvent | undefined;
        try {
          alert = await store.event(item.value.value);
        } catch (error) {
          live.logger.warn({ err: error, shopId, alertId: item.value.value }, 'alertFired: the alert could not be read; skipped');
        }
        if (alert && alert.owner === owner && alert.shopId === shopId) return { value: { value: alert, missed: item.value.missed }, done: false };
      }
    },
    async return() {
      await ids.return();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await ids.return();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return feed;
}
