/**
 * The emulator's records of products and stock (see `shapes.ts`).
 */
import type {
  WireProduct, WireProductInventory, WireProductStatus, WireProductSummary, WireSku, WireSkuPrice,
} from '../wire';

/** A SKU price; `sale_price` may be absent (product search, local sellers). */
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

/** A product as `/product/202309/products/search` lists it. */
export interface PartnerProductSummary extends WireProductSummary {
  id: string;
  title: string;
  skus: PartnerSku[];
  create_time: number;
  update_time: number;
}

/** One product of `/product/202309/inventory/search`. */
export interface InventoryResult extends WireProductInventory {
  product_id: string;
  skus: {
    id: string; seller_sku: string; total_available_quantity: number; total_committed_quantity: number;
    warehouse_inventory: { warehouse_id: string; available_quantity: number; committed_quantity: number }[];
  }[];
}
