/**
 * Paging through upstream searches: one after another for a delta, and in parallel time slices
 * for a backfill, so a cold shop is read near the rate limit instead of one page per round trip
 * (TikTok's page tokens only go forward, so one search cannot be read in parallel, but disjoint
 * `create_time` ranges can).
 */
import type { FactPage } from './ledger-source';
import type { TimeRange } from './coverage';

/** Reads every page of one search, handing each page over before asking for the next. */
export async function walkPages<T>(page: (token: string | undefined) => Promise<FactPage<T>>, onPage: (items: T[]) => Promise<void>): Promise<void> {
  let token: string | undefined;
  do {
    const result = await page(token);
    await onPage(result.items);
    token = result.nextPageToken || undefined;
  } while (token);
}

/** Settings of {@link readRange}. */
export interface SliceSettings {
  /** searches in flight at once */
  concurrency: number;
  /** items per page, to turn `total_count` into a number of pages */
  pageSize: number;
  /** upper end for slicing an unbounded range (unix s) */
  nowSeconds: number;
}

/**
 * Reads every item created in a range. The first page tells how much there is; a few pages are
 * simply walked, more are split into equal time slices (four per worker, so a busy stretch does
 * not leave the other workers idle) read by `concurrency` workers. The first slice starts at the
 * last item already read, so nothing is missed; items read twice are harmless to idempotent
 * upserts.
 */
export async function readRange<T extends { createTime: number }>(
  range: TimeRange,
  page: (range: TimeRange, token: string | undefined) => Promise<FactPage<T>>,
  onPage: (items: T[]) => Promise<void>,
  settings: SliceSettings,
  progress: ReadProgress = new ReadProgress(),
): Promise<void> {
  const head = progress.part(range.ge);
  const first = await page(range, undefined);
  await onPage(first.items);
  head.passed(first.items);
  if (!first.nextPageToken) return head.finish();
  const pagesLeft = first.totalCount === null ? Number.POSITIVE_INFINITY : Math.ceil(first.totalCount / settings.pageSize) - 1;
  const resumeAt = Math.max(range.ge, ...first.items.map((i) => i.createTime));
  const end = range.lt ?? Math.max(settings.nowSeconds, resumeAt + 1);
  // A slice ends in at most one partial page: about four pages a slice keeps that under a quarter.
  const count = Math.min(settings.concurrency * 4, Math.ceil(pagesLeft / 4), Math.max(1, end - resumeAt));
  if (settings.concurrency <= 1 || count <= 1) {
    await walkPages(
      (token) => page(range, token ?? first.nextPageToken),
      async (items) => {
        await onPage(items);
        head.passed(items);
      },
    );
    return head.finish();
  }
  // Slices of many pages shrink from first to last (the last a third of the first): the workers
  // still busy at the end, when the others have nothing left, finish sooner. Slices of a page or
  // few stay equal: shrunk, more of them would spill into a partial page.
  const shrink = pagesLeft >= count * 8;
  const weight = (i: number) => (shrink ? 2 * (count - i) + count : 1);
  let total = 0;
  for (let i = 0; i < count; i++) total += weight(i);
  const slices: TimeRange[] = [];
  for (let i = 0, before = 0; i < count; before += weight(i), i++) {
    const ge = resumeAt + Math.floor(((end - resumeAt) * before) / total);
    const lt = i === count - 1 ? range.lt : resumeAt + Math.floor(((end - resumeAt) * (before + weight(i))) / total);
    slices.push({ ge, lt });
  }
  const parts = slices.map((slice) => ({ slice, part: progress.part(slice.ge) }));
  head.finish();
  await pool(parts, settings.concurrency, async ({ slice, part }) => {
    await walkPages(
      (token) => page(slice, token),
      async (items) => {
        await onPage(items);
        part.passed(items);
      },
    );
    part.finish();
  });
}

/** One part of a read: the `create_time` (unix s) its next page starts at or after. */
export interface ReadMark {
  /** A page of the part was handed over (items in ascending `create_time`). */
  passed(items: readonly { createTime: number }[]): void;
  /** The part was read to its end. */
  finish(): void;
}

/**
 * How far reads have got: the lowest `create_time` a page still to come may hold. Each part of a
 * read is paged in ascending `create_time`, so its mark is its last item handed over; a failed
 * part keeps its mark.
 */
export class ReadProgress {
  private readonly marks = new Set<{ at: number }>();

  /** unix s; +Infinity when no part is left */
  get low(): number {
    let low = Number.POSITIVE_INFINITY;
    for (const mark of this.marks) low = Math.min(low, mark.at);
    return low;
  }

  /** A part still to read, from `start` on. */
  part(start: number): ReadMark {
    const mark = { at: start };
    this.marks.add(mark);
    return {
      passed: (items) => {
        if (items.length > 0) mark.at = Math.max(mark.at, items[items.length - 1]!.createTime);
      },
      finish: () => void this.marks.delete(mark),
    };
  }
}

/**
 * Runs `work` over the items with at most `limit` at once. After a failure no new item starts;
 * the ones running finish, then the first error is thrown.
 */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined && !failure; item = queue.shift()) {
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
