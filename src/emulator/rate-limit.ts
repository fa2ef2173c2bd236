/**
 * Sliding one-second windows on the emulator's injectable clock, one per key. The Partner API
 * counts per app + shop + API (50/s, answering 36009002 + HTTP 429); the Marketing API per app
 * (about 10/s at the basic tier, answering 40100 with HTTP 200).
 * @see docs/tiktok-api.md (Errors and rate limits)
 * @see docs/tiktok-api.md (Errors and limits)
 */

/** TikTok Shop's documented per-API limit. */
export const PARTNER_REQUESTS_PER_SECOND = 50;
/** TikTok for Business basic-tier app limit (UNCERTAIN in the spec; connectors assume 10). */
export const MARKETING_REQUESTS_PER_SECOND = 10;

const WINDOW_MS = 1000;

/** Counts admitted requests per key over the last second. */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /**
   * Admits the request and records it when fewer than `limit` were admitted for `key` in the last
   * second; otherwise refuses without recording (a throttled call does not extend the penalty).
   */
  tryAcquire(key: string, limit: number): boolean {
    const now = this.now();
    const admitted = (this.windows.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    const allowed = admitted.length < limit;
    if (allowed) admitted.push(now);
    this.windows.set(key, admitted);
    return allowed;
  }
}
