/**
 * Retry with exponential backoff and full jitter, bounded by a number of attempts AND an overall
 * deadline (and, for a request's call, by the request's budget), shared by the Partner and
 * Marketing clients. The caller decides what is retryable; this module only decides when to try
 * again.
 */
import type { Budget } from './abort';

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
  /** Waits `ms`; when `signal` aborts, stops waiting (and holds no timer) and rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export const realRetryEnv: RetryEnv = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  random: Math.random,
};

/**
 * Runs `attempt` until it succeeds, the classifier says stop, attempts run out, or the next wait
 * would cross the deadline or spend what is left of `budget`; then rethrows the last error. Once
 * `signal` aborts it stops at once, mid-wait included, and rejects with the signal's reason (an
 * `AbortError` unless the aborter gave one); aborted before the start, it never calls `attempt`.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  classify: (error: unknown) => RetryVerdict,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  env: RetryEnv = realRetryEnv,
  signal?: AbortSignal,
  budget?: Budget,
): Promise<T> {
  const started = env.now();
  for (let n = 1; ; n++) {
    signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (error) {
      // Aborted meanwhile: whatever the attempt failed with is moot, and nothing more is tried.
      signal?.throwIfAborted();
      const verdict = classify(error);
      if (!verdict.retry || n >= policy.maxAttempts) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      // Full jitter (AWS architecture blog): spreads retries of many callers evenly.
      const wait = verdict.afterMs ?? Math.floor(env.random() * ceiling);
      if (env.now() - started + wait > policy.deadlineMs) throw error;
      // Waiting out the rest of the request's budget leaves no time for the attempt after it.
      if (budget && wait >= budget.remaining()) throw error;
      await sleepUnlessAborted(env, wait, signal);
    }
  }
}

/** The env's sleep, cut short by `signal` even when an injected sleep ignores it. */
function sleepUnlessAborted(env: RetryEnv, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return env.sleep(ms);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    env
      .sleep(ms, signal)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
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
