import { createHash } from 'node:crypto';
import { badUserInput } from '../errors';
import { MAX_FIRST } from '../security/cost';
import { UpstreamError } from '../upstream/upstream-error';
import type { RejectedRow } from '../datasources/lenient';
import type { UpstreamPage } from '../datasources/shop-data';

/** Where a connection resumes: an upstream page token plus an offset into that page. */
interface CursorState {
  /** Shop the list belongs to: a cursor from another shop is refused. */
  s: string;
  /** Hash of the filter/sort it was made for: a cursor from another query is refused. */
  q: string;
  /** Upstream page token ('' = first page). */
  t: string;
  /** Items of that page already returned. */
  o: number;
}

/** Hash of the upstream query, so a cursor only continues the list it came from. */
export function queryFingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

/**
 * What a cursor this API issues can hold: TikTok's page tokens are short, and an offset never
 * exceeds a page (TikTok's pages hold at most 100 rows). Anything bigger was made by hand.
 */
const MAX_CURSOR_LENGTH = 2048;
const MAX_OFFSET = 1000;

function decodeCursor(cursor: string, shopId: string, fingerprint: string): CursorState {
  if (cursor.length > MAX_CURSOR_LENGTH) throw badUserInput('after', 'not a cursor this API issued');
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput('after', 'not a cursor this API issued');
  }
  const s = state as Partial<CursorState> | null;
  if (!s || typeof s.t !== 'string' || typeof s.o !== 'number' || !Number.isInteger(s.o) || s.o < 0 || s.o > MAX_OFFSET || typeof s.q !== 'string') {
    throw badUserInput('after', 'not a cursor this API issued');
  }
  if (s.s !== shopId) throw badUserInput('after', 'the cursor belongs to another list');
  if (s.q !== fingerprint) throw badUserInput('after', 'the cursor was made for a different filter or sort order');
  return s as CursorState;
}

/** Validates `first`. */
export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw badUserInput('first', `must be between 0 and ${MAX_FIRST}, got ${first}`);
  }
}

/** One place of a connection: a row, or a row TikTok sent that ShopGraph cannot read. */
export type SliceItem<T> = ({ node: T; rejected?: never } | { rejected: RejectedRow; node?: never }) & { cursor: string };

/** A Relay connection's content before it is shaped into edges/nodes. */
export interface ConnectionSlice<T> {
  items: SliceItem<T>[];
  hasNextPage: boolean;
  totalCount: number | null;
}

/**
 * A page's places in TikTok's order: its readable rows, and its rejected ones where TikTok had
 * them (each at its `index`), so cursors and `first` count what TikTok sent.
 */
function placesOf<T>(page: UpstreamPage<T>): ({ node: T } | { rejected: RejectedRow })[] {
  const places: ({ node: T } | { rejected: RejectedRow })[] = page.items.map((node) => ({ node }));
  for (const row of [...page.rejected].sort((a, b) => a.index - b.index)) {
    places.splice(Math.min(row.index, places.length), 0, { rejected: row });
  }
  return places;
}

/**
 * Serves any `first` over TikTok's fixed-size token pages: starts at the cursor's page and offset,
 * fetches following pages until `first` items are collected. `keep` filters items that TikTok
 * cannot filter itself (then `totalCount` is unknown). Rows TikTok sent that ShopGraph cannot
 * read take their place in the slice as `rejected` items (kept whatever the filter).
 */
export async function sliceConnection<T>(args: {
  shopId: string;
  query: unknown;
  first: number;
  after?: string | null;
  fetchPage: (pageToken: string) => Promise<UpstreamPage<T>>;
  keep?: (item: T) => boolean;
}): Promise<ConnectionSlice<T>> {
  checkFirst(args.first);
  const fingerprint = queryFingerprint(args.query);
  let state: CursorState = args.after ? decodeCursor(args.after, args.shopId, fingerprint) : { s: args.shopId, q: fingerprint, t: '', o: 0 };
  const items: SliceItem<T>[] = [];
  let totalCount: number | null = null;
  // The first page token may come from the client's cursor: one TikTok (or the product walk)
  // refuses is a forged cursor, the caller's BAD_USER_INPUT — not an internal error.
  let page = await firstPage(args.fetchPage, state.t, Boolean(args.after) && state.t !== '');
  for (;;) {
    const places = placesOf(page);
    totalCount = args.keep ? null : page.totalCount;
    let offset = state.o;
    while (offset < places.length && items.length < args.first) {
      const place = places[offset] as { node: T } | { rejected: RejectedRow };
      offset += 1;
      if ('node' in place && args.keep && !args.keep(place.node)) continue;
      const next = offset < places.length ? { ...state, o: offset } : { ...state, t: page.nextPageToken, o: 0 };
      items.push({ ...place, cursor: encodeCursor(next) });
    }
    const pageDone = offset >= places.length;
    const moreUpstream = page.nextPageToken !== '';
    if (items.length >= args.first || (pageDone && !moreUpstream)) {
      const hasNextPage = !pageDone || moreUpstream;
      return { items, hasNextPage: args.first === 0 ? places.length > 0 : hasNextPage, totalCount };
    }
    state = { ...state, t: page.nextPageToken, o: 0 };
    page = await args.fetchPage(state.t);
  }
}

/** The page a slice starts on; a refused page token from a client's cursor is BAD_USER_INPUT. */
async function firstPage<T>(fetchPage: (token: string) => Promise<UpstreamPage<T>>, token: string, fromClient: boolean): Promise<UpstreamPage<T>> {
  try {
    return await fetchPage(token);
  } catch (error) {
    const refused = (error instanceof UpstreamError && error.kind === 'bad_request') || error instanceof RangeError;
    if (fromClient && refused) throw badUserInput('after', 'not a cursor this API issued');
    throw error;
  }
}
