/**
 * At most `size` holders at once; the others wait their turn, first come first served. The order
 * ledger takes one per backfill, so the memory backfills hold at once (pages in flight, facts
 * buffered, day entries decoded) is bounded by configuration, not by how many shops a portfolio
 * query touches.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, Math.floor(size));
  }

  /** Runs `work` holding a slot. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or goes back.
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }

  /** Holders waiting for a slot (telemetry, tests). */
  get queued(): number {
    return this.waiting.length;
  }
}
