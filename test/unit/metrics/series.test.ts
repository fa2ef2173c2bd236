import { aggregateDay } from '../../../src/metrics/day-aggregate';
import { computeSeries } from '../../../src/metrics/series';
import { adRow, byOrder, gmvMaxRow, line, order, refund } from './fixtures';

function day(date: string, grosses: string[], refundFirst = false) {
  const o = order(
    `O-${date}`,
    grosses.map((gross, i) => line(`L${i}`, gross)),
  );
  return aggregateDay([o], refundFirst ? byOrder([refund('R', o, ['L0'])]) : new Map(), date, 'USD');
}

describe('computeSeries', () => {
  const days = new Map([
    ['2024-02-28', day('2024-02-28', ['10.00', '5.00'])],
    ['2024-03-03', day('2024-03-03', ['20.00'], true)],
    ['2024-03-04', day('2024-03-04', ['7.50'])],
  ]);
  const adRows = [
    adRow('2024-02-27', '999.00', '999.00'),
    adRow('2024-02-29', '10.00', '30.00'),
    adRow('2024-03-05', '4.00', '2.00', { campaignDeleted: true }),
    adRow('2024-03-06', '1.00', null),
  ];
  const window = { from: '2024-02-28', to: '2024-03-06' };

  it('computes each ISO week clipped to the window, with ratios from each bucket’s own sums', () => {
    const series = computeSeries({
      days,
      adRows,
      window,
      granularity: 'WEEK',
      currency: 'USD',
      names: ['GMV', 'ORDERS', 'REFUND_RATE', 'AD_SPEND', 'ROAS'],
    });
    expect(series.map((b) => [b.from, b.to, ...b.metrics.map((m) => m.value)])).toEqual([
      ['2024-02-28', '2024-03-03', '35.00', '2', '0.571429', '10.00', '3.000000'],
      ['2024-03-04', '2024-03-06', '7.50', '1', '0.000000', '5.00', '0.400000'],
    ]);
    expect(series[0]?.metrics.map((m) => m.name)).toEqual(['GMV', 'ORDERS', 'REFUND_RATE', 'AD_SPEND', 'ROAS']);
  });

  it('gives empty days zero, and null ratios a reason per bucket', () => {
    const series = computeSeries({ days, adRows, window, granularity: 'DAY', currency: 'USD', names: ['GMV', 'AOV'] });
    expect(series).toHaveLength(8);
    expect(series[1]).toEqual({
      from: '2024-02-29',
      to: '2024-02-29',
      metrics: [
        expect.objectContaining({ name: 'GMV', value: '0.00' }),
        expect.objectContaining({ name: 'AOV', value: null, nullReason: 'no orders in the window' }),
      ],
    });
  });

  it('makes order figures unknown only in the buckets an unreadable order may count in', () => {
    const series = computeSeries({
      days,
      adRows: [],
      window,
      granularity: 'DAY',
      currency: 'USD',
      names: ['GMV'],
      unreadable: [{ kind: 'order', from: '2024-02-29', to: '2024-03-01', detail: 'order 9: orders[0].create_time: Required' }],
    });
    expect(series.map((b) => b.metrics[0]?.value === null)).toEqual([false, true, true, false, false, false, false, false]);
  });

  it("splits GMV Max report rows by date, their cost in each bucket's ad spend", () => {
    const series = computeSeries({
      days,
      adRows: [],
      window,
      granularity: 'MONTH',
      currency: 'USD',
      names: ['GMV_MAX_ROI', 'AD_SPEND'],
      gmvMax: [gmvMaxRow('2024-02-29', '10', '25'), gmvMaxRow('2024-03-01', '4', '5'), gmvMaxRow('2024-04-01', '99', '99')],
    });
    expect(series.map((b) => b.metrics.map((m) => m.value))).toEqual([
      ['2.500000', '10.00'],
      ['1.250000', '4.00'],
    ]);
  });
});
