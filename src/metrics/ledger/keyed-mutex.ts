/**
 * One-at-a-time sections per key, inside this process: the ledger's read-modify-write batches
 * of one shop must not interleave (a memory store or Redis GET/SET has no transactions).
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `section` after every section queued before it under `key`. */
  async run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(section);
    this.tails.set(key, current);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === current) this.tails.delete(key);
    }
  }
}
