import type { CachedValue } from '../cache/cached-fetch';
import type { Budget } from '../upstream/abort';
import type { Open } from './lenient';
import type { PartnerShop } from './partner/schemas';
import type { SellerEntry } from './partner/token-store';
import { defaultTimeZoneForRegion } from '../domain/window';

/** A shop as the rest of ShopGraph sees it: TikTok's record plus its currency and time zone. */
export interface ShopInfo {
  id: string;
  name: string;
  code: string | null;
  region: string;
  /** As TikTok sent it; a type ShopGraph does not know is kept. */
  sellerType: Open<'LOCAL' | 'CROSS_BORDER'>;
  /** Needed on every shop-scoped Partner API call. */
  cipher: string;
  currency: string;
  timezone: string;
  /** The seller whose authorization reads it (its token chain); absent with a single, unnamed one. */
  sellerId?: string;
}

/** Per-shop settings from the config file that win over what the region implies. */
export interface ShopOverride {
  timezone?: string;
  currency?: string;
  advertiserIds?: string[];
}

// "Get Authorized Shops" does not say a shop's currency; a TikTok Shop market sells in one currency.
const REGION_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD',
  GB: 'GBP',
  ID: 'IDR',
  MY: 'MYR',
  TH: 'THB',
  VN: 'VND',
  PH: 'PHP',
  SG: 'SGD',
  MX: 'MXN',
  ES: 'EUR',
  DE: 'EUR',
  FR: 'EUR',
  IT: 'EUR',
  IE: 'EUR',
  JP: 'JPY',
  BR: 'BRL',
};

/** TikTok's Southeast Asian markets: some finance data (payments, statement amounts) does not exist there. */
export const SEA_REGIONS: ReadonlySet<string> = new Set(['ID', 'MY', 'PH', 'SG', 'TH', 'VN']);

/** Whether a shop sells in Southeast Asia. */
export function inSoutheastAsia(shop: Pick<ShopInfo, 'region'>): boolean {
  return SEA_REGIONS.has(shop.region);
}

/** Builds a {@link ShopInfo} from TikTok's shop record and the operator's overrides. */
export function toShopInfo(shop: PartnerShop, override: ShopOverride = {}): ShopInfo {
  return {
    id: shop.id,
    name: shop.name,
    code: shop.code || null,
    region: shop.region,
    sellerType: shop.seller_type,
    cipher: shop.cipher,
    currency: override.currency ?? REGION_CURRENCY[shop.region] ?? 'USD',
    timezone: override.timezone ?? defaultTimeZoneForRegion(shop.region),
  };
}

/** Where the shop directory learns who authorized the app, and each seller's shops. */
export interface SellerShopSource {
  /** The sellers, newest authorization first. */
  sellers(): Promise<SellerEntry[]>;
  /** TikTok's list of one seller's authorized shops, read with that seller's own token. */
  authorizedShops(sellerId: string, budget?: Budget): Promise<PartnerShop[]>;
  /** A fresh list of a seller's shops was read: remember which shops its authorization covers. */
  learned(seller: SellerEntry, shopIds: string[]): Promise<void>;
}

/** Every seller's shops together, and the sellers whose shops could not be listed. */
export interface ShopList extends CachedValue<ShopInfo[]> {
  /** Sellers TikTok listed no shops for (and no copy was kept): their shops are missing from `value`. */
  unavailable?: { seller: SellerEntry; error: unknown }[];
}

/**
 * The union of the sellers' shop lists (`sellers` newest authorization first, `parts` in the same
 * order): a shop two authorizations list is the newest's. One seller's failure takes only its own
 * shops out; when every seller's list fails, so does the union.
 */
export function unionOfShops(sellers: readonly SellerEntry[], parts: readonly PromiseSettledResult<CachedValue<ShopInfo[]>>[], now: number): ShopList {
  const listed = parts.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
  const unavailable = sellers.flatMap((seller, i) => {
    const part = parts[i];
    return part?.status === 'rejected' ? [{ seller, error: part.reason as unknown }] : [];
  });
  const first = unavailable[0];
  if (listed.length === 0 && first) throw first.error;
  const seen = new Set<string>();
  const value: ShopInfo[] = [];
  for (const shop of listed.flatMap((p) => p.value)) {
    if (seen.has(shop.id)) continue;
    seen.add(shop.id);
    value.push(shop);
  }
  const staleOne = listed.find((p) => p.stale);
  return {
    value,
    fetchedAt: listed.length > 0 ? Math.min(...listed.map((p) => p.fetchedAt)) : now,
    stale: staleOne !== undefined,
    ...(staleOne?.staleReason ? { staleReason: staleOne.staleReason } : {}),
    fromUpstream: listed.some((p) => p.fromUpstream),
    ...(unavailable.length > 0 ? { unavailable } : {}),
  };
}

/**
 * A shop of the list; when it is not there but may belong to a seller whose list TikTok did not
 * give, that seller's error (the shop is unreachable, not unknown); else undefined.
 */
export function findShop(list: ShopList, id: string): ShopInfo | undefined {
  const found = list.value.find((s) => s.id === id);
  if (found) return found;
  const owner = list.unavailable?.find((u) => u.seller.shopIds === undefined || u.seller.shopIds.includes(id));
  if (owner) throw owner.error;
  return undefined;
}
