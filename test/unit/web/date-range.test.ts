import { addDays, lastDays, lengthInDays, previousPeriod, rangeProblem, todayIn } from '../../../web/src/date-range';

describe('dashboard date ranges', () => {
  it('takes today from the shop’s time zone, not the viewer’s', () => {
    const instant = new Date('2026-03-01T03:00:00Z');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-02-28');
    expect(todayIn('Asia/Jakarta', instant)).toBe('2026-03-01');
  });

  it('counts days across month ends and daylight-saving changes', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(lengthInDays({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(lastDays(7, '2026-11-25')).toEqual({ from: '2026-11-19', to: '2026-11-25' });
  });

  it('compares with the window of equal length just before', () => {
    expect(previousPeriod({ from: '2026-11-19', to: '2026-11-25' })).toEqual({ from: '2026-11-12', to: '2026-11-18' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('names what is wrong with a window before asking the API', () => {
    expect(rangeProblem({ from: '2026-11-19', to: '2026-11-25' })).toBeNull();
    expect(rangeProblem({ from: '', to: '2026-11-25' })).toBe('From is not a date.');
    expect(rangeProblem({ from: '2026-11-26', to: '2026-11-25' })).toBe('From must be on or before To.');
    expect(rangeProblem({ from: '2020-01-01', to: '2026-11-25' })).toMatch(/at most 1096 days/);
  });
});
