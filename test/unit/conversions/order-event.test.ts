import { isPaid, purchaseOf } from '../../../src/conversions/order-event';
import { order } from './orders';

describe('a paid order as an Events API purchase', () => {
  it('is paid once it has a paid_time, unless unpaid or cancelled', () => {
    expect(isPaid(order('1'))).toBe(true);
    expect(isPaid(order('2', { status: 'COMPLETED' }))).toBe(true);
    expect(isPaid(order('3', { status: 'UNPAID', paid_time: undefined }))).toBe(false);
    // Cash on delivery before the courier collects: no paid_time yet.
    expect(isPaid(order('4', { status: 'IN_TRANSIT', paid_time: undefined, is_cod: true }))).toBe(false);
    expect(isPaid(order('5', { status: 'CANCELLED' }))).toBe(false);
    // A status TikTok adds later counts like any other once paid.
    expect(isPaid(order('6', { status: 'AWAITING_PICKUP_AT_STORE' }))).toBe(true);
  });

  it('reports what the buyer paid, at paid_time, one content per SKU and unit price, gifts left out', () => {
    expect(purchaseOf(order('5770000001'), '7494726673780148744', 'CompletePayment')).toEqual({
      orderId: '5770000001',
      shopId: '7494726673780148744',
      occurredAt: new Date(1_780_000_060_000),
      event: 'CompletePayment',
      value: '38.46',
      currency: 'USD',
      contents: [
        { contentId: '1729384756102938475', price: '9.99', quantity: 2 },
        { contentId: '1729384756102938476', price: '10.99', quantity: 1 },
      ],
      externalId: '7021436810468230477',
    });
  });

  it('without total_amount, values the order at its line items (9.99 + 9.99 + 10.99 = 30.97)', () => {
    const event = purchaseOf(order('7', { payment: { currency: 'USD' } }), 's', 'Purchase');
    expect(event).toMatchObject({ value: '30.97', event: 'Purchase' });
  });

  it('keeps a SKU sold at two prices as two contents', () => {
    const lines = [
      { id: '81', sale_price: '5.00', sku_id: '11' },
      { id: '82', sale_price: '4.50', sku_id: '11' },
    ];
    expect(purchaseOf(order('8', { line_items: lines }), 's', 'CompletePayment').contents).toEqual([
      { contentId: '11', price: '5', quantity: 1 },
      { contentId: '11', price: '4.5', quantity: 1 },
    ]);
  });
});
