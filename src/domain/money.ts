/**
 * Exact decimal money for ShopGraph's metrics.
 *
 * docs/metrics.md: "Money is exact decimal arithmetic (never binary floats), per currency, rounded
 * only at the end, half-even, to the currency's minor unit". Everything here works on a private
 * decimal.js clone so that no other code's global Decimal configuration can change our results.
 *
 * @see docs/metrics.md
 */
import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The private decimal.js constructor used for all metric arithmetic.
 *
 * 50 significant digits keep any realistic sum exact (a billion line items of 10^12 still use
 * fewer than 25 digits) and leave ample room for the quotients of ratios before their final
 * 6-decimal rounding. The exponent limits stop `toString()` from ever switching to `1e+21`
 * notation, which would break every consumer that expects a plain decimal string.
 */
const D = DecimalJs.clone({
  precision: 50,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** A decimal value produced by this module's private decimal.js clone. */
export type Decimal = InstanceType<typeof D>;

/** Anything the money helpers accept as an amount: a strict decimal string or a {@link Decimal}. */
export type DecimalInput = string | Decimal;

/** Thrown by {@link parseDecimal} when a string is not a plain decimal number. */
export class InvalidDecimalError extends Error {
  override readonly name = 'InvalidDecimalError';

  /** @param input - the rejected text, kept so callers can say which value was bad */
  constructor(readonly input: string) {
    super(`not a plain decimal number: ${JSON.stringify(input)}`);
  }
}

/**
 * ISO 4217 minor units for the currencies TikTok Shop and TikTok Ads trade in, plus common
 * neighbours. IDR is listed with 0 although ISO 4217 says 2: docs/metrics.md fixes "IDR 0", matching
 * TikTok Shop Indonesia, whose prices carry no fraction.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  USD: 2,
  GBP: 2,
  EUR: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  TRY: 2,
  SAR: 2,
  AED: 2,
  ILS: 2,
  ZAR: 2,
  INR: 2,
  CNY: 2,
  HKD: 2,
  TWD: 2,
  MYR: 2,
  THB: 2,
  PHP: 2,
  SGD: 2,
  MXN: 2,
  BRL: 2,
  COP: 2,
  PEN: 2,
  ARS: 2,
  EGP: 2,
  NGN: 2,
  PKR: 2,
  BDT: 2,
  IDR: 0,
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  PYG: 0,
  UGX: 0,
  BHD: 3,
  JOD: 3,
  KWD: 3,
  OMR: 3,
  TND: 3,
};

/**
 * Number of decimals a currency is rounded to (its ISO 4217 minor unit).
 *
 * @param currency - ISO 4217 code, any case
 * @returns the minor unit; 2 for codes not in the table, the most common exponent worldwide
 */
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency.toUpperCase()] ?? 2;
}

// Only the shape upstream prices use: optional minus, digits, optional fraction. Exponents,
// whitespace, "NaN", "Infinity", "+1" and ".5" are all refused so a malformed upstream value
// can never slip into a sum as something else.
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Parses a plain decimal string exactly.
 *
 * @param text - e.g. `"-12.50"`, `"0"`, `"12"`
 * @returns the exact value
 * @throws {@link InvalidDecimalError} for anything else (`""`, `"1e5"`, `"NaN"`, `" 1"`, `"1.2.3"`)
 */
export function parseDecimal(text: string): Decimal {
  if (!PLAIN_DECIMAL.test(text)) throw new InvalidDecimalError(text);
  return new D(text);
}

/**
 * Converts an input to a {@link Decimal}, parsing strings strictly.
 *
 * @param value - a decimal string or an existing {@link Decimal}
 */
export function toDecimal(value: DecimalInput): Decimal {
  return typeof value === 'string' ? parseDecimal(value) : value;
}

/**
 * The exact decimal zero, for starting sums.
 */
export function zero(): Decimal {
  return new D(0);
}

/**
 * Exact sum of amounts.
 *
 * @param values - decimal strings or decimals
 * @returns their exact sum; zero for no values
 */
export function sumDecimals(values: Iterable<DecimalInput>): Decimal {
  let total = new D(0);
  for (const value of values) total = total.plus(toDecimal(value));
  return total;
}

/**
 * Exact quotient, or null when it is undefined.
 *
 * Metrics with a zero denominator (AOV with no orders, ROAS with no spend) are null with a
 * reason per docs/metrics.md, so a zero divisor is a normal outcome, not an error.
 *
 * @param dividend - numerator
 * @param divisor - denominator
 * @returns `dividend / divisor` to 50 significant digits, or null when `divisor` is zero
 */
export function divide(dividend: DecimalInput, divisor: DecimalInput): Decimal | null {
  const d = toDecimal(divisor);
  if (d.isZero()) return null;
  return toDecimal(dividend).div(d);
}

function roundHalfEven(value: DecimalInput, places: number): string {
  const rounded = toDecimal(value).toDecimalPlaces(places, DecimalJs.ROUND_HALF_EVEN);
  // decimal.js keeps the sign of a negative value that rounds to zero ("-0.00"); an amount
  // of zero has no sign for a reader, so normalise it.
  return (rounded.isZero() ? new D(0) : rounded).toFixed(places);
}

/**
 * Rounds an amount for display, half-even to the currency's minor unit (docs/metrics.md).
 *
 * @param value - the exact, unrounded amount
 * @param currency - ISO 4217 code deciding the number of decimals
 * @returns a string with exactly that many decimals, e.g. USD `"43.00"`, IDR `"1500"`
 */
export function roundMoney(value: DecimalInput, currency: string): string {
  return roundHalfEven(value, minorUnits(currency));
}

/** Decimal places of every ratio (refund rate, ROAS, ...), fixed by docs/metrics.md. */
export const RATIO_DECIMALS = 6;

/**
 * Rounds a ratio half-even to 6 decimals (docs/metrics.md: "Ratios ... are exact decimals, returned
 * with 6 decimal places, half-even").
 *
 * @param value - the exact, unrounded ratio
 * @returns e.g. `"0.581395"`
 */
export function roundRatio(value: DecimalInput): string {
  return roundHalfEven(value, RATIO_DECIMALS);
}
