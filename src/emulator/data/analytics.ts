/**
 * Shop analytics computed from the orders by TikTok's own definitions, not ShopGraph's
 * (docs/tiktok-api.md, Analytics; docs/metrics.md, Reconciliation):
 *
 * - an order counts on the shop-local day TikTok counts it: the day it was PAID, or for cash on
 *   delivery (`is_cod`) the day it was PLACED, since a COD order has no `paid_time` while the
 *   parcel is unpaid; orders cancelled or refunded later still count;
 * - its GMV is what the buyer paid: `payment.total_amount` — sales tax, shipping and buyer fees
 *   included, seller and platform discounts deducted (TikTok's shop GMV, US Data Compass
 *   definition) — so ShopGraph's GMV (line-item gross) reconciles with it only through the bridge
 *   of tax, shipping, fees and platform discounts;
 * - product, SKU, video and LIVE rows split each order's total over its lines by sale price, so
 *   they add up to the shop's GMV; `gmv_breakdowns` split it by the channel `content.ts` assigns
 *   each order;
 * - orders = their count, units = their line items (a line item is one unit).
 *
 * Data lags: the latest available date is yesterday in the shop's zone and later days are absent.
 */
import { attribute } from './content';
import type { ContentQuery } from './content-types';
import { addDays, localDate, offsetMinutes } from './dates';
import { allocate, D, type Dec, minorUnits, money, sum } from './money';
import { keysetPage } from './paging';
import { SUCCESSFUL_CANCEL, SUCCESSFUL_RETURN } from './refund-facts';
import { fingerprint } from './rng';
import type { PartnerOrder, ProductPerformance, ShopPerformanceData, ShopPerformanceInterval, SkuPerformance } from './shapes';
import type { ShopState } from './state';
import type { AnalyticsRange, Page, PerformanceQuery } from './store-types';

const DAY = 86400;

/** Line-item gross: what the buyer paid for the unit plus TikTok's product subsidy (ShopGraph's GMV, used by ad attribution). */
export function lineGross(line: { sale_price: string; platform_discount: string }): Dec {
  return new D(line.sale_price).plus(line.platform_discount);
}

/** The last date analytics cover: yesterday in the shop's time zone. */
export function latestAvailableDate(shop: ShopState, now: number): string {
  return addDays(localDate(now, shop.shop.timezone), -1);
}

/** `[from, toExclusive)` clipped to the available data. */
export function clip(shop: ShopState, now: number, q: AnalyticsRange): { from: string; to: string; latest: string } {
  const latest = latestAvailableDate(shop, now);
  const end = addDays(latest, 1);
  return { from: q.start_date_ge, to: q.end_date_lt < end ? q.end_date_lt : end, latest };
}

/** Shop-local dates of Unix times, with one time zone lookup per hour instead of per order. */
function localDates(zone: string): (t: number) => string {
  const offsets = new Map<number, number>();
  const dates = new Map<number, string>();
  return (t) => {
    const hour = Math.floor(t / 3600);
    let off = offsets.get(hour);
    if (off === undefined) offsets.set(hour, (off = offsetMinutes(hour * 3600, zone) * 60));
    const day = Math.floor((t + off) / DAY);
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = new Date(day * DAY * 1000).toISOString().slice(0, 10)));
    return date;
  };
}

/**
 * The orders TikTok counts on shop-local dates `[from, to)` (see {@link countedAt}), with that
 * date: the orders the video and LIVE lists credit, like shop performance.
 */
export function paidIn(shop: ShopState, from: string, to: string): (PartnerOrder & { day: string })[] {
  return [...countedByDay(shop, from, to).entries()].flatMap(([day, orders]) => orders.map((o) => ({ ...o, day })));
}

/** When TikTok's analytics count an order: paid, or placed for cash on delivery; never if unpaid. */
export function countedAt(order: PartnerOrder): number | undefined {
  return order.is_cod ? order.create_time : order.paid_time;
}

