/** The stock & fulfilment panel's choices, without a browser: which orders are at risk, which SKUs are low, exact sums. */
import { lowStockBestsellers, ordersAtRisk } from '../../../web/src/ops-rows';
import { sumDecimals } from '../../../web/src/sum-decimals';

const H = 3_600_000;
const NOW = Date.parse('2026-12-06T12:00:00Z');
const order = (id: string, shipBy: string | null, status = 'AWAITING_SHIPMENT') =>
  ({ id, status, createdAt: '2026-12-05T00:00:00Z', fulfilment: { shipBy } }) as never;

describe('ops panel', () => {
  it('lists orders due within the horizon, overdue ones included, soonest first', () => {
    const rows = ordersAtRisk(
      [
        order('3', new Date(NOW + 5 * H).toISOString()),
        order('1', new Date(NOW - 2 * H).toISOString(), 'PARTIALLY_SHIPPING'),
        order('2', new Date(NOW + 24 * H).toISOString()),
        order('4', new Date(NOW + 24 * H + 1000).toISOString()),
        order('5', null),
        null as never,
      ],
      NOW,
      24,
    );
    expect(rows.map((r) => [r.id, r.secondsLeft])).toEqual([
      ['1', -7200],
      ['3', 18_000],
      ['2', 86_400],
    ]);
  });

  it('keeps the low-stock SKUs of the best sellers, fewest units first', () => {
    const inventory = (available: number | null, lowStock: boolean | null) => ({
      available,
      committed: 1,
      outOfStock: available === 0,
      lowStock,
      lowStockThreshold: 10,
      stale: false,
      salesPace: { dailyUnits: '1.000000', daysOfCover: available === null ? null : `${available}.0` },
    });
    const product = (id: string, skus: { id: string; inventory: ReturnType<typeof inventory> | null }[]) => ({
      productId: id,
      product: { id, title: `P${id}`, skus: skus.map((s) => ({ ...s, sellerSku: null })) },
      gmv: { value: '10.00', money: { amount: '10.00', currency: 'USD' } },
    });
    const metrics = {
      topProducts: [
        product('1', [
          { id: 'a', inventory: inventory(7, true) },
          { id: 'b', inventory: inventory(50, false) },
        ]),
        product('2', [
          { id: 'c', inventory: inventory(0, true) },
          { id: 'd', inventory: null },
          { id: 'e', inventory: inventory(null, null) },
        ]),
      ],
    } as never;
    expect(lowStockBestsellers(metrics).map((r) => [r.skuId, r.available, r.daysOfCover])).toEqual([
      ['c', 0, '0.0'],
      ['a', 7, '7.0'],
    ]);
  });

  it('adds decimal strings exactly', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['12.30', '0.7', '100'])).toBe('113.00');
    expect(sumDecimals(['90071992547409.93', '0.07'])).toBe('90071992547410.00');
    expect(sumDecimals(['-1.5', '0.25'])).toBe('-1.25');
    expect(sumDecimals([])).toBe('0');
  });
});
