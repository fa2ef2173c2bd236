import { aggregateDay } from '../../../../src/metrics/day-aggregate';
import { DayCache } from '../../../../src/metrics/ledger/day-cache';

const day = (date: string) => aggregateDay([], new Map(), date, 'USD');

describe('DayCache', () => {
  it('keeps window totals apart from days: days streaming through do not evict them', () => {
    const cache = new DayCache(80_000);
    const total = day('2024-03-01');
    cache.setTotal('shop:total:a', 'r1', total, 1_000);
    // 1 MB of days through a cache of 80 KB.
    for (let i = 0; i < 1_000; i++) cache.set(`shop:agg:${i}`, 'r1', day('2024-03-02'), 1_000);
    expect(cache.getTotal('shop:total:a', 'r1')).toBe(total);
    expect(cache.get('shop:agg:0', 'r1')).toBeUndefined();
    expect(cache.get('shop:agg:999', 'r1')).toBeDefined();
    // Within its budget, 7/8 of it for days and 1/8 for totals.
    expect(cache.bytes).toBeLessThanOrEqual(80_000);
    expect(cache.bytes).toBeGreaterThan(70_000 - 2_000);
  });

  it('serves an entry for its revision only, and a total only after no write of its ledger since', () => {
    const cache = new DayCache(80_000);
    const total = day('2024-03-01');
    cache.setTotal('shop:total:a', 'r1', total, 100);
    expect(cache.getTotal('shop:total:a', 'r2')).toBeUndefined();
    expect(cache.epoch('shop')).toBe(0);
    cache.touched('shop');
    expect(cache.epoch('shop')).toBe(1);
    expect(cache.epoch('other')).toBe(0);
  });
});
