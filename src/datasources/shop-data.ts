import type { CachedValue, Fetcher } from '../cache/cached-fetch';
import type {
  PartnerCancellation,
  PartnerOrder,
  PartnerProduct,
  PartnerProductSummary,
  PartnerReturnOrder,
  PartnerShop,
} from './partner/schemas';
import { toShopInfo, type ShopInfo, type ShopOverride } from './shop-directory';
import { UpstreamError } from './upstream-error';

/** A shop as the Partner API addresses it. */
export interface ShopRef {
  id: string;
  cipher: string;
}

/** Order search query as TikTok takes it: filters in the body, paging and sort in the query. */
export interface OrderSearchQuery {
  filters: {
    order_status?: string;
    create_time_ge?: number;
    create_time_lt?: number;
    update_time_ge?: number;
    update_time_lt?: number;
  };
  sortField: 'create_time' | 'update_time';
  sortOrder: 'ASC' | 'DESC';
}

export interface ProductSearchQuery {
  filters: { status?: string; update_time_ge?: number; update_time_le?: number };
}

/** One upstream page. */
export interface UpstreamPage<T> {
  items: T[];
  nextPageToken: string;
  totalCount: number | null;
}

/** The Partner API calls ShopGraph's graph reads (a subset of the client). */
export interface PartnerReader {
  getAuthorizedShops(): Promise<PartnerShop[]>;
  searchOrders(shop: ShopRef, q: OrderSearchQuery & { pageSize: number; pageToken?: string }): Promise<UpstreamPage<PartnerOrder>>;
  getOrders(shop: ShopRef, ids: string[]): Promise<PartnerOrder[]>;
  searchProducts(shop: ShopRef, q: ProductSearchQuery & { pageSize: number; pageToken?: string }): Promise<UpstreamPage<PartnerProductSummary>>;
  getProduct(shop: ShopRef, productId: string): Promise<PartnerProduct>;
  searchReturns(shop: ShopRef, q: { filters: { order_ids?: string[]; create_time_ge?: number }; pageSize: number; pageToken?: string }): Promise<UpstreamPage<PartnerReturnOrder>>;
  searchCancellations(shop: ShopRef, q: { filters: { order_ids?: string[]; create_time_ge?: number }; pageSize: number; pageToken?: string }): Promise<UpstreamPage<PartnerCancellation>>;
}

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

/**
 * Cached, single-flight access to one TikTok app's shop data. Every key carries the app key and
 * shop id, so one app's or shop's entry never answers another's request.
 */
export class ShopData {
  constructor(
    private readonly partner: PartnerReader,
    private readonly fetcher: Fetcher,
    private readonly options: { appKey: string; overrides: Record<string, ShopOverride>; ttls?: ShopDataTtls },
  ) {}

  private get ttls(): ShopDataTtls {
    return this.options.ttls ?? DEFAULT_TTLS;
  }

  private key(...parts: string[]): string {
    return ['v1', this.options.appKey, ...parts].join(':');
  }

  /** Every shop the app is authorized for. */
  async shops(): Promise<CachedValue<ShopInfo[]>> {
    return this.fetcher.fetch(this.key('shops'), { ttlMs: this.ttls.shops, staleIfErrorMs: this.ttls.shops }, async () =>
      (await this.partner.getAuthorizedShops()).map((s) => toShopInfo(s, this.options.overrides[s.id])),
    );
  }

  async shop(id: string): Promise<ShopInfo | undefined> {
    return (await this.shops()).value.find((s) => s.id === id);
  }

  /** One page of an order search; its orders also land in the per-order cache. */
  async orderPage(shop: ShopInfo, query: OrderSearchQuery, pageToken: string): Promise<UpstreamPage<PartnerOrder>> {
    const key = this.key('shop', shop.id, 'orders', JSON.stringify(query), pageToken);
    const page = await this.fetcher.fetch(key, { ttlMs: this.ttls.orderPages }, () =>
      this.partner.searchOrders(shop, { ...query, pageSize: ORDER_PAGE_SIZE, pageToken: pageToken || undefined }),
    );
    if (page.fromUpstream) await Promise.all(page.value.items.map((o) => this.storeOrder(shop.id, o)));
    return page.value;
  }

