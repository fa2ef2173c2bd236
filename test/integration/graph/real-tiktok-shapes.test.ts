/**
 * The graph over what real TikTok sends (per its API reference and captured responses), played by
 * a scripted TikTok: a Vietnamese local shop with cash-on-delivery orders and a British local shop.
 */
import { ADVERTISER_ID, NOW_S, shopJson, startScripted, type ScriptedRequest, type ScriptedStack } from './scripted-tiktok';

const VN = '7494726673780148001';
const GB = '7494726673780148002';

const line = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  product_id: '1729592969712207001',
  product_name: 'Áo thun',
  sku_id: '1729592969712272001',
  currency: 'VND',
  original_price: '150000',
  sale_price: '120000',
  platform_discount: '10000',
  display_status: 'AWAITING_SHIPMENT',
  ...extra,
});

const order = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'AWAITING_SHIPMENT',
  create_time: NOW_S - 7200,
  update_time: NOW_S - 3600,
  payment: { currency: 'VND', sub_total: '120000', shipping_fee: '15000', total_amount: '135000' },
  line_items: [line(`${id}1`)],
  ...extra,
});

/** A cash-on-delivery order on its way: no paid_time, a status and a line status ShopGraph does not know. */
const codOrder = order('576684019603311001', {
  status: 'AWAITING_PICKUP',
  is_cod: true,
  payment_method_name: 'Cash on delivery',
  rts_sla_time: NOW_S + 86_400,
  packages: [{ id: '1152321127278713001' }],
  tracking_number: 'VN1',
  line_items: [line('5766840196033110011', { display_status: 'TO_SHIP', package_id: '1152321127278713001' })],
});
const noCurrency = { ...order('576684019603311002'), payment: { sub_total: '1' } };
const plain = order('576684019603311003');

const summary = (id: string, price: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  id,
  title: `P${id}`,
  status: 'ACTIVATE',
  create_time: NOW_S - 86_400,
  update_time: NOW_S - 3600,
  skus: [{ id: `${id}9`, seller_sku: `S${id}`, price: { currency: 'VND', ...price }, inventory: [{ warehouse_id: '1', quantity: 4 }] }],
  ...extra,
});

function script(overrides: Record<string, (r: ScriptedRequest) => unknown> = {}) {
  return {
    'POST /order/202309/orders/search': () => ({ data: { orders: [codOrder, noCurrency, plain], next_page_token: '', total_count: 3 } }),
    'GET /order/202507/orders': (r: ScriptedRequest) => {
      const ids = (r.query.get('ids') ?? '').split(',');
      if (ids.includes('404')) return { code: 21008111, message: 'The order or package does not belong to the current seller.' };
      return { data: { orders: [codOrder, plain].filter((o) => ids.includes(o.id)) } };
    },
    'POST /product/202502/products/search': () => ({
      data: {
        products: [
          summary('1001', { tax_exclusive_price: '99000' }),
          summary('1002', { tax_exclusive_price: '50000' }, { status: undefined }),
          summary('1003', { sale_price: '75000', tax_exclusive_price: '70000' }),
          { id: '1004', skus: [{ seller_sku: 'no id' }] },
        ],
        next_page_token: '',
        total_count: 4,
      },
    }),
    'GET /product/202309/products/{id}': (r: ScriptedRequest) => {
      const id = r.path.split('/').pop() ?? '';
      if (id === '999') return { code: 12052260, message: 'The product ID does not exist' };
      return { data: { id, title: `P${id}`, skus: [{ id: `${id}9`, price: { currency: 'VND', sale_price: `${id}00`, tax_exclusive_price: '1' } }] } };
    },
    'POST /return_refund/202309/returns/search': () => ({
      data: {
        return_orders: [
          {
            return_id: '4035318504086604001',
            order_id: plain.id,
            return_type: 'REFUND',
            return_status: 'AWAITING_BUYER_RESPONSE',
            seller_proposed_return_type: 'PARTIAL_REFUND',
            partial_refund: { currency: 'VND', amount: '40000' },
            create_time: NOW_S - 600,
            return_line_items: [{ order_line_item_id: `${plain.id}1`, refund_amount: { currency: 'VND', refund_subtotal: '40000' } }],
          },
          { return_id: '4035318504086604002', return_type: 'REFUND' },
        ],
        next_page_token: '',
      },
    }),
    'POST /return_refund/202309/cancellations/search': () => ({ data: { cancellations: [], next_page_token: '' } }),
    'GET /finance/202309/statements': () => ({
      data: {
        statements: [
          {
            id: '7238804564097517001',
            statement_time: NOW_S - 86_400,
            currency: 'VND',
            settlement_amount: '100000',
            fee_amount: '-5000',
            adjustment_amount: '0',
            revenue_amount: '105000',
            payment_status: 'ON_HOLD',
          },
        ],
        next_page_token: '',
      },
    }),
    'GET /finance/202309/payments': () => ({ data: { payments: [], next_page_token: '' } }),
    'GET /analytics/202508/shop_lives/performance': () => ({
      data: {
        live_stream_sessions: [
          {
            id: '7500000000000000001',
            title: 'Live',
            username: 'host',
            start_time: String(NOW_S - 7200),
            end_time: String(NOW_S - 3600),
            sales_performance: { gmv: { amount: '500000', currency: 'VND' }, unit_sold: 12, sku_orders: 9 },
          },
        ],
        latest_available_date: '2099-01-01',
        next_page_token: '',
      },
    }),
    'GET /open_api/v1.3/campaign/get/': () => ({
      data: {
        list: [{ campaign_id: '1800000000000001', campaign_name: 'Sandbox row', operation_status: 'ENABLE' }],
        page_info: { page: 1, page_size: 1000, total_number: 1, total_page: 1 },
      },
    }),
    'GET /open_api/v1.3/gmv_max/campaign/get/': () => ({
      data: {
        list: [
          { campaign_id: '1900000000000001', campaign_name: 'GMV Max VN', store_id: VN, shopping_ads_type: 'PRODUCT', operation_status: 'ENABLE' },
          { campaign_id: '1900000000000002', campaign_name: 'GMV Max GB', store_id: GB, shopping_ads_type: 'LIVE', operation_status: 'ENABLE' },
        ],
        page_info: { page: 1, page_size: 100, total_number: 2, total_page: 1 },
      },
    }),
    ...overrides,
  };
}

