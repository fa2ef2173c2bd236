import fc from 'fast-check';
import { isSafeNumber, parse } from 'lossless-json';
import { parseUpstreamJson } from '../../../src/upstream/json';

/** The careful parser alone: what parseUpstreamJson must always agree with. */
const lossless = (text: string) => parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const literal = fc.oneof(
  fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 9 }), digits(0, 22)).map(([neg, lead, rest]) => `${neg ? '-' : ''}${lead}${rest}`),
  fc.tuple(digits(1, 12), digits(1, 12)).map(([a, b]) => `${a.replace(/^0+(?=\d)/, '')}.${b}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -400, max: 400 })).map(([m, e]) => `${m}e${e}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
);
// Strings that look like numbers, or like "key: number" text, to tempt the quick check.
const text = fc
  .oneof(
    fc.string(),
    literal,
    literal.map((l) => `note: ${l}, [${l}]`),
  )
  .map((s) => JSON.stringify(s));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, literal, text, fc.constantFrom('true', 'false', 'null'), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }).map((xs) => `[ ${xs.join(' , ')} ]`),
  object: fc
    .uniqueArray(fc.tuple(fc.string(), tie('value')), { selector: ([k]) => k, maxLength: 5 })
    .map((kvs) => `{${kvs.map(([k, v]) => `${JSON.stringify(k)}:\n${v as string}`).join(',')}}`),
}));

describe('parseUpstreamJson', () => {
  it('gives exactly what the lossless parser gives, for any JSON with any numbers', () => {
    fc.assert(
      fc.property(value, (json) => expect(parseUpstreamJson(json as string)).toEqual(lossless(json as string))),
      { numRuns: 500 },
    );
  });

  it('keeps 64-bit integers and long decimals as digit strings; IDs in strings stay strings', () => {
    expect(parseUpstreamJson('{"a":576461413038785752,"b":[1, 2.5, -9007199254740993],"c":"576461413038785752","d":12345678.123456789012}')).toEqual({
      a: '576461413038785752',
      b: [1, 2.5, '-9007199254740993'],
      c: '576461413038785752',
      d: '12345678.123456789012',
    });
  });

  it('refuses malformed JSON on either path', () => {
    expect(() => parseUpstreamJson('{"a":1,')).toThrow(SyntaxError);
    expect(() => parseUpstreamJson('{"a":12345678901234567,')).toThrow(SyntaxError);
  });
});
