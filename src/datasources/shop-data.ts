import { CACHE_VERSION } from './fetched';
import type { CachedValue, Fetcher, LoadContext } from '../cache/cached-fetch';
import { isAbortError, type Budget } from '../upstream/abort';
import type { RejectedRow } from './lenient';
import type { AfterSales, FoundOrders, OrderSearchQuery, PartnerReader, ProductSearchQuery, UpstreamPage } from './partner-reader';
import type { PartnerOrder, PartnerProduct, PartnerProductSummary } from './partner/schemas';
import type { SellerEntry } from './partner/token-store';
import { findShop, toShopInfo, unionOfShops, type SellerShopSource, type ShopInfo, type ShopList, type ShopOverride } from './shop-directory';
import { UpstreamError } from '../upstream/upstream-error';

export type { AfterSales, FoundOrders, OrderSearchQuery, PartnerReader, ProductSearchQuery, ShopRef, UpstreamPage } from './partner-reader';

/** How long each kind of answer stays fresh (ms). */
export interface ShopDataTtls {
  shops: number;
  products: number;
  orderPages: number;
  openOrders: number;
  closedOrders: number;
  refunds: number;
}

export const DEFAULT_TTLS: ShopDataTtls = {
  shops: 3_600_000,
  products: 600_000,
  orderPages: 60_000,
  openOrders: 60_000,
  closedOrders: 86_400_000,
  refunds: 60_000,
};

/** Upstream page size: TikTok's maximum, so a list costs as few calls as possible. */
export const ORDER_PAGE_SIZE = 100;
const ORDER_DETAIL_BATCH = 50;
const RETURNS_PAGE_SIZE = 50;
const CLOSED = new Set(['COMPLETED', 'CANCELLED']);

/** Options of {@link ShopData}. */
export interface ShopDataOptions {
  appKey: string;
  overrides: Record<string, ShopOverride>;
  ttls?: ShopDataTtls;
  /** The sellers who authorized the app; without, the app's single authorization lists its shops. */
  sellers?: SellerShopSource;
  /** The Partner API bounded by a request's budget (see `LoadContext`); without, `partner` serves every load. */
  partnerFor?: (budget: Budget) => PartnerReader;
}

/** Orders by id, and the ids neither TikTok nor a kept copy could answer, with why. */
export type OrdersFound = FoundOrders & { failed: Map<string, unknown> };

/**
 * Cached, single-flight access to one TikTok app's shop data. Every key carries the app key and
 * shop id, so one app's or shop's entry never answers another's request.
 */
export class ShopData {
  constructor(
    private readonly partner: PartnerReader,
    private readonly fetcher: Fetcher,
    private readonly options: ShopDataOptions,
  ) {}

  private get ttls(): ShopDataTtls {
    return this.options.ttls ?? DEFAULT_TTLS;
  }

  private key(...parts: string[]): string {
    return [CACHE_VERSION, this.options.appKey, ...parts].join(':');
  }

  /** The Partner API for one load: bounded by the budget of the requests waiting for it. */
  private upstream(context: LoadContext): PartnerReader {
    return this.options.partnerFor?.(context.budget) ?? this.partner;
  }

  /** Every shop the app is authorized for: the union of every seller's. */
  async shops(): Promise<ShopList> {
    const policy = { ttlMs: this.ttls.shops, staleIfErrorMs: this.ttls.shops };
    const source = this.options.sellers;
    if (!source) {
      return this.fetcher.fetch(this.key('shops'), policy, async (context) =>
        (await this.upstream(context).getAuthorizedShops()).map((s) => toShopInfo(s, this.options.overrides[s.id])),
      );
    }
    const sellers = await source.sellers();
    const parts = await Promise.allSettled(sellers.map((seller) => this.sellerShops(source, seller, policy)));
    return unionOfShops(sellers, parts, Date.now());
  }

  /** One seller's shops, listed with its own token (each seller's list is cached, and served stale, on its own). */
  private async sellerShops(
    source: SellerShopSource,
    seller: SellerEntry,
    policy: { ttlMs: number; staleIfErrorMs: number },
  ): Promise<CachedValue<ShopInfo[]>> {
    const part = await this.fetcher.fetch(this.key('shops', seller.id), policy, async (context) =>
      (await source.authorizedShops(seller.id, context.budget)).map((s) => ({ ...toShopInfo(s, this.options.overrides[s.id]), sellerId: seller.id })),
    );
    if (part.fromUpstream)
      await source.learned(
        seller,
        part.value.map((s) => s.id),
      );
    return part;
  }

  /** Drops a seller's cached shop list: the next read asks TikTok (the seller authorized again, or lost a shop). */
  forgetSellerShops(sellerId: string): Promise<void> {
    return this.fetcher.invalidate(this.key('shops', sellerId));
  }

