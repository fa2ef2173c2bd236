/**
 * Units received into a warehouse through the control plane (docs/emulator.md, "Orders, stock and
 * spend on demand"): a delivery raises what the SKU has received there, and so its available
 * stock (`stock.ts` derives the rest from the orders).
 */
import { ControlError } from './order-controls';
import type { ShopState } from './state';
import { stockKey } from './stock';

/**
 * `units` more received into a warehouse of the SKU (its first when none is named). Stock of
 * recorded fixtures is served as recorded and cannot be moved.
 */
export function receiveUnits(shop: ShopState, skuId: string, units: number, warehouseId?: string): { warehouse_id: string } {
  const sku = shop.products.flatMap((p) => p.skus).find((s) => s.id === skuId);
  if (!sku) throw new ControlError(`shop ${shop.shop.id} has no SKU ${skuId}`, 404);
  const warehouse = warehouseId ?? sku.inventory[0]?.warehouse_id;
  if (warehouse === undefined || !sku.inventory.some((w) => w.warehouse_id === warehouse)) {
    throw new ControlError(`SKU ${skuId} is not stocked in warehouse ${warehouseId ?? '(none)'}`);
  }
  if (!shop.received) throw new ControlError('recorded stock is served as recorded: it cannot be received into');
  const key = stockKey(skuId, warehouse);
  shop.received.set(key, (shop.received.get(key) ?? 0) + units);
  // Stock rows are memoized per revision of the shop's data.
  shop.revision++;
  return { warehouse_id: warehouse };
}
