/**
 * Additive increase, multiplicative decrease (TCP's congestion rule) for upstream buckets: when
 * TikTok says "too many requests" anyway (36009002 / HTTP 429 / 40100 — clocks differ, another
 * client shares the app), the bucket's rate is cut, then it climbs back a little every second.
 * `redis-rate-limiter.ts` runs the same arithmetic in Lua; keep the two in step.
 */

/** How a bucket slows down and recovers. */
export interface AimdSettings {
  /** Multiplies the rate on each slow-down. @default 0.5 */
  decrease: number;
  /** Rate regained per second, as a fraction of the full rate. @default 0.1 */
  recoveryPerSecond: number;
  /** The rate never drops below this fraction of the full rate. @default 0.1 */
  floor: number;
  /**
   * Rejections within this long of the last cut count once: they were sent before the cut took
   * effect. @default 1000
   */
  holdMs: number;
}

export const DEFAULT_AIMD: AimdSettings = { decrease: 0.5, recoveryPerSecond: 0.1, floor: 0.1, holdMs: 1000 };

/** A bucket's slow-down: its factor as of `at`, and when it was last cut. */
export interface AimdState {
  factor: number;
  at: number;
  cutAt: number;
}

/** The fraction of the full rate a bucket may use at `now` (1 when it was never cut). */
export function aimdFactor(state: AimdState | undefined, now: number, settings: AimdSettings): number {
  if (!state) return 1;
  return Math.min(1, state.factor + (settings.recoveryPerSecond * Math.max(0, now - state.at)) / 1000);
}

/**
 * The state after a rejection at `now`. The cut applies to the rate actually in use (`inUse`: the
 * share of the full limit sent in the last window), as TCP halves the window in flight: a bucket
 * allowed 45/s that was refused while sending 12/s must drop below 12, not to 22.
 */
export function aimdCut(state: AimdState | undefined, now: number, settings: AimdSettings, inUse = 1): AimdState {
  const factor = aimdFactor(state, now, settings);
  if (state && now - state.cutAt < settings.holdMs) return { factor, at: now, cutAt: state.cutAt };
  return { factor: Math.max(settings.floor, Math.min(factor, inUse) * settings.decrease), at: now, cutAt: now };
}
