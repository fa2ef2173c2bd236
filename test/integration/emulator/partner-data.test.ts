import type { EmuShop } from '../../../src/emulator/data/store';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, type PartnerRequest, type TestClock } from './helpers';

interface Paged {
  next_page_token: string;
  total_count?: number;
  [list: string]: unknown;
}

describe("emulator: Partner API answers (against the store's ground truth)", () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let shop: EmuShop;

  beforeAll(async () => {
    // Two weeks, so some orders have completed and settled (statement transactions).
    ({ emu, clock } = await startTestEmulator({ days: 14 }));
    token = await accessToken(emu);
    shop = emu.store.shops()[0] as EmuShop;
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    clock.ms += 1000;
  });

  const call = <T = Record<string, unknown>>(req: PartnerRequest) => partner<T>(emu, clock, { token, cipher: shop.cipher, ...req });

  /** Follows next_page_token to the end; the token travels URL-encoded (it holds + / =). */
  async function all(path: string, list: string, query: Record<string, string>, body?: string): Promise<{ items: { [k: string]: unknown }[]; total?: number }> {
    const items: { [k: string]: unknown }[] = [];
    let pageToken = '';
    let total: number | undefined;
    do {
      const { body: env } = await call<Paged>({ path, query: { ...query, ...(pageToken ? { page_token: pageToken } : {}) }, body });
      expect(env.code).toBe(0);
      items.push(...(env.data[list] as { [k: string]: unknown }[]));
      pageToken = env.data.next_page_token;
      total = env.data.total_count;
    } while (pageToken !== '');
    return { items, total };
  }

  it('lists the authorized shops without emulator-only fields', async () => {
    const { body } = await partner<{ shops: Record<string, unknown>[] }>(emu, clock, { path: '/authorization/202309/shops', token });
    expect(body.data.shops).toHaveLength(2);
    expect(Object.keys(body.data.shops[0] ?? {}).sort()).toEqual(['cipher', 'code', 'id', 'name', 'region', 'seller_type']);
  });

  it('pages through every order', async () => {
    const raw = emu.store.raw(shop.id).orders;
    const { items, total } = await all('/order/202309/orders/search', 'orders', { page_size: '3' }, '{}');
    expect(total).toBe(raw.length);
    expect(items.map((o) => o.id).sort()).toEqual(raw.map((o) => o.id).sort());
    const detail = await call<{ orders: { id: string }[] }>({
      path: '/order/202309/orders',
      query: {
        ids: raw
          .slice(0, 2)
          .map((o) => o.id)
          .join(','),
      },
    });
    expect(detail.body.data.orders.map((o) => o.id).sort()).toEqual(
      raw
        .slice(0, 2)
        .map((o) => o.id)
        .sort(),
    );
  });

  it('filters orders by create time from the JSON body', async () => {
    const raw = emu.store.raw(shop.id).orders;
    const cut = [...raw].sort((a, b) => a.create_time - b.create_time)[Math.floor(raw.length / 2)]?.create_time ?? 0;
    const { items } = await all('/order/202309/orders/search', 'orders', { page_size: '100' }, JSON.stringify({ create_time_ge: cut }));
    expect(items).toHaveLength(raw.filter((o) => o.create_time >= cut).length);
  });

  it('serves products, product detail and inventory', async () => {
    const { items } = await all('/product/202309/products/search', 'products', { page_size: '100' }, '{}');
    // Every product but the deleted one, which only status DELETED lists.
    expect(items.length).toBe(emu.store.raw(shop.id).products.length - 1);
    const id = String(items[0]?.id);
    const detail = await call<{ id: string }>({ path: `/product/202309/products/${id}` });
    expect(detail.body.data.id).toBe(id);
    const inventory = await call<{ inventory: unknown[] }>({ path: '/product/202309/inventory/search', body: JSON.stringify({ product_ids: [id] }) });
    expect(inventory.body.data.inventory).toHaveLength(1);
    const none = await call({ path: '/product/202309/inventory/search', body: '{}' });
    expect(none.body.code).toBe(36009004);
  });

  it('serves returns, cancellations and statements', async () => {
    const raw = emu.store.raw(shop.id);
    expect((await all('/return_refund/202309/returns/search', 'return_orders', { page_size: '10' }, '{}')).items).toHaveLength(raw.returns.length);
    expect((await all('/return_refund/202309/cancellations/search', 'cancellations', { page_size: '5' }, '{}')).items).toHaveLength(raw.cancellations.length);
    expect((await all('/finance/202309/statements', 'statements', { page_size: '2' })).items).toHaveLength(raw.statements.length);
  });

  it("serves an order's statement transactions (202501)", async () => {
    const order = emu.store.raw(shop.id).orders.find((o) => emu.store.orderStatementTransactions(shop.id, o.id));
    if (!order) throw new Error('no settled order in the dataset');
    const { body } = await call<{ order_id: string }>({ path: `/finance/202501/orders/${order.id}/statement_transactions` });
    expect(body.data.order_id).toBe(order.id);
  });

  it('serves shop, product and SKU performance', async () => {
    const today = new Date(clock.ms).toISOString().slice(0, 10);
    const start = new Date(clock.ms - 3 * 86_400_000).toISOString().slice(0, 10);
    const range = { start_date_ge: start, end_date_lt: today };
    const shopPerf = await call<{ performance: { intervals: unknown[] }; latest_available_date: string }>({
      path: '/analytics/202405/shop/performance',
      query: { ...range, granularity: '1D' },
    });
    expect(shopPerf.body.code).toBe(0);
    expect(shopPerf.body.data.latest_available_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Every row on one page, compared with the store's rows by id (the wire is under test, not the sort).
    const all = { ...range, pageSize: 100, sortField: 'gmv', sortOrder: 'DESC' } as const;
    const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();
    const products = await call<{ products: { id: string; orders: number }[]; next_page_token: string }>({
      path: '/analytics/202405/shop_products/performance',
      query: { ...range, page_size: '100' },
    });
    expect(products.body.code).toBe(0);
    const productTruth = emu.store.productPerformance(shop.id, all).items;
    expect(productTruth.length).toBeGreaterThan(0);
    expect(products.body.data.next_page_token).toBe('');
    expect(ids(products.body.data.products)).toEqual(ids(productTruth));
    const skus = await call<{ skus: { id: string }[]; next_page_token: string }>({
      path: '/analytics/202406/shop_skus/performance',
      query: { ...range, page_size: '100', sort_field: 'units_sold' },
    });
    expect(skus.body.code).toBe(0);
    const skuTruth = emu.store.skuPerformance(shop.id, all).items;
    expect(skuTruth.length).toBeGreaterThan(0);
    expect(ids(skus.body.data.skus)).toEqual(ids(skuTruth));
    const badSort = await call({ path: '/analytics/202406/shop_skus/performance', query: { ...range, page_size: '10', sort_field: 'unit_sold_count' } });
    expect(badSort.body.code).toBe(36009004);
  });

  it('subscribes, lists and deletes webhooks', async () => {
    const put = await call({
      method: 'PUT',
      path: '/event/202309/webhooks',
      body: JSON.stringify({ event_type: 'ORDER_STATUS_CHANGE', address: 'https://example.test/hook' }),
    });
    expect(put.body.code).toBe(0);
    const listed = await call<{ webhooks: { event_type: string; address: string }[] }>({ path: '/event/202309/webhooks' });
    expect(listed.body.data.webhooks).toEqual([expect.objectContaining({ event_type: 'ORDER_STATUS_CHANGE', address: 'https://example.test/hook' })]);
    expect((await call({ method: 'DELETE', path: '/event/202309/webhooks', body: '{"event_type":"ORDER_STATUS_CHANGE"}' })).body.code).toBe(0);
    expect((await call<{ webhooks: unknown[] }>({ path: '/event/202309/webhooks' })).body.data.webhooks).toEqual([]);
    expect((await call({ method: 'PUT', path: '/event/202309/webhooks', body: '{"event_type":"ORDER_STATUS_CHANGE","address":"ftp://x"}' })).body.code).toBe(
      36009004,
    );
  });
});
