import { parseUpstreamJson } from '../../../../src/datasources/json';
import {
  orderSearchData,
  orderStatementTransactionsData,
  partnerOrder,
  partnerShop,
  shopPerformanceData,
  type PartnerOrder,
} from '../../../../src/datasources/partner/schemas';

const orderJson = {
  id: '576684019603311365',
  status: 'AWAITING_SHIPMENT',
  create_time: 1664095600,
  update_time: 1664095610,
  paid_time: 1664095605,
  user_id: '7494726673780148744',
  payment: {
    currency: 'USD',
    original_total_product_price: '25.98',
    seller_discount: '2.00',
    sub_total: '23.98',
    shipping_fee: '4.99',
    total_amount: '28.97',
  },
  line_items: [
    {
      id: '577000000000000001',
      product_id: '1729592969712207012',
      product_name: 'Mug',
      sku_id: '1729592969712272548',
      currency: 'USD',
      original_price: '12.99',
      sale_price: '11.99',
      display_status: 'AWAITING_SHIPMENT',
      sku_type: 'NORMAL',
    },
  ],
};

describe('partner schemas', () => {
  it('parses an order, filling the documented defaults and stripping unknown fields', () => {
    const order: PartnerOrder = partnerOrder.parse(orderJson);
    expect(order.payment).toMatchObject({
      platform_discount: '0',
      tax: '0',
      shipping_fee_tax: '0',
      original_shipping_fee: '4.99',
    });
    expect(order.line_items[0]).toMatchObject({ is_gift: false, seller_discount: '0', sku_name: '' });
    expect(order.line_items[0]).not.toHaveProperty('sku_type');
  });

  it('keeps 64-bit IDs exact whether TikTok sends strings or numbers', () => {
    const parsed = parseUpstreamJson(
      '{"id":7494726673780148744,"name":"S","region":"US","seller_type":"LOCAL","cipher":"c","code":"X"}',
    );
    expect(partnerShop.parse(parsed).id).toBe('7494726673780148744');
    expect(partnerShop.parse({ ...(parsed as object), id: 42 }).id).toBe('42');
  });

  it('rejects money sent as a number and names the path', () => {
    const bad = { ...orderJson, payment: { ...orderJson.payment, total_amount: 28.97 } };
    const result = partnerOrder.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['payment', 'total_amount']);
  });

  it('rejects an unknown order status', () => {
    expect(partnerOrder.safeParse({ ...orderJson, status: 'SHIPPED' }).success).toBe(false);
  });

  it('treats a missing next_page_token as the last page', () => {
    expect(orderSearchData.parse({ orders: [] }).next_page_token).toBe('');
  });

  it('parses 202501 order statement transactions with open fee maps', () => {
    const data = orderStatementTransactionsData.parse({
      order_id: '580193230867958565',
      currency: 'IDR',
      revenue_amount: '12000',
      fee_and_tax_amount: '-1000',
      shipping_cost_amount: '-3000',
      settlement_amount: '8000',
      sku_transactions: [
        {
          sku_id: '1729592969712272548',
          settlement_amount: '8000',
          revenue_amount: '12000',
          fee_tax_breakdown: { fee: { platform_commission_amount: '-1000' } },
          shipping_cost_breakdown: {
            actual_shipping_fee_amount: '-3000',
            supplementary_component: { platform_shipping_fee_discount_amount: '0' },
          },
        },
      ],
    });
    const sku = data.sku_transactions[0];
    expect(sku?.fee_tax_breakdown).toEqual({ fee: { platform_commission_amount: '-1000' }, tax: {} });
    expect(sku?.shipping_cost_breakdown.actual_shipping_fee_amount).toBe('-3000');
    expect(sku?.revenue_breakdown).toEqual({});
  });

  it('parses shop performance with GMV breakdowns', () => {
    const money = { amount: '100.00', currency: 'USD' };
    const data = shopPerformanceData.parse({
      performance: {
        intervals: [
          {
            start_date: '2025-01-01',
            end_date: '2025-01-02',
            gmv: money,
            orders: 3,
            units_sold: 4,
            avg_order_value: { amount: '33.33', currency: 'USD' },
            buyers: 3,
            product_impressions: 100,
            product_page_views: 20,
            gmv_breakdowns: [{ type: 'LIVE', amount: '100.00', currency: 'USD' }],
          },
        ],
      },
      latest_available_date: '2025-01-01',
    });
    expect(data.performance.intervals[0]?.refunds).toBeUndefined();
  });
});