type Errors = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];

describe('the graph over real TikTok shapes', () => {
  let stack: ScriptedStack;
  beforeAll(async () => {
    stack = await startScripted([shopJson(VN, 'VN'), shopJson(GB, 'GB')], script() as never);
  });
  afterAll(() => stack.close());

  it('answers an order list with the unreadable order as null plus an error naming what was missing', async () => {
    const res = await stack.gql<{ shop: { orders: { totalCount: number; nodes: ({ id: string; status: string; rawStatus: string } | null)[] } } }>(
      `query($s: ID!) { shop(id: $s) { orders(first: 10) { totalCount nodes { id status rawStatus } } } }`,
      { s: VN },
    );
    expect(res.data?.shop.orders.nodes).toEqual([
      { id: codOrder.id, status: 'UNKNOWN', rawStatus: 'AWAITING_PICKUP' },
      null,
      { id: plain.id, status: 'AWAITING_SHIPMENT', rawStatus: 'AWAITING_SHIPMENT' },
    ]);
    expect(res.data?.shop.orders.totalCount).toBe(3);
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ['shop', 'orders', 'nodes', 1],
        message: expect.stringContaining('orders[1].payment.currency'),
        extensions: expect.objectContaining({
          code: 'UPSTREAM_UNAVAILABLE',
          rejectedRow: {
            index: 1,
            id: noCurrency.id,
            orderId: noCurrency.id,
            createTime: noCurrency.create_time,
            path: 'orders[1].payment.currency',
            message: expect.any(String),
          },
        }),
      }),
    ]);
  });

  it('shows a cash-on-delivery order: unpaid, its fulfilment times, package and line status as TikTok sent them', async () => {
    const res = await stack.gql<{ order: Record<string, unknown> & { lineItems: Record<string, unknown>[] } }>(
      `query($s: ID!, $id: ID!) { order(shopId: $s, id: $id) {
        isCashOnDelivery paymentMethodName paidAt shipBy packageIds trackingNumber tax { amount } total { amount currency } buyerFees { kind }
        lineItems { status rawStatus packageId gross { amount } }
      } }`,
      { s: VN, id: codOrder.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.order).toMatchObject({
      isCashOnDelivery: true,
      paymentMethodName: 'Cash on delivery',
      paidAt: null,
      shipBy: new Date((NOW_S + 86_400) * 1000).toISOString().replace('.000Z', 'Z'),
      packageIds: ['1152321127278713001'],
      trackingNumber: 'VN1',
      tax: null,
      total: { amount: '135000', currency: 'VND' },
      buyerFees: [],
    });
    expect(res.data?.order.lineItems).toEqual([{ status: 'UNKNOWN', rawStatus: 'TO_SHIP', packageId: '1152321127278713001', gross: { amount: '130000' } }]);
  });

  it("reads TikTok's not-found codes as not found: an order (21008111, alone or in a batch) and a product (12052260)", async () => {
    const res = await stack.gql<{ shop: { a: { id: string } | null; b: unknown }; product: unknown }>(
      `query($s: ID!) { shop(id: $s) { a: order(id: "${plain.id}") { id } b: order(id: "404") { id } } product(shopId: $s, id: "999") { id } }`,
      { s: VN },
    );
    expect(res.data).toEqual({ shop: { a: { id: plain.id }, b: null }, product: null });
    expect((res.errors as Errors).map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['product', 'NOT_FOUND'],
      ['shop.b', 'NOT_FOUND'],
    ]);
  });

  it("prices a local seller's SKUs from product detail, one call per product and only when price is asked", async () => {
    const query = (fields: string) =>
      stack.gql<{ shop: { products: { nodes: ({ id: string; status: string | null; skus: Record<string, unknown>[] } | null)[] } } }>(
        `query($s: ID!) { shop(id: $s) { products(first: 10) { nodes { id status skus { ${fields} } } } } }`,
        { s: GB },
      );
    const detail = () => stack.calls('GET /product/202309/products/{id}').length;
    const before = detail();
    const plainList = await query('id taxExclusivePrice { amount }');
    expect(detail()).toBe(before);
    expect(plainList.data?.shop.products.nodes.map((n) => n?.skus[0]?.taxExclusivePrice ?? null)).toEqual([
      { amount: '99000' },
      { amount: '50000' },
      { amount: '70000' },
      null,
    ]);
    const priced = await query('id price { amount currency }');
    expect(detail() - before).toBe(2);
    expect(priced.data?.shop.products.nodes.map((n) => n?.skus[0]?.price ?? null)).toEqual([
      { amount: '100100', currency: 'VND' },
      { amount: '100200', currency: 'VND' },
      { amount: '75000', currency: 'VND' },
      null,
    ]);
    expect(priced.data?.shop.products.nodes.map((n) => n?.status ?? null)).toEqual(['ACTIVATE', null, 'ACTIVATE', null]);
    expect(priced.errors?.map((e) => [e.path?.join('.'), (e.extensions?.rejectedRow as { path: string }).path])).toEqual([
      ['shop.products.nodes.3', 'products[3].skus[0].id'],
    ]);
  });

  it('shows a partial refund, and an unreadable after-sale record as an error in refunds with refundedGross null and why', async () => {
    const res = await stack.gql<{ order: { refunds: (Record<string, unknown> | null)[]; refundedGross: unknown; refundedGrossNullReason: string } }>(
      `query($s: ID!, $id: ID!) { order(shopId: $s, id: $id) {
        refunds { id kind status amount { amount } sellerProposedKind partialRefund { amount currency } buyerRejectedPartialRefund lineItemIds }
        refundedGross { amount } refundedGrossNullReason
      } }`,
      { s: VN, id: plain.id },
    );
    expect(res.data?.order.refunds).toEqual([
      {
        id: '4035318504086604001',
        kind: 'REFUND',
        status: 'AWAITING_BUYER_RESPONSE',
        amount: null,
        sellerProposedKind: 'PARTIAL_REFUND',
        partialRefund: { amount: '40000', currency: 'VND' },
        buyerRejectedPartialRefund: null,
        lineItemIds: [`${plain.id}1`],
      },
      null,
    ]);
    expect(res.data?.order.refundedGross).toBeNull();
    expect(res.data?.order.refundedGrossNullReason).toContain('return_orders[1].order_id');
    expect((res.errors as Errors).map((e) => e.path)).toEqual([['order', 'refunds', 1]]);
  });

  it("says which statement amounts TikTok does not report in the shop's market", async () => {
    const range = { from: new Date((NOW_S - 5 * 86_400) * 1000).toISOString().slice(0, 10), to: new Date(NOW_S * 1000).toISOString().slice(0, 10) };
    const res = await stack.gql<{ shop: { statements: { nodes: Record<string, unknown>[] } } }>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { statements(range: $r) { nodes {
        revenue { amount } revenueNullReason shippingCost { amount } shippingCostNullReason netSales { amount } netSalesNullReason settlement { amount }
        paymentStatus rawPaymentStatus
      } } } }`,
      { s: VN, r: range },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.shop.statements.nodes).toEqual([
      {
        revenue: { amount: '105000' },
        revenueNullReason: null,
        settlement: { amount: '100000' },
        paymentStatus: 'UNKNOWN',
        rawPaymentStatus: 'ON_HOLD',
        shippingCost: null,
        shippingCostNullReason: 'TikTok reports shipping_cost_amount for local sellers outside Southeast Asia only',
        netSales: null,
        netSalesNullReason: 'TikTok reports net_sales_amount for local sellers outside Southeast Asia only',
      },
    ]);
  });

  it('answers payouts of a Southeast Asian shop as null with the reason, without asking TikTok', async () => {
    const range = { from: '2026-01-01', to: '2026-01-31' };
    const before = stack.calls('GET /finance/202309/payments').length;
    const res = await stack.gql<{ vn: { payouts: unknown; payoutsNullReason: string }; gb: { payouts: { nodes: unknown[] }; payoutsNullReason: null } }>(
      `query($vn: ID!, $gb: ID!, $r: DateRange!) {
        vn: shop(id: $vn) { payouts(range: $r) { nodes { id } } payoutsNullReason }
        gb: shop(id: $gb) { payouts(range: $r) { nodes { id } } payoutsNullReason }
      }`,
      { vn: VN, gb: GB, r: range },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.vn).toEqual({ payouts: null, payoutsNullReason: expect.stringContaining('Southeast Asia') });
    expect(res.data?.gb).toEqual({ payouts: { nodes: [] }, payoutsNullReason: null });
    expect(stack.calls('GET /finance/202309/payments').length - before).toBe(1);
  });

  it('lists standard and GMV Max campaigns with their type; a shop gets the GMV Max campaigns promoting it', async () => {
    const res = await stack.gql<{
      shop: { campaigns: { id: string; type: string; status: string; storeId: string | null }[]; advertisers: { campaigns: { id: string }[] }[] };
    }>(`query($s: ID!) { shop(id: $s) { campaigns { id type status storeId } advertisers { campaigns { id } } } }`, { s: VN });
    expect(res.errors).toBeUndefined();
    expect(res.data?.shop.campaigns).toEqual([
      { id: '1800000000000001', type: 'STANDARD', status: 'ENABLE', storeId: null },
      { id: '1900000000000001', type: 'GMV_MAX', status: 'ENABLE', storeId: VN },
    ]);
    expect(res.data?.shop.advertisers[0]?.campaigns.map((c) => c.id)).toEqual(['1800000000000001', '1900000000000001', '1900000000000002']);
    const filtering = JSON.parse(stack.calls('GET /open_api/v1.3/gmv_max/campaign/get/')[0]?.query.get('filtering') ?? '{}') as Record<string, unknown>;
    expect(filtering.gmv_max_promotion_types).toEqual(['PRODUCT_GMV_MAX', 'LIVE_GMV_MAX']);
    const ids = stack.calls('GET /open_api/v1.3/gmv_max/campaign/get/').map((r) => r.query.get('advertiser_id'));
    expect(new Set(ids)).toEqual(new Set([ADVERTISER_ID]));
  });

  it("sorts LIVE sessions by units with TikTok's own field name, unit_sold", async () => {
    const day = new Date(NOW_S * 1000).toISOString().slice(0, 10);
    const res = await stack.gql<{ shop: { liveSessions: { nodes: { unitsSold: number }[] } } }>(
      `query($s: ID!, $r: DateRange!) { shop(id: $s) { liveSessions(range: $r, sortKey: UNITS_SOLD) { nodes { unitsSold } } } }`,
      { s: VN, r: { from: day, to: day } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.shop.liveSessions.nodes).toEqual([{ unitsSold: 12 }]);
    expect(stack.calls('GET /analytics/202508/shop_lives/performance').map((r) => r.query.get('sort_field'))).toEqual(['unit_sold']);
  });

  it('counts the unknown values it kept in /metrics', async () => {
    const body = await (await fetch(stack.server.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(body).toContain('shopgraph_upstream_unknown_values_total{api="partner",field="order.status",value="AWAITING_PICKUP"}');
    expect(body).toContain('shopgraph_upstream_unknown_values_total{api="partner",field="line_item.display_status",value="TO_SHIP"}');
    expect(body).toMatch(/shopgraph_upstream_rejected_rows_total\{api="partner",path="\/order\/202309\/orders\/search"\} 1/);
  });
});

describe('GMV Max campaigns when TikTok fails to list them', () => {
  let stack: ScriptedStack;
  beforeAll(async () => {
    stack = await startScripted(
      [shopJson(VN, 'VN')],
      script({ 'GET /open_api/v1.3/gmv_max/campaign/get/': () => ({ code: 40002, message: 'not served' }) }) as never,
    );
  });
  afterAll(() => stack.close());

  it('still answers the standard campaigns, with the error at the end of the list only', async () => {
    const res = await stack.gql<{ shop: { name: string; campaigns: ({ id: string } | null)[] } }>(
      `query($s: ID!) { shop(id: $s) { name campaigns { id type } } }`,
      { s: VN },
    );
    expect(res.data?.shop).toEqual({ name: 'Shop VN', campaigns: [{ id: '1800000000000001', type: 'STANDARD' }, null] });
    expect((res.errors as Errors).map((e) => e.path)).toEqual([['shop', 'campaigns', 1]]);
  });
});
