/**
 * Opaque page tokens and keyset paging for the Partner API searches.
 *
 * TikTok's tokens are opaque base64 that contain `/`, `+` and `=` (docs/tiktok-api.md), which
 * is exactly what breaks clients that forget to URL-encode them; ours always contain all three.
 * A token is a cursor (the sort key of the last item served) rather than an offset, so walking the
 * pages visits every item once while the data does not change, and a new order arriving in live
 * mode cannot shift items from one page into the next. The cursor also carries a fingerprint of
 * the query, so a token replayed with other filters or another sort is refused like a forged one.
 */
import { fingerprint } from './rng';
import type { Page } from './store-types';

/** Thrown for a page token this store did not issue for this query. */
export class InvalidPageToken extends Error {
  override readonly name = 'InvalidPageToken';

  constructor(readonly token: string) {
    super(`invalid page_token ${JSON.stringify(token)}`);
  }
}

/**
 * Thrown for a page that would serve a result past the search's result window (`maxResults`):
 * TikTok's product search stops at 10,000 results (docs/tiktok-api.md, Products).
 */
export class ResultWindowExceeded extends Error {
  override readonly name = 'ResultWindowExceeded';

  constructor(readonly maxResults: number) {
    super(`the search would serve results past the first ${maxResults}`);
  }
}

/** A sort key: compared element by element. */
export type SortKey = readonly (string | number)[];

// Bytes fb ff bf encode as "+/+/": every token starts with both of TikTok's awkward characters.
const MAGIC = Buffer.from([0xfb, 0xff, 0xbf]);

interface Cursor {
  q: string;
  k: SortKey;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` describe the same query. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function encode(cursor: Cursor): string {
  let json = JSON.stringify(cursor);
  // A byte count that is a multiple of 3 would leave no "=" padding; JSON allows a trailing space.
  if ((MAGIC.length + Buffer.byteLength(json)) % 3 === 0) json += ' ';
  return Buffer.concat([MAGIC, Buffer.from(json)]).toString('base64');
}

function decode(token: string, query: unknown): SortKey {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) throw new InvalidPageToken(token);
  const bytes = Buffer.from(token, 'base64');
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new InvalidPageToken(token);
  let cursor: unknown;
  try {
    cursor = JSON.parse(bytes.subarray(MAGIC.length).toString('utf8'));
  } catch {
    throw new InvalidPageToken(token);
  }
  if (typeof cursor !== 'object' || cursor === null) throw new InvalidPageToken(token);
  const { q, k } = cursor as Partial<Cursor>;
  const keyOk = Array.isArray(k) && k.every((v) => typeof v === 'string' || typeof v === 'number');
  if (q !== fingerprint(canonical(query)) || !keyOk) throw new InvalidPageToken(token);
  return k;
}

/** Compares decimal id strings numerically (they have no leading zeros). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareIds(String(a), String(b));
}

/** Compares sort keys ascending, element by element (numbers numerically, strings as ids). */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i] as string | number, b[i] as string | number);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Paging options: the filters and sort (any JSON value) are bound into the token. */
export interface KeysetOptions {
  desc: boolean;
  pageSize: number;
  pageToken?: string;
  query: unknown;
  /** The most results a walk may reach; a page going past it throws {@link ResultWindowExceeded}. */
  maxResults?: number;
}

/**
 * One page of `items` sorted by `key` (ascending, or descending when `desc`).
 *
 * @throws InvalidPageToken when `pageToken` was not issued for this query
 * @throws ResultWindowExceeded when the page would serve a result past `maxResults`
 */
export function keysetPage<T>(items: readonly T[], key: (item: T) => SortKey, opts: KeysetOptions): Page<T> {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  keyed.sort((a, b) => compareKeys(a.k, b.k));
  return sortedKeysetPage(
    keyed.map((x) => x.item),
    key,
    opts,
  );
}

/** The first index of `asc` whose key is above `after` (`strict`) or at least `after`. */
function boundary<T>(asc: readonly T[], key: (item: T) => SortKey, after: SortKey, strict: boolean): number {
  let lo = 0;
  let hi = asc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareKeys(key(asc[mid] as T), after);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * {@link keysetPage} over items already sorted ascending by `key` (keys unique): the page token's
 * position is found by binary search, so a page costs O(log n) plus its own size.
 *
 * @throws InvalidPageToken when `pageToken` was not issued for this query
 * @throws ResultWindowExceeded when the page would serve a result past `maxResults`
 */
export function sortedKeysetPage<T>(asc: readonly T[], key: (item: T) => SortKey, opts: KeysetOptions): Page<T> {
  const after = opts.pageToken ? decode(opts.pageToken, opts.query) : undefined;
  let page: T[];
  let more: boolean;
  /** Results served by the pages before this one. */
  let before: number;
  if (opts.desc) {
    const end = after ? boundary(asc, key, after, false) : asc.length;
    page = asc.slice(Math.max(0, end - opts.pageSize), end).reverse();
    more = end - page.length > 0;
    before = asc.length - end;
  } else {
    const start = after ? boundary(asc, key, after, true) : 0;
    page = asc.slice(start, start + opts.pageSize);
    more = start + page.length < asc.length;
    before = start;
  }
  if (opts.maxResults !== undefined && before + page.length > opts.maxResults) throw new ResultWindowExceeded(opts.maxResults);
  const last = page[page.length - 1];
  return {
    items: page,
    next_page_token: more && last !== undefined ? encode({ q: fingerprint(canonical(opts.query)), k: key(last) }) : '',
    total_count: asc.length,
  };
}
