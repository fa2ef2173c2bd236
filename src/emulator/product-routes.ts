/**
 * Partner API v2 product routes: Search Products at 202502 (TikTok's testing tool default) and
 * still at 202309, Get Product and Inventory Search. Each handler validates its params as TikTok
 * does and asks the store (docs/tiktok-api.md, Products).
 */
import { EmulatorRejection, PartnerCode, invalidParam } from './codes';
import { ResultWindowExceeded } from './data/paging';
import type { EmulatorStore, ProductSearchVersion } from './data/store';
import { bodyInt, bodyString, bodyStrings, pageSize, pageToken, type JsonObject } from './params';
import type { PartnerRouter } from './partner-routes';

/** The product statuses Search Products filters by (`ALL` for every status). */
const PRODUCT_STATUSES = ['ALL', 'DRAFT', 'PENDING', 'FAILED', 'ACTIVATE', 'SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED', 'FREEZE', 'DELETED'] as const;

/** Search Products versions, oldest first; TikTok keeps the older one served. */
const SEARCH_VERSIONS: readonly ProductSearchVersion[] = ['202309', '202502'];

/** At most 10 `seller_skus` and (202502) 10 `sku_ids`, each with its own documented code. */
const MAX_FILTER_IDS = 10;

/** Registers the product routes on the Partner router. */
export function registerProductRoutes(router: PartnerRouter, store: EmulatorStore): void {
  for (const version of SEARCH_VERSIONS) {
    router.route('POST', `/product/${version}/products/search`, ({ shop, query, body }) => {
      const filter = {
        status: bodyString(body, 'status', PRODUCT_STATUSES),
        seller_skus: limitedIds(body, 'seller_skus', PartnerCode.SELLER_SKUS_LIMIT, 'The maximum count of “seller_skus” in the search filter is 10.'),
        ...(version === '202502' ? { sku_ids: limitedIds(body, 'sku_ids', PartnerCode.SKU_IDS_LIMIT, 'The number of SKU IDs exceeds the limit of 10') } : {}),
        create_time_ge: bodyInt(body, 'create_time_ge'),
        create_time_le: bodyInt(body, 'create_time_le'),
        update_time_ge: bodyInt(body, 'update_time_ge'),
        update_time_le: bodyInt(body, 'update_time_le'),
      };
      const paging = { pageSize: pageSize(query, 1, 100), pageToken: pageToken(query), version };
      try {
        const page = store.searchProducts(shop.id, filter, paging);
        return { products: page.items, next_page_token: page.next_page_token, total_count: page.total_count };
      } catch (error) {
        // TikTok serves the pages before the 10,000th result and refuses the page that would
        // go past it (its sample token for that request reads "offset=10000").
        if (error instanceof ResultWindowExceeded) {
          throw new EmulatorRejection(PartnerCode.SEARCH_RESULT_CAP, 'The total number of search results can not exceed 10000.', 200);
        }
        throw error;
      }
    });
  }

  router.route('GET', '/product/202309/products/:id', ({ shop, params }) => {
    const id = params.id ?? '';
    // Not-found answers with HTTP 200: the HTTP status of Partner business errors is not
    // documented, and the recorded answers assume 200 (docs/tiktok-api.md, Products).
    if (!/^\d{1,20}$/.test(id)) throw new EmulatorRejection(PartnerCode.PRODUCT_ID_NOT_FOUND, 'The product ID does not exist.', 200);
    const found = store.findProduct(shop.id, id);
    if ('product' in found) return found.product;
    if (found.missing === 'deleted') throw new EmulatorRejection(PartnerCode.PRODUCT_NOT_FOUND, 'The product does not exist', 200);
    throw new EmulatorRejection(PartnerCode.PRODUCT_ID_MISSING, 'The product ID does not exist', 200);
  });

  // Inventory Search: at most 100 product ids or 600 SKU ids, each limit with its own code; SKU
  // ids win when both are sent; a product id that is not a decimal id is refused (12019008).
  router.route('POST', '/product/202309/inventory/search', ({ shop, body }) => {
    const productIds = bodyStrings(body, 'product_ids', Number.MAX_SAFE_INTEGER);
    const skuIds = bodyStrings(body, 'sku_ids', Number.MAX_SAFE_INTEGER);
    if (!productIds?.length && !skuIds?.length) throw invalidParam('Invalid param: product_ids or sku_ids is required');
    if (productIds && productIds.length > 100)
      throw new EmulatorRejection(PartnerCode.INVENTORY_PRODUCT_IDS_LIMIT, 'The number of provided product IDs exceeds the limit.', 200);
    if (skuIds && skuIds.length > 600) throw new EmulatorRejection(PartnerCode.INVENTORY_SKU_IDS_LIMIT, 'The number of SKU exceed the limit', 200);
    if (!skuIds && productIds?.some((id) => !/^\d{1,20}$/.test(id)))
      throw new EmulatorRejection(PartnerCode.INVENTORY_PRODUCT_ID_INVALID, 'Product id is invalid', 200);
    return { inventory: store.searchInventory(shop.id, { product_ids: productIds, sku_ids: skuIds }) };
  });
}

/** An id list filter of at most 10, refused with its own code past that. */
function limitedIds(body: JsonObject, name: string, code: number, message: string): string[] | undefined {
  const ids = bodyStrings(body, name, Number.MAX_SAFE_INTEGER);
  if (ids && ids.length > MAX_FILTER_IDS) throw new EmulatorRejection(code, message, 200);
  return ids;
}
