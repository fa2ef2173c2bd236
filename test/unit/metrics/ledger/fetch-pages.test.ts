import { pool, readRange, ReadProgress } from '../../../../src/metrics/ledger/fetch-pages';
import type { FactPage } from '../../../../src/metrics/ledger/ledger-source';

/** Items created once a second in [0, count), searched 10 a page like an upstream would. */
function upstream(count: number) {
  const items = Array.from({ length: count }, (_, i) => ({ id: `I${i}`, createTime: i }));
  let inFlight = 0;
  const seen = { calls: 0, maxInFlight: 0 };
  const page = async (range: { ge: number; lt: number | null }, token: string | undefined): Promise<FactPage<{ id: string; createTime: number }>> => {
    seen.calls += 1;
    inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    const matches = items.filter((i) => i.createTime >= range.ge && (range.lt === null || i.createTime < range.lt));
    const offset = Number(token ?? 0);
    return {
      items: matches.slice(offset, offset + 10),
      nextPageToken: offset + 10 < matches.length ? String(offset + 10) : '',
      totalCount: matches.length,
      unreadable: [],
    };
  };
  return { page, seen };
}

describe('readRange', () => {
  it('walks a few pages one after another', async () => {
    const { page, seen } = upstream(25);
    const read: string[] = [];
    await readRange({ ge: 0, lt: 25 }, page, async (items) => void read.push(...items.map((i) => i.id)), { concurrency: 4, pageSize: 10, nowSeconds: 100 });
    expect(new Set(read).size).toBe(25);
    expect(seen.calls).toBe(3);
  });

  it('splits many pages into slices read in parallel, missing nothing, within the concurrency', async () => {
    const { page, seen } = upstream(1000);
    const read = new Set<string>();
    await readRange({ ge: 0, lt: null }, page, async (items) => items.forEach((i) => read.add(i.id)), { concurrency: 4, pageSize: 10, nowSeconds: 1000 });
    expect(read.size).toBe(1000);
    expect(seen.maxInFlight).toBe(4);
    expect(seen.calls).toBeLessThanOrEqual(100 + 16 + 1);
  });
});

describe('pool', () => {
  it('starts nothing new after a failure and throws it', async () => {
    const started: number[] = [];
    const run = pool([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
      await new Promise((resolve) => setImmediate(resolve));
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});

describe('ReadProgress', () => {
  it('never passes an item still to come, rises as slices are read, and ends past everything', async () => {
    const { page } = upstream(1000);
    const progress = new ReadProgress();
    const lows: number[] = [];
    await readRange(
      { ge: 0, lt: null },
      page,
      async (items) => {
        for (const item of items) expect(item.createTime).toBeGreaterThanOrEqual(Math.max(...lows, -1));
        lows.push(progress.low);
      },
      { concurrency: 4, pageSize: 10, nowSeconds: 1000 },
      progress,
    );
    expect(lows).toEqual([...lows].sort((a, b) => a - b));
    expect(new Set(lows).size).toBeGreaterThan(10);
    expect(progress.low).toBe(Number.POSITIVE_INFINITY);
  });
});
