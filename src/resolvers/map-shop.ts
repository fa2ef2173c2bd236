import type { PartnerProduct, PartnerProductSummary } from '../datasources/partner/schemas';
import type { ShopInfo } from '../datasources/shop-directory';
import { roundMoney } from '../metrics/money';
import { fromUnixSeconds } from '../schema/scalars';
import { money } from '../schema/types/common';
import { Product, ProductStatus, Sku } from '../schema/types/product';
import { SellerType, Shop } from '../schema/types/shop';

/** Maps the internal shop record to the graph's Shop (the cipher stays internal). */
export function toShop(s: ShopInfo): Shop {
  return Object.assign(new Shop(), {
    id: s.id,
    name: s.name,
    code: s.code,
    region: s.region,
    sellerType: s.sellerType as SellerType,
    currency: s.currency,
    timezone: s.timezone,
  });
}

/** Maps a product (detail or search summary) to the graph's Product. */
export function toProduct(shopId: string, p: PartnerProduct | PartnerProductSummary): Product {
  return Object.assign(new Product(), {
    id: p.id,
    shopId,
    title: p.title,
    status: p.status as ProductStatus,
    createdAt: fromUnixSeconds(p.create_time),
    updatedAt: fromUnixSeconds(p.update_time),
    skus: p.skus.map((sku) =>
      Object.assign(new Sku(), {
        id: sku.id,
        sellerSku: sku.seller_sku || null,
        price: money(roundMoney(sku.price.sale_price, sku.price.currency), sku.price.currency),
        availableQuantity: sku.inventory.length ? sku.inventory.reduce((n, i) => n + i.quantity, 0) : null,
        shopId,
        productId: p.id,
      }),
    ),
  });
}
