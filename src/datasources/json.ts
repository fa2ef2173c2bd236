import { parse, isSafeNumber, type LosslessNumber } from 'lossless-json';

/**
 * Parses upstream JSON without rounding 64-bit integers: unsafe integers (IDs in some analytics
 * and webhook payloads) come back as decimal strings, everything else as ordinary numbers.
 * @throws SyntaxError on malformed JSON
 */
export function parseUpstreamJson(text: string): unknown {
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits)) as unknown;
}

export type { LosslessNumber };
