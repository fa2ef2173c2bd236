/**
 * Recorded videos and LIVE sessions: the video and LIVE list rows as TikTok returns them, checked
 * with the client's schemas. `video_post_time` must be an ISO 8601 time (UTC when it names no
 * offset): without it a video cannot be placed in time.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { liveSessionPerformance, videoPerformance } from '../../datasources/partner/schemas';
import type { RecordedContent } from './content-types';
import { firstDayViewsOf } from './videos';

const postTime = z.string().refine((v) => DateTime.fromISO(v, { zone: 'UTC' }).isValid, 'expected an ISO 8601 time');

/** `shops/<shop_id>/videos.json`. */
export const videosFile = z.object({ videos: z.array(videoPerformance.extend({ video_post_time: postTime })).default([]) });
/** `shops/<shop_id>/lives.json`. */
export const livesFile = z.object({ live_stream_sessions: z.array(liveSessionPerformance).default([]) });

/** The emulator's content model of the recorded rows. */
export function recordedContent(videos: z.output<typeof videosFile>, lives: z.output<typeof livesFile>): RecordedContent {
  return {
    videos: videos.videos.map((v) => ({
      id: v.id, title: v.title, username: v.username, products: v.products,
      postTime: Math.floor(DateTime.fromISO(v.video_post_time, { zone: 'UTC' }).toSeconds()),
      firstDayViews: firstDayViewsOf(v.views), clickThroughRate: v.click_through_rate ?? '0',
    })),
    lives: lives.live_stream_sessions.map((l) => ({
      id: l.id, title: l.title, username: l.username, startTime: l.start_time, endTime: l.end_time,
      lineup: [], productsAdded: l.sales_performance.products_added ?? 0,
    })),
  };
}
