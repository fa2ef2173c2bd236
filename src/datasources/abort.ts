/**
 * Cancellation shared by the upstream clients: a client's lifetime signal (aborted when the server
 * shuts down) stops every call in flight, its retries and its backoff waits included.
 */

/** One attempt's signal: aborted by its own timeout or by the client's lifetime signal. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the attempt's own timeout fired (not the lifetime signal). */
  timedOut(): boolean;
  /** Clears the timeout and unhooks from the lifetime signal; call once the attempt is over. */
  done(): void;
}

/**
 * The signal of one upstream attempt. Not `AbortSignal.any`: on Node 20 a long-lived input keeps
 * every signal combined with it until it aborts itself, so one per call would leak for the whole
 * life of the server (nodejs/node#55351, still the case on 20.20).
 */
export function attemptSignal(timeoutMs: number, lifetime: AbortSignal | undefined): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(lifetime?.reason);
  if (lifetime?.aborted) onAbort();
  else lifetime?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done: () => {
      clearTimeout(timer);
      lifetime?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Whether `error` is what an aborted lifetime signal throws (an `AbortError` DOMException): a
 * shutdown, not an upstream failure — never logged as a warning nor served stale in its place.
 */
export function isAbortError(error: unknown): boolean {
  // By name, not `instanceof`: the DOMException comes from Node's own realm (not jest's, say).
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
