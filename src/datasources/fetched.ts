import type { UpstreamPage } from './shop-data';

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
