/**
 * Properties metrics.md implies: additive metrics add up over buckets and disjoint windows, and
 * the refund rate stays a share of GMV.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { aggregateDay, combineAggregates, type DayAggregate } from '../../../src/metrics/day-aggregate';
import { METRIC_NAMES, METRICS, computeShopMetrics, type MetricName } from '../../../src/metrics/definitions';
import type { AdRowFact, GmvMaxRowFact, OrderFact, RefundFact } from '../../../src/domain/facts';
import { parseDecimal, sumDecimals } from '../../../src/domain/money';
import { computeSeries } from '../../../src/metrics/series';
import { dateInWindow, type DateWindow, type Granularity } from '../../../src/domain/window';
import { adRow, byOrder, gmvMaxRow, line, order, refund } from './fixtures';

// A fixed seed keeps the suite deterministic; change it locally to explore other cases.
const RUNS = { numRuns: 100, seed: 20240514 };
const ADDITIVE = METRIC_NAMES.filter((name) => METRICS[name].additive);

const dateAt = (offset: number): string => DateTime.fromISO('2023-11-20', { zone: 'utc' }).plus({ days: offset }).toFormat('yyyy-MM-dd');
const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

interface Shop {
  window: DateWindow;
  days: Map<string, DayAggregate>;
  adRows: AdRowFact[];
  gmvMax: GmvMaxRowFact[];
}

/**
 * A random shop: orders (some cash on delivery, some of those failed) with line items (some with a
 * platform discount) and refunds (whole lines or partial shares of them) on random days of a window
 * of up to 100 days.
 */
const shop: fc.Arbitrary<Shop> = fc
  .record({
    start: fc.integer({ min: 0, max: 500 }),
    length: fc.integer({ min: 1, max: 100 }),
    orders: fc.array(
      fc.record({
        day: fc.nat(),
        cod: fc.constantFrom('prepaid', 'cod', 'failed-cod'),
        lines: fc.array(fc.record({ sale: fc.integer({ min: 0, max: 50_000 }), subsidy: fc.integer({ min: 0, max: 2_000 }) }), { maxLength: 4 }),
        refunds: fc.array(fc.array(fc.record({ line: fc.nat(5), subtotal: fc.option(fc.integer({ min: 0, max: 60_000 })) }), { minLength: 1, maxLength: 3 }), {
          maxLength: 2,
        }),
      }),
      { maxLength: 30 },
    ),
    ads: fc.array(
      fc.record({ day: fc.nat(), spend: fc.integer({ min: 0, max: 100_000 }), revenue: fc.integer({ min: 0, max: 300_000 }), deleted: fc.boolean() }),
      { maxLength: 20 },
    ),
    gmvMax: fc.array(fc.record({ day: fc.nat(), cost: fc.integer({ min: 0, max: 100_000 }), revenue: fc.integer({ min: 0, max: 300_000 }) }), {
      maxLength: 10,
    }),
  })
  .map(({ start, length, orders, ads, gmvMax }) => {
    const window = { from: dateAt(start), to: dateAt(start + length - 1) };
    const byDate = new Map<string, { orders: OrderFact[]; refunds: RefundFact[] }>();
    orders.forEach((spec, i) => {
      const date = dateAt(start + (spec.day % length));
      const lines = spec.lines.map((l, j) => line(`L${j}`, money(l.sale + l.subsidy), `P${j % 2}`, money(l.sale)));
      const cod = spec.cod !== 'prepaid';
      const o = order(`O${i}`, lines, cod ? { cod, paidTime: null, status: spec.cod === 'failed-cod' ? 'CANCELLED' : 'IN_TRANSIT' } : {});
      const entry = byDate.get(date) ?? { orders: [], refunds: [] };
      entry.orders.push(o);
      spec.refunds.forEach((named, k) => {
        const r = refund(`R${i}-${k}`, o, []);
        entry.refunds.push({ ...r, lines: named.map((n) => ({ id: `L${n.line}`, refundSubtotal: n.subtotal === null ? null : money(n.subtotal) })) });
      });
      byDate.set(date, entry);
    });
    const days = new Map([...byDate].map(([date, e]) => [date, aggregateDay(e.orders, byOrder(e.refunds), date, 'USD')]));
    const adRows = ads.map((a, i) =>
      adRow(dateAt(start + (a.day % length)), money(a.spend), money(a.revenue), { campaignId: `C${i}`, campaignDeleted: a.deleted }),
    );
    const gmvMaxRows = gmvMax.map((g, i) => gmvMaxRow(dateAt(start + (g.day % length)), money(g.cost), money(g.revenue), { campaignId: `G${i}` }));
    return { window, days, adRows, gmvMax: gmvMaxRows };
  });

function windowMetrics(s: Shop, window: DateWindow) {
  return computeShopMetrics({
    orders: combineAggregates(
      [...s.days.values()].filter((d) => dateInWindow(d.date, window)),
      'USD',
    ),
    adRows: s.adRows.filter((row) => dateInWindow(row.date, window)),
    gmvMax: s.gmvMax.filter((row) => dateInWindow(row.date, window)),
    currency: 'USD',
    asOf: 0,
  });
}

describe('metric properties', () => {
  it.each<Granularity>(['DAY', 'WEEK', 'MONTH'])('%s buckets of additive metrics add up to the window total', (granularity) => {
    fc.assert(
      fc.property(shop, (s) => {
        const total = windowMetrics(s, s.window);
        const series = computeSeries({ ...s, granularity, names: ADDITIVE, currency: 'USD', asOf: 0 });
        expect(series[0]?.from).toBe(s.window.from);
        expect(series.at(-1)?.to).toBe(s.window.to);
        ADDITIVE.forEach((name: MetricName, i) => {
          const sum = sumDecimals(series.map((bucket) => bucket.metrics[i]?.value ?? 'missing'));
          expect(sum.eq(parseDecimal(total[name].value ?? 'missing'))).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('GMV is additive over disjoint windows', () => {
    fc.assert(
      fc.property(shop, fc.nat(), (s, cut) => {
        const days = DateTime.fromISO(s.window.to).diff(DateTime.fromISO(s.window.from), 'days').days + 1;
        fc.pre(days >= 2);
        const split = DateTime.fromISO(s.window.from, { zone: 'utc' }).plus({ days: cut % (days - 1) });
        const first = { from: s.window.from, to: split.toFormat('yyyy-MM-dd') };
        const second = { from: split.plus({ days: 1 }).toFormat('yyyy-MM-dd'), to: s.window.to };
        const parts = [first, second].map((w) => windowMetrics(s, w).GMV.value ?? 'missing');
        expect(sumDecimals(parts).eq(parseDecimal(windowMetrics(s, s.window).GMV.value ?? 'missing'))).toBe(true);
      }),
      RUNS,
    );
  });

  it('refund rate lies in [0, 1] when refunds only name line items', () => {
    fc.assert(
      fc.property(shop, (s) => {
        const rate = windowMetrics(s, s.window).REFUND_RATE;
        if (rate.value === null) {
          expect(rate.nullReason).toBe('GMV is 0 in the window');
          return;
        }
        const value = parseDecimal(rate.value);
        expect(value.gte(0) && value.lte(1)).toBe(true);
      }),
      RUNS,
    );
  });
});