/** The orders TikTok counts on each shop-local date of `[from, to)`. */
export function countedByDay(shop: ShopState, from: string, to: string): Map<string, PartnerOrder[]> {
  const dateOf = localDates(shop.shop.timezone);
  const out = new Map<string, PartnerOrder[]>();
  for (const o of shop.orders.values()) {
    const t = countedAt(o);
    if (t === undefined) continue;
    const day = dateOf(t);
    if (day < from || day >= to) continue;
    const list = out.get(day);
    if (list) list.push(o);
    else out.set(day, [o]);
  }
  return out;
}

/** TikTok's GMV of one order: what the buyer paid. */
export function orderGmv(order: PartnerOrder): Dec {
  return new D(order.payment.total_amount);
}

/** Each line's part of its order's TikTok GMV: the total split over the lines by sale price, to the cent. */
function lineShares(order: PartnerOrder): Dec[] {
  return allocate(
    orderGmv(order),
    order.line_items.map((l) => new D(l.sale_price)),
    order.payment.currency,
  );
}

/** A lookup of each line's part of TikTok's GMV, for the lines of `orders` (content lists). */
export function lineGmvs(orders: readonly PartnerOrder[]): (line: { id: string }) => Dec {
  const byLine = new Map<string, Dec>();
  for (const o of orders) lineShares(o).forEach((share, i) => byLine.set(o.line_items[i]?.id ?? '', share));
  return (line) => byLine.get(line.id) ?? new D(0);
}

function interval(shop: ShopState, start: string, end: string, orders: readonly PartnerOrder[], refunds: Dec): ShopPerformanceInterval {
  const cur = shop.shop.currency;
  const gmv = sum(orders.map(orderGmv));
  const bySource = (type: ShopPerformanceInterval['gmv_breakdowns'][number]['type']): string =>
    money(sum(orders.filter((o) => attribute(shop, o).channel === type).map(orderGmv)), cur);
  const impressions = orders.length * 57 + (parseInt(fingerprint(shop.shop.id + start).slice(0, 4), 16) % 400);
  return {
    start_date: start,
    end_date: end,
    gmv: { amount: money(gmv, cur), currency: cur },
    orders: orders.length,
    sku_orders: orders.reduce((n, o) => n + new Set(o.line_items.map((l) => l.sku_id)).size, 0),
    units_sold: orders.reduce((n, o) => n + o.line_items.length, 0),
    avg_order_value: { amount: money(orders.length ? gmv.div(orders.length) : new D(0), cur), currency: cur },
    refunds: { amount: money(refunds, cur), currency: cur },
    buyers: new Set(orders.map((o) => o.user_id)).size,
    product_impressions: impressions,
    product_page_views: Math.floor(impressions / 9),
    gmv_breakdowns: (['LIVE', 'VIDEO', 'PRODUCT_CARD'] as const).map((type) => ({ type, amount: bySource(type), currency: cur })),
  };
}

/** Σ refund_total of successful refunds per local day of their last update. */
function refundsByDay(shop: ShopState): Map<string, Dec> {
  const dateOf = localDates(shop.shop.timezone);
  const out = new Map<string, Dec>();
  const add = (t: number, amount: string | undefined): void => {
    const day = dateOf(t);
    out.set(day, (out.get(day) ?? new D(0)).plus(amount ?? 0));
  };
  for (const r of shop.returns.values()) if (SUCCESSFUL_RETURN.has(r.return_status)) add(r.update_time, r.refund_amount?.refund_total);
  for (const c of shop.cancellations.values()) if (SUCCESSFUL_CANCEL.has(c.cancel_status)) add(c.update_time, c.refund_amount?.refund_total);
  return out;
}

/** `GET /analytics/202405/shop/performance` data. Interval `end_date`s are exclusive, like `end_date_lt`. */
export function shopPerformance(shop: ShopState, now: number, q: AnalyticsRange & { granularity: 'ALL' | '1D' }): ShopPerformanceData {
  const { from, to, latest } = clip(shop, now, q);
  const byDay = countedByDay(shop, from, to);
  const refunds = refundsByDay(shop);
  const intervals: ShopPerformanceInterval[] = [];
  if (from < to && q.granularity === 'ALL') {
    const total = [...refunds.entries()].filter(([d]) => d >= from && d < to).reduce((acc, [, v]) => acc.plus(v), new D(0));
    intervals.push(interval(shop, from, to, [...byDay.values()].flat(), total));
  } else {
    for (let d = from; d < to; d = addDays(d, 1)) intervals.push(interval(shop, d, addDays(d, 1), byDay.get(d) ?? [], refunds.get(d) ?? new D(0)));
  }
  return { performance: { intervals }, latest_available_date: latest };
}

