/**
 * Exact money for the generator: a private decimal.js clone (so no global configuration can
 * change our numbers) and TikTok's rendering of amounts as plain decimal strings whose decimal
 * places follow the currency (IDR and JPY have none).
 */
import { Decimal as DecimalJs } from 'decimal.js';

/** The generator's decimal constructor: 40 digits, half-even, never exponent notation. */
export const D = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

/** A decimal of {@link D}. */
export type Dec = InstanceType<typeof D>;

/** Decimal places of the currencies the emulator trades in (docs/metrics.md fixes IDR at 0). */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  USD: 2,
  GBP: 2,
  EUR: 2,
  MYR: 2,
  THB: 2,
  PHP: 2,
  SGD: 2,
  MXN: 2,
  VND: 0,
  IDR: 0,
  JPY: 0,
};

/** Decimal places of `currency`'s minor unit (2 when unknown, ISO 4217's most common value). */
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

/** Rounds to the currency's minor unit, half-even, as docs/metrics.md rounds. */
export function round(amount: Dec, currency: string): Dec {
  return amount.toDecimalPlaces(minorUnits(currency), D.ROUND_HALF_EVEN);
}

/** TikTok's money string: exactly the currency's decimal places (`"12.90"`, `"15000"`). */
export function money(amount: Dec, currency: string): string {
  // decimal.js keeps the sign of zero; TikTok never writes "-0.00".
  return (amount.isZero() ? new D(0) : amount).toFixed(minorUnits(currency));
}

/** Sum of decimal strings or decimals. */
export function sum(values: readonly (Dec | string)[]): Dec {
  return values.reduce<Dec>((acc, v) => acc.plus(v), new D(0));
}

/** Zero in the currency's format. */
export function zero(currency: string): string {
  return money(new D(0), currency);
}

/**
 * Splits `total` over `weights` in the currency's minor units so that the parts add up to
 * `total` exactly (largest remainder): per-line shares of an order-level tax or shipping fee
 * must still sum to the order's figure.
 */
export function allocate(total: Dec, weights: readonly Dec[], currency: string): Dec[] {
  if (weights.length <= 1) return weights.map(() => total);
  const unit = new D(1).div(10 ** minorUnits(currency));
  const weightSum = sum(weights);
  if (weightSum.isZero()) return weights.map((_, i) => (i === 0 ? total : new D(0)));
  const raw = weights.map((w) => total.times(w).div(weightSum));
  const parts = raw.map((r) => r.div(unit).floor().times(unit));
  let rest = total.minus(sum(parts)).div(unit).round().toNumber();
  const order = raw.map((r, i) => ({ i, frac: r.minus(parts[i] as Dec) })).sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] as Dec).plus(unit);
    rest--;
  }
  return parts;
}
