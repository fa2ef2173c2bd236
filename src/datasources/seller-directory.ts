/**
 * Sellers joining and leaving: a seller authorizing the app adds its own authorization (its
 * shops, its refresh chain) beside the others'; the same seller authorizing again replaces only
 * its own; a seller deauthorizing a shop, or an operator revoking a seller, touches no other.
 * Also what the shop directory reads: who the sellers are and each one's shops.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../telemetry/logger';
import type { Budget } from '../upstream/abort';
import type { PartnerShop } from './partner/schemas';
import type { SellerTokens } from './partner/seller-tokens';
import type { SellerEntry, TokenRecord } from './partner/token-store';
import type { SellerShopSource } from './shop-directory';

/** What an authorization added, as the OAuth callback answers it. */
export interface Onboarded {
  seller: { id: string; name: string; region: string };
  /** The shops the authorization covers; null when TikTok did not list them yet (they appear once it does). */
  shops: { id: string; name: string; region: string }[] | null;
  /** Earlier authorizations it replaced: the seller's own, or one whose every shop it covers. */
  replaced: string[];
}

/** Options of {@link SellerDirectory}. */
export interface SellerDirectoryOptions {
  tokens: SellerTokens;
  /** TikTok's list of a seller's shops, read with that seller's token (uncached). */
  listShops(sellerId: string, budget?: Budget): Promise<PartnerShop[]>;
  /** Drops the cached list of a seller's shops. */
  forgetShops(sellerId: string): Promise<void>;
  logger: Logger;
  /** @default Date.now */
  now?: () => number;
}

/** How the environment bootstraps a seller (earlier versions' only one). */
export interface Bootstrap {
  authCode?: string;
  refreshToken?: string;
  /** The single record an earlier version stored for the app, if any. */
  legacy?: () => Promise<TokenRecord | undefined>;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The sellers of one app. */
export class SellerDirectory implements SellerShopSource {
  private readonly now: () => number;

  constructor(private readonly options: SellerDirectoryOptions) {
    this.now = options.now ?? Date.now;
  }

  sellers(): Promise<SellerEntry[]> {
    return this.options.tokens.list();
  }

  authorizedShops(sellerId: string, budget?: Budget): Promise<PartnerShop[]> {
    return this.options.listShops(sellerId, budget);
  }

  async learned(seller: SellerEntry, shopIds: string[]): Promise<void> {
    const known = seller.shopIds;
    if (known && known.length === shopIds.length && known.every((id) => shopIds.includes(id))) return;
    await this.options.tokens.update({ ...seller, shopIds });
  }

  /**
   * A seller authorized the app (the OAuth callback's code): its authorization is added, or
   * replaces that seller's earlier one, and its shops are listed.
   * @throws UpstreamError when TikTok refuses the code
   */
  async authorize(code: string): Promise<Onboarded> {
    const { tokens, logger } = this.options;
    const record = await tokens.grant(code);
    const entry: SellerEntry = { id: sellerIdOf(record), name: record.sellerName, region: record.sellerBaseRegion, authorizedAt: this.now() };
    const before = await tokens.list(true);
    await tokens.add(entry, record);
    await this.options.forgetShops(entry.id);
    const replaced = before.some((s) => s.id === entry.id) ? [entry.id] : [];
    let shops: PartnerShop[] | null = null;
    try {
      shops = await this.options.listShops(entry.id);
    } catch (error) {
      logger.warn({ sellerId: entry.id, reason: (error as Error).message }, "authorized seller's shops not listed yet");
    }
    if (shops) {
      const ids = shops.map((s) => s.id);
      await tokens.update({ ...entry, shopIds: ids });
      // An authorization all of whose shops this one covers is the same seller's earlier one
      // (TikTok named it otherwise, or the environment bootstrapped it): it is replaced.
      for (const other of before) {
        if (other.id === entry.id || !other.shopIds?.length || !other.shopIds.every((id) => ids.includes(id))) continue;
        await this.revoke(other.id, 'replaced by a newer authorization of its shops');
        replaced.push(other.id);
      }
    }
    logger.info({ sellerId: entry.id, sellerName: entry.name, shopIds: shops?.map((s) => s.id), replaced }, 'seller authorized the app');
    return {
      seller: { id: entry.id, name: entry.name, region: entry.region },
      shops: shops && shops.map((s) => ({ id: s.id, name: s.name, region: s.region })),
      replaced,
    };
  }

