/**
 * The per-advertiser ad ledger: TikTok's report rows (campaign × day) and GMV Max rows (campaign
 * × day, per store) filed by day in a {@link KvStore} (the embedded store on local disk, or Redis so
 * replicas share it), so a 30-day, a 90-day and a comparison window share their days instead of
 * each re-reading them, and a restarted process re-reads none it had. Values are plain JSON:
 *
 * | key (under `adledger:v2:{{namespace}:{advertiser}}`) | value |
 * |---|---|
 * | `:report:{YYYY-MM-DD}` | {@link AdDay} of `report/integrated/get/` rows, deleted campaigns included |
 * | `:gmvmax:{store}:{YYYY-MM-DD}` | {@link AdDay} of `gmv_max/report/get/` rows of that store |
 *
 * Days are the advertiser's: TikTok cuts report days in its zone, which (like its currency) cannot
 * change once the account exists (https://ads.tiktok.com/help/article/account-setup-faq), so keys
 * need no zone. Revenue lands on the day of the click or view for `attributionDays`, so a day is
 * OPEN until it is that old (the trailing window that keeps moving) and CLOSED after. A day pulled
 * while open is pulled again once that pull is older than `maxStalenessMs` — which also gives a
 * day that closed since its last pull one final pull — and a day pulled once closed is final:
 * served with no upstream call until its retention ends. A day without rows is kept as known
 * empty. Concurrent requests for one advertiser's report (or one store's GMV Max report) share one
 * pull in this process (replicas may pull the same day at once: each writes whole days, so the
 * last write simply wins); when upstream fails, the days held are served stale.
 *
 * @see docs/tiktok-api.md ("report/integrated/get": attribution)
 */
import type { Fetched } from '../../datasources/fetched';
import type { DayRange } from '../../datasources/marketing/date-range';
import { MAX_DAILY_REPORT_DAYS } from '../../datasources/marketing/report-paging';
import type { AdvertiserInfo, GmvMaxReportRow, ReportRow } from '../../datasources/marketing/schemas';
import type { KvStore } from '../../store/kv-store';
import { assertValidWindow, localDate, windowDays, type DateWindow } from '../../domain/window';
import { planSpans } from './report-spans';
import { KEY_FAMILIES } from '../../config/storage-keys';

/** Settings of the ledger. */
export interface AdLedgerOptions {
  /** Key namespace, e.g. the Marketing app id, so two apps never share entries. */
  namespace: string;
  /** An open day is pulled again once its last pull is older than this (ms). @default 900000 */
  maxStalenessMs?: number;
  /** Days whose figures still move (TikTok's default 7-day click attribution). @default 7 */
  attributionDays?: number;
  /** After a failed pull, serve held open days stale without asking again for this long (ms). @default 5000 */
  failureBackoffMs?: number;
  /** How long the store keeps a day not written again (ms). @default 400 days */
  retentionMs?: number;
  /** Clock in ms. @default Date.now */
  now?: () => number;
}

/** One day of one report as the ledger keeps it; no rows means a day known to be empty. */
export interface AdDay<R> {
  /** ms: when the pull that read it started */
  pulledAt: number;
  rows: R[];
}

/** What the ledger reads upstream: {@link MarketingClient} has both; tests use a fake. */
export interface AdReportSource {
  getDailyReport(advertiserId: string, range: DayRange): Promise<ReportRow[]>;
  getGmvMaxReport(storeId: string, advertiserId: string, range: DayRange): Promise<GmvMaxReportRow[]>;
}

/** The advertiser a window is asked for; its days are cut in `displayTimezone`. */
export type LedgerAdvertiser = Pick<AdvertiserInfo, 'advertiserId' | 'displayTimezone'>;

/** One report of one advertiser (or store): its keys, its zone and how to read days of it. */
interface Book<R> {
  /** the advertiser, whose keys share one Redis Cluster slot */
  advertiserId: string;
  /** the report within the advertiser: `report`, or `gmvmax:{store}` */
  id: string;
  zone: string;
  fetch(range: DayRange): Promise<R[]>;
}

/** The key of a book in this process's maps. */
const bookKey = <R>(book: Book<R>): string => `${book.advertiserId}:${book.id}`;

/** What a pull ended with: the days it read, and the error that stopped it before the rest. */
interface Outcome<R> {
  days: Map<string, AdDay<R>>;
  failure?: { days: ReadonlySet<string>; error: unknown };
}

const DAY = 86_400;

