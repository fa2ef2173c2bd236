/**
 * The emulator's model of a shop's content: short videos and LIVE sessions. Their sales figures
 * are never stored; they are derived from the orders each one sold (see `content.ts`).
 */
import type { AnalyticsRange, TokenPaging } from './store-types';

/** Where a paid order came from, as TikTok's `gmv_breakdowns[].type` names it. */
export type Channel = 'LIVE' | 'VIDEO' | 'PRODUCT_CARD';

/** A shoppable short video. */
export interface EmuVideo {
  id: string;
  title: string;
  username: string;
  /** Unix seconds. */
  postTime: number;
  /** The products linked to the video (TikTok's `products[]`). */
  products: { id: string; name: string }[];
  /** Views on the day it was posted; later days decay (see `videos.ts`). */
  firstDayViews: number;
  /** Product clicks / views, as TikTok writes it (`"0.0528"`). */
  clickThroughRate: string;
}

/** A LIVE session. It starts and ends on the same shop-local date. */
export interface EmuLive {
  id: string;
  title: string;
  username: string;
  /** Unix seconds, `[startTime, endTime)`. */
  startTime: number;
  endTime: number;
  /** The products added to the session. */
  lineup: string[];
  /** How many products were added (at least the lineup's size). */
  productsAdded: number;
}

/** Content replayed from fixtures. */
export interface RecordedContent {
  videos: EmuVideo[];
  lives: EmuLive[];
}

/** Which channel sold a paid order, and which video or LIVE session when it was one. */
export interface Attribution {
  channel: Channel;
  contentId?: string;
}

/** A video or LIVE list query, already validated (`sortField` is TikTok's name for the list). */
export interface ContentQuery<SortField extends string> extends AnalyticsRange, TokenPaging {
  sortField: SortField;
  sortOrder: 'ASC' | 'DESC';
}
