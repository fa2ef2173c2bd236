/**
 * The emulator's records of products and stock (see `shapes.ts`).
 */
import type { WireProduct, WireProductInventory, WireProductStatus, WireProductSummary, WireSku, WireSkuPrice } from '../wire';

/**
 * A SKU price as a product record holds it: Get Product's shape, `sale_price` for every seller and,
 * for cross-border sellers, `tax_exclusive_price` too. Search shows it per seller type
 * (`product-search.ts`); a recorded price keeps what was recorded.
 */
export interface PartnerSkuPrice extends WireSkuPrice {
  currency: string;
}

/** One SKU of a product. */
export interface PartnerSku extends WireSku {
  id: string;
  seller_sku: string;
  price: PartnerSkuPrice;
  inventory: { warehouse_id: string; quantity: number }[];
}

/** Product detail (`GET /product/202309/products/{product_id}`). `status` may be absent. */
export interface PartnerProduct extends WireProduct {
  id: string;
  title: string;
  description: string;
  status?: WireProductStatus;
  category_chains: { id: string; parent_id?: string; local_name: string; is_leaf: boolean }[];
  main_images: { uri: string; urls: string[]; width?: number; height?: number }[];
  skus: PartnerSku[];
  create_time: number;
  update_time: number;
}

/** The Search Products versions served: 202502 (TikTok's testing tool default) and 202309. */
export type ProductSearchVersion = '202309' | '202502';

/**
 * A product as Search Products lists it (202502's row; 202309 serves a subset). A recorded row is
 * kept as recorded, so only what searches filter and sort by is required.
 */
export interface PartnerProductSummary extends WireProductSummary {
  id: string;
  create_time: number;
  update_time: number;
}

/** One product of `/product/202309/inventory/search`. */
export interface InventoryResult extends WireProductInventory {
  product_id: string;
  skus: {
    id: string;
    seller_sku: string;
    total_available_quantity: number;
    total_committed_quantity: number;
    warehouse_inventory: { warehouse_id: string; available_quantity: number; committed_quantity: number }[];
    total_available_inventory_distribution?: {
      campaign_inventory: { quantity: number; campaign_name: string }[];
      creator_inventory: { quantity: number; creator_name: string }[];
      in_shop_inventory: { quantity: number };
    };
  }[];
}
