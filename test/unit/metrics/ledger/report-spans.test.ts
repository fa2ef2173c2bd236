import { daysIn } from '../../../../src/datasources/marketing/date-range';
import { planSpans } from '../../../../src/metrics/ledger/report-spans';
import { windowDays } from '../../../../src/domain/window';

const days = (from: string, to: string) => windowDays({ from, to });
const calls = (spans: { from: string; to: string }[]) => spans.reduce((n, s) => n + Math.ceil(daysIn(s) / 30), 0);

describe('planSpans', () => {
  it('asks for nothing when no day is needed', () => {
    expect(planSpans([], 30)).toEqual([]);
  });

  it('asks for a run of days as one range, however long (the client cuts it in 30-day calls)', () => {
    expect(planSpans(days('2024-01-01', '2024-03-31'), 30)).toEqual([{ from: '2024-01-01', to: '2024-03-31' }]);
  });

  it('bridges days already held when that saves a call, and only then', () => {
    const near = [...days('2024-02-01', '2024-02-05'), ...days('2024-02-09', '2024-02-12')];
    expect(planSpans(near, 30)).toEqual([{ from: '2024-02-01', to: '2024-02-12' }]);
    const far = [...days('2024-01-01', '2024-01-09'), ...days('2024-01-21', '2024-03-05')];
    expect(planSpans(far, 30)).toEqual([
      { from: '2024-01-01', to: '2024-01-09' },
      { from: '2024-01-21', to: '2024-03-05' },
    ]);
  });

  it('covers every other day of 59 in two calls instead of thirty', () => {
    const wanted = days('2024-01-01', '2024-02-28').filter((_, i) => i % 2 === 0);
    const spans = planSpans(wanted, 30);
    expect(calls(spans)).toBe(2);
    expect(wanted.every((d) => spans.some((s) => s.from <= d && d <= s.to))).toBe(true);
    expect(spans.every((s) => wanted.includes(s.from) && wanted.includes(s.to))).toBe(true);
  });
});
