/**
 * Fixed exchange-rate tables, the only way ShopGraph ever adds money of two currencies.
 *
 * docs/metrics.md: "When ad money and shop money are in different currencies, ROAS and blended ROAS
 * are null with a reason, unless the operator configures a fixed rate table (then the rate used
 * is reported)". The same rule guards every sum that would otherwise mix currencies.
 *
 * @see docs/metrics.md
 */
import { divide, parseDecimal, zero, type Decimal } from '../domain/money';

/**
 * Operator-configured rates, keyed `"FROM/TO"` (ISO codes), each value a decimal string giving
 * how many units of TO one unit of FROM is worth: `{ "EUR/USD": "1.08" }`. A pair may be given
 * in either direction; the inverse is derived.
 */
export type FxRateTable = Readonly<Record<string, string>>;

/** The outcome of {@link convertSums}. */
export type Conversion =
  | {
      ok: true;
      /** the exact total in the target currency */
      value: Decimal;
      /** the rates applied, as shown to users, e.g. `"1 EUR = 1.08 USD"`; empty when none */
      ratesUsed: string[];
    }
  | {
      ok: false;
      /** source currencies with no rate to the target, sorted */
      missing: string[];
    };

interface Rate {
  /** target units per source unit */
  factor: Decimal;
  /** the rate as configured, for the formula text */
  text: string;
}

// A zero rate is a configuration mistake; treating it as missing keeps the metric null with a
// reason instead of silently zeroing money or dividing by zero.
function findRate(table: FxRateTable, from: string, to: string): Rate | null {
  const direct = table[`${from}/${to}`];
  if (direct !== undefined && !parseDecimal(direct).isZero()) {
    return { factor: parseDecimal(direct), text: `1 ${from} = ${direct} ${to}` };
  }
  const inverse = table[`${to}/${from}`];
  const factor = inverse === undefined ? null : divide('1', inverse);
  return inverse === undefined || factor === null ? null : { factor, text: `1 ${to} = ${inverse} ${from}` };
}

/**
 * Converts per-currency sums into one currency.
 *
 * @param byCurrency - exact sums keyed by ISO code
 * @param target - the currency of the result
 * @param table - the fixed rate table, if the operator configured one
 * @returns the exact converted total and the rates used, or the currencies that have no rate
 * @throws InvalidDecimalError when a rate needed is not a plain decimal
 */
export function convertSums(byCurrency: ReadonlyMap<string, Decimal>, target: string, table: FxRateTable | undefined): Conversion {
  let value = zero();
  const ratesUsed: string[] = [];
  const missing: string[] = [];
  for (const [currency, amount] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Zero needs no rate: a currency that contributes nothing must not make the sum unknown.
    if (currency === target || amount.isZero()) {
      value = value.plus(amount);
      continue;
    }
    const rate = table === undefined ? null : findRate(table, currency, target);
    if (rate === null) {
      missing.push(currency);
    } else {
      value = value.plus(amount.times(rate.factor));
      ratesUsed.push(rate.text);
    }
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, value, ratesUsed };
}
