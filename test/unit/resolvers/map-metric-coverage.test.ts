/**
 * docs/metrics.md, "Coverage": order figures of a window whose days are not all read yet are null
 * with the reason and provisional, never a short sum; a bucket inside the covered days keeps its
 * figure; ad figures are untouched.
 */
import type { ShopInfo } from '../../../src/datasources/shop-directory';
import { aggregateDay, combineAggregates } from '../../../src/metrics/day-aggregate';
import type { MetricValue } from '../../../src/metrics/definitions';
import { windowCoverage } from '../../../src/metrics/ledger/backfill-steps';
import type { WindowData } from '../../../src/metrics/metrics-service';
import { toMetric, toShopMetrics } from '../../../src/resolvers/map-metric';
import { at, LA, line, order } from '../metrics/fixtures';

const SHOP: ShopInfo = { id: '1', name: 'Shop', code: null, region: 'US', sellerType: 'LOCAL', cipher: 'c', currency: 'USD', timezone: LA };
const WINDOW = { from: '2024-03-01', to: '2024-03-10' };

function data(coverage: { from: string; to: string | null } | null): WindowData {
  const covered = windowCoverage(coverage, WINDOW);
  const days = new Map<string, ReturnType<typeof aggregateDay>>();
  // One order of 10.00 on each covered day (what the ledger holds so far).
  if (covered.from !== null && covered.to !== null) {
    for (let d = Number(covered.from.slice(8)); d <= Number(covered.to.slice(8)); d++) {
      const date = `2024-03-${String(d).padStart(2, '0')}`;
      days.set(date, aggregateDay([order(`O${d}`, [line(`L${d}`, '10.00')], { paidTime: at(`${date}T10:00`, LA) })], new Map(), date, 'USD'));
    }
  }
  return {
    shop: SHOP,
    window: WINDOW,
    days,
    total: () => combineAggregates(days.values(), 'USD'),
    coverage: covered,
    unreadable: [],
    adRows: [],
    gmvMax: [],
    advertisers: [],
    campaigns: [],
    orders: { asOf: 0, stale: false },
    ads: null,
    adsUnknown: null,
    provisionalFrom: '2024-03-20',
  };
}

describe('order figures and the coverage of their window', () => {
  it('gives the figures of a wholly covered window', () => {
    const m = toShopMetrics(SHOP, data({ from: '2024-02-01', to: null }), {});
    expect([m.gmv.value, m.orders.value, m.gmv.provisional]).toEqual(['100.00', '10', false]);
    expect(m.coverage).toMatchObject({ from: '2024-03-01', to: '2024-03-10', days: 10, share: 1, complete: true });
  });

  it('makes them null with the reason, and provisional, while only some days are read', () => {
    const m = toShopMetrics(SHOP, data({ from: '2024-03-07', to: null }), {});
    for (const figure of [m.gmv, m.orders, m.aov, m.unitsSold, m.refundedGmv, m.refundRate, m.netRevenue, m.blendedRoas]) {
      expect(figure.value).toBeNull();
      expect(figure.money).toBeNull();
      expect(figure.nullReason).toBe(
        "the shop's order history is still being read: 4 of the window's 10 days so far, 2024-03-07 to 2024-03-10; the figure is given once every day of the window is read",
      );
      expect(figure.provisional).toBe(true);
    }
    expect(m.coverage).toMatchObject({ from: '2024-03-07', to: '2024-03-10', days: 4, share: 0.4, complete: false });
    // Ad figures read no orders.
    expect(m.adSpend.nullReason ?? '').not.toMatch(/order history/);
  });

  it('keeps the figure of a bucket inside the covered days, and nulls one reaching outside', () => {
    const partial = data({ from: '2024-03-07', to: null });
    const orders: MetricValue = { name: 'ORDERS', unit: 'COUNT', value: '2', nullReason: null, formula: 'f' };
    expect(toMetric(orders, partial, '2024-03-08', '2024-03-07')).toMatchObject({ value: '2', nullReason: null, provisional: false });
    expect(toMetric(orders, partial, '2024-03-07', '2024-03-06')).toMatchObject({ value: null, provisional: true });
  });

  it('says when no day is read yet', () => {
    const m = toShopMetrics(SHOP, data(null), {});
    expect(m.gmv.nullReason).toMatch(/still being read: no day of the window yet;/);
    expect(m.coverage).toMatchObject({ from: null, to: null, days: 0, share: 0, complete: false });
  });
});
