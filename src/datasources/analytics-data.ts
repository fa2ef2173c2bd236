/**
 * Cached, single-flight access to TikTok's Analytics API for one app: shop performance (GMV by
 * channel, funnel), product and SKU performance, and the video and LIVE lists. Keys carry the app
 * key and shop id like every other cached answer, so no tenant's entry answers another's.
 *
 * Analytics lag: TikTok publishes a day some time after it ends and every answer names the last
 * published date (`latest_available_date`). Windows are asked no further than the shop's today
 * (later days cannot have data) and a window entirely in the future asks for today only, to learn
 * that date; its rows are dropped. Windows ending days ago are final and cached long; recent ones
 * still move and are cached briefly.
 * @see docs/tiktok-api.md (the analytics rows)
 */
import { DateTime } from 'luxon';
import type { CachedValue, Fetcher } from '../cache/cached-fetch';
import { localDate, type DateWindow } from '../domain/window';
import type { PartnerClient } from './partner/partner-client';
import type { LivePerformanceSort, VideoPerformanceSort } from './partner/partner-requests';
import type { LiveSessionPerformance, ProductPerformance, ShopPerformanceInterval, SkuPerformance, VideoPerformance } from './partner/schemas';
import type { RejectedRow } from './lenient';
import type { ShopInfo } from './shop-directory';
import type { UpstreamPage } from './shop-data';
import { CACHE_VERSION, walkFetchedPages, type Fetched, type OpenClosedTtls } from './fetched';

/** The Analytics API calls this reads (a subset of the Partner client). */
export type AnalyticsReader = Pick<
  PartnerClient,
  'getShopPerformance' | 'getProductPerformance' | 'getSkuPerformance' | 'getVideoPerformance' | 'getLivePerformance'
>;

/** An analytics answer with how far TikTok had published and how fresh our copy is. */
export interface AnalyticsAnswer<T> extends Fetched<T> {
  /** TikTok's last published date, in the shop's time zone. */
  latestAvailableDate: string;
}

/** One page of an analytics list. */
export type AnalyticsPage<T> = UpstreamPage<T> & Omit<AnalyticsAnswer<unknown>, 'value'>;

/** What every analytics list page says besides its rows. */
interface AnalyticsListData {
  latest_available_date: string;
  next_page_token: string;
  total_count?: number;
  rejected: RejectedRow[];
}

/** How long analytics answers stay fresh (ms): windows ending before the last few days are final. */
export type AnalyticsTtls = OpenClosedTtls;

export const DEFAULT_ANALYTICS_TTLS: AnalyticsTtls = { closed: 12 * 3_600_000, open: 10 * 60_000 };
/** TikTok's maximum page size of the analytics lists. */
export const ANALYTICS_PAGE_SIZE = 100;
/** Days before the shop's today whose figures may still change. */
const OPEN_DAYS = 3;

