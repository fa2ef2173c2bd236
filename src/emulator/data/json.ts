/**
 * JSON reading for recorded fixtures without rounding 64-bit integers: TikTok's IDs are strings,
 * but a recording may hold one as a bare number, which `JSON.parse` would round. Integers a
 * double cannot hold exactly come back as their digit strings; every other number as a number.
 */
import { isSafeNumber, parse } from 'lossless-json';

/** @throws SyntaxError on malformed JSON */
export function parseFixtureJson(text: string): unknown {
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits)) as unknown;
}
