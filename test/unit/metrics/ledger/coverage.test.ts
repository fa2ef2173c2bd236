import { covers, planBackfill } from '../../../../src/metrics/ledger/coverage';
import { windowBounds } from '../../../../src/domain/window';
import { LA } from '../fixtures';

const DAY = 86_400;
const start = (date: string) => windowBounds({ from: date, to: date }, LA).start;
const end = (date: string) => windowBounds({ from: date, to: date }, LA).end;
const NOW = end('2024-06-30');

describe('planBackfill', () => {
  it('reads a cold window by create_time from its start minus the lookback, and refunds since then', () => {
    expect(planBackfill(null, { from: '2024-03-01', to: '2024-03-10' }, LA, 7, NOW)).toEqual({
      coverage: { from: '2024-03-01', to: '2024-03-10' },
      orders: [{ ge: start('2024-03-01') - 7 * DAY, lt: end('2024-03-10') }],
      refunds: [{ ge: start('2024-03-01') - 7 * DAY, lt: null }],
    });
  });

  it('leaves the coverage open-ended when the window reaches the present', () => {
    expect(planBackfill(null, { from: '2024-06-01', to: '2024-06-30' }, LA, 7, NOW)!.coverage).toEqual({ from: '2024-06-01', to: null });
    expect(planBackfill({ from: '2024-06-01', to: null }, { from: '2024-06-01', to: '2025-01-01' }, LA, 7, NOW)).toBeNull();
  });

  it('reads only the missing stretches when extending, over any gap', () => {
    const plan = planBackfill({ from: '2024-03-05', to: '2024-03-10' }, { from: '2024-03-01', to: '2024-04-02' }, LA, 7, NOW)!;
    expect(plan.coverage).toEqual({ from: '2024-03-01', to: '2024-04-02' });
    expect(plan.orders).toEqual([
      { ge: start('2024-03-01') - 7 * DAY, lt: start('2024-03-05') - 7 * DAY },
      { ge: end('2024-03-10'), lt: end('2024-04-02') },
    ]);
    // Refunds created since the old start were all read: only the earlier stretch is new.
    expect(plan.refunds).toEqual([{ ge: start('2024-03-01') - 7 * DAY, lt: start('2024-03-05') - 7 * DAY }]);
    const later = planBackfill({ from: '2024-03-05', to: '2024-03-10' }, { from: '2024-05-01', to: '2024-05-02' }, LA, 7, NOW)!;
    expect(later.coverage).toEqual({ from: '2024-03-05', to: '2024-05-02' });
    expect(later.refunds).toEqual([]);
  });

  it('needs nothing for a covered window', () => {
    expect(covers({ from: '2024-03-01', to: '2024-03-10' }, { from: '2024-03-02', to: '2024-03-10' })).toBe(true);
    expect(covers({ from: '2024-03-01', to: '2024-03-10' }, { from: '2024-03-02', to: '2024-03-11' })).toBe(false);
    expect(covers(null, { from: '2024-03-02', to: '2024-03-03' })).toBe(false);
  });
});
