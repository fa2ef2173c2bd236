import { Kind } from 'graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../../src/schema/scalars';

describe('scalars', () => {
  it('Decimal accepts exact decimal strings only', () => {
    expect(DecimalScalar.parseValue('1234.50')).toBe('1234.50');
    expect(DecimalScalar.parseValue('-0.5')).toBe('-0.5');
    for (const bad of [1.5, '1e5', '01', '', ' 1', '1.', 'NaN']) expect(() => DecimalScalar.parseValue(bad)).toThrow(/Decimal/);
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '1.5' })).toThrow(/string/);
  });

  it('Date accepts real calendar dates only', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2026-13-01', '2026-1-01', '2026-11-01T00:00:00Z']) expect(() => DateScalar.parseValue(bad)).toThrow(/Date/);
  });

  it('DateTime needs an explicit offset and serializes in UTC', () => {
    expect(DateTimeScalar.parseValue('2026-11-01T10:00:00+02:00')).toEqual(new Date('2026-11-01T08:00:00Z'));
    expect(() => DateTimeScalar.parseValue('2026-11-01T10:00:00')).toThrow(/time zone/);
    expect(DateTimeScalar.serialize(new Date('2026-11-01T08:00:00Z'))).toBe('2026-11-01T08:00:00Z');
  });
});
