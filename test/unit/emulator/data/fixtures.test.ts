import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorStore } from '../../../../src/emulator/data/store';

const FIXTURES = join(__dirname, '../../../fixtures/emulator');
const SHOP = '7494726673780148744';
const ADVERTISER = '7104538154627159940';
/** 2025-11-24T16:00:00Z. */
const NOW = 1764000000;

describe('EmulatorStore.fromFixtures', () => {
  it('replays recorded orders, products, returns, cancellations, advertisers, campaigns and reports', async () => {
    const store = await EmulatorStore.fromFixtures(join(FIXTURES, 'basic'), NOW);
    expect(store.shops()).toEqual([
      {
        id: SHOP,
        name: 'Fixture Beauty US',
        region: 'US',
        seller_type: 'LOCAL',
        cipher: 'TTP_fixtureCipher0001',
        code: 'USLCFIX001',
        currency: 'USD',
        timezone: 'America/Los_Angeles',
      },
    ]);
    expect(store.shopByCipher('TTP_fixtureCipher0001')?.id).toBe(SHOP);
    const orders = store.searchOrders(SHOP, {}, { sortField: 'create_time', sortOrder: 'ASC', pageSize: 10 });
    expect(orders.items.map((o) => o.id)).toEqual(['576684019603311365', '576684019603311400', '576684019603311500']);
    const [a, b] = orders.items;
    // A 64-bit id recorded as a bare JSON number keeps all its digits; unknown fields are replayed.
    expect(a?.user_id).toBe('7494726673780148123');
    expect(a?.buyer_message).toBe('recorded extra');
    // Omitted discounts are zero: TikTok leaves zero amounts out.
    expect(b?.payment.seller_discount).toBe('0');
    expect(store.getProduct(SHOP, '1729385910000000002')?.status).toBe('SELLER_DEACTIVATED');
    expect(store.searchReturns(SHOP, {}, { sortField: 'create_time', sortOrder: 'ASC', pageSize: 10 }).items).toHaveLength(1);
    expect(store.searchCancellations(SHOP, {}, { sortField: 'create_time', sortOrder: 'ASC', pageSize: 10 }).items[0]?.refund_amount).toBeUndefined();
    expect(store.advertisers()[0]).toMatchObject({ advertiser_id: ADVERTISER, shop_ids: [SHOP] });
    const campaigns = store.campaigns(ADVERTISER, { include_deleted: false }, { page: 1, pageSize: 10 });
    expect(campaigns.list.map((c) => c.campaign_id)).toEqual(['1800000000000000001']);
    const q = { start_date: '2025-11-20', end_date: '2025-11-21', metrics: ['spend', 'onsite_shopping', 'cpc'], page: 1, pageSize: 10 };
    expect(store.report(ADVERTISER, { ...q, include_deleted: false }).list).toEqual([
      {
        dimensions: { campaign_id: '1800000000000000001', stat_time_day: '2025-11-20 00:00:00' },
        metrics: { spend: '15.000', onsite_shopping: '2', cpc: '-' },
      },
      {
        dimensions: { campaign_id: '1800000000000000001', stat_time_day: '2025-11-21 00:00:00' },
        metrics: { spend: '12.500', onsite_shopping: '-', cpc: '-' },
      },
    ]);
    expect(store.report(ADVERTISER, { ...q, include_deleted: true }).page_info.total_number).toBe(3);
  });

  it('derives analytics and finance from the recorded orders (metrics.md worked example)', async () => {
    const store = await EmulatorStore.fromFixtures(join(FIXTURES, 'basic'), NOW);
    const perf = store.shopPerformance(SHOP, { start_date_ge: '2025-11-20', end_date_lt: '2025-11-21', granularity: '1D' });
    // TikTok's GMV is what buyers paid: A 30.00 (its 6.00 platform discount is not paid by the
    // buyer) + B 50.00 = 80.00, docs/metrics.md's "80.00 on TikTok's basis".
    expect(perf.performance.intervals[0]).toMatchObject({
      gmv: { amount: '80.00', currency: 'USD' },
      orders: 2,
      units_sold: 3,
      avg_order_value: { amount: '40.00' },
    });
    expect(perf.latest_available_date).toBe('2025-11-23');
    const tx = store.orderStatementTransactions(SHOP, '576684019603311400');
    // Order B was fully refunded before it settled: no revenue left.
    expect(tx?.revenue_amount).toBe('0.00');
    expect(store.listStatements(SHOP, {}, { pageSize: 10 }).items.map((s) => s.statement_time)).toEqual([1763856000, 1763942400]);
  });

  it('sells what the recording has on sale in live mode, on top of the recorded orders', async () => {
    const store = await EmulatorStore.fromFixtures(join(FIXTURES, 'basic'), NOW);
    const changes = store.tick(NOW + 2 * 86400);
    expect(changes.some((c) => c.type === 1 && c.data.order_status === 'UNPAID')).toBe(true);
    const orders = store.raw(SHOP).orders;
    expect(orders.length).toBeGreaterThan(3);
    const fresh = orders.filter((o) => o.create_time > NOW);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((o) => o.line_items.every((l) => l.product_id === '1729385910000000001' && l.original_price === '20.00'))).toBe(true);
    expect(store.getOrders(SHOP, ['576684019603311365'])[0]?.status).toBe('COMPLETED');
  });

  it('treats missing files as empty lists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-fixtures-'));
    await writeFile(
      join(dir, 'shops.json'),
      JSON.stringify({ shops: [{ id: '1', name: 'Empty', region: 'GB', seller_type: 'LOCAL', cipher: 'ROW_x', code: 'GB1' }] }),
    );
    const store = await EmulatorStore.fromFixtures(dir, NOW);
    expect(store.shops()[0]).toMatchObject({ currency: 'GBP', timezone: 'Europe/London' });
    expect(store.raw('1')).toEqual({ orders: [], products: [], returns: [], cancellations: [], statements: [] });
    expect(store.advertisers()).toEqual([]);
    expect(store.tick(NOW + 86400)).toEqual([]); // nothing on sale, so live mode has nothing to sell
  });

  it('replays what TikTok leaves out as left out: no paid_time (COD), no sale_price, no status, no refund_amount, new enum values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-fixtures-'));
    await writeFile(
      join(dir, 'shops.json'),
      JSON.stringify({
        shops: [{ id: '1', name: 'COD shop', region: 'VN', seller_type: 'LOCAL', cipher: 'ROW_v', code: 'VN1', currency: 'VND', timezone: 'Asia/Ho_Chi_Minh' }],
      }),
    );
    await mkdir(join(dir, 'shops/1'), { recursive: true });
    const line = {
      id: '11',
      product_id: '21',
      product_name: 'Ao',
      sku_id: '31',
      currency: 'VND',
      original_price: '100000',
      sale_price: '100000',
      display_status: 'IN_TRANSIT',
    };
    await writeFile(
      join(dir, 'shops/1/orders.json'),
      JSON.stringify({
        orders: [
          {
            id: '41',
            status: 'IN_TRANSIT',
            create_time: NOW - 7200,
            update_time: NOW - 3600,
            user_id: '51',
            is_cod: true,
            payment_method_name: 'Cash on delivery',
            payment: { currency: 'VND', original_total_product_price: '100000', sub_total: '100000', shipping_fee: '0', total_amount: '100000' },
            line_items: [line],
          },
          {
            id: '42',
            status: 'SOMETHING_NEW',
            create_time: NOW - 7000,
            update_time: NOW - 3000,
            user_id: '51',
            payment: { currency: 'VND', original_total_product_price: '100000', sub_total: '100000', shipping_fee: '0', total_amount: '100000' },
            line_items: [{ ...line, id: '12' }],
          },
        ],
      }),
    );
    await writeFile(
      join(dir, 'shops/1/products.json'),
      JSON.stringify({
        products: [
          {
            id: '21',
            title: 'Ao',
            skus: [{ id: '31', price: { currency: 'VND', tax_exclusive_price: '100000' } }],
            create_time: NOW - 86400,
            update_time: NOW - 86400,
          },
        ],
      }),
    );
    await writeFile(
      join(dir, 'shops/1/returns.json'),
      JSON.stringify({
        return_orders: [
          {
            return_id: '61',
            order_id: '41',
            return_type: 'REFUND',
            return_status: 'AWAITING_BUYER_RESPONSE',
            create_time: NOW - 600,
            update_time: NOW - 300,
            seller_proposed_return_type: 'PARTIAL_REFUND',
            partial_refund: { currency: 'VND', amount: '20000' },
          },
        ],
      }),
    );
    const store = await EmulatorStore.fromFixtures(dir, NOW);
    const [cod, unknown] = store.getOrders('1', ['41', '42']);
    expect(cod?.paid_time).toBeUndefined();
    expect(cod).toMatchObject({ is_cod: true, payment_method_name: 'Cash on delivery' });
    expect(unknown?.status).toBe('SOMETHING_NEW');
    const product = store.getProduct('1', '21');
    expect(product?.status).toBeUndefined();
    expect(product?.skus[0]?.price).toEqual({ currency: 'VND', tax_exclusive_price: '100000' });
    const [ret] = store.searchReturns('1', {}, { sortField: 'create_time', sortOrder: 'ASC', pageSize: 10 }).items;
    expect(ret?.refund_amount).toBeUndefined();
    expect(ret).toMatchObject({ seller_proposed_return_type: 'PARTIAL_REFUND', partial_refund: { amount: '20000' } });
    // Derived data copes with the absences (an unpaid COD order is not in paid analytics).
    const day = store.shopPerformance('1', { start_date_ge: '2025-11-20', end_date_lt: '2025-11-24', granularity: 'ALL' });
    expect(day.performance.intervals[0]?.orders).toBe(0);
  });

  it('names the file and the JSON path of an invalid value', async () => {
    await expect(EmulatorStore.fromFixtures(join(FIXTURES, 'malformed'), NOW)).rejects.toThrow(
      `shops/${SHOP}/orders.json: orders[1].payment.total_amount: expected a decimal string`,
    );
  });

  it('names the file of malformed JSON and asks for currency and timezone of an unknown region', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-fixtures-'));
    await writeFile(join(dir, 'shops.json'), JSON.stringify({ shops: [{ id: '1', name: 'X', region: 'ZZ', seller_type: 'LOCAL', cipher: 'c', code: '' }] }));
    await expect(EmulatorStore.fromFixtures(dir, NOW)).rejects.toThrow('shops.json: shops[0].region: unknown region "ZZ"');
    await writeFile(
      join(dir, 'shops.json'),
      JSON.stringify({ shops: [{ id: '1', name: 'X', region: 'ZZ', seller_type: 'LOCAL', cipher: 'c', code: '', currency: 'EUR', timezone: 'Europe/Paris' }] }),
    );
    await mkdir(join(dir, 'shops/1'), { recursive: true });
    await writeFile(join(dir, 'shops/1/returns.json'), '{"return_orders": [');
    await expect(EmulatorStore.fromFixtures(dir, NOW)).rejects.toThrow(/^shops\/1\/returns\.json: invalid JSON/);
  });
});
