import { InvalidDecimalError, divide, minorUnits, parseDecimal, roundMoney, roundRatio, sumDecimals } from '../../../src/domain/money';
import { thrown } from '../metrics/fixtures';

describe('minorUnits', () => {
  it.each([
    ['USD', 2],
    ['GBP', 2],
    ['EUR', 2],
    ['MYR', 2],
    ['THB', 2],
    ['PHP', 2],
    ['SGD', 2],
    ['MXN', 2],
    ['BRL', 2],
    ['IDR', 0],
    ['JPY', 0],
    ['KRW', 0],
    ['VND', 0],
    ['KWD', 3],
    ['usd', 2],
    ['XYZ', 2],
  ])('%s has %d decimals', (currency, digits) => {
    expect(minorUnits(currency)).toBe(digits);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['-12.50', '-12.5'],
    ['0', '0'],
    ['12', '12'],
    ['0.000001', '0.000001'],
    ['123456789012345678901234567890.12', '123456789012345678901234567890.12'],
  ])('accepts %j exactly', (text, value) => {
    expect(parseDecimal(text).toString()).toBe(value);
  });

  it.each(['', '1e5', 'NaN', ' 1', '1 ', '1.2.3', '+1', '.5', '1.', 'Infinity', '0x10', '1,5', '--1'])('rejects %j with an error naming the input', (text) => {
    const error = thrown(() => parseDecimal(text));
    expect(error).toBeInstanceOf(InvalidDecimalError);
    expect((error as InvalidDecimalError).input).toBe(text);
  });
});

describe('sumDecimals', () => {
  it('adds exactly where binary floats would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(['0.1', '0.2']).toString()).toBe('0.3');
  });

  it('is zero for nothing', () => {
    expect(sumDecimals([]).isZero()).toBe(true);
  });

  it('never switches to exponent notation', () => {
    expect(sumDecimals(['100000000000000000000000', '0.0000001']).toString()).toBe('100000000000000000000000.0000001');
  });
});

describe('roundMoney', () => {
  it.each([
    ['43', 'USD', '43.00'],
    ['1500', 'IDR', '1500'],
    ['1500.5', 'IDR', '1500'],
    ['1501.5', 'IDR', '1502'],
    ['0.125', 'USD', '0.12'],
    ['0.135', 'USD', '0.14'],
    ['0.1251', 'USD', '0.13'],
    ['-0.125', 'USD', '-0.12'],
    ['-0.001', 'USD', '0.00'],
    ['2.5', 'JPY', '2'],
    ['1.0005', 'KWD', '1.000'],
  ])('rounds %s %s half-even to %s', (value, currency, expected) => {
    expect(roundMoney(value, currency)).toBe(expected);
  });
});

describe('roundRatio', () => {
  it.each([
    ['0.5813953488', '0.581395'],
    ['0.0000005', '0.000000'],
    ['0.0000015', '0.000002'],
    ['2', '2.000000'],
  ])('rounds %s half-even to %s', (value, expected) => {
    expect(roundRatio(value)).toBe(expected);
  });
});

describe('divide', () => {
  it('is null for a zero divisor', () => {
    expect(divide('1', '0')).toBeNull();
    expect(divide('1', '0.00')).toBeNull();
  });

  it('keeps enough precision for a 6-decimal ratio', () => {
    expect(roundRatio(divide('50', '86') ?? '0')).toBe('0.581395');
  });
});
