/**
 * Recorded videos and LIVE sessions (`videos.json`, `lives.json`, see `fixture-schemas.ts`) as
 * the emulator's content model: who, what and when; their sales come from the orders.
 */
import type { z } from 'zod';
import type { RecordedContent } from './content-types';
import { postTimeSeconds, type livesFile, type videosFile } from './fixture-schemas';
import { firstDayViewsOf } from './videos';

/** The emulator's content model of the recorded rows. */
export function recordedContent(videos: z.output<typeof videosFile>, lives: z.output<typeof livesFile>): RecordedContent {
  return {
    videos: videos.videos.map((v) => ({
      id: v.id,
      title: v.title,
      username: v.username,
      products: v.products.map((p) => ({ id: p.id, name: p.name })),
      postTime: postTimeSeconds(v.video_post_time) ?? 0,
      firstDayViews: firstDayViewsOf(v.views),
      clickThroughRate: v.click_through_rate ?? '0',
    })),
    lives: lives.live_stream_sessions.map((l) => ({
      id: l.id,
      title: l.title,
      username: l.username,
      startTime: l.start_time,
      endTime: l.end_time,
      lineup: [],
      productsAdded: l.sales_performance?.products_added ?? 0,
    })),
  };
}
