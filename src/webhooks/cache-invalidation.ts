import type { CachedFetcher } from '../cache/cached-fetch';
import type { NotificationEffects } from './process';

/**
 * Drops the per-order and per-product entries `ShopData` caches (`v1:<app key>:shop:<id>:order:<id>`
 * and `…:product:<id>`): the next read of a changed order or product goes upstream. Lists and
 * refund searches age out on their short TTLs. The webhook integration test fails if these keys
 * and ShopData's drift apart.
 */
export function cacheInvalidation(fetcher: CachedFetcher, appKey: string): Pick<NotificationEffects, 'invalidateOrders' | 'invalidateProducts'> {
  const drop = async (shopId: string, kind: 'order' | 'product', ids: string[]) => {
    await Promise.all(ids.map((id) => fetcher.invalidate(['v1', appKey, 'shop', shopId, kind, id].join(':'))));
  };
  return {
    invalidateOrders: (shopId, ids) => drop(shopId, 'order', ids),
    invalidateProducts: (shopId, ids) => drop(shopId, 'product', ids),
  };
}
