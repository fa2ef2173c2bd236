import { partnerOrder, type PartnerOrder } from '../../../src/datasources/partner/order-schemas';

/** A TikTok order as order detail answers it (only the fields the mapping reads), parsed as ShopGraph parses it. */
export function order(id: string, overrides: Record<string, unknown> = {}): PartnerOrder {
  return partnerOrder.parse({
    id,
    status: 'AWAITING_SHIPMENT',
    create_time: 1_780_000_000,
    paid_time: 1_780_000_060,
    user_id: '7021436810468230477',
    payment: { currency: 'USD', sub_total: '30.97', shipping_fee: '4.99', tax: '2.50', total_amount: '38.46' },
    line_items: [
      { id: `${id}1`, sale_price: '9.99', sku_id: '1729384756102938475', product_id: '1729384756102900001' },
      { id: `${id}2`, sale_price: '9.99', sku_id: '1729384756102938475', product_id: '1729384756102900001' },
      { id: `${id}3`, sale_price: '10.99', sku_id: '1729384756102938476', product_id: '1729384756102900002' },
      { id: `${id}4`, sale_price: '0', sku_id: '1729384756102938477', product_id: '1729384756102900003', is_gift: true },
    ],
    ...overrides,
  });
}
