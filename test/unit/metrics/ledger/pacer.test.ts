import { performance } from 'node:perf_hooks';
import { Pacer, SLICE_MS } from '../../../../src/metrics/ledger/pacer';

// Fake time: the pacer reads `performance.now()`, which the tests move by hand.
let now = 0;
beforeEach(() => {
  now = 0;
  jest.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

/** Ledger work running synchronously for `ms` between two awaits. */
function busy(ms: number): void {
  now += ms;
}

/** Whether `work` let the event loop in: a callback queued before it ran by the time it ended. */
async function yielded(work: () => Promise<void>): Promise<boolean> {
  let ran = false;
  setImmediate(() => (ran = true));
  await work();
  return ran;
}

describe('Pacer', () => {
  it('lets the event loop in between pieces of work once a slice has run, and not before', async () => {
    const pacer = new Pacer();
    expect(await yielded(() => pacer.pause())).toBe(false); // nothing has run yet
    busy(SLICE_MS - 1);
    expect(await yielded(() => pacer.pause())).toBe(false);
    busy(1);
    expect(await yielded(() => pacer.pause())).toBe(true);
    // A new slice starts once it has let the loop in.
    busy(SLICE_MS - 1);
    expect(await yielded(() => pacer.pause())).toBe(false);
    for (let i = 0; i < 3; i++) {
      busy(SLICE_MS + 1);
      expect(await yielded(() => pacer.pause())).toBe(true);
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
