/**
 * The per-request side of inventory: a DataLoader that gathers every SKU's product asked for in
 * one request and reads their stock together (≤100 products per Inventory Search, see
 * {@link InventoryData}), plus the settings the graph's inventory figures use.
 * @see docs/metrics.md ("Inventory")
 */
import DataLoader from 'dataloader';
import type { InventoryData, ProductStock } from './inventory-data';
import type { ShopKey } from './loaders';
import type { ShopInfo } from './shop-directory';

/** Defaults of the inventory figures (config `inventory`). */
export interface InventorySettings {
  /** `lowStock` when available ≤ this. */
  lowStockThreshold: number;
  /** Trailing complete days whose sales set the pace behind days of cover. */
  salesDays: number;
}

export const DEFAULT_INVENTORY_SETTINGS: InventorySettings = { lowStockThreshold: 10, salesDays: 28 };

/** What resolvers get in their context. */
export interface InventoryLoader {
  /** A product's stock (null: the shop is unknown). Rejects with the upstream error when TikTok failed and no copy is kept. */
  product: DataLoader<ShopKey, ProductStock | null, string>;
  settings: InventorySettings;
  /**
   * Memo of one request: values computed once per key (the sales of a shop's trailing days) and
   * shared by every SKU of the request.
   */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** Creates the inventory loader of one request. */
export function createInventoryLoader(
  data: InventoryData,
  shopOf: (shopId: string) => Promise<ShopInfo | null>,
  settings: InventorySettings = DEFAULT_INVENTORY_SETTINGS,
): InventoryLoader {
  const keyOf = (k: ShopKey): string => `${k.shopId}:${k.id}`;
  const product = new DataLoader<ShopKey, ProductStock | null, string>(
    async (keys) => {
      const byShop = new Map<string, string[]>();
      for (const k of keys) byShop.set(k.shopId, [...(byShop.get(k.shopId) ?? []), k.id]);
      const answers = new Map<string, ProductStock | Error | null>();
      await Promise.all(
        [...byShop].map(async ([shopId, ids]) => {
          try {
            const shop = await shopOf(shopId);
            if (!shop) return ids.forEach((id) => answers.set(`${shopId}:${id}`, null));
            const found = await data.ofProducts(shop, ids);
            for (const id of ids) answers.set(`${shopId}:${id}`, found.get(id) ?? null);
          } catch (error) {
            for (const id of ids) answers.set(`${shopId}:${id}`, error instanceof Error ? error : new Error(String(error)));
          }
        }),
      );
      return keys.map((k) => answers.get(keyOf(k)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
  const memos = new Map<string, Promise<unknown>>();
  return {
    product,
    settings,
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let found = memos.get(key) as Promise<T> | undefined;
      if (!found) {
        found = compute();
        memos.set(key, found);
      }
      return found;
    },
  };
}
