/**
 * Cached access to TikTok's Inventory Search, per product: a product's stock is one cache entry
 * (`…:shop:{id}:inventory:{product id}`), fresh for a short TTL (stock moves with every order) and
 * dropped by TikTok's product webhooks. Products missing from the cache are asked for together,
 * at most 100 a call (TikTok's limit), one call per batch across concurrent requests.
 * @see docs/tiktok-api.md (5.3, Inventory search) and docs/metrics.md ("Inventory")
 */
import type { Fetcher } from '../cache/cached-fetch';
import { isAbortError, type Budget } from '../upstream/abort';
import { CACHE_VERSION } from './fetched';
import type { PartnerInventory } from './partner/product-schemas';
import type { PartnerShopRef } from './partner/partner-transport';
import { UpstreamError } from '../upstream/upstream-error';

/** Product ids per Inventory Search call (TikTok's maximum). */
export const INVENTORY_BATCH = 100;
/** Inventory Search: "Product id is invalid" (one bad id fails its whole batch). */
const INVALID_PRODUCT_ID = 12019008;

/** The part of the Partner API this needs. */
export interface InventoryReader {
  searchInventory(shop: PartnerShopRef, query: { product_ids: string[] }): Promise<PartnerInventory[]>;
}

/** Options of {@link InventoryData}. */
export interface InventoryDataOptions {
  appKey: string;
  /** How long a product's stock stays fresh (ms). */
  ttlMs: number;
  /** How long past it a copy answers when TikTok fails (ms). */
  staleIfErrorMs: number;
  /** The Partner API bounded by the budget of the requests waiting for a load. */
  partnerFor: (budget: Budget) => InventoryReader;
}

/** A product's stock as TikTok gave it; `inventory` null when TikTok answered nothing for it. */
export interface ProductStock {
  inventory: PartnerInventory | null;
  /** When TikTok gave it (ms). */
  fetchedAt: number;
  /** Served past its freshness because TikTok failed. */
  stale: boolean;
}

type Stored = Omit<ProductStock, 'stale'>;

/** One TikTok app's inventory answers, through the shared cache. */
export class InventoryData {
  constructor(
    private readonly fetcher: Fetcher,
    private readonly options: InventoryDataOptions,
  ) {}

  private key(shopId: string, productId: string): string {
    return [CACHE_VERSION, this.options.appKey, 'shop', shopId, 'inventory', productId].join(':');
  }

  /**
   * The stock of each product: cached ones first, the rest by Inventory Search in batches of 100.
   * A product whose batch failed is answered from the copy kept for failures, or is an Error.
   */
  async ofProducts(shop: PartnerShopRef & { id: string }, productIds: readonly string[]): Promise<Map<string, ProductStock | Error>> {
    const answers = new Map<string, ProductStock | Error>();
    const missing: string[] = [];
    await Promise.all(
      [...new Set(productIds)].map(async (id) => {
        const hit = await this.fetcher.peek<Stored>(this.key(shop.id, id));
        if (hit) answers.set(id, { ...hit, stale: false });
        else missing.push(id);
      }),
    );
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += INVENTORY_BATCH) batches.push(missing.slice(i, i + INVENTORY_BATCH));
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const searched = await this.search(shop, batch);
          const rows = searched.rows;
          // A batch of only invalid ids made no call that answered: now is when that was learned.
          const fetchedAt = Number.isFinite(searched.fetchedAt) ? searched.fetchedAt : Date.now();
          await Promise.all(
            batch.map(async (id) => {
              const stored: Stored = { inventory: rows.find((p) => p.product_id === id) ?? null, fetchedAt };
              await this.fetcher.put(this.key(shop.id, id), stored, this.options.ttlMs);
              answers.set(id, { ...stored, stale: false });
            }),
          );
        } catch (error) {
          if (isAbortError(error)) throw error;
          await Promise.all(
            batch.map(async (id) => {
              const copy = await this.fetcher.fallback<Stored>(this.key(shop.id, id), {
                ttlMs: this.options.ttlMs,
                staleIfErrorMs: this.options.staleIfErrorMs,
              });
              answers.set(id, copy ? { ...copy.value, stale: copy.stale } : error instanceof Error ? error : new Error(String(error)));
            }),
          );
        }
      }),
    );
    return answers;
  }

  /**
   * One Inventory Search for a batch (single-flight per batch). TikTok refuses a batch with one
   * invalid product id (12019008): the batch is halved until that id stands alone, and it has no stock.
   */
  private async search(shop: PartnerShopRef & { id: string }, ids: string[]): Promise<{ rows: PartnerInventory[]; fetchedAt: number }> {
    const key = this.key(shop.id, `batch:${ids.join(',')}`);
    try {
      const found = await this.fetcher.fetch(key, { ttlMs: 0 }, (context) =>
        this.options.partnerFor(context.budget).searchInventory(shop, { product_ids: ids }),
      );
      return { rows: found.value, fetchedAt: found.fetchedAt };
    } catch (error) {
      if (!(error instanceof UpstreamError && error.details.code === INVALID_PRODUCT_ID)) throw error;
      if (ids.length === 1) return { rows: [], fetchedAt: Number.POSITIVE_INFINITY };
      const half = Math.ceil(ids.length / 2);
      const parts = await Promise.all([this.search(shop, ids.slice(0, half)), this.search(shop, ids.slice(half))]);
      return { rows: parts.flatMap((p) => p.rows), fetchedAt: Math.min(...parts.map((p) => p.fetchedAt)) };
    }
  }

  /** Drops the cached stock of these products (a webhook said they changed). */
  async invalidate(shopId: string, productIds: readonly string[]): Promise<void> {
    await Promise.all(productIds.map((id) => this.fetcher.invalidate(this.key(shopId, id))));
  }
}
