import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmulatorStore } from '../../../../src/emulator/data/store';

const SHOP = '7494726673780148700';
const ADV = '7104538154627159900';
const NOW = 1764000000;

/** A whole TikTok answer around `data`. */
const envelope = (data: unknown, code = 0) => ({ code, message: code === 0 ? 'Success' : 'Something', request_id: '20251124160000ABCDEF', data });

async function fixtureDir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-files-'));
  for (const [name, json] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), JSON.stringify(json));
  }
  return dir;
}

const SHOPS = { shops: [{ id: SHOP, name: 'Drop-in GB', region: 'GB', seller_type: 'LOCAL', cipher: 'ROW_dropIn', code: 'GB1' }] };
const ORDER = {
  id: '576600000000000001',
  status: 'COMPLETED',
  create_time: 1763600000,
  update_time: 1763700000,
  paid_time: 1763600100,
  user_id: '7494000000000000001',
  payment: {
    currency: 'GBP',
    original_total_product_price: '20.00',
    seller_discount: '0.00',
    platform_discount: '0.00',
    sub_total: '20.00',
    original_shipping_fee: '2.99',
    shipping_fee: '2.99',
    shipping_fee_seller_discount: '0.00',
    shipping_fee_platform_discount: '0.00',
    total_amount: '22.99',
  },
  line_items: [
    {
      id: '576600000000000002',
      product_id: '1729000000000000001',
      sku_id: '1729000000000000101',
      currency: 'GBP',
      original_price: '20.00',
      sale_price: '20.00',
      display_status: 'COMPLETED',
    },
  ],
};

