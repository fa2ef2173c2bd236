/** Exact sums of decimal strings ("12.30" + "0.7" = "13.00"), without going through a float. */

/** Σ of decimal strings, written with the most decimals any of them has. */
export function sumDecimals(values: readonly string[]): string {
  const places = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  const scaled = values.reduce((sum, v) => {
    const negative = v.startsWith('-');
    const [whole = '0', fraction = ''] = v.replace(/^[-+]/, '').split('.');
    const units = BigInt(whole + fraction.padEnd(places, '0'));
    return sum + (negative ? -units : units);
  }, 0n);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}
