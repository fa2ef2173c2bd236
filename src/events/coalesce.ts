/**
 * Folds a burst of triggers into few runs: the first trigger after a quiet interval runs the task
 * at once (the first change of a burst reaches clients without delay), triggers during a run or
 * within `intervalMs` of its start make one more run when the interval is over (the last change of
 * the burst is never lost), and two runs never overlap. A live tick of the emulator or TikTok
 * resending a day of webhooks is hundreds of notifications in a second; a client hears at most one
 * push a second per subscription.
 */

/** The clock and timers a {@link Coalescer} uses (jest's fake timers replace the defaults). */
export interface CoalescerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(timer: NodeJS.Timeout): void;
}

const SYSTEM_CLOCK: CoalescerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer),
};

/** Leading-and-trailing throttle of an async task. */
export class Coalescer {
  private running = false;
  private pending = false;
  private stopped = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param task - must not throw (failures are its own to handle)
   * @param intervalMs - least time between the starts of two runs
   */
  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly clock: CoalescerClock = SYSTEM_CLOCK,
  ) {}

  /** Asks for a run: now, or as soon as the interval allows. */
  trigger(): void {
    if (this.stopped) return;
    this.pending = true;
    this.schedule();
  }

  /** No more runs; one under way finishes. */
  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.running || this.timer || !this.pending || this.stopped) return;
    const wait = this.lastStart + this.intervalMs - this.clock.now();
    if (wait > 0) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
      return;
    }
    this.pending = false;
    this.running = true;
    this.lastStart = this.clock.now();
    // The task handles its own failures; a rejection that escapes it must not stop the runs.
    void this.task()
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        this.schedule();
      });
  }
}
