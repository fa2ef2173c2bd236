import { EmulatorRejection } from '../../../../src/emulator/codes';
import {
  analyticsRange,
  bodyInt,
  bodyString,
  bodyStrings,
  isCalendarDate,
  jsonStrings,
  offsetPaging,
  pageSize,
  partnerBody,
  queryEnum,
  queryInt,
} from '../../../../src/emulator/params';

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof EmulatorRejection) return error.code;
    throw error;
  }
  return undefined;
}

describe('Partner params', () => {
  it('parses bodies: none is no filters, bad JSON and non-objects are 36009004', () => {
    expect(partnerBody(undefined)).toEqual({});
    expect(partnerBody('')).toEqual({});
    expect(partnerBody('{"a":1}')).toEqual({ a: 1 });
    expect(codeOf(() => partnerBody('{'))).toBe(36009004);
    expect(codeOf(() => partnerBody('[1]'))).toBe(36009004);
  });

  it('refuses a string where an integer belongs', () => {
    expect(bodyInt({ create_time_ge: 1700000000 }, 'create_time_ge')).toBe(1700000000);
    expect(bodyInt({}, 'create_time_ge')).toBeUndefined();
    expect(codeOf(() => bodyInt({ create_time_ge: '1700000000' }, 'create_time_ge'))).toBe(36009004);
    expect(codeOf(() => bodyInt({ create_time_ge: 1.5 }, 'create_time_ge'))).toBe(36009004);
  });

  it('checks strings, closed sets and array lengths', () => {
    expect(bodyString({ s: 'A' }, 's', ['A'])).toBe('A');
    expect(codeOf(() => bodyString({ s: 'B' }, 's', ['A']))).toBe(36009004);
    expect(codeOf(() => bodyString({ s: 1 }, 's'))).toBe(36009004);
    expect(bodyStrings({ ids: ['1'] }, 'ids', 1)).toEqual(['1']);
    expect(codeOf(() => bodyStrings({ ids: ['1', '2'] }, 'ids', 1))).toBe(36009004);
    expect(codeOf(() => bodyStrings({ ids: [1] }, 'ids', 5))).toBe(36009004);
  });

  it('requires page_size within the range', () => {
    expect(pageSize({ page_size: '10' }, 10, 50)).toBe(10);
    for (const bad of [undefined, '', '9', '51', 'ten', '1.5', '-1']) {
      expect(codeOf(() => pageSize(bad === undefined ? {} : { page_size: bad }, 10, 50))).toBe(36009004);
    }
  });

  it('reads enums with defaults and integer query params', () => {
    expect(queryEnum({}, 'sort_order', ['ASC', 'DESC'], 'DESC')).toBe('DESC');
    expect(codeOf(() => queryEnum({ sort_order: 'asc' }, 'sort_order', ['ASC', 'DESC'], 'DESC'))).toBe(36009004);
    expect(queryInt({ t: '1700000000' }, 't')).toBe(1700000000);
    expect(codeOf(() => queryInt({ t: 'x' }, 't'))).toBe(36009004);
  });

  it('answers bad analytics dates with 28001022', () => {
    expect(analyticsRange({ start_date_ge: '2024-01-01', end_date_lt: '2024-01-08' })).toEqual({ start_date_ge: '2024-01-01', end_date_lt: '2024-01-08' });
    expect(codeOf(() => analyticsRange({ start_date_ge: '2024-02-30', end_date_lt: '2024-03-08' }))).toBe(28001022);
    expect(codeOf(() => analyticsRange({ start_date_ge: '2024-01-08', end_date_lt: '2024-01-08' }))).toBe(28001022);
    expect(codeOf(() => analyticsRange({ start_date_ge: '20240101', end_date_lt: '2024-01-08' }))).toBe(28001022);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });
});

describe('Marketing params', () => {
  it('parses JSON-encoded arrays; bad JSON is 40002', () => {
    expect(jsonStrings({ ids: '["1","2"]' }, 'ids', 5)).toEqual(['1', '2']);
    expect(codeOf(() => jsonStrings({ ids: '["1"' }, 'ids', 5))).toBe(40002);
    expect(codeOf(() => jsonStrings({ ids: '[1]' }, 'ids', 5))).toBe(40002);
    expect(codeOf(() => jsonStrings({ ids: '["1","2"]' }, 'ids', 1))).toBe(40002);
  });

  it('pages from 1 with page_size 1..max', () => {
    expect(offsetPaging({}, 1000)).toEqual({ page: 1, pageSize: 10 });
    expect(offsetPaging({ page: '2', page_size: '1000' }, 1000)).toEqual({ page: 2, pageSize: 1000 });
    expect(codeOf(() => offsetPaging({ page: '0' }, 1000))).toBe(40002);
    expect(codeOf(() => offsetPaging({ page_size: '1001' }, 1000))).toBe(40002);
  });
});
