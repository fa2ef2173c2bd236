import { Decimal } from 'decimal.js';
import { DateTime } from 'luxon';
import { shopPerformanceData, productPerformanceData } from '../../../../src/datasources/partner/schemas';
import type { PartnerOrder } from '../../../../src/emulator/data/store';
import { demoStore, NOW } from './demo-store';

const localDay = (t: number, zone: string): string => DateTime.fromSeconds(t, { zone }).toISODate() as string;
/** TikTok's GMV of an order: what the buyer paid (docs/tiktok-api.md, Analytics). */
const paidByBuyer = (o: PartnerOrder): Decimal => new Decimal(o.payment.total_amount);
/** When TikTok counts an order: paid, or placed for cash on delivery. */
const countedAt = (o: PartnerOrder): number | undefined => (o.is_cod ? o.create_time : o.paid_time);

describe('shop analytics', () => {
  const store = demoStore();

  it.each(store.shops().map((s) => [s.region, s] as const))(
    '%s: daily GMV (what buyers paid), orders and units equal the recomputation from counted orders',
    (_region, shop) => {
      const data = store.shopPerformance(shop.id, { start_date_ge: '2025-10-20', end_date_lt: '2025-12-01', granularity: '1D' });
      expect(shopPerformanceData.safeParse(data).success).toBe(true);
      const yesterday = DateTime.fromSeconds(NOW, { zone: shop.timezone }).minus({ days: 1 }).toISODate();
      expect(data.latest_available_date).toBe(yesterday);
      const intervals = data.performance.intervals;
      // Days after latest_available_date are absent.
      expect(intervals.at(-1)?.start_date).toBe(yesterday);
      const orders = store.raw(shop.id).orders.filter((o) => countedAt(o) !== undefined);
      for (const day of intervals) {
        const paid = orders.filter((o) => localDay(countedAt(o) as number, shop.timezone) === day.start_date);
        expect(day.orders).toBe(paid.length);
        expect(day.units_sold).toBe(paid.reduce((n, o) => n + o.line_items.length, 0));
        expect(new Decimal(day.gmv.amount).eq(paid.reduce((acc, o) => acc.plus(paidByBuyer(o)), new Decimal(0)))).toBe(true);
        expect(day.gmv.currency).toBe(shop.currency);
        const breakdown = day.gmv_breakdowns.reduce((acc, b) => acc.plus(b.amount), new Decimal(0));
        expect(breakdown.eq(day.gmv.amount)).toBe(true);
      }
      expect(intervals.reduce((n, d) => n + d.orders, 0)).toBeGreaterThan(100);
    },
  );

  it('granularity ALL is one interval equal to the sum of the days', () => {
    const shop = store.shops()[0]!;
    const q = { start_date_ge: '2025-11-01', end_date_lt: '2025-11-15' };
    const days = store.shopPerformance(shop.id, { ...q, granularity: '1D' }).performance.intervals;
    const [all] = store.shopPerformance(shop.id, { ...q, granularity: 'ALL' }).performance.intervals;
    expect(days).toHaveLength(14);
    expect(all?.orders).toBe(days.reduce((n, d) => n + d.orders, 0));
    expect(new Decimal(all!.gmv.amount).eq(days.reduce((acc, d) => acc.plus(d.gmv.amount), new Decimal(0)))).toBe(true);
    expect([all?.start_date, all?.end_date]).toEqual(['2025-11-01', '2025-11-15']);
  });

  it('answers no intervals for a range entirely after the latest available date', () => {
    const shop = store.shops()[0]!;
    const data = store.shopPerformance(shop.id, { start_date_ge: '2025-11-24', end_date_lt: '2025-11-30', granularity: '1D' });
    expect(data.performance.intervals).toEqual([]);
  });

  it('product and SKU performance add up to the shop GMV and page through all rows', () => {
    const shop = store.shops()[1]!;
    const range = { start_date_ge: '2025-11-01', end_date_lt: '2025-11-20' };
    const [total] = store.shopPerformance(shop.id, { ...range, granularity: 'ALL' }).performance.intervals;
    const products = store.productPerformance(shop.id, { ...range, sortField: 'gmv', sortOrder: 'DESC', pageSize: 100 });
    expect(
      productPerformanceData.safeParse({
        products: products.items,
        next_page_token: products.next_page_token,
        latest_available_date: products.latest_available_date,
      }).success,
    ).toBe(true);
    expect(products.items.reduce((acc, p) => acc.plus(p.gmv.amount), new Decimal(0)).eq(total!.gmv.amount)).toBe(true);
    const gmvs = products.items.map((p) => new Decimal(p.gmv.amount));
    expect(gmvs.every((g, i) => i === 0 || g.lte(gmvs[i - 1]!))).toBe(true);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = store.skuPerformance(shop.id, { ...range, sortField: 'unit_sold_count', sortOrder: 'ASC', pageSize: 3, pageToken: token });
      seen.push(...page.items.map((s) => s.id));
      token = page.next_page_token || undefined;
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(store.skuPerformance(shop.id, { ...range, sortField: 'gmv', sortOrder: 'DESC', pageSize: 100 }).total_count);
  });
});
