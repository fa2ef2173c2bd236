/**
 * Every seller's authorization of the app, and the access token of each call: a shop-scoped call
 * is made with the token of the seller that shop belongs to (shop → seller → that seller's chain).
 * Each seller has its own {@link TokenManager}, so refreshes are single-flight per seller (and,
 * with the shared lock, across replicas) and a seller's failing chain fails its own shops only.
 */
import { UpstreamError } from '../../upstream/upstream-error';
import { TokenManager, type TokenManagerOptions } from './token-manager';
import type { SellerEntry, SellerStore, TokenRecord } from './token-store';

/** Options of {@link SellerTokens}: the token host's, plus where the sellers are kept. */
export interface SellerTokensOptions extends Omit<TokenManagerOptions, 'store' | 'storeKey' | 'slot'> {
  sellers: SellerStore;
  /** How long this process trusts its copy of the seller list before reading the store again. @default 5000 */
  listTtlMs?: number;
}

/** A shop as a call names it; `sellerId` when the shop directory said whose it is. */
export interface ShopOfSeller {
  id: string;
  sellerId?: string;
}

/** Where a Partner API call gets its access token (see `PartnerClientOptions.tokens`). */
export interface AccessTokens {
  getAccessToken(shop?: ShopOfSeller): Promise<string>;
  invalidate(rejectedAccessToken?: string, shop?: ShopOfSeller): Promise<void>;
}

/** The sellers who authorized the app, and their token chains. */
export class SellerTokens implements AccessTokens {
  private readonly managers = new Map<string, TokenManager>();
  private readonly host: TokenManager;
  private snapshot: { at: number; sellers: SellerEntry[] } | undefined;
  private reading: Promise<SellerEntry[]> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SellerTokensOptions) {
    this.now = options.now ?? Date.now;
    // Grants only: whose tokens a code gives is known from TikTok's answer, so it stores nothing.
    this.host = new TokenManager({ ...options, slot: { read: async () => undefined, write: async () => false } });
  }

  /** The sellers, newest authorization first; `fresh` reads the store rather than this process's copy. */
  async list(fresh = false): Promise<SellerEntry[]> {
    const copy = this.snapshot;
    if (!fresh && copy && this.now() - copy.at < (this.options.listTtlMs ?? 5000)) return copy.sellers;
    this.reading ??= this.options.sellers
      .list()
      .then((sellers) => {
        const sorted = [...sellers].sort((a, b) => b.authorizedAt - a.authorizedAt || a.id.localeCompare(b.id));
        this.snapshot = { at: this.now(), sellers: sorted };
        return sorted;
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  /** The token chain of one seller (its refresh lock is its own). */
  manager(sellerId: string): TokenManager {
    let manager = this.managers.get(sellerId);
    if (!manager) {
      const { appKey } = this.options;
      manager = new TokenManager({ ...this.options, slot: this.options.sellers.tokens(sellerId), storeKey: `${appKey}:seller:${sellerId}` });
      this.managers.set(sellerId, manager);
    }
    return manager;
  }

  /**
   * The seller a shop belongs to: the one the shop directory named, else the newest authorization
   * listing it, else the only seller there is.
   * @throws UpstreamError `auth_expired` when no seller's authorization covers the shop
   */
  async sellerOf(shop: ShopOfSeller): Promise<string> {
    if (shop.sellerId !== undefined) return shop.sellerId;
    for (const fresh of [false, true]) {
      const sellers = await this.list(fresh);
      const owner = sellers.find((s) => s.shopIds?.includes(shop.id)) ?? (sellers.length === 1 ? sellers[0] : undefined);
      if (owner) return owner.id;
    }
    throw new UpstreamError('auth_expired', `no seller's authorization covers shop ${shop.id}: the seller must authorize the app`, { api: 'auth' });
  }

  async getAccessToken(shop?: ShopOfSeller): Promise<string> {
    return this.manager(await this.chainOf(shop)).getAccessToken();
  }

  async invalidate(rejectedAccessToken?: string, shop?: ShopOfSeller): Promise<void> {
    await this.manager(await this.chainOf(shop)).invalidate(rejectedAccessToken);
  }

  /** Trades an auth code for a seller's tokens; nothing is stored until {@link add}. */
  grant(authCode: string): Promise<TokenRecord> {
    return this.host.grant(authCode);
  }

  /** Adds a seller with its first tokens, or replaces that seller's own earlier authorization. */
  async add(entry: SellerEntry, tokens: TokenRecord): Promise<void> {
    await this.options.sellers.put(entry, tokens);
    this.forget(entry.id);
  }

  /** Rewrites a seller's entry (the shops its authorization covers); false when it is gone. */
  async update(entry: SellerEntry): Promise<boolean> {
    const updated = await this.options.sellers.update(entry);
    this.snapshot = undefined;
    return updated;
  }

  /** Removes a seller and its chain; false when it was not there. */
  async remove(sellerId: string): Promise<boolean> {
    const removed = await this.options.sellers.remove(sellerId);
    this.forget(sellerId);
    return removed;
  }

  /** An unscoped call names no shop: that is only unambiguous with a single seller. */
  private async chainOf(shop: ShopOfSeller | undefined): Promise<string> {
    if (shop) return this.sellerOf(shop);
    const sellers = await this.list();
    if (sellers.length === 1 && sellers[0]) return sellers[0].id;
    throw new UpstreamError('auth_expired', sellers.length === 0 ? 'no seller has authorized the app' : 'a call without a shop must name its seller', {
      api: 'auth',
    });
  }

  private forget(sellerId: string): void {
    this.managers.delete(sellerId);
    this.snapshot = undefined;
  }
}
