/**
 * The first answer's wait (docs/metrics.md, "Coverage"): a read that outlasts the window's
 * allowance is not awaited further by this answer — it goes on, for the answers after it.
 */

/** How long a first answer waits: until `deadline()` resolves, or `waitMs` after `since`. */
export interface AnswerWait {
  /** ms since epoch the wait counts from (the request's start); now when absent */
  since?: number;
  waitMs: number;
  now: () => number;
  /** Resolves when the answer has waited long enough (tests pass their own); a timer of `waitMs` otherwise. */
  deadline?: () => Promise<void>;
}

/**
 * `work`'s value, or `late` once the wait is over. Work still running then goes on; its failure,
 * if it fails, is left to whoever reads its result next (it is not an unhandled rejection).
 */
export async function withinFirstAnswer<T>(work: Promise<T>, wait: AnswerWait): Promise<{ value: T } | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const over =
    wait.deadline?.() ??
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, (wait.since ?? wait.now()) + wait.waitMs - wait.now()));
      timer.unref();
    });
  try {
    const first = await Promise.race([work.then((value) => ({ value })), over.then(() => 'late' as const)]);
    if (first !== 'late') return first;
  } finally {
    clearTimeout(timer);
  }
  work.catch(() => undefined);
  return 'late';
}
