/** The shop events of a ShopGraph process: in-process alone, on Redis pub/sub with `REDIS_URL`. */
import type { Logger } from '../telemetry/logger';
import { LocalShopEvents } from './local-events';
import type { ShopEvents } from '../events/shop-events';
import { KEY_FAMILIES } from '../config/storage-keys';

/**
 * Builds the events for one app's replicas (`appKey` names the channel). The Redis client is
 * loaded only when `REDIS_URL` is set, as the cache layer does.
 */
export function createShopEvents(env: { REDIS_URL?: string }, appKey: string, logger: Logger): ShopEvents {
  if (!env.REDIS_URL) return new LocalShopEvents(logger);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RedisShopEvents } = require('./redis-events') as typeof import('./redis-events');
  return RedisShopEvents.start({ url: env.REDIS_URL, channel: `${KEY_FAMILIES.shopEvents}:${appKey}`, logger });
}

/**
 * The order ledger's `onSynced` (told on every answer when its shop's last sync started) as
 * events: a later sync than the one seen before means the figures may have moved. The first
 * time a shop is seen says nothing new (whoever asked has those figures).
 */
export function announceLedgerSyncs(events: ShopEvents, also?: (shopId: string, syncedAt: number) => void): (shopId: string, syncedAt: number) => void {
  const seen = new Map<string, number>();
  return (shopId, syncedAt) => {
    also?.(shopId, syncedAt);
    const before = seen.get(shopId);
    if (before !== undefined && syncedAt <= before) return;
    seen.set(shopId, syncedAt);
    if (before !== undefined) events.publish({ kind: 'figures', shopId, cause: 'sync', at: syncedAt });
  };
}
