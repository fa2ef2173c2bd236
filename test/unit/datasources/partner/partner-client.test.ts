import { UpstreamError } from '../../../../src/upstream/upstream-error';
import { ACCESS_TOKEN, NOW_S, orderJson, SHOP } from './fixtures';
import { harness, type Harness } from './harness';
import { APP_KEY, ok, type StubHandler } from './stub-server';

const ORDER_ID = '576684019603311365';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stub.close();
  h = undefined;
});

async function start(api: StubHandler): Promise<Harness> {
  h = await harness(api);
  return h;
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

describe('PartnerClient request shape', () => {
  it('signs Get Authorized Shops with app_key and a seconds timestamp, and no shop_cipher', async () => {
    const { client, stub } = await start(() => ok({ shops: [{ id: SHOP.id, name: 'S', region: 'US', seller_type: 'LOCAL', cipher: SHOP.cipher, code: 'C' }] }));
    const shops = await client.getAuthorizedShops();
    expect(shops).toEqual([{ id: SHOP.id, name: 'S', region: 'US', seller_type: 'LOCAL', cipher: SHOP.cipher, code: 'C' }]);
    const request = only(stub.apiRequests());
    expect(request).toMatchObject({ method: 'GET', path: '/authorization/202309/shops', signatureOk: true, body: '' });
    expect(Object.keys(request.query).sort()).toEqual(['app_key', 'sign', 'timestamp']);
    expect(request.query.app_key).toBe(APP_KEY);
    expect(request.query.timestamp).toBe(String(NOW_S));
    expect(request.query.sign).toMatch(/^[0-9a-f]{64}$/);
    expect(request.headers['x-tts-access-token']).toBe(ACCESS_TOKEN);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.query).not.toHaveProperty('access_token');
  });

  it('puts paging in the query and the filters, serialized once and signed, in the body', async () => {
    const { client, stub } = await start(() => ok({ orders: [orderJson(ORDER_ID)], next_page_token: '', total_count: 1 }));
    const page = await client.searchOrders(SHOP, {
      filters: { order_status: 'COMPLETED', create_time_ge: 1_700_000_000, update_time_lt: undefined },
      sortField: 'update_time',
      sortOrder: 'ASC',
      pageSize: 100,
    });
    expect(page.orders.map((o) => o.id)).toEqual([ORDER_ID]);
    const request = only(stub.apiRequests());
    expect(request).toMatchObject({ method: 'POST', path: '/order/202309/orders/search', signatureOk: true });
    expect(request.body).toBe('{"order_status":"COMPLETED","create_time_ge":1700000000}');
    expect(request.query).toMatchObject({
      shop_cipher: SHOP.cipher,
      page_size: '100',
      sort_field: 'update_time',
      sort_order: 'ASC',
    });
    expect(request.query).not.toHaveProperty('page_token');
  });

  it("sends {} (signed like any body) when a search has no filters, as TikTok's testing tool does", async () => {
    const { client, stub } = await start(() => ok({ products: [], next_page_token: '' }));
    await client.searchProducts(SHOP, { pageSize: 20, filters: { status: undefined } });
    await client.searchOrders(SHOP, { pageSize: 20 });
    const [products, orders] = stub.apiRequests();
    expect(products?.body).toBe('{}');
    expect(orders?.body).toBe('{}');
    expect(products?.signatureOk).toBe(true);
    expect(orders?.signatureOk).toBe(true);
    expect(products?.headers['content-type']).toBe('application/json');
  });

  it('refuses more than 10 seller_skus in one product search, and pages them 10 at a time', async () => {
    const { client, stub } = await start(() => ok({ products: [], next_page_token: '' }));
    const skus = Array.from({ length: 11 }, (_, i) => `S${i}`);
    await expect(client.searchProducts(SHOP, { pageSize: 20, filters: { seller_skus: skus } })).rejects.toThrow(/at most 10 seller_skus/);
    expect(stub.apiRequests()).toHaveLength(0);
    for await (const page of client.paginateProducts(SHOP, { pageSize: 20, filters: { seller_skus: skus } })) void page;
    expect(stub.apiRequests().map((r) => (JSON.parse(r.body) as { seller_skus: string[] }).seller_skus.length)).toEqual([10, 1]);
  });

  it('comma-joins order ids and refuses more than 50 before sending', async () => {
    const { client, stub } = await start(() => ok({ orders: [orderJson('1'), orderJson('2')] }));
    const { orders, rejected } = await client.getOrders(SHOP, ['1', '2']);
    expect(orders.map((o) => o.id)).toEqual(['1', '2']);
    expect(rejected).toEqual([]);
    expect(only(stub.apiRequests()).query.ids).toBe('1,2');

    const tooMany = Array.from({ length: 51 }, (_, i) => String(i + 1));
    await expect(client.getOrders(SHOP, tooMany)).rejects.toThrow(/between 1 and 50 IDs per call, got 51/);
    await expect(client.getOrders(SHOP, [])).rejects.toThrow(RangeError);
    expect(stub.apiRequests()).toHaveLength(1);
  });

  it('fills path parameters and validates them', async () => {
    const product = {
      id: '1729592969712207012',
      title: 'Mug',
      status: 'ACTIVATE',
      skus: [{ id: '1729592969712272548', price: { currency: 'USD', sale_price: '9.99' } }],
      create_time: NOW_S,
      update_time: NOW_S,
    };
    const { client, stub } = await start(() => ok(product));
    const result = await client.getProduct(SHOP, product.id);
    expect(result.skus[0]).toEqual({ id: '1729592969712272548', seller_sku: '', price: { currency: 'USD', sale_price: '9.99' }, inventory: [] });
    expect(only(stub.apiRequests()).path).toBe(`/product/202309/products/${product.id}`);
    await expect(client.getProduct(SHOP, '../../x')).rejects.toThrow(RangeError);
    expect(stub.apiRequests()).toHaveLength(1);
  });

  it('sends statement and analytics filters in the query, with the required statement sort', async () => {
    const { client, stub } = await start((request) =>
      request.path === '/finance/202309/statements'
        ? ok({ statements: [], next_page_token: '' })
        : ok({ products: [], next_page_token: '', latest_available_date: '2024-12-30' }),
    );
    await client.getStatements(SHOP, { pageSize: 50, filters: { statement_time_ge: 1, statement_time_lt: 2 } });
    await client.getProductPerformance(SHOP, {
      pageSize: 10,
      sortField: 'gmv',
      filters: { start_date_ge: '2024-12-01', end_date_lt: '2024-12-31' },
    });
    const [statements, performance] = stub.apiRequests();
    expect(statements?.query).toMatchObject({ statement_time_ge: '1', statement_time_lt: '2', sort_field: 'statement_time' });
    expect(statements?.body).toBe('');
    expect(performance?.query).toMatchObject({ start_date_ge: '2024-12-01', end_date_lt: '2024-12-31', sort_field: 'gmv' });
    expect(performance?.signatureOk).toBe(true);
  });

  it("enforces each endpoint's page-size range (returns: 10-50)", async () => {
    const { client, stub } = await start(() => ok({ return_orders: [], next_page_token: '' }));
    await expect(client.searchReturns(SHOP, { pageSize: 5 })).rejects.toThrow(/page_size must be an integer in 10–50/);
    await expect(client.searchOrders(SHOP, { pageSize: 101 })).rejects.toThrow(RangeError);
    await client.searchReturns(SHOP, { pageSize: 10, filters: { order_ids: [ORDER_ID] } });
    expect(only(stub.apiRequests()).body).toBe(`{"order_ids":["${ORDER_ID}"]}`);
  });

  it('searches inventory by SKU ids in the body, within the 600 limit', async () => {
    const inventory = [{ product_id: '11', skus: [{ id: '22', total_available_quantity: 5 }] }];
    const { client, stub } = await start(() => ok({ inventory }));
    const result = await client.searchInventory(SHOP, { sku_ids: ['22'] });
    expect(result[0]?.skus[0]).toEqual({ id: '22', seller_sku: '', total_available_quantity: 5, warehouse_inventory: [] });
    expect(only(stub.apiRequests()).body).toBe('{"sku_ids":["22"]}');
    const tooMany = Array.from({ length: 601 }, (_, i) => String(i + 1));
    await expect(client.searchInventory(SHOP, { sku_ids: tooMany })).rejects.toThrow(RangeError);
  });

  it('reads order statement transactions (202501) and shop performance with their query', async () => {
    const transactions = {
      order_id: ORDER_ID,
      currency: 'USD',
      revenue_amount: '20.00',
      fee_and_tax_amount: '-2.40',
      shipping_cost_amount: '0',
      settlement_amount: '17.60',
    };
    const performance = { performance: { intervals: [] }, latest_available_date: '2024-12-30' };
    const { client, stub } = await start((request) => ok(request.path.startsWith('/finance') ? transactions : performance));
    const settled = await client.getOrderStatementTransactions(SHOP, ORDER_ID);
    expect(settled).toMatchObject({ settlement_amount: '17.60', sku_transactions: [] });
    const shop = await client.getShopPerformance(SHOP, {
      start_date_ge: '2024-12-01',
      end_date_lt: '2024-12-31',
      granularity: '1D',
    });
    expect(shop.latest_available_date).toBe('2024-12-30');
    const [finance, analytics] = stub.apiRequests();
    expect(finance?.path).toBe(`/finance/202501/orders/${ORDER_ID}/statement_transactions`);
    expect(analytics?.path).toBe('/analytics/202405/shop/performance');
    expect(analytics?.query).toMatchObject({ start_date_ge: '2024-12-01', end_date_lt: '2024-12-31', granularity: '1D' });
    expect(analytics?.query.shop_cipher).toBe(SHOP.cipher);
  });

  it('manages webhooks with bodies on PUT and DELETE', async () => {
    const { client, stub } = await start((request) =>
      request.method === 'GET' ? ok({ webhooks: [{ event_type: 'ORDER_STATUS_CHANGE', address: 'https://x.test/hook' }] }) : ok({}),
    );
    await expect(client.getWebhooks(SHOP)).resolves.toEqual([{ event_type: 'ORDER_STATUS_CHANGE', address: 'https://x.test/hook' }]);
    await client.putWebhook(SHOP, { event_type: 'ORDER_STATUS_CHANGE', address: 'https://x.test/hook' });
    await client.deleteWebhook(SHOP, 'ORDER_STATUS_CHANGE');
    const [, put, del] = stub.apiRequests();
    expect(put).toMatchObject({ method: 'PUT', body: '{"event_type":"ORDER_STATUS_CHANGE","address":"https://x.test/hook"}', signatureOk: true });
    expect(del).toMatchObject({ method: 'DELETE', body: '{"event_type":"ORDER_STATUS_CHANGE"}', signatureOk: true });
  });
});

