/**
 * Shop analytics computed from the orders, so TikTok's "own figures" reconcile with ShopGraph's:
 * a day's GMV is Σ line-item gross (sale_price + platform_discount) of the orders PAID that local
 * day (shop time zone), orders = their count, units = their line items; `gmv_breakdowns` split it
 * by the channel `content.ts` assigns each order. Data lags: the latest available date is
 * yesterday in the shop's zone and later days are absent.
 * @see docs/metrics.md
 */
import { attribute } from './content';
import type { ContentQuery } from './content-types';
import { addDays, localDate } from './dates';
import { D, type Dec, minorUnits, money, sum } from './money';
import { keysetPage } from './paging';
import { SUCCESSFUL_CANCEL, SUCCESSFUL_RETURN } from './refund-facts';
import { fingerprint } from './rng';
import type { PartnerOrder, ProductPerformance, ShopPerformanceData, ShopPerformanceInterval, SkuPerformance } from './shapes';
import type { ShopState } from './state';
import type { AnalyticsRange, Page, PerformanceQuery } from './store-types';

/** Line-item gross: what the buyer paid for the unit plus TikTok's product subsidy. */
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

/** Orders paid on shop-local dates `[from, to)`, with that date. */
export function paidIn(shop: ShopState, from: string, to: string): (PartnerOrder & { day: string })[] {
  const out: (PartnerOrder & { day: string })[] = [];
  for (const o of shop.orders.values()) {
    if (o.paid_time === undefined) continue;
    const day = localDate(o.paid_time, shop.shop.timezone);
    if (day >= from && day < to) out.push({ ...o, day });
  }
  return out;
}

function interval(shop: ShopState, start: string, end: string, orders: PartnerOrder[], refunds: Dec): ShopPerformanceInterval {
  const cur = shop.shop.currency;
  const gmvOf = (o: PartnerOrder): Dec => sum(o.line_items.map(lineGross));
  const gmv = sum(orders.map(gmvOf));
  const bySource = (type: ShopPerformanceInterval['gmv_breakdowns'][number]['type']): string =>
    money(sum(orders.filter((o) => attribute(shop, o).channel === type).map(gmvOf)), cur);
  const impressions = orders.length * 57 + (parseInt(fingerprint(shop.shop.id + start).slice(0, 4), 16) % 400);
  return {
    start_date: start, end_date: end,
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
  const out = new Map<string, Dec>();
  const add = (t: number, amount: string | undefined): void => {
    const day = localDate(t, shop.shop.timezone);
    out.set(day, (out.get(day) ?? new D(0)).plus(amount ?? 0));
  };
  for (const r of shop.returns.values()) if (SUCCESSFUL_RETURN.has(r.return_status)) add(r.update_time, r.refund_amount?.refund_total);
  for (const c of shop.cancellations.values()) if (SUCCESSFUL_CANCEL.has(c.cancel_status)) add(c.update_time, c.refund_amount?.refund_total);
  return out;
}

/** `GET /analytics/202405/shop/performance` data. Interval `end_date`s are exclusive, like `end_date_lt`. */
export function shopPerformance(shop: ShopState, now: number, q: AnalyticsRange & { granularity: 'ALL' | '1D' }): ShopPerformanceData {
  const { from, to, latest } = clip(shop, now, q);
  const orders = paidIn(shop, from, to);
  const refunds = refundsByDay(shop);
  const intervals: ShopPerformanceInterval[] = [];
  if (from < to && q.granularity === 'ALL') {
    const total = [...refunds.entries()].filter(([d]) => d >= from && d < to).reduce((acc, [, v]) => acc.plus(v), new D(0));
    intervals.push(interval(shop, from, to, orders, total));
  } else {
    for (let d = from; d < to; d = addDays(d, 1)) {
      intervals.push(interval(shop, d, addDays(d, 1), orders.filter((o) => o.day === d), refunds.get(d) ?? new D(0)));
    }
  }
  return { performance: { intervals }, latest_available_date: latest };
}

interface Tally { gmv: Dec; orders: Set<string>; units: number; productId: string }

function tally(shop: ShopState, now: number, q: AnalyticsRange, by: 'product_id' | 'sku_id'): Map<string, Tally> {
  const { from, to } = clip(shop, now, q);
  const out = new Map<string, Tally>();
  for (const o of paidIn(shop, from, to)) {
    for (const l of o.line_items) {
      const key = l[by];
      let t = out.get(key);
      if (!t) out.set(key, (t = { gmv: new D(0), orders: new Set(), units: 0, productId: l.product_id }));
      t.gmv = t.gmv.plus(lineGross(l));
      t.orders.add(o.id);
      t.units++;
    }
  }
  return out;
}

function ctr(id: string): string {
  return (0.01 + (parseInt(fingerprint(id).slice(0, 4), 16) % 600) / 10000).toFixed(4);
}

/** One page of analytics rows sorted by `value`, ties by id; the token is bound to the query. */
export function performancePage<T extends { id: string }>(items: T[], q: ContentQuery<string>, value: (item: T) => number, kind: string): Page<T> {
  return keysetPage(items, (item) => [value(item), item.id], {
    desc: q.sortOrder === 'DESC', pageSize: q.pageSize, pageToken: q.pageToken,
    query: [kind, q.start_date_ge, q.end_date_lt, q.sortField, q.sortOrder],
  });
}

/** `GET /analytics/202405/shop_products/performance` (one page). */
export function productPerformance(shop: ShopState, now: number, q: PerformanceQuery): Page<ProductPerformance> & { latest_available_date: string } {
  const cur = shop.shop.currency;
  const scale = 10 ** minorUnits(cur);
  const rows = [...tally(shop, now, q, 'product_id').entries()].map(([id, t]) => ({
    id, gmv: { amount: money(t.gmv, cur), currency: cur }, orders: t.orders.size, units_sold: t.units, click_through_rate: ctr(id),
  }));
  const value = (r: (typeof rows)[number]): number =>
    q.sortField === 'order_count' ? r.orders : q.sortField === 'unit_sold_count' ? r.units_sold
      : q.sortField === 'click_through_rate' ? Number(r.click_through_rate) * 1e4 : new D(r.gmv.amount).times(scale).toNumber();
  return { ...performancePage(rows, q, value, 'products'), latest_available_date: latestAvailableDate(shop, now) };
}

/** `GET /analytics/202406/shop_skus/performance` (one page). */
export function skuPerformance(shop: ShopState, now: number, q: PerformanceQuery): Page<SkuPerformance> & { latest_available_date: string } {
  const cur = shop.shop.currency;
  const scale = 10 ** minorUnits(cur);
  const rows = [...tally(shop, now, q, 'sku_id').entries()].map(([id, t]) => ({
    id, product_id: t.productId, gmv: { amount: money(t.gmv, cur), currency: cur }, sku_orders: t.orders.size, units_sold: t.units,
  }));
  const value = (r: (typeof rows)[number]): number =>
    q.sortField === 'order_count' ? r.sku_orders : q.sortField === 'unit_sold_count' ? r.units_sold : new D(r.gmv.amount).times(scale).toNumber();
  return { ...performancePage(rows, q, value, 'skus'), latest_available_date: latestAvailableDate(shop, now) };
}
