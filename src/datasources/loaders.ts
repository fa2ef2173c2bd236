import DataLoader from 'dataloader';
import type { RejectedRow } from './lenient';
import type { PartnerCancellation, PartnerOrder, PartnerProduct, PartnerReturnOrder } from './partner/schemas';
import { RejectedRowError } from './rejected-row-error';
import type { ShopData } from './shop-data';
import { findShop, type ShopInfo } from './shop-directory';

/** A shop-scoped id. */
export interface ShopKey {
  shopId: string;
  id: string;
}

/** The after-sale records of one order. */
export interface OrderRefunds {
  returns: PartnerReturnOrder[];
  cancellations: PartnerCancellation[];
  /** Records TikTok sent for this order (or for an order it did not name) that ShopGraph cannot read. */
  rejected: RejectedRow[];
}

/**
 * Per-request DataLoaders: they batch within one request; the cache dedupes across requests. They
 * read through the request's view of the cache, so every upstream call they cause is bounded by
 * the request's budget.
 */
export interface Loaders {
  shop: DataLoader<string, ShopInfo | null>;
  /** null when TikTok does not know the order; rejects with a {@link RejectedRowError} when it sent it unreadable. */
  order: DataLoader<ShopKey, PartnerOrder | null, string>;
  product: DataLoader<ShopKey, PartnerProduct | null, string>;
  refunds: DataLoader<ShopKey, OrderRefunds, string>;
  /** Puts orders a search returned into the request's loader, so they cost no detail call. */
  primeOrders(shopId: string, orders: readonly PartnerOrder[]): void;
}

const keyOf = (k: ShopKey): string => `${k.shopId}:${k.id}`;
/** Order ids per returns/cancellations search (TikTok's `order_ids` filter). */
const REFUND_BATCH = 50;

/** Groups keys by shop so each shop's ids go upstream together. */
function byShop(keys: readonly ShopKey[]): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const { shopId, id } of keys) {
    const ids = groups.get(shopId) ?? new Set<string>();
    ids.add(id);
    groups.set(shopId, ids);
  }
  return new Map([...groups].map(([shopId, ids]) => [shopId, [...ids]]));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A shop that could not be looked up fails its own keys only. */
function failEach(into: Map<string, unknown>, shopId: string, ids: readonly string[], error: unknown): null {
  for (const id of ids) into.set(`${shopId}:${id}`, asError(error));
  return null;
}

/** Creates the loaders of one request. */
export function createLoaders(data: ShopData, onBatch?: (loader: string, size: number) => void): Loaders {
  const measured =
    <K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>) =>
    (keys: readonly K[]) => {
      onBatch?.(name, keys.length);
      return batch(keys);
    };
  const shop = new DataLoader<string, ShopInfo | null>(
    measured('shop', async (ids) => {
      const shops = await data.shops();
      // A shop of a seller whose list TikTok did not give fails with that seller's error, not as unknown.
      return ids.map((id) => {
        try {
          return findShop(shops, id) ?? null;
        } catch (error) {
          return asError(error);
        }
      });
    }),
  );

  const order = new DataLoader<ShopKey, PartnerOrder | null, string>(
    measured('order', async (keys) => {
      const found = new Map<string, PartnerOrder | Error>();
      await Promise.all(
        [...byShop(keys)].map(async ([shopId, ids]) => {
          const info = await shop.load(shopId).catch((error: unknown) => failEach(found, shopId, ids, error));
          if (!info) return;
          const result = await data.orders(info, ids);
          for (const [id, o] of result.found) found.set(`${shopId}:${id}`, o);
          for (const [id, row] of result.rejected) found.set(`${shopId}:${id}`, new RejectedRowError('order', row));
          // Neither TikTok nor a kept copy answered these: each fails on its own, the others are answered.
          for (const [id, error] of result.failed) found.set(`${shopId}:${id}`, asError(error));
        }),
      );
      return keys.map((k) => found.get(keyOf(k)) ?? null);
    }),
    { cacheKeyFn: keyOf },
  );

  const product = new DataLoader<ShopKey, PartnerProduct | null, string>(
    measured('product', (keys) =>
      Promise.all(
        keys.map(async (k) => {
          try {
            const info = await shop.load(k.shopId);
            return info ? ((await data.product(info, k.id)) ?? null) : null;
          } catch (error) {
            return asError(error);
          }
        }),
      ),
    ),
    { cacheKeyFn: keyOf },
  );

  const refunds = new DataLoader<ShopKey, OrderRefunds, string>(
    measured('refunds', async (keys) => {
      const byOrder = new Map<string, OrderRefunds | Error>();
      await Promise.all(
        [...byShop(keys)].map(async ([shopId, ids]) => {
          const info = await shop.load(shopId).catch((error: unknown) => failEach(byOrder, shopId, ids, error));
          if (!info) return;
          for (let i = 0; i < ids.length; i += REFUND_BATCH) {
            const batch = ids.slice(i, i + REFUND_BATCH);
            const { returns, cancellations, rejected } = await data.refundsOf(info, batch);
            for (const id of batch) {
              byOrder.set(`${shopId}:${id}`, {
                returns: returns.filter((r) => r.order_id === id),
                cancellations: cancellations.filter((c) => c.order_id === id),
                // A record whose order id is unreadable may be any of the batch's.
                rejected: rejected.filter((r) => r.orderId === id || r.orderId === null),
              });
            }
          }
        }),
      );
      return keys.map((k) => byOrder.get(keyOf(k)) ?? { returns: [], cancellations: [], rejected: [] });
    }),
    { cacheKeyFn: keyOf },
  );

  return {
    shop,
    order,
    product,
    refunds,
    primeOrders(shopId, orders) {
      for (const o of orders) order.prime({ shopId, id: o.id }, o);
    },
  };
}
