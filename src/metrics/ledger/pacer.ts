/**
 * Long ledger work (a batch of 10,000 facts, a backfill's aggregates) gives the event loop back
 * every few milliseconds. During a backfill the same process is waiting on upstream answers: an
 * answer that sits unread behind a 300 ms batch holds its rate-limit slot that much longer (see
 * `RateSlot`), and no other call goes out meanwhile.
 */
import { performance } from 'node:perf_hooks';

/** How long work runs before it lets the event loop in. */
export const SLICE_MS = 8;

/** Yields to the event loop when the work has run {@link SLICE_MS} since it last did. */
export class Pacer {
  private since = performance.now();

  async pause(): Promise<void> {
    if (performance.now() - this.since < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }

  /**
   * Starts `writes` one after another, pausing between them, and waits for all of them; the first
   * failure is thrown once every write has settled.
   */
  async all(writes: Iterable<() => Promise<void>>): Promise<void> {
    const started: Promise<void>[] = [];
    for (const write of writes) {
      const running = write();
      running.catch(() => undefined); // seen by Promise.all below, not an unhandled rejection meanwhile
      started.push(running);
      await this.pause();
    }
    await Promise.all(started);
  }
}
