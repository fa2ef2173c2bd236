import { Pacer, SLICE_MS } from '../../../../src/metrics/ledger/pacer';

/** Runs synchronously for `ms`: ledger work between two awaits. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('Pacer', () => {
  it('lets the event loop in between pieces of work once a slice has run, and not before', async () => {
    const pacer = new Pacer();
    let ticks = 0;
    const tick = setInterval(() => (ticks += 1), 0);
    try {
      await pacer.pause(); // nothing has run yet
      expect(ticks).toBe(0);
      for (let i = 0; i < 5; i++) {
        busy(SLICE_MS + 1);
        await pacer.pause();
      }
      expect(ticks).toBeGreaterThanOrEqual(4);
    } finally {
      clearInterval(tick);
    }
  });

  it('runs every write and throws the first failure once all have settled, with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const finished: number[] = [];
    const writes = [0, 1, 2, 3].map((i) => async () => {
      busy(SLICE_MS);
      await new Promise((resolve) => setImmediate(resolve));
      if (i === 1) throw new Error('write 1 failed');
      finished.push(i);
    });
    try {
      await expect(new Pacer().all(writes)).rejects.toThrow('write 1 failed');
      await new Promise((resolve) => setImmediate(resolve));
      expect(finished.sort()).toEqual([0, 2, 3]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