describe('fixture files: a bare data payload or a whole TikTok answer, and what recordings add', () => {
  it('reads whole answers ({code, message, request_id, data}) as their data; amounts TikTok left out stay out', async () => {
    const dir = await fixtureDir({
      'shops.json': envelope(SHOPS),
      [`shops/${SHOP}/orders.json`]: envelope({ orders: [ORDER], next_page_token: '', total_count: 1 }),
    });
    const store = await EmulatorStore.fromFixtures(dir, NOW);
    const [order] = store.getOrders(SHOP, [ORDER.id]);
    expect(order?.payment.total_amount).toBe('22.99');
    // A UK local order has no tax field at all, and none is invented.
    expect(Object.keys(order?.payment ?? {}).some((k) => k.includes('tax'))).toBe(false);
  });

  it('refuses a recorded error answer where data belongs, naming the file', async () => {
    const dir = await fixtureDir({ 'shops.json': SHOPS, [`shops/${SHOP}/orders.json`]: envelope(null, 36009003) });
    await expect(EmulatorStore.fromFixtures(dir, NOW)).rejects.toThrow(`shops/${SHOP}/orders.json: a recorded error answer (code 36009003), not data`);
  });

  it('serves recorded statements, payments, transactions by order, search rows and inventory as recorded', async () => {
    const statement = {
      id: '7238800000000000001',
      statement_time: 1763769600,
      currency: 'GBP',
      settlement_amount: '18.01',
      fee_amount: '-1.99',
      adjustment_amount: '0.00',
      net_sales_amount: '20.00',
      shipping_cost_amount: '0.00',
      payment_status: 'PAID',
      payment_id: '3459270000000000001',
    };
    const payment = { id: '3459270000000000001', create_time: 1763856000, status: 'PAID', amount: { value: '18.01', currency: 'GBP' } };
    const tx = {
      order_id: ORDER.id,
      currency: 'GBP',
      revenue_amount: '20.00',
      fee_and_tax_amount: '-1.99',
      shipping_cost_amount: '0.00',
      settlement_amount: '18.01',
      sku_transactions: [
        {
          sku_id: '1729000000000000101',
          statement_id: statement.id,
          settlement_amount: '18.01',
          revenue_amount: '20.00',
          fee_tax_breakdown: { fee: { referral_fee_amount: '-1.99', deprecated_fee_amount: '' } },
        },
      ],
    };
    const row = {
      id: '1729000000000000001',
      title: 'Mug',
      status: 'ACTIVATE',
      skus: [{ id: '1729000000000000101', seller_sku: 'MUG', price: { currency: 'GBP', tax_exclusive_price: '20.00' } }],
      create_time: 1700000000,
      update_time: 1700000000,
    };
    const inventory = {
      product_id: row.id,
      skus: [{ id: '1729000000000000101', seller_sku: 'MUG', total_available_quantity: 7, total_committed_quantity: 1, warehouse_inventory: [] }],
    };
    const dir = await fixtureDir({
      'shops.json': SHOPS,
      [`shops/${SHOP}/orders.json`]: { orders: [ORDER] },
      [`shops/${SHOP}/statements.json`]: envelope({ statements: [statement], next_page_token: '' }),
      [`shops/${SHOP}/payments.json`]: { payments: [payment] },
      [`shops/${SHOP}/statement-transactions/${ORDER.id}.json`]: envelope(tx),
      [`shops/${SHOP}/products-search.json`]: { products: [row], total_count: 1 },
      [`shops/${SHOP}/inventory.json`]: { inventory: [inventory] },
    });
    const store = await EmulatorStore.fromFixtures(dir, NOW);
    expect(store.listStatements(SHOP, {}, { pageSize: 10 }).items).toEqual([statement]);
    expect(store.listPayments(SHOP, {}, { pageSize: 10, sortOrder: 'ASC' }).items).toEqual([payment]);
    expect(store.orderStatementTransactions(SHOP, ORDER.id)?.settlement_amount).toBe('18.01');
    // The statement's transactions add up the recorded one; a deprecated "" kind adds nothing.
    const byStatement = store.statementTransactions(SHOP, statement.id, { pageSize: 10, sortOrder: 'ASC' });
    expect(byStatement?.transactions.map((t) => [t.order_id, t.settlement_amount, t.fee_tax_breakdown.fee])).toEqual([
      [ORDER.id, '18.01', { referral_fee_amount: '-1.99' }],
    ]);
    expect(store.searchProducts(SHOP, {}, { pageSize: 10 }).items).toEqual([row]);
    expect(store.searchInventory(SHOP, { product_ids: [row.id] })).toEqual([inventory]);
    // A product recorded only as a search row is still found by Get Product.
    expect(store.getProduct(SHOP, row.id)?.title).toBe('Mug');
  });

  it('GMV Max per advertiser and store: campaigns, report rows and the store list', async () => {
    const campaign = (id: string, status: string) => ({
      campaign_id: id,
      campaign_name: `GMV ${id}`,
      store_id: SHOP,
      shopping_ads_type: 'PRODUCT',
      secondary_status: status,
      operation_status: status === 'CAMPAIGN_STATUS_ENABLE' ? 'ENABLE' : 'DISABLE',
      budget: 20,
      create_time: '2025-11-01 00:00:00',
      modify_time: '2025-11-10 00:00:00',
    });
    const row = (id: string, day: string, cost: string) => ({
      dimensions: { campaign_id: id, stat_time_day: `${day} 00:00:00` },
      metrics: { cost, gross_revenue: '40.00', roi: '2.00', orders: '2' },
    });
    const dir = await fixtureDir({
      'shops.json': SHOPS,
      'advertisers.json': {
        list: [{ advertiser_id: ADV, name: 'Ads', currency: 'GBP', timezone: 'Etc/GMT', display_timezone: 'Europe/London', status: 'STATUS_ENABLE' }],
      },
      [`advertisers/${ADV}/stores.json`]: envelope({ store_list: [{ store_id: SHOP, store_name: 'Drop-in GB', store_status: 'ACTIVE' }] }),
      [`advertisers/${ADV}/gmv-max-campaigns.json`]: { list: [campaign('1801', 'CAMPAIGN_STATUS_ENABLE'), campaign('1802', 'CAMPAIGN_STATUS_DELETE')] },
      [`advertisers/${ADV}/gmv-max-report/${SHOP}.json`]: {
        list: [row('1801', '2025-11-20', '20.00'), row('1802', '2025-11-20', '5.00'), row('1801', '2025-11-21', '18.50')],
      },
    });
    const store = await EmulatorStore.fromFixtures(dir, NOW);
    expect(store.advertisers()[0]?.shop_ids).toEqual([SHOP]);
    expect(store.gmvMaxStores(ADV)).toEqual([{ store_id: SHOP, store_name: 'Drop-in GB', store_status: 'ACTIVE' }]);
    const q = { start_date: '2025-11-20', end_date: '2025-11-21', metrics: ['cost'], page: 1, pageSize: 10 };
    expect(store.gmvMaxReport(SHOP, ADV, q).list.map((r) => [r.dimensions.campaign_id, r.metrics.cost])).toEqual([
      ['1801', '20.00'],
      ['1801', '18.50'],
    ]);
    expect(store.gmvMaxReport(SHOP, ADV, { ...q, campaign_statuses: ['STATUS_ALL'] }).list).toHaveLength(3);
    expect(
      store
        .gmvMaxCampaigns(ADV, { promotion_types: ['PRODUCT_GMV_MAX'], primary_status: 'STATUS_DELETE' }, { page: 1, pageSize: 10 })
        .list.map((c) => c.campaign_id),
    ).toEqual(['1802']);
    expect(store.campaigns(ADV, { include_deleted: true }, { page: 1, pageSize: 10 }).list).toEqual([]);
  });
});
