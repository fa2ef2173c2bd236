import type { ShopInfo } from '../../../../src/datasources/shop-directory';
import { OrderLedger } from '../../../../src/metrics/ledger/order-ledger';
import { at, LA, line, order } from '../fixtures';
import { FakeSource } from './fake-source';
import { memoryKv } from './memory-kv';
import { orderRowCases } from './order-rows-cases';

describe('the ledger layout (one row per order) on the embedded store', () => {
  orderRowCases(async () => memoryKv());
});

describe('a ledger written by an earlier layout', () => {
  it('is not read: the shop is read again from TikTok under the new version', async () => {
    const SHOP: ShopInfo = { id: '1', name: 'Shop', code: null, region: 'US', sellerType: 'LOCAL', cipher: 'c', currency: 'USD', timezone: LA };
    const now = Date.parse('2024-03-20T12:00:00Z');
    const kv = memoryKv();
    // A v5 ledger that says it covers March and synced just now, with a day aggregate of 999.
    const v5 = 'ledger:v5:{app:1}';
    const state = {
      generation: 'old',
      timezone: LA,
      currency: 'USD',
      lookbackDays: 7,
      coverage: { from: '2024-03-01', to: null },
      materializedTo: '2024-03-20',
      cursors: { orders: now / 1000, returns: now / 1000, cancellations: now / 1000 },
      syncedAt: now,
      revision: 'r',
    };
    await kv.set(`${v5}:state`, JSON.stringify(state), 60_000);
    await kv.set(
      `${v5}:gold:agg:2024-03-02`,
      JSON.stringify({ date: '2024-03-02', currency: 'USD', gmv: '999', orders: 9, units: 9, refundedGmv: '0', products: {} }),
      60_000,
    );
    const source = new FakeSource();
    source.putOrder(order('A', [line('A-1', '10.00')], { paidTime: at('2024-03-02T10:00', LA) }));
    const ledger = new OrderLedger(kv, source, { namespace: 'app', firstStepDays: 10_000, now: () => now });
    const window = await ledger.window(SHOP, { from: '2024-03-01', to: '2024-03-10' });
    expect(source.calls.orders).toBeGreaterThan(0);
    expect(window.days.get('2024-03-02')).toMatchObject({ gmv: '10', orders: 1 });
    expect(await kv.get('ledger:v6:{app:1}:state')).toBeDefined();
  });
});