export class AdLedger {
  private readonly settings: Required<AdLedgerOptions>;
  private readonly flights = new Map<string, Promise<Outcome<unknown>>>();
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly store: KvStore,
    private readonly source: AdReportSource,
    options: AdLedgerOptions,
  ) {
    this.settings = { maxStalenessMs: 900_000, attributionDays: 7, failureBackoffMs: 5_000, retentionMs: 400 * 86_400_000, now: Date.now, ...options };
  }

  /**
   * Campaign × day report rows of a window of the advertiser's days, deleted campaigns included.
   * `fetchedAt` is the oldest pull among the days served; `stale` when open days past their
   * freshness were served because upstream failed.
   * @throws the upstream error when a day the ledger does not hold cannot be read
   */
  report(advertiser: LedgerAdvertiser, window: DateWindow): Promise<Fetched<ReportRow[]>> {
    const { advertiserId, displayTimezone } = advertiser;
    return this.rows(
      {
        advertiserId,
        id: 'report',
        zone: displayTimezone,
        fetch: (range) => this.source.getDailyReport(advertiserId, range),
      },
      window,
    );
  }

  /** GMV Max rows (campaign × day) of one store, as {@link report}. */
  gmvMaxReport(storeId: string, advertiser: LedgerAdvertiser, window: DateWindow): Promise<Fetched<GmvMaxReportRow[]>> {
    const { advertiserId, displayTimezone } = advertiser;
    return this.rows(
      {
        advertiserId,
        id: `gmvmax:${storeId}`,
        zone: displayTimezone,
        fetch: (range) => this.source.getGmvMaxReport(storeId, advertiserId, range),
      },
      window,
    );
  }

  /** Joins or starts the book's pull until every day of the window is held and fresh enough. */
  private async rows<R extends { date: string }>(book: Book<R>, window: DateWindow): Promise<Fetched<R[]>> {
    assertValidWindow(window);
    const dates = this.reportable(window, book.zone);
    // Days pulled while this request waited; they are not due again whatever maxStalenessMs is.
    const pulled = new Map<string, AdDay<R>>();
    const refused = new Set<string>();
    let error: unknown;
    for (;;) {
      const flight = this.flights.get(bookKey(book)) as Promise<Outcome<R>> | undefined;
      if (flight) {
        const outcome = await flight;
        outcome.days.forEach((day, date) => pulled.set(date, day));
        outcome.failure?.days.forEach((date) => refused.add(date));
        if (outcome.failure) error = outcome.failure.error;
        continue;
      }
      const held = await this.read(
        book,
        dates.filter((d) => !pulled.has(d)),
      );
      if (this.flights.has(bookKey(book))) continue;
      const now = this.settings.now();
      const { missing, due } = this.classify(book.zone, dates, held, pulled, now);
      if (missing.some((d) => refused.has(d))) throw error;
      const backingOff = now - (this.failedAt.get(bookKey(book)) ?? -Infinity) < this.settings.failureBackoffMs;
      const pull = [...missing, ...(backingOff ? [] : due)].filter((d) => !refused.has(d)).sort();
      if (pull.length === 0) {
        const days = dates.flatMap((d) => pulled.get(d) ?? held.get(d) ?? []);
        return { value: days.flatMap((d) => d.rows), fetchedAt: days.length ? Math.min(...days.map((d) => d.pulledAt)) : now, stale: due.length > 0 };
      }
      this.flights.set(
        bookKey(book),
        this.pull(book, pull).finally(() => this.flights.delete(bookKey(book))),
      );
    }
  }

  /** The window's days up to today in the advertiser's zone: TikTok reports no later day. */
  private reportable(window: DateWindow, zone: string): string[] {
    const today = localDate(Math.floor(this.settings.now() / 1000), zone);
    return window.from > today ? [] : windowDays({ from: window.from, to: window.to < today ? window.to : today });
  }

  /** Days not held, and held days that were open when pulled and whose pull is past its freshness. */
  private classify<R>(zone: string, dates: readonly string[], held: Map<string, AdDay<R>>, pulled: Map<string, AdDay<R>>, now: number) {
    // The first day still open at a pull's time; one zone conversion per distinct pull time.
    const memo = new Map<number, string>();
    const firstOpenDay = (at: number): string => {
      const known = memo.get(at) ?? localDate(Math.floor(at / 1000) - this.settings.attributionDays * DAY, zone);
      memo.set(at, known);
      return known;
    };
    const missing: string[] = [];
    const due: string[] = [];
    for (const date of dates) {
      if (pulled.has(date)) continue;
      const day = held.get(date);
      if (!day) missing.push(date);
      else if (date >= firstOpenDay(day.pulledAt) && now - day.pulledAt >= this.settings.maxStalenessMs) due.push(date);
    }
    return { missing, due };
  }

  /** Reads the days in as few calls as possible and files every day of each range read. Never rejects. */
  private async pull<R extends { date: string }>(book: Book<R>, dates: readonly string[]): Promise<Outcome<R>> {
    const days = new Map<string, AdDay<R>>();
    try {
      for (const span of planSpans(dates, MAX_DAILY_REPORT_DAYS)) {
        const pulledAt = this.settings.now();
        const rows = await book.fetch(span);
        const byDate = new Map(windowDays(span).map((d): [string, R[]] => [d, []]));
        for (const row of rows) byDate.get(row.date)?.push(row);
        await Promise.all(
          [...byDate].map(([date, dayRows]) => {
            const day = { pulledAt, rows: dayRows };
            days.set(date, day);
            return this.write(book, date, day);
          }),
        );
      }
      this.failedAt.delete(bookKey(book));
      return { days };
    } catch (error) {
      this.failedAt.set(bookKey(book), this.settings.now());
      return { days, failure: { days: new Set(dates.filter((d) => !days.has(d))), error } };
    }
  }

  /** v2: values are the JSON itself, and the advertiser is a Redis Cluster hash tag. */
  private key<R>(book: Book<R>, date: string): string {
    return `${KEY_FAMILIES.adLedger}:{${this.settings.namespace}:${book.advertiserId}}:${book.id}:${date}`;
  }

  private async read<R>(book: Book<R>, dates: readonly string[]): Promise<Map<string, AdDay<R>>> {
    const found = await this.store.getMany(dates.map((date) => this.key(book, date)));
    return new Map(
      dates.flatMap((date, i): [string, AdDay<R>][] => {
        const text = found[i];
        return text === undefined ? [] : [[date, JSON.parse(text) as AdDay<R>]];
      }),
    );
  }

  private write<R>(book: Book<R>, date: string, day: AdDay<R>): Promise<void> {
    return this.store.set(this.key(book, date), JSON.stringify(day), this.settings.retentionMs);
  }
}
