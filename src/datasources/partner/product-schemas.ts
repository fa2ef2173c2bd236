/**
 * Schemas of products (search and detail) and inventory.
 *
 * A product needs its `id`, and each SKU its `id`; the rest may be missing:
 * - product search sends `skus[].price.sale_price` to cross-border sellers only; local sellers get
 *   `tax_exclusive_price` (their display price) alone. Product detail has `sale_price` for all.
 * - `status` is absent for Indonesian sellers who did not list on TikTok Shop (Tokopedia).
 * A search page returns its good products and its `rejected` rows ({@link RejectedRow}, see
 * order-schemas.ts).
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { blankAsAbsent, liftRejected, openEnum, rowsOf, type Open } from '../lenient';
import { currencyCode, optionalCount, optionalDecimal, optionalId, optionalTime, pageFields, partnerId, text } from './schema-primitives';

/** Product statuses in TikTok's reference. */
export const PRODUCT_STATUSES = ['DRAFT', 'PENDING', 'FAILED', 'ACTIVATE', 'SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED', 'FREEZE', 'DELETED'] as const;
export type PartnerProductStatus = Open<(typeof PRODUCT_STATUSES)[number]>;

/**
 * A SKU price. `sale_price`: the display price (cross-border sellers in search, everyone in
 * detail); `tax_exclusive_price`: local sellers' display price in search, cross-border sellers'
 * pre-tax price.
 */
export const partnerSkuPrice = z.object({
  currency: blankAsAbsent(currencyCode),
  sale_price: optionalDecimal,
  tax_exclusive_price: optionalDecimal,
});
export type PartnerSkuPrice = z.output<typeof partnerSkuPrice>;

/** Stock of one SKU in one warehouse. */
export const partnerSkuInventory = z.object({ warehouse_id: optionalId, quantity: optionalCount });

/** A variant attribute value, e.g. Color = Red. */
export const partnerSalesAttribute = z.object({
  id: optionalId,
  name: text,
  value_id: optionalId,
  value_name: text,
});

/** One SKU of a product. */
export const partnerSku = z.object({
  id: partnerId,
  seller_sku: text,
  price: blankAsAbsent(partnerSkuPrice),
  inventory: z
    .array(partnerSkuInventory)
    .nullish()
    .transform((rows) => rows ?? []),
  sales_attributes: blankAsAbsent(z.array(partnerSalesAttribute)),
});
export type PartnerSku = z.output<typeof partnerSku>;

/** A category on the path from the root to the product's leaf category. */
export const partnerCategory = z.object({
  id: partnerId,
  parent_id: optionalId,
  local_name: text,
  is_leaf: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});

/** A product image: `uri` is TikTok's handle, `urls` are CDN links. */
export const partnerImage = z.object({
  uri: text,
  urls: z
    .array(z.string())
    .nullish()
    .transform((urls) => urls ?? []),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});

const productStatus = blankAsAbsent(openEnum('product.status', PRODUCT_STATUSES));
const skus = z
  .array(partnerSku)
  .nullish()
  .transform((rows) => rows ?? []);

/** Product detail (`GET /product/{version}/products/{product_id}`). */
export const partnerProduct = z.object({
  id: partnerId,
  title: text,
  description: text,
  status: productStatus,
  category_chains: z
    .array(partnerCategory)
    .nullish()
    .transform((rows) => rows ?? []),
  brand: blankAsAbsent(z.object({ id: optionalId, name: text })),
  main_images: z
    .array(partnerImage)
    .nullish()
    .transform((rows) => rows ?? []),
  skus,
  create_time: optionalTime,
  update_time: optionalTime,
});
export type PartnerProduct = z.output<typeof partnerProduct>;

/** The product summary product search returns: no description, images or categories. */
export const partnerProductSummary = z.object({
  id: partnerId,
  title: text,
  status: productStatus,
  skus,
  sales_regions: blankAsAbsent(z.array(z.string())),
  create_time: optionalTime,
  update_time: optionalTime,
});
export type PartnerProductSummary = z.output<typeof partnerProductSummary>;

/** `data` of the product search: good products, and `rejected` rows. */
export const productSearchData = z
  .object({ products: rowsOf(partnerProductSummary, { id: 'id', orderId: null }), ...pageFields })
  .transform(({ products, ...page }) => ({ ...page, products: products.rows, rejected: liftRejected('products', products.rejected) }));
export type ProductSearchData = z.output<typeof productSearchData>;

/**
 * Available/committed stock of one SKU in one warehouse (Inventory Search). A missing quantity is
 * unknown, never 0 (docs/metrics.md, "Inventory").
 */
export const partnerWarehouseInventory = z.object({
  warehouse_id: optionalId,
  available_quantity: optionalCount,
  committed_quantity: optionalCount,
});

const allocation = z.object({ quantity: optionalCount });

/** How the available units are shared out: TikTok campaigns, creators, and what is left for the shop. */
export const partnerInventoryDistribution = z.object({
  campaign_inventory: z
    .array(allocation.extend({ campaign_name: text }))
    .nullish()
    .transform((rows) => rows ?? []),
  creator_inventory: z
    .array(allocation.extend({ creator_name: text }))
    .nullish()
    .transform((rows) => rows ?? []),
  in_shop_inventory: blankAsAbsent(allocation),
});

/** Per-SKU stock as inventory search returns it; only the SKU's `id` is required. */
export const partnerInventorySku = z.object({
  id: partnerId,
  seller_sku: text,
  total_available_quantity: optionalCount,
  total_committed_quantity: optionalCount,
  warehouse_inventory: z
    .array(partnerWarehouseInventory)
    .nullish()
    .transform((rows) => rows ?? []),
  total_available_inventory_distribution: blankAsAbsent(partnerInventoryDistribution),
});
export type PartnerInventorySku = z.output<typeof partnerInventorySku>;

/**
 * Stock of one product's SKUs. A SKU row without an id is set aside (`rejected`, paths from the
 * product), the product's other SKUs still answer.
 */
export const partnerInventory = z
  .object({ product_id: partnerId, skus: rowsOf(partnerInventorySku, { id: 'id', orderId: null }) })
  .transform(({ product_id, skus }) => ({ product_id, skus: skus.rows, rejected: skus.rejected }));
export type PartnerInventory = z.output<typeof partnerInventory>;

/**
 * `data` of the inventory search: the readable products, and `rejected` rows (a product without
 * its id, or a SKU without its), each noticed like any other unreadable row.
 */
export const inventorySearchData = z.object({ inventory: rowsOf(partnerInventory, { id: 'product_id', orderId: null }) }).transform(({ inventory }) => ({
  inventory: inventory.rows,
  rejected: liftRejected('inventory', [
    ...inventory.rejected,
    // A good product's position in TikTok's list is not kept: its SKU rows are named by the product id.
    ...inventory.rows.flatMap((p) => p.rejected.map((r) => ({ ...r, path: `(product_id=${p.product_id}).skus${r.path}` }))),
  ]),
}));
export type InventorySearchData = z.output<typeof inventorySearchData>;
