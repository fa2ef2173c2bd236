/**
 * Products as TikTok shows them (docs/tiktok-api.md, Products): Search Products rows per seller
 * type and version, the 10,000-result window, Get Product's two kinds of "does not exist", and
 * Inventory Search. A recording's own rows are served as recorded; rows of other shops are derived
 * from their product records (Get Product's shape).
 */
import { keysetPage, type SortKey } from './paging';
import type { InventoryResult, PartnerProduct, PartnerProductSummary, PartnerSkuPrice, ProductSearchVersion } from './shapes';
import type { ShopState } from './state';
import { currentStock, withCurrentStock } from './stock';
import type { EmuShop, Page, ProductFilter, RecordedShop, TokenPaging } from './store-types';
import type { WireSku, WireSkuPrice } from '../wire';

/** TikTok's product search window: past 10,000 results it answers 12052180. */
export const PRODUCT_SEARCH_CAP = 10_000;

/** Row fields the 202502 Search Products added to 202309's (SDK models of both versions). */
const ONLY_202502 = ['audit', 'has_draft', 'integrated_platform_statuses', 'is_not_for_sale', 'listing_quality_tier', 'product_families'] as const;
/** SKU fields the 202502 rows added. */
const SKU_ONLY_202502 = ['list_price', 'external_list_prices', 'pre_sale', 'status_info'] as const;

/**
 * A SKU price as search shows it: only cross-border ("global") sellers get `sale_price` (their
 * display price) beside `tax_exclusive_price` (pre-tax); a local seller's display price comes as
 * `tax_exclusive_price` alone (Search Products, `price` fields).
 */
export function searchPrice(sellerType: EmuShop['seller_type'], price: PartnerSkuPrice): WireSkuPrice {
  if (sellerType === 'CROSS_BORDER') {
    const { currency, sale_price, tax_exclusive_price } = price;
    return { currency, ...(sale_price !== undefined ? { sale_price } : {}), ...(tax_exclusive_price !== undefined ? { tax_exclusive_price } : {}) };
  }
  const display = price.sale_price ?? price.tax_exclusive_price;
  return { currency: price.currency, ...(display !== undefined ? { tax_exclusive_price: display } : {}) };
}

/** The search row of a product record (Get Product's shape). */
export function searchRow(shop: EmuShop, p: PartnerProduct): PartnerProductSummary {
  const row: PartnerProductSummary = {
    id: p.id,
    title: p.title,
    ...(p.status !== undefined ? { status: p.status } : {}),
    skus: p.skus.map((s): WireSku => ({
      id: s.id,
      seller_sku: s.seller_sku,
      price: searchPrice(shop.seller_type, s.price),
      inventory: s.inventory,
      ...(s.status_info ? { status_info: s.status_info } : {}),
    })),
    sales_regions: [shop.region],
    create_time: p.create_time,
    update_time: p.update_time,
  };
  if (p.integrated_platform_statuses) row.integrated_platform_statuses = p.integrated_platform_statuses;
  return row;
}

/** A row as a version shows it: 202309 rows lack what 202502 added. */
function asVersion(row: PartnerProductSummary, version: ProductSearchVersion): PartnerProductSummary {
  if (version === '202502') return row;
  const copy: Record<string, unknown> = { ...row };
  for (const key of ONLY_202502) delete copy[key];
  if (row.skus) {
    copy.skus = row.skus.map((s) => {
      const sku: Record<string, unknown> = { ...s };
      for (const key of SKU_ONLY_202502) delete sku[key];
      return sku;
    });
  }
  return copy as unknown as PartnerProductSummary;
}

/**
 * The rows a shop's search walks, each with its sort key: recorded rows in their recorded order
 * (TikTok documents no order), otherwise each product record's row, newest first.
 */
function rows(shop: ShopState, recorded: RecordedShop | undefined): { row: PartnerProductSummary; key: SortKey }[] {
  const recordedRows = recorded?.productRows;
  if (recordedRows) return recordedRows.map((row, i) => ({ row, key: [recordedRows.length - i] }));
  return shop.products.map((p) => ({ row: searchRow(shop.shop, withCurrentStock(shop, p)), key: [p.create_time, p.id] }));
}

/**
 * Search Products (newest first, or as recorded). `status` absent or `ALL` lists every
 * product but deleted ones, which only `status: DELETED` lists (a recorded unfiltered search leaves
 * its deleted product out). A status-less product (Indonesia, Tokopedia) matches only `ALL`.
 * @throws InvalidPageToken
 * @throws ResultWindowExceeded when the page would serve a result past `cap`
 */
export function searchProducts(
  shop: ShopState,
  recorded: RecordedShop | undefined,
  f: ProductFilter,
  o: TokenPaging & { version: ProductSearchVersion },
  cap = PRODUCT_SEARCH_CAP,
): Page<PartnerProductSummary> {
  const sellerSkus = f.seller_skus && new Set(f.seller_skus);
  const skuIds = f.sku_ids && new Set(f.sku_ids);
  const status = f.status === 'ALL' ? undefined : f.status;
  const matches = rows(shop, recorded).filter(
    ({ row: p }) =>
      (status === undefined ? p.status !== 'DELETED' : p.status === status) &&
      (!sellerSkus || (p.skus ?? []).some((s) => s.seller_sku !== undefined && sellerSkus.has(s.seller_sku))) &&
      (!skuIds || (p.skus ?? []).some((s) => s.id !== undefined && skuIds.has(s.id))) &&
      (f.create_time_ge === undefined || p.create_time >= f.create_time_ge) &&
      (f.create_time_le === undefined || p.create_time <= f.create_time_le) &&
      (f.update_time_ge === undefined || p.update_time >= f.update_time_ge) &&
      (f.update_time_le === undefined || p.update_time <= f.update_time_le),
  );
  const page = keysetPage(matches, (m) => m.key, {
    desc: true,
    pageSize: o.pageSize,
    pageToken: o.pageToken,
    query: ['products', o.version, f],
    maxResults: cap,
  });
  return { ...page, items: page.items.map((m) => asVersion(m.row, o.version)) };
}

/** What Get Product finds: the product, or which kind of "does not exist". */
export type ProductLookup = { product: PartnerProduct } | { missing: 'deleted' | 'unknown' };

/** Get Product: a deleted product is gone ("The product does not exist", 12052032). */
export function findProduct(shop: ShopState, recorded: RecordedShop | undefined, productId: string): ProductLookup {
  if (recorded?.deletedProductIds?.includes(productId)) return { missing: 'deleted' };
  const product = shop.products.find((p) => p.id === productId);
  if (!product) return { missing: 'unknown' };
  return product.status === 'DELETED' ? { missing: 'deleted' } : { product: withCurrentStock(shop, product) };
}

/**
 * Inventory Search: by SKU ids when they are sent (they win over product ids), else by product
 * ids; recorded rows as recorded.
 */
export function searchInventory(shop: ShopState, recorded: RecordedShop | undefined, f: { product_ids?: string[]; sku_ids?: string[] }): InventoryResult[] {
  const all = recorded?.inventory ?? currentStock(shop);
  const skuIds = f.sku_ids && new Set(f.sku_ids);
  const productIds = f.product_ids && new Set(f.product_ids);
  return all
    .filter((p) => skuIds !== undefined || !productIds || productIds.has(p.product_id))
    .map((p) => ({ ...p, skus: p.skus.filter((s) => !skuIds || skuIds.has(s.id)) }))
    .filter((p) => p.skus.length > 0);
}
