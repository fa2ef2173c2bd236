import type { UpstreamPage } from './shop-data';
import { UpstreamError } from '../upstream/upstream-error';
import { KEY_FAMILIES } from '../config/storage-keys';

/** An upstream answer and how fresh our copy of it is. */
export interface Fetched<T> {
  value: T;
  /** When it was fetched from TikTok (ms since epoch); the oldest part's for a combined answer. */
  fetchedAt: number;
  /** Served from an older copy (TikTok failing, or a refresh running). */
  stale: boolean;
}

/** One page of a list, with its freshness. */
export type FetchedPage<T> = UpstreamPage<T> & Omit<Fetched<unknown>, 'value'>;

/** How long answers stay fresh (ms), by whether TikTok may still revise them. */
export interface OpenClosedTtls {
  /** Data older than a few days: final. */
  closed: number;
  /** Anything reaching into the last days. */
  open: number;
}

/**
 * Every page of a cached list, from the first (token `''`) to the last: the items in order, the
 * oldest page's `fetchedAt`, stale if any page was, and the first page (for what it alone says).
 * @param what names the list in the error for a token TikTok hands out twice (which would loop)
 */
export async function walkFetchedPages<T, P extends FetchedPage<T>>(page: (token: string) => Promise<P>, what: string): Promise<Fetched<T[]> & { first: P }> {
  const first = await page('');
  const answer = { value: [...first.items], fetchedAt: first.fetchedAt, stale: first.stale, first };
  const seen = new Set<string>();
  for (let token = first.nextPageToken; token;) {
    if (seen.has(token)) throw new UpstreamError('invalid_response', `${what} returned the same next_page_token twice`, { api: 'partner' });
    seen.add(token);
    const next = await page(token);
    answer.value.push(...next.items);
    answer.fetchedAt = Math.min(answer.fetchedAt, next.fetchedAt);
    answer.stale ||= next.stale;
    token = next.nextPageToken;
  }
  return answer;
}

/**
 * Prefix of every cached upstream answer's key. It changes when the parsed shapes change (v2:
 * optional fields and `rejected` rows), so replicas sharing Redis never read an older shape.
 */
export const CACHE_VERSION = KEY_FAMILIES.answers;