const plusDays = (date: string, days: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;

interface Upstream {
  range: { start_date_ge: string; end_date_lt: string };
  /** The window lies after today: nothing TikTok answers belongs to it. */
  future: boolean;
  ttlMs: number;
}

/** Cached reads of TikTok's analytics, per shop and window. */
export class AnalyticsData {
  constructor(
    private readonly reader: AnalyticsReader,
    private readonly fetcher: Fetcher,
    private readonly options: { appKey: string; now?: () => number; ttls?: AnalyticsTtls },
  ) {}

  /** Shop performance: one interval for the window (`ALL`) or one per published day (`1D`). */
  async shopPerformance(shop: ShopInfo, window: DateWindow, granularity: 'ALL' | '1D'): Promise<AnalyticsAnswer<ShopPerformanceInterval[]>> {
    const up = this.upstream(shop, window);
    const answer = await this.cached(shop, up, ['shop', granularity], () => this.reader.getShopPerformance(shop, { ...up.range, granularity }));
    const intervals = up.future ? [] : answer.value.performance.intervals;
    return this.answer(answer, answer.value.latest_available_date, intervals);
  }

  /** Every product's performance in the window, by product id (products without sales are absent). */
  async productPerformance(shop: ShopInfo, window: DateWindow): Promise<AnalyticsAnswer<ReadonlyMap<string, ProductPerformance>>> {
    const pages = await this.walk(
      shop,
      window,
      'products',
      (range, pageToken) =>
        this.reader.getProductPerformance(shop, { filters: range, pageSize: ANALYTICS_PAGE_SIZE, pageToken, sortField: 'gmv', sortOrder: 'DESC' }),
      (d) => d.products,
    );
    return { ...pages, value: new Map(pages.value.map((p) => [p.id, p])) };
  }

  /** Every SKU's performance in the window, by SKU id (SKUs without sales are absent). */
  async skuPerformance(shop: ShopInfo, window: DateWindow): Promise<AnalyticsAnswer<ReadonlyMap<string, SkuPerformance>>> {
    const pages = await this.walk(
      shop,
      window,
      'skus',
      (range, pageToken) =>
        this.reader.getSkuPerformance(shop, { filters: range, pageSize: ANALYTICS_PAGE_SIZE, pageToken, sortField: 'gmv', sortOrder: 'DESC' }),
      (d) => d.skus,
    );
    return { ...pages, value: new Map(pages.value.map((s) => [s.id, s])) };
  }

  /** One page of the video list, highest `sortField` first. */
  videoPage(shop: ShopInfo, window: DateWindow, sortField: VideoPerformanceSort, pageToken: string): Promise<AnalyticsPage<VideoPerformance>> {
    return this.page(
      shop,
      window,
      ['videos', sortField],
      pageToken,
      (range, token) =>
        this.reader.getVideoPerformance(shop, { filters: range, pageSize: ANALYTICS_PAGE_SIZE, pageToken: token, sortField, sortOrder: 'DESC' }),
      (d) => d.videos,
    );
  }

  /** One page of the LIVE list, highest `sortField` first. */
  livePage(shop: ShopInfo, window: DateWindow, sortField: LivePerformanceSort, pageToken: string): Promise<AnalyticsPage<LiveSessionPerformance>> {
    return this.page(
      shop,
      window,
      ['lives', sortField],
      pageToken,
      (range, token) => this.reader.getLivePerformance(shop, { filters: range, pageSize: ANALYTICS_PAGE_SIZE, pageToken: token, sortField, sortOrder: 'DESC' }),
      (d) => d.live_stream_sessions,
    );
  }

  /** Every video of the window (the same cached pages as the GMV-sorted list). */
  videos(shop: ShopInfo, window: DateWindow): Promise<AnalyticsAnswer<VideoPerformance[]>> {
    return this.all((token) => this.videoPage(shop, window, 'gmv', token));
  }

  /** Every LIVE session of the window (the same cached pages as the GMV-sorted list). */
  lives(shop: ShopInfo, window: DateWindow): Promise<AnalyticsAnswer<LiveSessionPerformance[]>> {
    return this.all((token) => this.livePage(shop, window, 'gmv', token));
  }

  private upstream(shop: ShopInfo, window: DateWindow): Upstream {
    const now = (this.options.now ?? Date.now)();
    const today = localDate(Math.floor(now / 1000), shop.timezone);
    const last = window.to < today ? window.to : today;
    const first = window.from <= last ? window.from : last;
    const ttls = this.options.ttls ?? DEFAULT_ANALYTICS_TTLS;
    return {
      range: { start_date_ge: first, end_date_lt: plusDays(last, 1) },
      future: window.from > last,
      ttlMs: window.to < plusDays(today, -OPEN_DAYS) ? ttls.closed : ttls.open,
    };
  }

  private cached<T>(shop: ShopInfo, up: Upstream, what: string[], load: () => Promise<T>): Promise<CachedValue<T>> {
    const key = [CACHE_VERSION, this.options.appKey, 'shop', shop.id, 'analytics', ...what, up.range.start_date_ge, up.range.end_date_lt].join(':');
    return this.fetcher.fetch(key, { ttlMs: up.ttlMs, staleIfErrorMs: (this.options.ttls ?? DEFAULT_ANALYTICS_TTLS).closed }, load);
  }

  private answer<T>(cached: CachedValue<unknown>, latestAvailableDate: string, value: T): AnalyticsAnswer<T> {
    return { value, latestAvailableDate, fetchedAt: cached.fetchedAt, stale: cached.stale };
  }

  private async page<D extends AnalyticsListData, T>(
    shop: ShopInfo,
    window: DateWindow,
    what: string[],
    pageToken: string,
    load: (range: Upstream['range'], pageToken: string | undefined) => Promise<D>,
    items: (data: D) => T[],
  ): Promise<AnalyticsPage<T>> {
    const up = this.upstream(shop, window);
    const cached = await this.cached(shop, up, [...what, pageToken], () => load(up.range, pageToken || undefined));
    const d = cached.value;
    const page = up.future
      ? { items: [], rejected: [], nextPageToken: '', totalCount: 0 }
      : { items: items(d), rejected: d.rejected, nextPageToken: d.next_page_token, totalCount: d.total_count ?? null };
    return { ...page, latestAvailableDate: d.latest_available_date, fetchedAt: cached.fetchedAt, stale: cached.stale };
  }

  private walk<D extends AnalyticsListData, T>(
    shop: ShopInfo,
    window: DateWindow,
    what: string,
    load: (range: Upstream['range'], pageToken: string | undefined) => Promise<D>,
    items: (data: D) => T[],
  ): Promise<AnalyticsAnswer<T[]>> {
    return this.all((token) => this.page(shop, window, [what], token, load, items));
  }

  private async all<T>(page: (token: string) => Promise<AnalyticsPage<T>>): Promise<AnalyticsAnswer<T[]>> {
    const { value, fetchedAt, stale, first } = await walkFetchedPages<T, AnalyticsPage<T>>(page, 'analytics list');
    return { value, fetchedAt, stale, latestAvailableDate: first.latestAvailableDate };
  }
}
