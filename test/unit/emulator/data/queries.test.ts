import { InvalidPageToken, type PartnerOrder } from '../../../../src/emulator/data/store';
import { demoStore } from './demo-store';

type Sort = { sortField: 'create_time' | 'update_time'; sortOrder: 'ASC' | 'DESC' };

describe('order search', () => {
  const store = demoStore();
  const shop = store.shops()[0]!;
  const orders = store.raw(shop.id).orders;

  function walk(filter: object, sort: Sort, pageSize: number): PartnerOrder[] {
    const seen: PartnerOrder[] = [];
    let pageToken: string | undefined;
    const totals = new Set<number>();
    do {
      const page = store.searchOrders(shop.id, filter, { ...sort, pageSize, pageToken });
      expect(page.items.length).toBeLessThanOrEqual(pageSize);
      totals.add(page.total_count);
      seen.push(...page.items);
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    expect([...totals]).toEqual([seen.length]);
    return seen;
  }

  it.each([
    ['create_time', 'DESC'],
    ['create_time', 'ASC'],
    ['update_time', 'DESC'],
    ['update_time', 'ASC'],
  ] as const)('walks every order exactly once sorted by %s %s', (sortField, sortOrder) => {
    const seen = walk({}, { sortField, sortOrder }, 37);
    expect(seen).toHaveLength(orders.length);
    expect(new Set(seen.map((o) => o.id)).size).toBe(orders.length);
    const keys = seen.map((o) => o[sortField]);
    const sorted = [...keys].sort((a, b) => (sortOrder === 'ASC' ? a - b : b - a));
    expect(keys).toEqual(sorted);
  });

  it('issues opaque tokens with + / and =, empty on the last page, stable while data does not change', () => {
    const first = store.searchOrders(shop.id, {}, { sortField: 'create_time', sortOrder: 'DESC', pageSize: 10 });
    expect(first.next_page_token).toMatch(/\+/);
    expect(first.next_page_token).toMatch(/\//);
    expect(first.next_page_token).toMatch(/=$/);
    expect(first.total_count).toBe(orders.length);
    const again = store.searchOrders(shop.id, {}, { sortField: 'create_time', sortOrder: 'DESC', pageSize: 10 });
    expect(again.next_page_token).toBe(first.next_page_token);
    const last = store.searchOrders(shop.id, {}, { sortField: 'create_time', sortOrder: 'DESC', pageSize: 100 + orders.length });
    expect(last.next_page_token).toBe('');
  });

  it('refuses garbage tokens and tokens issued for another query', () => {
    const sort = { sortField: 'create_time', sortOrder: 'DESC', pageSize: 10 } as const;
    const token = store.searchOrders(shop.id, {}, sort).next_page_token;
    for (const bad of ['not a token', 'AAAA', `${token}x`, token.replace(/^\+\/\+\//, 'AAAA')]) {
      expect(() => store.searchOrders(shop.id, {}, { ...sort, pageToken: bad })).toThrow(InvalidPageToken);
    }
    expect(() => store.searchOrders(shop.id, { order_status: 'COMPLETED' }, { ...sort, pageToken: token })).toThrow(InvalidPageToken);
    expect(() => store.searchOrders(shop.id, {}, { ...sort, sortOrder: 'ASC', pageToken: token })).toThrow(InvalidPageToken);
  });

  it('filters with _ge inclusive and _lt exclusive, by status, buyer and shipping type', () => {
    const sort = { sortField: 'create_time', sortOrder: 'ASC' } as const;
    const pivot = orders[Math.floor(orders.length / 2)]!;
    const ge = walk({ create_time_ge: pivot.create_time }, sort, 100);
    expect(ge.map((o) => o.id)).toContain(pivot.id);
    expect(ge).toHaveLength(orders.filter((o) => o.create_time >= pivot.create_time).length);
    const lt = walk({ create_time_lt: pivot.create_time }, sort, 100);
    expect(lt.map((o) => o.id)).not.toContain(pivot.id);
    expect(lt.length + ge.length).toBe(orders.length);
    const upd = walk({ update_time_ge: pivot.update_time, update_time_lt: pivot.update_time + 1 }, sort, 100);
    expect(upd.every((o) => o.update_time === pivot.update_time)).toBe(true);
    expect(upd.map((o) => o.id)).toContain(pivot.id);
    const completed = walk({ order_status: 'COMPLETED' }, sort, 100);
    expect(completed.length).toBe(orders.filter((o) => o.status === 'COMPLETED').length);
    const buyer = pivot.user_id;
    expect(
      walk({ buyer_user_id: buyer }, sort, 100)
        .map((o) => o.id)
        .sort(),
    ).toEqual(
      orders
        .filter((o) => o.user_id === buyer)
        .map((o) => o.id)
        .sort(),
    );
    expect(walk({ shipping_type: 'SELLER' }, sort, 100).every((o) => o.shipping_type === 'SELLER')).toBe(true);
  });

  it('gets orders by id, unknown ids simply absent', () => {
    const [a, b] = orders;
    expect(store.getOrders(shop.id, [b!.id, '576400000000000000', a!.id]).map((o) => o.id)).toEqual([b!.id, a!.id]);
    expect(store.getOrders('123', [a!.id])).toEqual([]);
  });
});

describe('returns, cancellations, products and inventory', () => {
  const store = demoStore();
  const shop = store.shops()[1]!;
  const raw = store.raw(shop.id);

  it('searches returns (sorted as asked, filtered by order and status)', () => {
    const asc = store.searchReturns(shop.id, {}, { sortField: 'create_time', sortOrder: 'ASC', pageSize: 50 });
    const times = asc.items.map((r) => r.create_time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(asc.total_count).toBe(raw.returns.length);
    const one = raw.returns[0]!;
    expect(
      store.searchReturns(shop.id, { order_ids: [one.order_id] }, { sortField: 'create_time', sortOrder: 'ASC', pageSize: 50 }).items.map((r) => r.return_id),
    ).toContain(one.return_id);
    const rejected = store.searchReturns(
      shop.id,
      { return_status: 'REFUND_OR_RETURN_REQUEST_REJECT' },
      { sortField: 'update_time', sortOrder: 'DESC', pageSize: 50 },
    );
    expect(rejected.items.length).toBeGreaterThan(0);
    expect(rejected.items.every((r) => r.return_status === 'REFUND_OR_RETURN_REQUEST_REJECT')).toBe(true);
  });

  it('searches cancellations', () => {
    const page = store.searchCancellations(
      shop.id,
      { cancel_status: 'CANCELLATION_REQUEST_COMPLETE' },
      { sortField: 'create_time', sortOrder: 'ASC', pageSize: 10 },
    );
    expect(page.total_count).toBe(raw.cancellations.filter((c) => c.cancel_status === 'CANCELLATION_REQUEST_COMPLETE').length);
    expect(page.items.length).toBeLessThanOrEqual(10);
  });

  it('searches products by status and seller SKU and returns summaries; detail has everything', () => {
    const active = store.searchProducts(shop.id, { status: 'ACTIVATE' }, { pageSize: 100 });
    expect(active.items.length).toBeGreaterThan(5);
    expect(active.items.every((p) => p.status === 'ACTIVATE')).toBe(true);
    // Deleted products are listed only when asked for (products.test.ts).
    expect(store.searchProducts(shop.id, {}, { pageSize: 100 }).total_count).toBe(raw.products.filter((p) => p.status !== 'DELETED').length);
    const sku = raw.products[2]!.skus[0]!.seller_sku;
    expect(store.searchProducts(shop.id, { seller_skus: [sku] }, { pageSize: 10 }).items.map((p) => p.id)).toEqual([raw.products[2]!.id]);
    const summary = active.items[0]!;
    expect(summary).not.toHaveProperty('description');
    const detail = store.getProduct(shop.id, summary.id);
    expect(detail?.description).toBeTruthy();
    expect(store.getProduct(shop.id, '1')).toBeUndefined();
  });

  it('reports inventory with committed stock for line items still to ship', () => {
    const inv = store.searchInventory(shop.id, { product_ids: raw.products.map((p) => p.id) });
    const committed = inv.flatMap((p) => p.skus).reduce((n, s) => n + s.total_committed_quantity, 0);
    const toShip = raw.orders.flatMap((o) => o.line_items).filter((l) => ['UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT'].includes(l.display_status)).length;
    expect(committed).toBeGreaterThanOrEqual(toShip);
    expect(inv.flatMap((p) => p.skus).some((s) => s.total_available_quantity === 0)).toBe(true);
    const skuId = raw.products[0]!.skus[0]!.id;
    expect(store.searchInventory(shop.id, { sku_ids: [skuId] }).flatMap((p) => p.skus.map((s) => s.id))).toEqual([skuId]);
  });

  it('keeps one webhook address per event type', () => {
    const other = store.shops()[2]!;
    store.putWebhook(other.id, 'ORDER_STATUS_CHANGE', 'https://a.example/hook');
    store.putWebhook(other.id, 'ORDER_STATUS_CHANGE', 'https://b.example/hook');
    expect(store.webhooks(other.id)).toEqual([{ event_type: 'ORDER_STATUS_CHANGE', address: 'https://b.example/hook' }]);
    store.deleteWebhook(other.id, 'ORDER_STATUS_CHANGE');
    expect(store.webhooks(other.id)).toEqual([]);
  });
});
