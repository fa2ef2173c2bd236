import { parse, isSafeNumber, type LosslessNumber } from 'lossless-json';

/**
 * A number literal that may not survive `JSON.parse`: 16 or more digits (at most one `.` among
 * them) or an exponent, right after the `:`, `,` or `[` a literal follows. Digits inside strings
 * (TikTok's IDs are strings) do not match unless a string itself contains `:` or `,` before a
 * long digit run, and then the careful parser runs: a false alarm costs time, never precision.
 * A literal of at most 15 significant digits and no exponent always round-trips through a double.
 */
const RISKY_NUMBER = /(?:^|[:,[])\s*-?(?:\d(?:\.?\d){15}|[\d.]+[eE])/;

/**
 * Parses upstream JSON without rounding 64-bit integers: unsafe integers (IDs in some analytics
 * and webhook payloads) come back as decimal strings, everything else as ordinary numbers. Text
 * with no long number literal (nearly every answer) takes the native parser, many times faster
 * than the lossless one and with the same result.
 * @throws SyntaxError on malformed JSON
 */
export function parseUpstreamJson(text: string): unknown {
  if (!RISKY_NUMBER.test(text)) return JSON.parse(text) as unknown;
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits)) as unknown;
}

export type { LosslessNumber };
