/**
 * Stock that moves with orders (docs/emulator.md, Inventory). Each SKU has, per warehouse, the
 * units that were received there; TikTok's figures follow from the orders as they stand:
 *
 * - committed: units (line items) of orders still to ship — placed and not cancelled, not shipped
 *   (`UNPAID`, `ON_HOLD`, `AWAITING_SHIPMENT`, a line of a `PARTIALLY_SHIPPING` order still to go);
 *   Inventory Search: "units reserved by existing customer orders … not available for ordering";
 * - shipped: units of lines that left (any later status), deducted for good (returns are not
 *   restocked: the seller would add them back by hand);
 * - available = received − shipped − committed, never below 0: an order reserves stock, its
 *   cancellation gives it back, its shipment takes it off the shelf.
 *
 * An order's units come from its `warehouse_id` when the SKU is stocked there, else from the SKU's
 * first warehouse. Recorded fixtures have no receipts: their quantities are served as recorded.
 */
import type { InventoryResult, PartnerOrder, PartnerProduct } from './shapes';
import type { ShopState } from './state';

/** Line statuses that hold stock: the order is placed and the line has not shipped. */
export const COMMITTED_LINE_STATUSES: ReadonlySet<string> = new Set(['UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);

/** The key of a SKU in a warehouse. */
export const stockKey = (skuId: string, warehouseId: string): string => `${skuId}:${warehouseId}`;

/** Units committed and shipped per SKU and warehouse, as the orders stand. */
export interface StockUse {
  committed: Map<string, number>;
  shipped: Map<string, number>;
}

function warehousesOf(products: readonly PartnerProduct[]): Map<string, string[]> {
  const bySku = new Map<string, string[]>();
  for (const p of products)
    for (const s of p.skus)
      bySku.set(
        s.id,
        s.inventory.map((w) => w.warehouse_id),
      );
  return bySku;
}

/** What the orders take of each SKU in each warehouse. */
export function stockUse(products: readonly PartnerProduct[], orders: Iterable<PartnerOrder>): StockUse {
  const where = warehousesOf(products);
  const use: StockUse = { committed: new Map(), shipped: new Map() };
  for (const order of orders) {
    for (const line of order.line_items) {
      const stocked = where.get(line.sku_id) ?? [];
      const warehouse = stocked.includes(order.warehouse_id ?? '') ? order.warehouse_id! : stocked[0];
      if (warehouse === undefined || line.display_status === 'CANCELLED') continue;
      const into = COMMITTED_LINE_STATUSES.has(line.display_status) ? use.committed : use.shipped;
      const key = stockKey(line.sku_id, warehouse);
      into.set(key, (into.get(key) ?? 0) + 1);
    }
  }
  return use;
}

/**
 * Sets the units received so that, as the orders stand now, each SKU has the available quantity
 * its product record was generated with (a sold-out SKU stays sold out).
 */
export function receiveStock(shop: ShopState): void {
  const use = stockUse(shop.products, shop.orders.values());
  const received = new Map<string, number>();
  for (const p of shop.products) {
    for (const s of p.skus) {
      for (const w of s.inventory) {
        const key = stockKey(s.id, w.warehouse_id);
        received.set(key, w.quantity + (use.committed.get(key) ?? 0) + (use.shipped.get(key) ?? 0));
      }
    }
  }
  shop.received = received;
}

const memo = new WeakMap<ShopState, { revision: number; rows: InventoryResult[] }>();

/** Inventory Search rows of every product of the shop, as the orders stand (memoized per revision). */
export function currentStock(shop: ShopState): InventoryResult[] {
  const cached = memo.get(shop);
  if (cached && cached.revision === shop.revision) return cached.rows;
  const use = stockUse(shop.products, shop.orders.values());
  const rows = shop.products.map((p): InventoryResult => ({
    product_id: p.id,
    skus: p.skus.map((s) => {
      const warehouses = s.inventory.map((w) => {
        const key = stockKey(s.id, w.warehouse_id);
        const committed = use.committed.get(key) ?? 0;
        const received = shop.received?.get(key);
        const available = received === undefined ? w.quantity : Math.max(0, received - committed - (use.shipped.get(key) ?? 0));
        return { warehouse_id: w.warehouse_id, available_quantity: available, committed_quantity: committed };
      });
      const available = warehouses.reduce((n, w) => n + w.available_quantity, 0);
      return {
        id: s.id,
        seller_sku: s.seller_sku,
        total_available_quantity: available,
        total_committed_quantity: warehouses.reduce((n, w) => n + w.committed_quantity, 0),
        warehouse_inventory: warehouses,
        // Nothing is allocated to campaigns or creators in the emulator: all of it is the shop's.
        total_available_inventory_distribution: { campaign_inventory: [], creator_inventory: [], in_shop_inventory: { quantity: available } },
      };
    }),
  }));
  memo.set(shop, { revision: shop.revision, rows });
  return rows;
}

/** A product with its SKUs' `inventory[].quantity` as available now (Get Product's figure equals Inventory Search's). */
export function withCurrentStock(shop: ShopState, product: PartnerProduct): PartnerProduct {
  if (!shop.received) return product;
  const rows = currentStock(shop).find((r) => r.product_id === product.id);
  if (!rows) return product;
  return {
    ...product,
    skus: product.skus.map((s) => {
      const stock = rows.skus.find((r) => r.id === s.id);
      return stock ? { ...s, inventory: stock.warehouse_inventory.map((w) => ({ warehouse_id: w.warehouse_id, quantity: w.available_quantity })) } : s;
    }),
  };
}
