/**
 * `GET /analytics/202409/shop_videos/performance`: one row per video with views in the range or
 * sales in it. Sales are those of the orders `content.ts` attributes to the video, counted in the
 * range as TikTok counts them (so the rows add up to shop performance's VIDEO breakdown); views decay from the posting
 * day. Like every analytics list, days after `latest_available_date` are absent.
 * @see docs/tiktok-api.md (Video performance)
 */
import { clip, latestAvailableDate, lineGmvs, paidIn, performancePage } from './analytics';
import { salesBy, videosPosted } from './content';
import type { ContentQuery, EmuVideo } from './content-types';
import { addDays, localDate } from './dates';
import { D, minorUnits, money } from './money';
import type { VideoPerformance } from './shapes';
import type { ShopState } from './state';
import type { Page } from './store-types';

/** TikTok's sort fields of the video list. */
export const VIDEO_SORT_FIELDS = ['gmv', 'sku_orders', 'units_sold', 'views', 'click_through_rate'] as const;
export type VideoSortField = (typeof VIDEO_SORT_FIELDS)[number];

/** Days a video keeps getting views; longer than it sells, so every selling video is listed. */
const VIEW_DAYS = 60;
/** Each day after posting gets this share of the previous day's views. */
const DECAY = 0.8;

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Views of a video on shop-local dates `[from, to)`. */
export function viewsIn(video: EmuVideo, zone: string, from: string, to: string): number {
  const posted = dayNumber(localDate(video.postTime, zone));
  const lo = Math.max(dayNumber(from), posted);
  const hi = Math.min(dayNumber(to), posted + VIEW_DAYS);
  let views = 0;
  for (let day = lo; day < hi; day++) views += Math.round(video.firstDayViews * DECAY ** (day - posted));
  return views;
}

/** The first-day views that make `total` over a video's whole life (for recorded videos). */
export function firstDayViewsOf(total: number): number {
  return Math.max(1, Math.round((total * (1 - DECAY)) / (1 - DECAY ** VIEW_DAYS)));
}

/** `video_post_time`: ISO 8601 in UTC, as TikTok documents it. */
const isoTime = (unix: number): string => new Date(unix * 1000).toISOString().replace('.000Z', 'Z');

/** One page of the video list. @throws InvalidPageToken */
export function videoPerformance(shop: ShopState, now: number, q: ContentQuery<VideoSortField>): Page<VideoPerformance> & { latest_available_date: string } {
  const { from, to } = clip(shop, now, q);
  const cur = shop.shop.currency;
  const orders = paidIn(shop, from, to);
  const sales = salesBy(shop, orders, 'VIDEO', lineGmvs(orders));
  const videos = from < to ? videosPosted(shop, addDays(from, -VIEW_DAYS), to) : [];
  const rows: VideoPerformance[] = videos.flatMap((v) => {
    const sold = sales.get(v.id);
    const views = viewsIn(v, shop.shop.timezone, from, to);
    if (!sold && views === 0) return [];
    return [
      {
        id: v.id,
        title: v.title,
        username: v.username,
        gmv: { amount: money(sold?.gmv ?? new D(0), cur), currency: cur },
        sku_orders: sold?.skuOrders.size ?? 0,
        units_sold: sold?.units ?? 0,
        views,
        click_through_rate: v.clickThroughRate,
        products: v.products.map((p) => ({ ...p })),
        video_post_time: isoTime(v.postTime),
      },
    ];
  });
  const scale = 10 ** minorUnits(cur);
  const value = (r: VideoPerformance): number => {
    switch (q.sortField) {
      case 'sku_orders':
        return r.sku_orders;
      case 'units_sold':
        return r.units_sold;
      case 'views':
        return r.views;
      case 'click_through_rate':
        return Math.round(Number(r.click_through_rate) * 1e4);
      default:
        return new D(r.gmv.amount).times(scale).toNumber();
    }
  };
  return { ...performancePage(rows, q, value, 'videos'), latest_available_date: latestAvailableDate(shop, now) };
}