  /**
   * The seller `TTS_AUTH_CODE` or `TTS_REFRESH_TOKEN` names, as earlier versions' one
   * authorization: a code is exchanged (another replica may have done it: then the stored sellers
   * serve); a refresh token seeds a seller only when none is stored yet.
   * @throws UpstreamError when the code is refused and no seller is stored
   */
  async bootstrap(settings: Bootstrap): Promise<void> {
    const { tokens, logger } = this.options;
    if (settings.authCode) {
      try {
        const record = await tokens.grant(settings.authCode);
        await tokens.add({ id: sellerIdOf(record), name: record.sellerName, region: record.sellerBaseRegion, authorizedAt: this.now() }, record);
      } catch (error) {
        if ((await tokens.list(true)).length === 0 && !(await this.adopt(settings))) throw error;
        logger.warn({ reason: (error as Error).message }, 'TTS_AUTH_CODE not exchanged: using the seller authorizations already stored');
      }
      return;
    }
    if (!settings.refreshToken || (await tokens.list(true)).length > 0 || (await this.adopt(settings))) return;
    // Only a refresh token is known: stored as expired, so the first call refreshes it and learns whose it is.
    await tokens.add(
      { id: `env-${hashOf(settings.refreshToken)}`, name: '', region: '', authorizedAt: 0 },
      {
        accessToken: '',
        accessTokenExpiresAt: 0,
        refreshToken: settings.refreshToken,
        refreshTokenExpiresAt: Number.MAX_SAFE_INTEGER,
        openId: '',
        sellerName: '',
        sellerBaseRegion: '',
        userType: 0,
        grantedScopes: [],
      },
    );
  }

  /**
   * TikTok says a shop was deauthorized (webhook type 6): its seller loses that shop, and the
   * seller's authorization goes when it was its last; no other seller is touched.
   * @returns the seller it belonged to, or undefined when no seller's authorization covers it
   */
  async revokeShop(shopId: string): Promise<{ sellerId: string; sellerRemoved: boolean } | undefined> {
    const sellers = await this.options.tokens.list(true);
    // A seller whose shops were never listed may own it only when it is the only one.
    const owner = sellers.find((s) => s.shopIds?.includes(shopId)) ?? (sellers.length === 1 && !sellers[0]?.shopIds ? sellers[0] : undefined);
    if (!owner) return undefined;
    const rest = owner.shopIds?.filter((id) => id !== shopId);
    if (rest && rest.length === 0) {
      await this.revoke(owner.id, `TikTok deauthorized its last shop ${shopId}`);
      return { sellerId: owner.id, sellerRemoved: true };
    }
    if (rest) await this.options.tokens.update({ ...owner, shopIds: rest });
    // Its list is read again from TikTok, which no longer lists the shop.
    await this.options.forgetShops(owner.id);
    this.options.logger.warn({ sellerId: owner.id, shopId }, 'TikTok deauthorized a shop of the seller');
    return { sellerId: owner.id, sellerRemoved: false };
  }

  /** Removes a seller's authorization (its chain, its shops); false when there was none. */
  async revoke(sellerId: string, why: string): Promise<boolean> {
    const removed = await this.options.tokens.remove(sellerId);
    await this.options.forgetShops(sellerId);
    if (removed) this.options.logger.warn({ sellerId, why }, 'seller authorization removed');
    return removed;
  }

  /** Adopts the single record an earlier version stored, as a seller. */
  private async adopt(settings: Bootstrap): Promise<boolean> {
    const record = await settings.legacy?.();
    if (!record) return false;
    await this.options.tokens.add({ id: record.openId || 'legacy', name: record.sellerName, region: record.sellerBaseRegion, authorizedAt: 0 }, record);
    return true;
  }
}

/** TikTok's `open_id` names the seller's authorization; without one, its first refresh token does. */
function sellerIdOf(record: TokenRecord): string {
  return record.openId || `seller-${hashOf(record.refreshToken)}`;
}
