/**
 * Schemas of products and inventory (202309).
 * @see ../../../../shared/spec/upstream-partner-api.md (Endpoints ShopGraph reads)
 */
import { z } from 'zod';
import { count, currencyCode, decimalString, pageFields, partnerId, unixSeconds } from './schema-primitives';

/** Product statuses of the 202309 product API. */
export const productStatus = z.enum([
  'DRAFT',
  'PENDING',
  'FAILED',
  'ACTIVATE',
  'SELLER_DEACTIVATED',
  'PLATFORM_DEACTIVATED',
  'FREEZE',
  'DELETED',
]);
export type PartnerProductStatus = z.output<typeof productStatus>;

/** A SKU price. `tax_exclusive_price` only exists in markets that show prices with tax. */
export const partnerSkuPrice = z.object({
  currency: currencyCode,
  sale_price: decimalString,
  tax_exclusive_price: decimalString.optional(),
});

/** Stock of one SKU in one warehouse. */
export const partnerSkuInventory = z.object({ warehouse_id: partnerId, quantity: count });

/** A variant attribute value, e.g. Color = Red. */
export const partnerSalesAttribute = z.object({
  id: partnerId,
  name: z.string(),
  value_id: partnerId.optional(),
  value_name: z.string().default(''),
});

/** One SKU of a product. */
export const partnerSku = z.object({
  id: partnerId,
  seller_sku: z.string().default(''),
  price: partnerSkuPrice,
  inventory: z.array(partnerSkuInventory).default([]),
  sales_attributes: z.array(partnerSalesAttribute).optional(),
});
export type PartnerSku = z.output<typeof partnerSku>;

/** A category on the path from the root to the product's leaf category. */
export const partnerCategory = z.object({
  id: partnerId,
  parent_id: partnerId.optional(),
  local_name: z.string().default(''),
  is_leaf: z.boolean().default(false),
});

/** A product image: `uri` is TikTok's handle, `urls` are CDN links. */
export const partnerImage = z.object({
  uri: z.string(),
  urls: z.array(z.string()).default([]),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});

/** Product detail (`GET /product/202309/products/{product_id}`). */
export const partnerProduct = z.object({
  id: partnerId,
  title: z.string(),
  description: z.string().default(''),
  status: productStatus,
  category_chains: z.array(partnerCategory).default([]),
  brand: z.object({ id: partnerId, name: z.string() }).optional(),
  main_images: z.array(partnerImage).default([]),
  skus: z.array(partnerSku),
  create_time: unixSeconds,
  update_time: unixSeconds,
});
export type PartnerProduct = z.output<typeof partnerProduct>;

/** The product summary product search returns: no description, images or categories. */
export const partnerProductSummary = z.object({
  id: partnerId,
  title: z.string(),
  status: productStatus,
  skus: z.array(partnerSku).default([]),
  sales_regions: z.array(z.string()).optional(),
  create_time: unixSeconds,
  update_time: unixSeconds,
});
export type PartnerProductSummary = z.output<typeof partnerProductSummary>;

/** `data` of `POST /product/202309/products/search`. */
export const productSearchData = z.object({ products: z.array(partnerProductSummary).default([]), ...pageFields });
export type ProductSearchData = z.output<typeof productSearchData>;

/** Available/committed stock of one SKU in one warehouse. */
export const partnerWarehouseInventory = z.object({
  warehouse_id: partnerId,
  available_quantity: count,
  committed_quantity: count.default(0),
});

/** Per-SKU stock as inventory search returns it. */
export const partnerInventorySku = z.object({
  id: partnerId,
  seller_sku: z.string().default(''),
  total_available_quantity: count,
  total_committed_quantity: count.default(0),
  warehouse_inventory: z.array(partnerWarehouseInventory).default([]),
});
export type PartnerInventorySku = z.output<typeof partnerInventorySku>;

/** Stock of one product's SKUs. */
export const partnerInventory = z.object({
  product_id: partnerId,
  skus: z.array(partnerInventorySku).default([]),
});
export type PartnerInventory = z.output<typeof partnerInventory>;

/** `data` of `POST /product/202309/inventory/search`. */
export const inventorySearchData = z.object({ inventory: z.array(partnerInventory).default([]) });
export type InventorySearchData = z.output<typeof inventorySearchData>;
