import { checkRange, daysIn, halveRange, splitRange } from '../../../../src/datasources/marketing/date-range';

describe('splitRange', () => {
  it('cuts 75 days into 30 + 30 + 15 with inclusive ends', () => {
    expect(splitRange({ from: '2026-09-01', to: '2026-11-14' }, 30)).toEqual([
      { from: '2026-09-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-10-30' },
      { from: '2026-10-31', to: '2026-11-14' },
    ]);
  });

  it('keeps a single day and crosses leap days and years', () => {
    expect(splitRange({ from: '2028-02-29', to: '2028-02-29' }, 30)).toEqual([{ from: '2028-02-29', to: '2028-02-29' }]);
    expect(splitRange({ from: '2027-12-20', to: '2028-01-20' }, 30)).toEqual([
      { from: '2027-12-20', to: '2028-01-18' },
      { from: '2028-01-19', to: '2028-01-20' },
    ]);
  });

  it('refuses reversed ranges and impossible days', () => {
    expect(() => checkRange({ from: '2026-11-02', to: '2026-11-01' })).toThrow(RangeError);
    expect(() => splitRange({ from: '2026-02-30', to: '2026-03-01' }, 30)).toThrow(RangeError);
    expect(() => daysIn({ from: '2026-1-1', to: '2026-01-02' })).toThrow(RangeError);
  });
});

describe('halveRange', () => {
  it('gives the first half the extra day', () => {
    expect(halveRange({ from: '2026-11-01', to: '2026-11-05' })).toEqual([
      { from: '2026-11-01', to: '2026-11-03' },
      { from: '2026-11-04', to: '2026-11-05' },
    ]);
    expect(halveRange({ from: '2026-11-01', to: '2026-11-02' })).toEqual([
      { from: '2026-11-01', to: '2026-11-01' },
      { from: '2026-11-02', to: '2026-11-02' },
    ]);
  });
});
