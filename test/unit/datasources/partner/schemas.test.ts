import { parseUpstreamJson } from '../../../../src/upstream/json';
import { noticing } from '../../../../src/datasources/lenient';
import {
  cancellationSearchData,
  orderDetailData,
  orderSearchData,
  orderStatementTransactionsData,
  partnerOrder,
  partnerProduct,
  partnerShop,
  productSearchData,
  returnSearchData,
  shopPerformanceData,
  statementsData,
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

const line = orderJson.line_items[0] as (typeof orderJson.line_items)[number];

describe('partner schemas: orders', () => {
  it('parses an order: absent discounts are 0, absent taxes and totals stay unknown, unknown fields are stripped', () => {
    const order: PartnerOrder = partnerOrder.parse(orderJson);
    expect(order.payment).toMatchObject({ platform_discount: '0', seller_discount: '2.00', shipping_fee_seller_discount: '0' });
    expect(order.payment.tax).toBeUndefined();
    expect(order.payment.shipping_fee_tax).toBeUndefined();
    expect(order.payment.original_shipping_fee).toBeUndefined();
    expect(order.line_items[0]).toMatchObject({ is_gift: false, seller_discount: '0', sku_name: '' });
    expect(order.line_items[0]).not.toHaveProperty('sku_type');
  });

  it('keeps 64-bit IDs exact whether TikTok sends strings or numbers', () => {
    const parsed = parseUpstreamJson('{"id":7494726673780148744,"name":"S","region":"US","seller_type":"LOCAL","cipher":"c","code":"X"}');
    expect(partnerShop.parse(parsed).id).toBe('7494726673780148744');
    expect(partnerShop.parse({ ...(parsed as object), id: 42 }).id).toBe('42');
  });

  it('reads money sent as a JSON number as the digits written, and "" as no amount', () => {
    const text = JSON.stringify({ ...orderJson, payment: { ...orderJson.payment, total_amount: 'X', tax: '' } }).replace('"X"', '28.97');
    const order = partnerOrder.parse(parseUpstreamJson(text));
    expect(order.payment.total_amount).toBe('28.97');
    expect(order.payment.tax).toBeUndefined();
  });

  it('keeps an order status and a line status it does not know, as sent, and notices them', () => {
    const { result, oddities } = noticing(() => partnerOrder.parse({ ...orderJson, status: 'SHIPPED', line_items: [{ ...line, display_status: 'TO_SHIP' }] }));
    expect(result.status).toBe('SHIPPED');
    expect(result.line_items[0]?.display_status).toBe('TO_SHIP');
    expect(oddities.unknownValues).toHaveLength(2);
    expect(oddities.unknownValues).toEqual(
      expect.arrayContaining([
        { field: 'line_item.display_status', value: 'TO_SHIP' },
        { field: 'order.status', value: 'SHIPPED' },
      ]),
    );
  });

  it('reads an unpaid cash-on-delivery order (no paid_time, or 0) and the fields of a local COD shop', () => {
    const cod = partnerOrder.parse({
      ...orderJson,
      status: 'IN_TRANSIT',
      paid_time: 0,
      is_cod: true,
      payment_method_name: 'Cash on delivery',
      rts_sla_time: 1664100000,
      tts_sla_time: 1664110000,
      rts_time: 1664096000,
      collection_time: 1664097000,
      delivery_time: '',
      cancel_order_sla_time: 1664200000,
      delivery_sla_time: 1664300000,
      tracking_number: 'VN123',
      packages: [{ id: '1152321127278713123' }],
      payment: { ...orderJson.payment, currency: 'VND', buyer_service_fee: '1000', small_order_fee: '', handling_fee: 500 },
      line_items: [{ ...line, package_id: '1152321127278713123', tracking_number: 'VN123', shipping_provider_name: 'J&T Express' }],
    });
    expect(cod).toMatchObject({
      is_cod: true,
      paid_time: undefined,
      delivery_time: undefined,
      payment_method_name: 'Cash on delivery',
      rts_sla_time: 1664100000,
      tts_sla_time: 1664110000,
      rts_time: 1664096000,
      collection_time: 1664097000,
      cancel_order_sla_time: 1664200000,
      delivery_sla_time: 1664300000,
      tracking_number: 'VN123',
      packages: [{ id: '1152321127278713123' }],
    });
    expect(cod.payment).toMatchObject({ buyer_service_fee: '1000', handling_fee: '500' });
    expect(cod.payment.small_order_fee).toBeUndefined();
    expect(cod.line_items[0]).toMatchObject({ package_id: '1152321127278713123', tracking_number: 'VN123', shipping_provider_name: 'J&T Express' });
  });

  it('needs only id, create_time, payment.currency and line items with id and sale_price', () => {
    const bare = { id: '1', create_time: 1, payment: { currency: 'IDR' }, line_items: [{ id: '2', sale_price: '15000' }] };
    const order = partnerOrder.parse(bare);
    expect(order).toMatchObject({ id: '1', packages: [] });
    expect([order.status, order.update_time, order.user_id, order.payment.total_amount]).toEqual([undefined, undefined, undefined, undefined]);
    expect(order.line_items[0]).toMatchObject({ product_name: '', platform_discount: '0' });
    expect([order.line_items[0]?.product_id, order.line_items[0]?.sku_id]).toEqual([undefined, undefined]);
  });

  it('sets aside, row by row, the orders that lack what the graph needs, naming them and the path', () => {
    const noPrice = { ...orderJson, id: '11', line_items: [{ ...line, sale_price: undefined }] };
    const noLines = { ...orderJson, id: '12', line_items: [] };
    const noCreate = { ...orderJson, id: '13', create_time: undefined };
    const data = orderSearchData.parse({ orders: [orderJson, noPrice, noLines, noCreate], next_page_token: '' });
    expect(data.orders.map((o) => o.id)).toEqual([orderJson.id]);
    const created = orderJson.create_time;
    expect(data.rejected.map(({ index, id, orderId, createTime, path }) => ({ index, id, orderId, createTime, path }))).toEqual([
      { index: 1, id: '11', orderId: '11', createTime: created, path: 'orders[1].line_items[0].sale_price' },
      { index: 2, id: '12', orderId: '12', createTime: created, path: 'orders[2].line_items' },
      { index: 3, id: '13', orderId: '13', createTime: null, path: 'orders[3].create_time' },
    ]);
    expect(data.rejected.every((r) => r.message.length > 0)).toBe(true);
  });

  it('returns order detail rejected rows too, and reads a row without a readable id', () => {
    const data = orderDetailData.parse({ orders: [{ create_time: 1 }] });
    expect(data.orders).toEqual([]);
    expect(data.rejected).toEqual([expect.objectContaining({ index: 0, id: null, orderId: null, path: 'orders[0].id' })]);
  });

  it("reads order detail in version 202507's shape too (payment method fields, TO_SHIP line status)", () => {
    const v202507 = {
      ...orderJson,
      payment_method_name: 'CCDC',
      payment_card_type: 'Debit',
      payment_method_code: 'pm_pi_ccdc_visa_c_d',
      payment_auth_code: 'AUTH1',
      channel_entity_national_registry_id: '26.545.167/0001-21',
      shipping_due_time: 1678389618,
      payment: { ...orderJson.payment, shipping_fee_cofunded_discount: '7', item_insurance_tax: '10' },
      line_items: [{ ...line, display_status: 'TO_SHIP', pfand_fee: '1.5', combined_listing_skus: [{ sku_id: '1', sku_count: 1 }] }],
    };
    const data = orderDetailData.parse({ orders: [v202507] });
    expect(data.rejected).toEqual([]);
    expect(data.orders[0]).toMatchObject({ payment_method_name: 'CCDC', payment: { shipping_fee_cofunded_discount: '7' } });
    expect(data.orders[0]?.line_items[0]?.display_status).toBe('TO_SHIP');
  });

  it('treats a missing next_page_token as the last page, and a null list as empty', () => {
    expect(orderSearchData.parse({ orders: null })).toEqual({ orders: [], rejected: [], next_page_token: '', total_count: undefined });
  });
});

describe('partner schemas: after-sales', () => {
  const returnJson = {
    return_id: '4035318504086604100',
    order_id: '577686530908261117',
    return_type: 'REFUND',
    return_status: 'AWAITING_BUYER_RESPONSE',
    create_time: 1690451136,
    update_time: 1690453136,
    return_line_items: [
      { return_line_item_id: '1', order_line_item_id: '576473917261451851', sku_id: '2', refund_amount: { currency: 'IDR', refund_subtotal: '40000' } },
    ],
  };

  it("reads a partial refund: no refund_amount on the return, the line's own refund, the seller's offer", () => {
    const data = returnSearchData.parse({
      return_orders: [
        {
          ...returnJson,
          seller_proposed_return_type: 'PARTIAL_REFUND',
          partial_refund: { currency: 'IDR', amount: '40000' },
          buyer_rejected_partial_refund: 'FALSE',
        },
      ],
    });
    const r = data.return_orders[0];
    expect(r?.refund_amount).toBeUndefined();
    expect(r?.return_line_items[0]?.refund_amount).toEqual({ currency: 'IDR', refund_subtotal: '40000' });
    expect(r).toMatchObject({
      seller_proposed_return_type: 'PARTIAL_REFUND',
      partial_refund: { currency: 'IDR', amount: '40000' },
      buyer_rejected_partial_refund: false,
    });
    expect(data.rejected).toEqual([]);
  });

  it('keeps return types and statuses it does not know, and needs only return_id and order_id', () => {
    const { result, oddities } = noticing(() =>
      returnSearchData.parse({ return_orders: [{ ...returnJson, return_type: 'EXCHANGE' }, { return_id: '9', order_id: '8' }, { return_id: '7' }] }),
    );
    expect(result.return_orders.map((r) => [r.return_id, r.return_type])).toEqual([
      ['4035318504086604100', 'EXCHANGE'],
      ['9', undefined],
    ]);
    expect(result.rejected).toEqual([expect.objectContaining({ index: 2, id: '7', orderId: null, path: 'return_orders[2].order_id' })]);
    expect(oddities.unknownValues).toContainEqual({ field: 'return.return_type', value: 'EXCHANGE' });
    expect(oddities.rejected).toEqual(result.rejected);
  });

  it("reads a cancellation with a type TikTok's own sample shows but its list does not", () => {
    const { result, oddities } = noticing(() =>
      cancellationSearchData.parse({
        cancellations: [{ cancel_id: '1', order_id: '2', cancel_type: 'REQUEST_CANCEL_REFUND', cancel_status: 'CANCELLATION_REQUEST_PENDING' }],
      }),
    );
    expect(result.cancellations[0]).toMatchObject({ cancel_type: 'REQUEST_CANCEL_REFUND', cancel_line_items: [] });
    expect(result.cancellations[0]?.refund_amount).toBeUndefined();
    expect(oddities.unknownValues).toEqual([{ field: 'cancellation.cancel_type', value: 'REQUEST_CANCEL_REFUND' }]);
  });
});

describe('partner schemas: products', () => {
  const summaryJson = {
    id: '1729592969712207008',
    title: 'Socks',
    status: 'ACTIVATE',
    create_time: 1234567890,
    update_time: 1234567800,
    skus: [{ id: '1729592969712207012', seller_sku: 'Red', price: { currency: 'USD', sale_price: '121.11', tax_exclusive_price: '111.01' } }],
  };

  it("reads a local seller's search row: tax_exclusive_price without sale_price, and no status", () => {
    const data = productSearchData.parse({
      products: [{ id: '1729592969712207008', title: 'Socks', skus: [{ id: '1729592969712207012', price: { currency: 'GBP', tax_exclusive_price: '9.99' } }] }],
      next_page_token: '',
    });
    expect([data.products[0]?.status, data.products[0]?.create_time]).toEqual([undefined, undefined]);
    expect(data.products[0]?.skus[0]?.price).toEqual({ currency: 'GBP', tax_exclusive_price: '9.99' });
    expect(data.rejected).toEqual([]);
  });

  it('keeps a product status it does not know, and sets aside a product whose SKU has no id', () => {
    const { result, oddities } = noticing(() =>
      productSearchData.parse({
        products: [
          { id: '1', status: 'UNDER_REVIEW' },
          { id: '2', skus: [{ seller_sku: 'X' }] },
        ],
      }),
    );
    expect(result.products.map((p) => [p.id, p.status])).toEqual([['1', 'UNDER_REVIEW']]);
    expect(result.rejected).toEqual([expect.objectContaining({ index: 1, id: '2', orderId: null, path: 'products[1].skus[0].id' })]);
    expect(oddities.unknownValues).toEqual([{ field: 'product.status', value: 'UNDER_REVIEW' }]);
  });

  it("reads product search in version 202502's shape too (audit, quality tier, families)", () => {
    const data = productSearchData.parse({
      products: [
        {
          ...summaryJson,
          listing_quality_tier: 'POOR',
          audit: { status: 'APPROVED', pre_approved_reasons: [] },
          has_draft: false,
          integrated_platform_statuses: [{ platform: 'TOKOPEDIA', status: 'ACTIVATE' }],
          product_families: [{ id: '1', products: [{ id: '2' }] }],
        },
      ],
    });
    expect(data.rejected).toEqual([]);
    expect(data.products[0]?.skus[0]?.price?.sale_price).toBe('121.11');
  });

  it('reads product detail with sale_price for every seller', () => {
    const product = partnerProduct.parse({
      id: '1',
      skus: [{ id: '2', price: { currency: 'USD', sale_price: '117.5', tax_exclusive_price: '110' }, inventory: [{ quantity: 3 }] }],
    });
    expect(product.skus[0]?.price?.sale_price).toBe('117.5');
    expect(product.skus[0]?.inventory).toEqual([{ quantity: 3 }]);
  });
});

describe('partner schemas: finance and analytics', () => {
  const statement = {
    id: '7238804564097517339',
    statement_time: 1685548800,
    currency: 'GBP',
    settlement_amount: '100',
    fee_amount: '-30',
    adjustment_amount: '-70',
    payment_status: 'PAID',
  };

  it('reads statements without the amounts TikTok leaves out by market, and sets aside one without settlement_amount', () => {
    const data = statementsData.parse({ statements: [statement, { ...statement, id: '2', settlement_amount: undefined }] });
    expect(data.statements).toEqual([statement]);
    expect(data.statements[0]?.revenue_amount).toBeUndefined();
    expect(data.rejected).toEqual([expect.objectContaining({ index: 1, id: '2', path: 'statements[1].settlement_amount' })]);
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

  it('parses shop performance, keeping a GMV source it does not know', () => {
    const money = { amount: '100.00', currency: 'USD' };
    const { result, oddities } = noticing(() =>
      shopPerformanceData.parse({
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
              gmv_breakdowns: [
                { type: 'LIVE', amount: '90.00', currency: 'USD' },
                { type: 'AFFILIATE', amount: '10.00', currency: 'USD' },
              ],
            },
          ],
        },
        latest_available_date: '2025-01-01',
      }),
    );
    expect(result.performance.intervals[0]?.refunds).toBeUndefined();
    expect(result.performance.intervals[0]?.gmv_breakdowns.map((b) => b.type)).toEqual(['LIVE', 'AFFILIATE']);
    expect(oddities.unknownValues).toEqual([{ field: 'shop_performance.gmv_breakdowns.type', value: 'AFFILIATE' }]);
  });
});
