import type { Open } from './lenient';
import type { PartnerShop } from './partner/schemas';
import { defaultTimeZoneForRegion } from '../metrics/window';

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
}

/** Per-shop settings from the config file that win over what the region implies. */
export interface ShopOverride {
  timezone?: string;
  currency?: string;
  advertiserIds?: string[];
}

// "Get Authorized Shops" does not say a shop's currency; a TikTok Shop market sells in one currency.
const REGION_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD', GB: 'GBP', ID: 'IDR', MY: 'MYR', TH: 'THB', VN: 'VND', PH: 'PHP', SG: 'SGD',
  MX: 'MXN', ES: 'EUR', DE: 'EUR', FR: 'EUR', IT: 'EUR', IE: 'EUR', JP: 'JPY', BR: 'BRL',
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
