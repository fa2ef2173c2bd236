/**
 * One registry of storage key families (issue 19): every key ShopGraph writes takes its stem
 * from src/config/storage-keys.ts, so a family's version is bumped in one place. This fails on a
 * key stem written as a literal anywhere else in src/ (the emulator, which is TikTok's side, apart).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { KEY_FAMILIES, KEY_ROOT } from '../../src/config/storage-keys';

const SRC = join(__dirname, '../../src');
const REGISTRY = join(SRC, 'config/storage-keys.ts');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (path !== join(SRC, 'emulator')) yield* sources(path);
    } else if (name.endsWith('.ts') && path !== REGISTRY) yield path;
  }
}

/** Code lines (comments dropped) holding a string that starts like a stored key: `family:v1`, or the root. */
function keyLiterals(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, at: `${relative(SRC, path)}:${i + 1}` }))
    .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .filter(({ line }) => /['`][a-z]+(:[a-z]+)?:v\d+\b/.test(line) || new RegExp(`['\`]${KEY_ROOT}:`).test(line))
    .map(({ at, line }) => `${at}: ${line.trim()}`);
}

describe('the storage key registry', () => {
  it('is the only place in src/ that spells a key stem', () => {
    expect([...sources(SRC)].flatMap(keyLiterals)).toEqual([]);
  });

  it('gives every family a stem of its own', () => {
    const stems = Object.values(KEY_FAMILIES);
    expect(new Set(stems).size).toBe(stems.length);
  });

  it('catches a literal key stem (the check above can fail)', () => {
    const line = 'const key = `ledger:v6:{${ns}:${shop}}`;';
    expect(/['`][a-z]+(:[a-z]+)?:v\d+\b/.test(line)).toBe(true);
  });
});