describe('PartnerClient responses', () => {
  it('keeps 64-bit IDs exact, including ones sent as JSON numbers', async () => {
    const big = '7494726673780148745';
    const text = JSON.stringify(ok({ orders: [orderJson('PLACEHOLDER')] }).body).replace('"PLACEHOLDER"', big);
    const { client } = await start(() => ({ body: text }));
    const {
      orders: [order],
    } = await client.getOrders(SHOP, [big]);
    expect(order?.id).toBe(big);
  });

  it('reports a response that does not match the schema as invalid_response naming the path', async () => {
    const { client, stub } = await start(() => ok({ orders: { id: ORDER_ID } }));
    const error = await client.getOrders(SHOP, [ORDER_ID]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'invalid_response', details: { path: '/order/202507/orders', requestId: 'req-ok' } });
    expect((error as Error).message).toContain('data.orders');
    expect(stub.apiRequests()).toHaveLength(1);
  });

  it('returns an order without payment.currency as rejected beside the good ones, and logs it once at warn', async () => {
    const bad = orderJson('2', { payment: { ...orderJson('2').payment, currency: undefined } });
    const { client, logs } = await start(() => ok({ orders: [orderJson('1'), bad, orderJson('3')], next_page_token: '', total_count: 3 }));
    const page = await client.searchOrders(SHOP, { pageSize: 100 });
    expect(page.orders.map((o) => o.id)).toEqual(['1', '3']);
    expect(page.rejected).toEqual([
      { index: 1, id: '2', orderId: '2', createTime: expect.any(Number), path: 'orders[1].payment.currency', message: expect.any(String) },
    ]);
    const warnings = logs.lines.filter((l) => l.msg === 'partner answer had rows ShopGraph cannot read');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, path: '/order/202309/orders/search', rejected: page.rejected });
  });

  it.each([
    ['product', 12019150],
    ['product', 12052032],
    ['product', 12052260],
    ['order', 21008111],
  ])('reads %s code %d as not_found whatever the HTTP status', async (what, code) => {
    const { client } = await start(() => ({ status: 200, body: { code, message: 'does not exist', request_id: 'r', data: null } }));
    const call = what === 'order' ? client.getOrders(SHOP, [ORDER_ID]) : client.getProduct(SHOP, '1729592969712207012');
    await expect(call).rejects.toMatchObject({ kind: 'not_found', details: { code } });
  });

  it('walks next_page_token to the last page, passing tokens with / + = intact', async () => {
    const tokens = ['', 'a/b+c=', 'd+/e=='];
    const { client, stub } = await start((request) => {
      const at = tokens.indexOf(request.query.page_token ?? '');
      const next = tokens[at + 1] ?? '';
      return ok({ orders: [orderJson(String(at + 1))], next_page_token: next, total_count: 3 });
    });
    const ids: string[] = [];
    for await (const page of client.paginateOrders(SHOP, { pageSize: 1 })) ids.push(...page.orders.map((o) => o.id));
    expect(ids).toEqual(['1', '2', '3']);
    expect(stub.apiRequests().map((r) => r.query.page_token)).toEqual([undefined, 'a/b+c=', 'd+/e==']);
    expect(stub.apiRequests().every((r) => r.signatureOk)).toBe(true);
  });

  it('stops a walk whose token repeats instead of looping forever', async () => {
    const { client } = await start(() => ok({ cancellations: [], next_page_token: 'same' }));
    const walk = async () => {
      for await (const page of client.paginateCancellations(SHOP, { pageSize: 50 })) void page;
    };
    await expect(walk()).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});