  /**
   * A shop by id, or undefined when no seller's list has it.
   * @throws the upstream error of a seller whose shops could not be listed and may include it
   */
  async shop(id: string): Promise<ShopInfo | undefined> {
    return findShop(await this.shops(), id);
  }

  /** One page of an order search; its orders also land in the per-order cache. */
  async orderPage(shop: ShopInfo, query: OrderSearchQuery, pageToken: string): Promise<UpstreamPage<PartnerOrder>> {
    const key = this.key('shop', shop.id, 'orders', JSON.stringify(query), pageToken);
    const page = await this.fetcher.fetch(key, { ttlMs: this.ttls.orderPages }, (context) =>
      this.upstream(context).searchOrders(shop, { ...query, pageSize: ORDER_PAGE_SIZE, pageToken: pageToken || undefined }),
    );
    if (page.fromUpstream) await Promise.all(page.value.items.map((o) => this.storeOrder(shop.id, o)));
    return page.value;
  }

  /**
   * Orders by id: cached ones first, the rest through order detail, ≤50 ids a call. Ids TikTok
   * does not know are absent; orders it sent unreadable are in `rejected`. When a detail call
   * fails (or the request's budget runs out), each of its orders is answered from the copy kept
   * past its freshness (flagged stale), or is in `failed` with the error.
   */
  async orders(shop: ShopInfo, ids: readonly string[]): Promise<OrdersFound> {
    const found = new Map<string, PartnerOrder>();
    const rejected = new Map<string, RejectedRow>();
    const failed = new Map<string, unknown>();
    const missing: string[] = [];
    await Promise.all(
      ids.map(async (id) => {
        const hit = await this.fetcher.peek<PartnerOrder>(this.key('shop', shop.id, 'order', id));
        if (hit) found.set(id, hit);
        else missing.push(id);
      }),
    );
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += ORDER_DETAIL_BATCH) batches.push(missing.slice(i, i + ORDER_DETAIL_BATCH));
    await Promise.all(
      batches.map(async (batch) => {
        let result: Awaited<ReturnType<ShopData['orderDetail']>>;
        try {
          result = await this.orderDetail(shop, batch);
        } catch (error) {
          if (isAbortError(error)) throw error;
          await Promise.all(
            batch.map(async (id) => {
              const copy = await this.fetcher.fallback<PartnerOrder>(this.key('shop', shop.id, 'order', id), { ttlMs: this.ttls.openOrders });
              if (copy) found.set(id, copy.value);
              else failed.set(id, error);
            }),
          );
          return;
        }
        for (const row of result.rejected) if (row.id !== null) rejected.set(row.id, row);
        for (const order of result.orders) {
          found.set(order.id, order);
          await this.storeOrder(shop.id, order);
        }
      }),
    );
    return { found, rejected, failed };
  }

  /**
   * One order-detail call. TikTok may refuse a whole batch as not found (21008111) for one unknown
   * id in it: the batch is then halved until the unknown ids stand alone, and those are absent.
   */
  private async orderDetail(shop: ShopInfo, ids: string[]): Promise<{ orders: PartnerOrder[]; rejected: RejectedRow[] }> {
    const key = this.key('shop', shop.id, 'order-detail', ids.join(','));
    try {
      return (await this.fetcher.fetch(key, { ttlMs: 0 }, (context) => this.upstream(context).getOrders(shop, ids))).value;
    } catch (error) {
      if (!(error instanceof UpstreamError && error.kind === 'not_found')) throw error;
      if (ids.length === 1) return { orders: [], rejected: [] };
      const half = Math.ceil(ids.length / 2);
      const parts = await Promise.all([this.orderDetail(shop, ids.slice(0, half)), this.orderDetail(shop, ids.slice(half))]);
      return { orders: parts.flatMap((p) => p.orders), rejected: parts.flatMap((p) => p.rejected) };
    }
  }

  /** A product, or undefined when TikTok says it does not exist. */
  async product(shop: ShopInfo, id: string): Promise<PartnerProduct | undefined> {
    const key = this.key('shop', shop.id, 'product', id);
    const result = await this.fetcher.fetch(key, { ttlMs: this.ttls.products, staleIfErrorMs: this.ttls.products }, async (context) => {
      try {
        return await this.upstream(context).getProduct(shop, id);
      } catch (error) {
        if (error instanceof UpstreamError && error.kind === 'not_found') return null;
        throw error;
      }
    });
    return result.value ?? undefined;
  }

  async productPage(shop: ShopInfo, query: ProductSearchQuery, pageToken: string): Promise<UpstreamPage<PartnerProductSummary>> {
    const key = this.key('shop', shop.id, 'products', JSON.stringify(query), pageToken);
    const page = await this.fetcher.fetch(key, { ttlMs: this.ttls.products }, (context) =>
      this.upstream(context).searchProducts(shop, { ...query, pageSize: ORDER_PAGE_SIZE, pageToken: pageToken || undefined }),
    );
    return page.value;
  }

  /** Returns and cancellations of the given orders (≤50 order ids per search). */
  async refundsOf(shop: ShopInfo, orderIds: readonly string[]): Promise<AfterSales> {
    const key = this.key('shop', shop.id, 'refunds', [...orderIds].sort().join(','));
    const result = await this.fetcher.fetch(key, { ttlMs: this.ttls.refunds }, (context) =>
      this.afterSales(this.upstream(context), shop, { order_ids: [...orderIds] }),
    );
    return result.value;
  }

  private async afterSales(partner: PartnerReader, shop: ShopInfo, filters: { order_ids?: string[]; create_time_ge?: number }): Promise<AfterSales> {
    const [returns, cancellations] = await Promise.all([
      collect((token) => partner.searchReturns(shop, { filters, pageSize: RETURNS_PAGE_SIZE, pageToken: token })),
      collect((token) => partner.searchCancellations(shop, { filters, pageSize: RETURNS_PAGE_SIZE, pageToken: token })),
    ]);
    return { returns: returns.items, cancellations: cancellations.items, rejected: [...returns.rejected, ...cancellations.rejected] };
  }

  /**
   * Every order of a search, all pages, with the oldest page's fetch time: what a metric over
   * those orders reflects. Pages are cached like any list page.
   */
  async allOrders(shop: ShopInfo, query: OrderSearchQuery): Promise<{ orders: PartnerOrder[]; rejected: RejectedRow[]; fetchedAt: number; stale: boolean }> {
    const orders: PartnerOrder[] = [];
    const rejected: RejectedRow[] = [];
    let fetchedAt = Number.POSITIVE_INFINITY;
    let stale = false;
    let token = '';
    do {
      const key = this.key('shop', shop.id, 'orders', JSON.stringify(query), token);
      const page = await this.fetcher.fetch(key, { ttlMs: this.ttls.orderPages, staleIfErrorMs: this.ttls.closedOrders }, (context) =>
        this.upstream(context).searchOrders(shop, { ...query, pageSize: ORDER_PAGE_SIZE, pageToken: token || undefined }),
      );
      orders.push(...page.value.items);
      rejected.push(...page.value.rejected);
      fetchedAt = Math.min(fetchedAt, page.fetchedAt);
      stale ||= page.stale;
      token = page.value.nextPageToken;
    } while (token);
    return { orders, rejected, fetchedAt, stale };
  }

  /** Returns and cancellations created at or after `createTimeGe` (all pages). */
  async refundsSince(shop: ShopInfo, createTimeGe: number): Promise<CachedValue<AfterSales>> {
    const key = this.key('shop', shop.id, 'refunds-since', String(createTimeGe));
    return this.fetcher.fetch(key, { ttlMs: this.ttls.refunds, staleIfErrorMs: this.ttls.closedOrders }, (context) =>
      this.afterSales(this.upstream(context), shop, { create_time_ge: createTimeGe }),
    );
  }

  /**
   * Drops the cached orders (a webhook said they changed): the next read goes upstream. Order
   * lists and refund searches holding them age out on their short TTLs.
   */
  async invalidateOrders(shopId: string, orderIds: readonly string[]): Promise<void> {
    await Promise.all(orderIds.map((id) => this.fetcher.invalidate(this.key('shop', shopId, 'order', id))));
  }

  /** Drops the cached products (a webhook said they changed); product lists age out on their TTL. */
  async invalidateProducts(shopId: string, productIds: readonly string[]): Promise<void> {
    await Promise.all(productIds.map((id) => this.fetcher.invalidate(this.key('shop', shopId, 'product', id))));
  }

  private storeOrder(shopId: string, order: PartnerOrder): Promise<void> {
    const ttl = order.status !== undefined && CLOSED.has(order.status) ? this.ttls.closedOrders : this.ttls.openOrders;
    return this.fetcher.put(this.key('shop', shopId, 'order', order.id), order, ttl);
  }
}

/** Walks every page of a token-paged search: every readable row, and every rejected one. */
export async function collect<T>(page: (token: string | undefined) => Promise<UpstreamPage<T>>): Promise<{ items: T[]; rejected: RejectedRow[] }> {
  const all: { items: T[]; rejected: RejectedRow[] } = { items: [], rejected: [] };
  let token: string | undefined;
  do {
    const result = await page(token);
    all.items.push(...result.items);
    all.rejected.push(...result.rejected);
    token = result.nextPageToken || undefined;
  } while (token);
  return all;
}
