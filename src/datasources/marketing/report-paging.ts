/**
 * The two ways a Marketing API read is cut into calls: offset pages, and date-range chunks that
 * are halved again when TikTok answers 40067 "query too large".
 */
import type { RejectedRow } from '../lenient';
import { UpstreamError } from '../../upstream/upstream-error';
import { daysIn, halveRange, splitRange, type DayRange } from './date-range';
import type { RawPageInfo } from './schemas';

/** TikTok's largest `page_size` for `campaign/get/` and the report endpoints. */
export const MAX_PAGE_SIZE = 1000;

/** The longest range `report/integrated/get/` accepts with the `stat_time_day` dimension. */
export const MAX_DAILY_REPORT_DAYS = 30;

/** A page as the list endpoints return it; campaign lists also say which rows they set aside. */
export interface Page<R> {
  list: readonly R[];
  page_info: RawPageInfo;
  rejected?: readonly RejectedRow[];
}

/**
 * Reads pages from 1 until `page_info.total_page`. Stops early on an empty page so an upstream
 * whose `total_page` disagrees with its data cannot loop forever.
 */
export async function readAllPages<R>(fetchPage: (page: number) => Promise<Page<R>>): Promise<R[]> {
  return (await readAllRows(fetchPage)).rows;
}

/** {@link readAllPages}, with the rows every page set aside (their paths name their page). */
export async function readAllRows<R>(fetchPage: (page: number) => Promise<Page<R>>): Promise<{ rows: R[]; rejected: RejectedRow[] }> {
  const all: { rows: R[]; rejected: RejectedRow[] } = { rows: [], rejected: [] };
  for (let page = 1; ; page++) {
    const result = await fetchPage(page);
    all.rows.push(...result.list);
    all.rejected.push(...(result.rejected ?? []).map((r) => ({ ...r, path: `page ${page}: ${r.path}` })));
    if (page >= result.page_info.total_page || (result.list.length === 0 && (result.rejected?.length ?? 0) === 0)) return all;
  }
}

/**
 * Reads an inclusive day range in chunks of at most `maxDays`, one chunk after the other (the
 * rate limit is per app, so parallel chunks would only trade for 40100s). A chunk refused with
 * 40067 is halved and each half read again, down to single days; a single day still too large
 * is rethrown.
 */
export async function readByDayChunks<R>(range: DayRange, maxDays: number, fetchRange: (chunk: DayRange) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of splitRange(range, maxDays)) rows.push(...(await readSplittingOnTooLarge(chunk, fetchRange)));
  return rows;
}

async function readSplittingOnTooLarge<R>(chunk: DayRange, fetchRange: (chunk: DayRange) => Promise<R[]>): Promise<R[]> {
  try {
    return await fetchRange(chunk);
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.kind !== 'query_too_large' || daysIn(chunk) < 2) throw error;
    const [first, second] = halveRange(chunk);
    return [...(await readSplittingOnTooLarge(first, fetchRange)), ...(await readSplittingOnTooLarge(second, fetchRange))];
  }
}

/** Splits a list into pieces of at most `size`, for TikTok's per-request ID limits. */
export function splitList<T>(items: readonly T[], size: number): T[][] {
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += size) pieces.push(items.slice(i, i + size));
  return pieces;
}
