/**
 * Retry with exponential backoff and full jitter, bounded by a number of attempts AND an overall
 * deadline, shared by the Partner and Marketing clients. The caller decides what is retryable;
 * this module only decides when to try again.
 */

/** Settings for {@link withRetry}. */
export interface RetryPolicy {
  /** Total tries including the first. @default 4 */
  maxAttempts: number;
  /** First backoff ceiling in ms; doubles per attempt. @default 200 */
  baseDelayMs: number;
  /** Largest single wait in ms. @default 5000 */
  maxDelayMs: number;
  /** Give up once this many ms have passed since the first try. @default 15000 */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  deadlineMs: 15000,
};

/** What the caller's classifier says about a failure. */
export type RetryVerdict =
  | { retry: false }
  /** `afterMs` overrides the backoff (an upstream `Retry-After`). */
  | { retry: true; afterMs?: number };

/** Clock and randomness, injectable so tests run with fake timers and fixed jitter. */
export interface RetryEnv {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realRetryEnv: RetryEnv = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Runs `attempt` until it succeeds, the classifier says stop, attempts run out, or the next wait
 * would cross the deadline; then rethrows the last error.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  classify: (error: unknown) => RetryVerdict,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  env: RetryEnv = realRetryEnv,
): Promise<T> {
  const started = env.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const verdict = classify(error);
      if (!verdict.retry || n >= policy.maxAttempts) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      // Full jitter (AWS architecture blog): spreads retries of many callers evenly.
      const wait = verdict.afterMs ?? Math.floor(env.random() * ceiling);
      if (env.now() - started + wait > policy.deadlineMs) throw error;
      await env.sleep(wait);
    }
  }
}

/**
 * Parses an HTTP `Retry-After` header (delta seconds or an HTTP date) into milliseconds.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
