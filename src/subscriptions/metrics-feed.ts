/**
 * The source stream of a figures subscription (`metricsChanged`): the figures now, then again
 * each time they move. What can move them — a webhook's orders read into the ledger, a ledger
 * sync, ad reports re-pulled, days leaving the attribution window — arrives as `figures` events or
 * with time, so the feed recomputes on each event (bursts folded, see {@link Coalescer}) and every
 * `metricsRecheckMs` without one, and yields only when the figures differ from the last yielded.
 * Only the latest unread figures are kept: newer ones supersede them.
 */
import { Coalescer } from '../events/coalesce';
import { EventQueue, type Queued } from '../events/event-queue';
import type { LiveServices } from './live-services';

/** One computation: what to yield, and a fingerprint of everything the figures depend on. */
export interface Figures<P> {
  payload: P;
  fingerprint: string;
}

/**
 * Computes the figures once (a failure is the subscriber's error: nothing is listened to yet),
 * then follows the shop.
 * @param compute - reads through a fresh context each time (see `LiveServices.renew`)
 */
export async function figuresFeed<P>(live: LiveServices, shopId: string, compute: () => Promise<Figures<P>>): Promise<AsyncIterableIterator<Queued<P>>> {
  const first = await compute();
  let last = first.fingerprint;
  let stop = (): void => undefined;
  const queue = new EventQueue<P>(1, () => stop());
  queue.push(first.payload);
  const coalescer = new Coalescer(async () => {
    try {
      const next = await compute();
      if (next.fingerprint === last) return;
      last = next.fingerprint;
      queue.push(next.payload);
    } catch (error) {
      // Served again at the next event or re-check; the subscriber keeps the figures it has.
      live.logger.warn({ err: error, shopId }, 'metrics subscription: recomputing the figures failed');
    }
  }, live.settings.metricsIntervalMs);
  const unlisten = live.events.listen(shopId, (event) => {
    if (event.kind === 'figures') coalescer.trigger();
    else if (event.kind === 'revoked') queue.end();
  });
  const recheck = setInterval(() => coalescer.trigger(), live.settings.metricsRecheckMs);
  recheck.unref();
  stop = () => {
    unlisten();
    clearInterval(recheck);
    coalescer.stop();
  };
  return queue;
}
