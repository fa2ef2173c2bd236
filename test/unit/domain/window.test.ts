import {
  InvalidWindowError,
  assertValidWindow,
  bucketize,
  dateInWindow,
  defaultTimeZoneForRegion,
  localDate,
  validateWindow,
  windowBounds,
  windowDays,
} from '../../../src/domain/window';
import { LA, at, thrown } from '../metrics/fixtures';

describe('validateWindow', () => {
  it('accepts a one-day window', () => {
    expect(validateWindow({ from: '2024-03-10', to: '2024-03-10' })).toBeNull();
  });

  it.each([
    [{ from: '2024-02-30', to: '2024-03-01' }, 'from', '2024-02-30'],
    [{ from: '2024-03-01', to: '2024-3-2' }, 'to', '2024-3-2'],
    [{ from: '2024-W10', to: '2024-03-02' }, 'from', '2024-W10'],
    [{ from: '2024-03-01', to: '2024-03-02T00:00' }, 'to', '2024-03-02T00:00'],
    [{ from: '', to: '2024-03-02' }, 'from', ''],
    [{ from: '2023-02-29', to: '2024-03-02' }, 'from', '2023-02-29'],
  ])('names the bad date in %j', (window, field, value) => {
    expect(validateWindow(window)).toMatchObject({ code: 'INVALID_DATE', field, value });
  });

  it('rejects from after to', () => {
    expect(validateWindow({ from: '2024-03-02', to: '2024-03-01' })).toMatchObject({
      code: 'FROM_AFTER_TO',
      from: '2024-03-02',
      to: '2024-03-01',
    });
  });

  it('throws the problem as an InvalidWindowError where a valid window is required', () => {
    const bad = { from: '2024-03-02', to: '2024-03-01' };
    expect(() => assertValidWindow(bad)).toThrow(InvalidWindowError);
    expect(() => bucketize(bad, 'DAY')).toThrow(/after/);
    const error = thrown(() => windowDays({ from: 'x', to: '2024-01-01' }));
    expect(error).toBeInstanceOf(InvalidWindowError);
    expect((error as InvalidWindowError).problem).toMatchObject({ code: 'INVALID_DATE', field: 'from' });
  });
});

describe('localDate', () => {
  it('maps an instant to the shop-local date', () => {
    expect(localDate(at('2024-05-14T23:30', LA), LA)).toBe('2024-05-14');
    expect(localDate(at('2024-05-15T00:10', LA), LA)).toBe('2024-05-15');
    expect(localDate(at('2024-05-14T23:30', LA), 'Asia/Jakarta')).toBe('2024-05-15');
  });

  it.each(['2024-03-10', '2024-11-03'])('holds on the DST change day %s', (day) => {
    expect(localDate(at(`${day}T23:30`, LA), LA)).toBe(day);
    expect(localDate(at(`${day}T00:10`, LA), LA)).toBe(day);
  });

  it('refuses an unknown time zone', () => {
    expect(() => localDate(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('windowBounds', () => {
  it('spans 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const spring = windowBounds({ from: '2024-03-10', to: '2024-03-10' }, LA);
    expect(spring.end - spring.start).toBe(23 * 3600);
    const fall = windowBounds({ from: '2024-11-03', to: '2024-11-03' }, LA);
    expect(fall.end - fall.start).toBe(25 * 3600);
  });

  it('starts at local midnight of from and ends at local midnight after to', () => {
    const bounds = windowBounds({ from: '2024-03-01', to: '2024-03-10' }, LA);
    expect(bounds.start).toBe(at('2024-03-01T00:00', LA));
    expect(bounds.end).toBe(at('2024-03-11T00:00', LA));
    expect(at('2024-03-10T23:30', LA)).toBeLessThan(bounds.end);
    expect(at('2024-03-11T00:10', LA)).toBeGreaterThanOrEqual(bounds.end);
  });
});

describe('windowDays and dateInWindow', () => {
  it('lists every date inclusively, across a leap day', () => {
    expect(windowDays({ from: '2024-02-27', to: '2024-03-01' })).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('includes both edges', () => {
    const window = { from: '2024-02-27', to: '2024-03-01' };
    expect(dateInWindow('2024-02-27', window)).toBe(true);
    expect(dateInWindow('2024-03-01', window)).toBe(true);
    expect(dateInWindow('2024-03-02', window)).toBe(false);
  });
});

describe('bucketize', () => {
  const window = { from: '2024-02-28', to: '2024-03-12' };

  it('splits into ISO weeks, Monday first, clipped to the window', () => {
    expect(bucketize(window, 'WEEK')).toEqual([
      { from: '2024-02-28', to: '2024-03-03' },
      { from: '2024-03-04', to: '2024-03-10' },
      { from: '2024-03-11', to: '2024-03-12' },
    ]);
  });

  it('uses ISO weeks across a year boundary', () => {
    expect(bucketize({ from: '2024-12-25', to: '2025-01-07' }, 'WEEK')).toEqual([
      { from: '2024-12-25', to: '2024-12-29' },
      { from: '2024-12-30', to: '2025-01-05' },
      { from: '2025-01-06', to: '2025-01-07' },
    ]);
  });

  it('splits into months, clipped to the window', () => {
    expect(bucketize(window, 'MONTH')).toEqual([
      { from: '2024-02-28', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-12' },
    ]);
  });

  it('has one bucket per day for DAY', () => {
    expect(bucketize(window, 'DAY')).toHaveLength(14);
    expect(bucketize({ from: '2024-03-10', to: '2024-03-10' }, 'WEEK')).toEqual([{ from: '2024-03-10', to: '2024-03-10' }]);
  });
});

describe('defaultTimeZoneForRegion', () => {
  it.each([
    ['US', 'America/Los_Angeles'],
    ['GB', 'Europe/London'],
    ['ID', 'Asia/Jakarta'],
    ['JP', 'Asia/Tokyo'],
    ['MY', 'Asia/Kuala_Lumpur'],
    ['TH', 'Asia/Bangkok'],
    ['VN', 'Asia/Ho_Chi_Minh'],
    ['PH', 'Asia/Manila'],
    ['SG', 'Asia/Singapore'],
    ['MX', 'America/Mexico_City'],
    ['ES', 'Europe/Madrid'],
    ['DE', 'Europe/Berlin'],
    ['FR', 'Europe/Paris'],
    ['IT', 'Europe/Rome'],
    ['IE', 'Europe/Dublin'],
    ['BR', 'America/Sao_Paulo'],
    ['us', 'America/Los_Angeles'],
    ['ZZ', 'UTC'],
  ])('%s → %s', (region, zone) => {
    expect(defaultTimeZoneForRegion(region)).toBe(zone);
    expect(() => localDate(0, zone)).not.toThrow();
  });
});
