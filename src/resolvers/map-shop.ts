import { isKnown } from '../datasources/lenient';
import { PRODUCT_STATUSES, type PartnerProduct, type PartnerProductSummary } from '../datasources/partner/schemas';
import type { ShopInfo } from '../datasources/shop-directory';
import { fromUnixSeconds } from '../schema/scalars';
import { Product, ProductStatus, Sku } from '../schema/types/product';
import { SellerType, Shop } from '../schema/types/shop';

/** Maps the internal shop record to the graph's Shop (the cipher stays internal). */
export function toShop(s: ShopInfo): Shop {
  return Object.assign(new Shop(), {
    id: s.id,
    name: s.name,
    code: s.code,
    region: s.region,
    sellerType: s.sellerType === 'LOCAL' ? SellerType.LOCAL : s.sellerType === 'CROSS_BORDER' ? SellerType.CROSS_BORDER : SellerType.UNKNOWN,
    rawSellerType: s.sellerType,
    currency: s.currency,
    timezone: s.timezone,
  });
}

/** TikTok's product status as the graph's: null when none, UNKNOWN when ShopGraph does not know it. */
function productStatus(value: string | undefined): ProductStatus | null {
  if (value === undefined) return null;
  return isKnown(PRODUCT_STATUSES, value) ? (value as ProductStatus) : ProductStatus.UNKNOWN;
}

/**
 * Maps a product (detail or search summary) to the graph's Product. A SKU keeps its price parts as
 * TikTok gave them: a local seller's search row has no `sale_price`, which `Sku.price` then reads
 * from product detail.
 */
export function toProduct(shopId: string, p: PartnerProduct | PartnerProductSummary): Product {
  return Object.assign(new Product(), {
    id: p.id,
    shopId,
    title: p.title,
    status: productStatus(p.status),
    rawStatus: p.status ?? null,
    createdAt: p.create_time === undefined ? null : fromUnixSeconds(p.create_time),
    updatedAt: p.update_time === undefined ? null : fromUnixSeconds(p.update_time),
    skus: p.skus.map((sku) =>
      Object.assign(new Sku(), {
        id: sku.id,
        sellerSku: sku.seller_sku || null,
        availableQuantity: sku.inventory.some((i) => i.quantity !== undefined) ? sku.inventory.reduce((n, i) => n + (i.quantity ?? 0), 0) : null,
        shopId,
        productId: p.id,
        priceParts: {
          currency: sku.price?.currency ?? null,
          salePrice: sku.price?.sale_price ?? null,
          taxExclusivePrice: sku.price?.tax_exclusive_price ?? null,
        },
      }),
    ),
  });
}
