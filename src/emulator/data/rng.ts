/**
 * Seeded pseudo-random numbers for the data generator: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator, as popularised by PractRand) seeded from a string through cyrb128.
 *
 * Every generated value derives from a key path such as `[seed, shopIndex, 'day', 20431]`, not
 * from one global stream: a day's orders are then the same whether they are generated at start-up
 * or later by live mode, and adding a feature that draws more numbers elsewhere never reshuffles
 * existing data.
 */

/** cyrb128: a fast 128-bit string hash, used only to seed sfc32 (not cryptographic). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A short stable fingerprint of a text (hex), e.g. of a query inside a page token. */
export function fingerprint(text: string): string {
  const [a, b] = cyrb128(text);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** A deterministic random stream. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param key - the key path; equal paths give equal streams */
  constructor(...key: (string | number)[]) {
    [this.a, this.b, this.c, this.d] = cyrb128(key.join('\u001f'));
    // sfc32's first outputs still correlate with the seed words; discarding a few is the usual fix.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty array');
    return item;
  }

  /** An element chosen with the given relative weights (`[value, weight]` pairs). */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return this.pick(choices)[0];
  }

  /** `n` random decimal digits (leading zeros kept). */
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** A TikTok-looking 64-bit id: the prefix followed by random digits up to `length`. */
  id(prefix: string, length = 18): string {
    return prefix + this.digits(length - prefix.length);
  }
}