interface Tally {
  gmv: Dec;
  orders: Set<string>;
  units: number;
  productId: string;
}

function tally(shop: ShopState, now: number, q: AnalyticsRange, by: 'product_id' | 'sku_id'): Map<string, Tally> {
  const { from, to } = clip(shop, now, q);
  const out = new Map<string, Tally>();
  for (const o of [...countedByDay(shop, from, to).values()].flat()) {
    // The order's total split over its lines, so the rows add up to the shop's GMV.
    const shares = lineShares(o);
    o.line_items.forEach((l, i) => {
      const key = l[by];
      let t = out.get(key);
      if (!t) out.set(key, (t = { gmv: new D(0), orders: new Set(), units: 0, productId: l.product_id }));
      t.gmv = t.gmv.plus(shares[i] ?? 0);
      t.orders.add(o.id);
      t.units++;
    });
  }
  return out;
}

function ctr(id: string): string {
  return (0.01 + (parseInt(fingerprint(id).slice(0, 4), 16) % 600) / 10000).toFixed(4);
}

/** One page of analytics rows sorted by `value`, ties by id; the token is bound to the query. */
export function performancePage<T extends { id: string }>(items: T[], q: ContentQuery<string>, value: (item: T) => number, kind: string): Page<T> {
  return keysetPage(items, (item) => [value(item), item.id], {
    desc: q.sortOrder === 'DESC',
    pageSize: q.pageSize,
    pageToken: q.pageToken,
    query: [kind, q.start_date_ge, q.end_date_lt, q.sortField, q.sortOrder],
  });
}

/** `GET /analytics/202405/shop_products/performance` (one page). */
export function productPerformance(shop: ShopState, now: number, q: PerformanceQuery): Page<ProductPerformance> & { latest_available_date: string } {
  const cur = shop.shop.currency;
  const scale = 10 ** minorUnits(cur);
  const rows = [...tally(shop, now, q, 'product_id').entries()].map(([id, t]) => ({
    id,
    gmv: { amount: money(t.gmv, cur), currency: cur },
    orders: t.orders.size,
    units_sold: t.units,
    click_through_rate: ctr(id),
  }));
  const value = (r: (typeof rows)[number]): number =>
    q.sortField === 'order_count'
      ? r.orders
      : q.sortField === 'unit_sold_count'
        ? r.units_sold
        : q.sortField === 'click_through_rate'
          ? Number(r.click_through_rate) * 1e4
          : new D(r.gmv.amount).times(scale).toNumber();
  return { ...performancePage(rows, q, value, 'products'), latest_available_date: latestAvailableDate(shop, now) };
}

/** `GET /analytics/202406/shop_skus/performance` (one page). */
export function skuPerformance(shop: ShopState, now: number, q: PerformanceQuery): Page<SkuPerformance> & { latest_available_date: string } {
  const cur = shop.shop.currency;
  const scale = 10 ** minorUnits(cur);
  const rows = [...tally(shop, now, q, 'sku_id').entries()].map(([id, t]) => ({
    id,
    product_id: t.productId,
    gmv: { amount: money(t.gmv, cur), currency: cur },
    sku_orders: t.orders.size,
    units_sold: t.units,
  }));
  const value = (r: (typeof rows)[number]): number =>
    q.sortField === 'order_count' ? r.sku_orders : q.sortField === 'unit_sold_count' ? r.units_sold : new D(r.gmv.amount).times(scale).toNumber();
  return { ...performancePage(rows, q, value, 'skus'), latest_available_date: latestAvailableDate(shop, now) };
}
