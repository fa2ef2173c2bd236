/**
 * Wire types of products and stock: Get Product (`GET /product/202309/products/{product_id}`),
 * Search Products (`POST /product/{version}/products/search`) and Inventory Search
 * (`POST /product/202309/inventory/search`), from TikTok's API reference (docs/tiktok-api.md).
 *
 * Absence that matters: in product SEARCH results `skus[].price.sale_price` is sent to
 * cross-border ("global") sellers only; local sellers get `tax_exclusive_price` as the display
 * price. Product DETAIL sends `sale_price` to every seller. `status` may be absent for Indonesian
 * sellers migrated from Tokopedia.
 */
import type { OpenEnum, WireCurrency, WireId, WireMoney, WireTokenPage, WireUnixSeconds } from './common';

/** Product statuses of the 202309 product API. */
export type WireProductStatus = OpenEnum<'DRAFT' | 'PENDING' | 'FAILED' | 'ACTIVATE' | 'SELLER_DEACTIVATED' | 'PLATFORM_DEACTIVATED' | 'FREEZE' | 'DELETED'>;

/**
 * A SKU price. Search: local sellers' display price is `tax_exclusive_price`, cross-border
 * sellers' is `sale_price`. Detail: `sale_price` is the display price for all sellers and
 * `tax_exclusive_price` the cross-border seller's pre-tax price.
 */
export interface WireSkuPrice {
  currency?: WireCurrency;
  sale_price?: WireMoney;
  tax_exclusive_price?: WireMoney;
  /** Price per unit of measure, where a market shows one. */
  unit_price?: WireMoney;
}

/** Stock of one SKU in one warehouse. */
export interface WireSkuInventory {
  warehouse_id?: WireId;
  quantity?: number;
  backorder_quantity?: number;
  handling_time?: number;
}

/** A variant attribute value, e.g. Color = Red. */
export interface WireSalesAttribute {
  id?: WireId;
  name?: string;
  value_id?: WireId;
  value_name?: string;
}

/** Where a product lives on a platform integrated with TikTok Shop (Indonesia: Tokopedia). */
export interface WireIntegratedPlatformStatus {
  platform?: OpenEnum<'TOKOPEDIA'>;
  status?: WireProductStatus;
}

/** A verified list price (MSRP). */
export interface WireListPrice {
  amount?: WireMoney;
  currency?: WireCurrency;
}

/** One SKU of a product. */
export interface WireSku {
  id?: WireId;
  seller_sku?: string;
  price?: WireSkuPrice;
  inventory?: WireSkuInventory[];
  sales_attributes?: WireSalesAttribute[];
  list_price?: WireListPrice;
  status_info?: { status?: string; deactivation_source?: string };
}

/** A category on the path from the root to the product's leaf category. */
export interface WireCategory {
  id?: WireId;
  /** `"0"` for a root category. */
  parent_id?: WireId;
  local_name?: string;
  is_leaf?: boolean;
}

/** A product image: `uri` is TikTok's handle, `urls` are CDN links. */
export interface WireImage {
  uri?: string;
  urls?: string[];
  thumb_urls?: string[];
  width?: number;
  height?: number;
}

/** Product detail. */
export interface WireProduct {
  id?: WireId;
  title?: string;
  /** HTML. */
  description?: string;
  /** Absent for Indonesian listings not on TikTok Shop (see `integrated_platform_statuses`). */
  status?: WireProductStatus;
  /** The status without the audit state; absent where `status` is. */
  product_status?: WireProductStatus;
  integrated_platform_statuses?: WireIntegratedPlatformStatus[];
  category_chains?: WireCategory[];
  brand?: { id?: WireId; name?: string };
  main_images?: WireImage[];
  skus?: WireSku[];
  create_time?: WireUnixSeconds;
  update_time?: WireUnixSeconds;
  is_cod_allowed?: boolean;
  is_not_for_sale?: boolean;
  has_draft?: boolean;
  listing_quality_tier?: string;
  audit?: { status?: string };
}

/**
 * A product as search returns it: no description, images or categories. 202309 rows carry `id`,
 * `title`, `status`, `skus` (`id`, `seller_sku`, `price`, `inventory`, `fees`), `sales_regions`,
 * times, `product_sync_fail_reasons` and `recommended_categories`; 202502 adds the rest.
 */
export interface WireProductSummary {
  id?: WireId;
  title?: string;
  status?: WireProductStatus;
  skus?: WireSku[];
  sales_regions?: string[];
  create_time?: WireUnixSeconds;
  update_time?: WireUnixSeconds;
  /** Cross-border sellers: why the global product did not sync to this market. */
  product_sync_fail_reasons?: string[];
  recommended_categories?: { id?: WireId; local_name?: string }[];
  /** 202502: where a status-less Indonesian listing lives. */
  integrated_platform_statuses?: WireIntegratedPlatformStatus[];
  is_not_for_sale?: boolean;
  has_draft?: boolean;
  listing_quality_tier?: string;
  audit?: { status?: string };
}

/** `data` of Search Products. Results stop at 10,000 (error 12052180 past that). */
export interface WireProductSearchData extends WireTokenPage {
  products?: WireProductSummary[];
}

/** Available and committed stock of one SKU in one warehouse. */
export interface WireWarehouseInventory {
  warehouse_id?: WireId;
  available_quantity?: number;
  committed_quantity?: number;
}

/** Per-SKU stock as Inventory Search returns it. */
export interface WireInventorySku {
  id?: WireId;
  seller_sku?: string;
  total_available_quantity?: number;
  total_committed_quantity?: number;
  warehouse_inventory?: WireWarehouseInventory[];
  /** How the available units are shared out (Inventory Search, 202309). */
  total_available_inventory_distribution?: {
    campaign_inventory?: { quantity?: number; campaign_name?: string }[];
    creator_inventory?: { quantity?: number; creator_name?: string }[];
    in_shop_inventory?: { quantity?: number };
  };
}

/** Stock of one product's SKUs. */
export interface WireProductInventory {
  product_id?: WireId;
  skus?: WireInventorySku[];
}

/** `data` of Inventory Search. */
export interface WireInventorySearchData {
  inventory?: WireProductInventory[];
}
