import { EmulatorStore, type EmulatorChange } from '../../../../src/emulator/data/store';

const NOW = 1764000000;
const OPTS = { seed: 'live', shops: 2, days: 10, ordersPerDay: 20, now: NOW };

function run(store: EmulatorStore, hours: number): EmulatorChange[] {
  const changes: EmulatorChange[] = [];
  for (let h = 1; h <= hours; h++) changes.push(...store.tick(NOW + h * 3600));
  return changes;
}

describe('EmulatorStore.tick (live mode)', () => {
  it('is deterministic, and one long tick leaves the same data as many short ones', () => {
    const a = EmulatorStore.generate(OPTS);
    const b = EmulatorStore.generate(OPTS);
    expect(run(a, 6)).toEqual(run(b, 6));
    expect(a.now()).toBe(NOW + 6 * 3600);
    const shop = a.shops()[0]!.id;
    // Orders that existed at NOW evolve exactly as their plans say: ticking in one step or six agrees.
    const c = EmulatorStore.generate(OPTS);
    c.tick(NOW + 6 * 3600);
    expect(c.raw(shop).orders).toEqual(a.raw(shop).orders);
  });

  it('creates orders and moves them on, with update_time visible to searchOrders(update_time_ge)', () => {
    const store = EmulatorStore.generate(OPTS);
    const shop = store.shops()[0]!;
    const before = new Set(store.raw(shop.id).orders.map((o) => o.id));
    const changes = run(store, 48);
    const mine = changes.filter((c) => c.shop_id === shop.id);
    const orderChanges = mine.filter((c): c is Extract<EmulatorChange, { type: 1 }> => c.type === 1);
    expect(orderChanges.some((c) => c.data.order_status === 'UNPAID' && !before.has(c.data.order_id))).toBe(true);
    expect(orderChanges.some((c) => c.data.order_status === 'CANCEL')).toBe(true);
    expect(orderChanges.some((c) => c.data.order_status === 'CANCELLED')).toBe(false);
    // OUT_FOR_DELIVERY: a status TikTok does not document, on by default in generated data.
    expect(new Set(orderChanges.map((c) => c.data.order_status))).toEqual(
      new Set([
        'UNPAID',
        'ON_HOLD',
        'AWAITING_SHIPMENT',
        'AWAITING_COLLECTION',
        'PARTIALLY_SHIPPING',
        'IN_TRANSIT',
        'OUT_FOR_DELIVERY',
        'DELIVERED',
        'COMPLETED',
        'CANCEL',
      ]),
    );
    expect(mine.some((c) => c.type === 11)).toBe(true);
    expect(mine.some((c) => c.type === 12)).toBe(true);
    const times = changes.map((c) => c.data.update_time);
    expect(times).toEqual([...times].sort((x, y) => x - y));

    const since = NOW + 47 * 3600;
    const recent = orderChanges.filter((c) => c.data.update_time >= since);
    const found = store.searchOrders(shop.id, { update_time_ge: since }, { sortField: 'update_time', sortOrder: 'ASC', pageSize: 100 });
    const lastStatus = new Map(recent.map((c) => [c.data.order_id, c.data.order_status]));
    for (const [id, status] of lastStatus) {
      const order = found.items.find((o) => o.id === id);
      expect(order).toBeDefined();
      expect(order!.status === 'CANCELLED' ? 'CANCEL' : order!.status).toBe(status);
    }
    const returns = mine.filter((c): c is Extract<EmulatorChange, { type: 12 }> => c.type === 12);
    const last = returns.at(-1)!;
    const ret = store
      .searchReturns(shop.id, { order_ids: [last.data.order_id] }, { sortField: 'create_time', sortOrder: 'ASC', pageSize: 50 })
      .items.find((r) => r.return_id === last.data.return_id);
    expect(ret?.return_status).toBe(last.data.return_status);
    expect(ret?.update_time).toBe(last.data.update_time);
  });

  it('keeps analytics and finance in step with new orders', () => {
    const store = EmulatorStore.generate(OPTS);
    const shop = store.shops()[1]!;
    const statementsBefore = store.raw(shop.id).statements.length;
    run(store, 48);
    expect(store.raw(shop.id).statements.length).toBeGreaterThan(statementsBefore);
    const perf = store.shopPerformance(shop.id, { start_date_ge: '2025-11-20', end_date_lt: '2025-12-01', granularity: '1D' });
    expect(perf.latest_available_date).toBe('2025-11-25');
    expect(perf.performance.intervals.at(-1)?.start_date).toBe('2025-11-25');
    expect(perf.performance.intervals.at(-1)?.orders).toBeGreaterThan(0);
  });

  it('never runs time backwards', () => {
    const store = EmulatorStore.generate(OPTS);
    expect(store.tick(NOW)).toEqual([]);
    expect(store.tick(NOW - 3600)).toEqual([]);
    expect(store.now()).toBe(NOW);
  });
});
