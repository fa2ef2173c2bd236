/** TikTok's JSON as the emulator reads TikTok's API reference (see each file and docs/tiktok-api.md). */
export type * from './common';
export type * from './account';
export type * from './orders';
export type * from './after-sales';
export type * from './products';
export type * from './finance';
export type * from './analytics';
export type * from './marketing';