  /** Orders by id: cached ones first, the rest through order detail, ≤50 ids a call. */
  async orders(shop: ShopInfo, ids: readonly string[]): Promise<Map<string, PartnerOrder>> {
    const found = new Map<string, PartnerOrder>();
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
        const key = this.key('shop', shop.id, 'order-detail', batch.join(','));
        const result = await this.fetcher.fetch(key, { ttlMs: 0 }, () => this.partner.getOrders(shop, batch));
        for (const order of result.value) {
          found.set(order.id, order);
          await this.storeOrder(shop.id, order);
        }
      }),
    );
    return found;
  }

  /** A product, or undefined when TikTok says it does not exist. */
  async product(shop: ShopInfo, id: string): Promise<PartnerProduct | undefined> {
    const key = this.key('shop', shop.id, 'product', id);
    const result = await this.fetcher.fetch(key, { ttlMs: this.ttls.products, staleIfErrorMs: this.ttls.products }, async () => {
      try {
        return await this.partner.getProduct(shop, id);
      } catch (error) {
        if (error instanceof UpstreamError && error.kind === 'not_found') return null;
        throw error;
      }
    });
    return result.value ?? undefined;
  }

  async productPage(shop: ShopInfo, query: ProductSearchQuery, pageToken: string): Promise<UpstreamPage<PartnerProductSummary>> {
    const key = this.key('shop', shop.id, 'products', JSON.stringify(query), pageToken);
    const page = await this.fetcher.fetch(key, { ttlMs: this.ttls.products }, () =>
      this.partner.searchProducts(shop, { ...query, pageSize: ORDER_PAGE_SIZE, pageToken: pageToken || undefined }),
    );
    return page.value;
  }

  /** Returns and cancellations of the given orders (≤50 order ids per search). */
  async refundsOf(shop: ShopInfo, orderIds: readonly string[]): Promise<{ returns: PartnerReturnOrder[]; cancellations: PartnerCancellation[] }> {
    const key = this.key('shop', shop.id, 'refunds', [...orderIds].sort().join(','));
    const result = await this.fetcher.fetch(key, { ttlMs: this.ttls.refunds }, async () => {
      const filters = { order_ids: [...orderIds] };
      const [returns, cancellations] = await Promise.all([
        collect((token) => this.partner.searchReturns(shop, { filters, pageSize: RETURNS_PAGE_SIZE, pageToken: token })),
        collect((token) => this.partner.searchCancellations(shop, { filters, pageSize: RETURNS_PAGE_SIZE, pageToken: token })),
      ]);
      return { returns, cancellations };
    });
    return result.value;
  }

  /**
   * Every order of a search, all pages, with the oldest page's fetch time: what a metric over
   * those orders reflects. Pages are cached like any list page.
   */
  async allOrders(shop: ShopInfo, query: OrderSearchQuery): Promise<{ orders: PartnerOrder[]; fetchedAt: number; stale: boolean }> {
    const orders: PartnerOrder[] = [];
    let fetchedAt = Number.POSITIVE_INFINITY;
    let stale = false;
    let token = '';
    do {
      const key = this.key('shop', shop.id, 'orders', JSON.stringify(query), token);
      const page = await this.fetcher.fetch(key, { ttlMs: this.ttls.orderPages, staleIfErrorMs: this.ttls.closedOrders }, () =>
        this.partner.searchOrders(shop, { ...query, pageSize: ORDER_PAGE_SIZE, pageToken: token || undefined }),
      );
      orders.push(...page.value.items);
      fetchedAt = Math.min(fetchedAt, page.fetchedAt);
      stale ||= page.stale;
      token = page.value.nextPageToken;
    } while (token);
    return { orders, fetchedAt, stale };
  }

  /** Returns and cancellations created at or after `createTimeGe` (all pages). */
  async refundsSince(shop: ShopInfo, createTimeGe: number): Promise<CachedValue<{ returns: PartnerReturnOrder[]; cancellations: PartnerCancellation[] }>> {
    const key = this.key('shop', shop.id, 'refunds-since', String(createTimeGe));
    return this.fetcher.fetch(key, { ttlMs: this.ttls.refunds, staleIfErrorMs: this.ttls.closedOrders }, async () => {
      const filters = { create_time_ge: createTimeGe };
      const [returns, cancellations] = await Promise.all([
        collect((token) => this.partner.searchReturns(shop, { filters, pageSize: RETURNS_PAGE_SIZE, pageToken: token })),
        collect((token) => this.partner.searchCancellations(shop, { filters, pageSize: RETURNS_PAGE_SIZE, pageToken: token })),
      ]);
      return { returns, cancellations };
    });
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
    const ttl = CLOSED.has(order.status) ? this.ttls.closedOrders : this.ttls.openOrders;
    return this.fetcher.put(this.key('shop', shopId, 'order', order.id), order, ttl);
  }
}

/** Walks every page of a token-paged search. */
export async function collect<T>(page: (token: string | undefined) => Promise<UpstreamPage<T>>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    all.push(...result.items);
    token = result.nextPageToken || undefined;
  } while (token);
  return all;
}
