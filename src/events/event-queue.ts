/**
 * A subscription's pending events: bounded, so a client that reads slower than events arrive
 * costs a fixed amount of memory. When full the oldest event goes, and the next one delivered
 * says how many went before it (`missed`), so the client knows to refetch. Unlike an async
 * generator, `return()` ends it at once even while a `next()` waits, which is what lets a
 * transport free a quiet subscription the moment its client leaves.
 */

/** An event with the number dropped, unread, just before it. */
export interface Queued<T> {
  value: T;
  missed: number;
}

/** Bounded async iterator of {@link Queued} events. */
export class EventQueue<T> implements AsyncIterableIterator<Queued<T>> {
  private readonly items: Queued<T>[] = [];
  private waiting: ((result: IteratorResult<Queued<T>>) => void) | undefined;
  private ending = false;
  private finished = false;

  /**
   * @param capacity - events kept unread; 1 keeps only the latest (figures supersede each other)
   * @param onFinish - called once when the queue is finished (read to its end, returned or thrown)
   */
  constructor(
    private readonly capacity: number,
    private readonly onFinish: () => void = () => undefined,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** Queues an event; ignored once the queue is ending or finished. */
  push(value: T): void {
    if (this.ending || this.finished) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: { value, missed: 0 }, done: false });
      return;
    }
    let missed = 0;
    if (this.items.length >= this.capacity) {
      const dropped = this.items.shift()!;
      // The dropped event's own count travels to whoever is next in line.
      const heir = this.items[0];
      if (heir) heir.missed += dropped.missed + 1;
      else missed = dropped.missed + 1;
    }
    this.items.push({ value, missed });
  }

  /** Ends the queue once what is queued has been read. */
  end(): void {
    this.ending = true;
    if (this.items.length === 0) this.finish();
  }

  next(): Promise<IteratorResult<Queued<T>>> {
    const item = this.items.shift();
    if (item) {
      if (this.ending && this.items.length === 0) this.finish();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    // One reader at a time (graphql-js and both transports read sequentially).
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<Queued<T>>> {
    this.items.length = 0;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<Queued<T>>> {
    this.items.length = 0;
    this.finish();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Events waiting to be read. */
  get size(): number {
    return this.items.length;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.ending = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
    this.onFinish();
  }
}
