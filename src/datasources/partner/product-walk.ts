/**
 * Product search stops at 10,000 results: past them TikTok answers 12052180 ("The total number of
 * search results can not exceed 10000"). A walk over a larger catalogue therefore splits it by
 * `update_time` ranges, halving a range until each holds at most 10,000 products, and walks the
 * ranges one after the other. Its page tokens carry the ranges still to walk with TikTok's own
 * token, so a walk can be resumed from any page (the graph's cursors hold them).
 *
 * A range is split before any of its rows is returned when its first page says it holds more than
 * 10,000 (`total_count`). Without `total_count`, the cap error itself splits the range, and rows the
 * range had already returned may come again (UNCERTAIN how TikTok orders a search).
 * @see docs/tiktok-api.md (Product search)
 */
import { UpstreamError } from '../../upstream/upstream-error';
import { PartnerCode } from './partner-errors';
import type { ProductSearchFilters } from './partner-requests';
import type { ProductSearchData } from './product-schemas';

/** The most results one product search returns. */
export const PRODUCT_SEARCH_CAP = 10_000;

/** Inclusive `update_time` bounds, Unix seconds. */
type Range = readonly [ge: number, le: number];

interface WalkState {
  /** Ranges left to walk, the current first; absent while the catalogue is walked whole. */
  r?: Range[];
  /** TikTok's page token within the current range. */
  t: string;
}

const PREFIX = 'w1.';

function encode(state: WalkState): string {
  return PREFIX + Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decode(token: string): WalkState {
  if (!token) return { t: '' };
  const fail = () => new RangeError('not a product search page token this walk issued');
  if (!token.startsWith(PREFIX)) throw fail();
  const state = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8')) as Partial<WalkState>;
  const rangesOk = state.r === undefined || (Array.isArray(state.r) && state.r.every((r) => Array.isArray(r) && r.length === 2 && r.every(Number.isInteger)));
  if (typeof state.t !== 'string' || !rangesOk) throw fail();
  return { r: state.r, t: state.t };
}

function isCapError(error: unknown): boolean {
  return error instanceof UpstreamError && error.details.code === PartnerCode.SEARCH_RESULT_CAP;
}

/** Halves a range; a single second cannot be split (TikTok's `update_time` has no finer grain). */
function halve(range: Range): [Range, Range] | null {
  const [ge, le] = range;
  if (ge >= le) return null;
  const mid = Math.floor((ge + le) / 2);
  return [
    [ge, mid],
    [mid + 1, le],
  ];
}

/**
 * One page of a product search walk. `pageToken` is `''` for the first page, then the previous
 * page's `next_page_token` (this walk's, not TikTok's).
 * @param search one product search call
 * @param nowSeconds the upper `update_time` bound of a split when the filters set none
 * @param cap the most results one search returns (TikTok's; smaller in tests)
 */
export async function productSearchPage(
  search: (filters: ProductSearchFilters, pageToken: string | undefined) => Promise<ProductSearchData>,
  filters: ProductSearchFilters,
  pageToken: string,
  nowSeconds: () => number,
  cap = PRODUCT_SEARCH_CAP,
): Promise<ProductSearchData> {
  let state = decode(pageToken);
  for (;;) {
    const range = state.r?.[0];
    const bounded = range ? { ...filters, update_time_ge: range[0], update_time_le: range[1] } : filters;
    let page: ProductSearchData | undefined;
    try {
      page = await search(bounded, state.t || undefined);
    } catch (error) {
      if (!isCapError(error)) throw error;
    }
    const overCap = page === undefined || (state.t === '' && (page.total_count ?? 0) > cap);
    if (overCap) {
      const whole: Range = range ?? [filters.update_time_ge ?? 0, filters.update_time_le ?? nowSeconds()];
      const halves = halve(whole);
      if (!halves) {
        throw new UpstreamError('bad_request', 'more than 10,000 products share one update_time second: product search cannot list them', {
          api: 'partner',
          code: PartnerCode.SEARCH_RESULT_CAP,
        });
      }
      state = { r: [...halves, ...(state.r?.slice(1) ?? [])], t: '' };
      continue;
    }
    const found = page as ProductSearchData;
    let next: WalkState | null = null;
    if (found.next_page_token) next = { r: state.r, t: found.next_page_token };
    else if (state.r && state.r.length > 1) next = { r: state.r.slice(1), t: '' };
    return { ...found, next_page_token: next ? encode(next) : '' };
  }
}
