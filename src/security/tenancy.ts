import type { ShopData } from '../datasources/shop-data';
import { notFound } from '../errors';
import { canSeeShop, type Caller } from './caller';

/**
 * `NOT_FOUND` unless the caller may read the shop, exactly as for a shop that does not exist
 * (the schema's contract: "null with NOT_FOUND when it is not visible"). Checked before the shop
 * is looked up, so neither the answer nor its timing tells another tenant's shops apart.
 */
export function assertShopVisible(caller: Caller, shopId: string): void {
  if (!canSeeShop(caller, shopId)) throw notFound('shop', shopId);
}

/**
 * The caller's view of the shop data: `shops()` and `shop()` list only its shops. The request's
 * loaders are built over this view, so an order, product or refund of another tenant's shop
 * cannot load even through a path that skipped a check. Everything else is the shared instance
 * (its cache keys carry app and shop ids, and are only reached through a visible shop).
 */
export function shopDataFor(shopData: ShopData, caller: Caller): ShopData {
  const allowed = caller.shops;
  if (allowed === '*') return shopData;
  return new Proxy(shopData, {
    get(target, property) {
      if (property === 'shops') {
        return async () => {
          const all = await target.shops();
          return { ...all, value: all.value.filter((s) => allowed.has(s.id)) };
        };
      }
      if (property === 'shop') return async (id: string) => (allowed.has(id) ? target.shop(id) : undefined);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
