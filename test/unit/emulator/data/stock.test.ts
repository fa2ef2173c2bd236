/** Emulator stock (src/emulator/data/stock.ts): an order reserves, its cancellation gives back, its shipment deducts. */
import type { PartnerOrder, PartnerProduct } from '../../../../src/emulator/data/shapes';
import type { ShopState } from '../../../../src/emulator/data/state';
import { currentStock, receiveStock, withCurrentStock } from '../../../../src/emulator/data/stock';

const product = {
  id: 'P',
  title: 'T',
  skus: [
    {
      id: 'S',
      seller_sku: 'S-1',
      inventory: [
        { warehouse_id: 'W1', quantity: 10 },
        { warehouse_id: 'W2', quantity: 5 },
      ],
    },
  ],
} as unknown as PartnerProduct;

function orderOf(id: string, status: string, warehouse = 'W2'): PartnerOrder {
  return {
    id,
    status,
    warehouse_id: warehouse,
    line_items: [
      { id: `${id}-1`, sku_id: 'S', display_status: status },
      { id: `${id}-2`, sku_id: 'S', display_status: status },
    ],
  } as unknown as PartnerOrder;
}

function shopWith(orders: PartnerOrder[]): ShopState {
  return { products: [product], orders: new Map(orders.map((o) => [o.id, o])), revision: 0 } as unknown as ShopState;
}

const w2 = (shop: ShopState) => currentStock(shop)[0]!.skus[0]!.warehouse_inventory.find((w) => w.warehouse_id === 'W2')!;

describe('emulator stock', () => {
  it('starts at the generated quantities, then moves with the orders of its warehouse', () => {
    const shop = shopWith([orderOf('A', 'DELIVERED'), orderOf('B', 'AWAITING_SHIPMENT')]);
    receiveStock(shop);
    expect(w2(shop)).toEqual({ warehouse_id: 'W2', available_quantity: 5, committed_quantity: 2 });

    // A new order reserves its two units.
    shop.orders.set('C', orderOf('C', 'UNPAID'));
    shop.revision += 1;
    expect(w2(shop)).toEqual({ warehouse_id: 'W2', available_quantity: 3, committed_quantity: 4 });
    // Its cancellation gives them back.
    shop.orders.set('C', orderOf('C', 'CANCELLED'));
    shop.revision += 1;
    expect(w2(shop)).toEqual({ warehouse_id: 'W2', available_quantity: 5, committed_quantity: 2 });
    // B ships: no longer committed, and not available again.
    shop.orders.set('B', orderOf('B', 'IN_TRANSIT'));
    shop.revision += 1;
    expect(w2(shop)).toEqual({ warehouse_id: 'W2', available_quantity: 5, committed_quantity: 0 });
    // The other warehouse never moved; the totals add the two; Get Product shows the same available figures.
    const sku = currentStock(shop)[0]!.skus[0]!;
    expect([sku.total_available_quantity, sku.total_committed_quantity]).toEqual([15, 0]);
    expect(withCurrentStock(shop, product).skus[0]!.inventory).toEqual([
      { warehouse_id: 'W1', quantity: 10 },
      { warehouse_id: 'W2', quantity: 5 },
    ]);
  });

  it("never reports less than nothing, and takes from the first warehouse when the order's does not stock the SKU", () => {
    const shop = shopWith([]);
    receiveStock(shop);
    shop.orders.set('X', {
      ...orderOf('X', 'AWAITING_SHIPMENT', 'W9'),
      line_items: Array.from({ length: 12 }, (_, i) => ({ id: `X${i}`, sku_id: 'S', display_status: 'AWAITING_SHIPMENT' })),
    } as unknown as PartnerOrder);
    shop.revision += 1;
    const w1 = currentStock(shop)[0]!.skus[0]!.warehouse_inventory[0]!;
    expect(w1).toEqual({ warehouse_id: 'W1', available_quantity: 0, committed_quantity: 12 });
  });
});
