/**
 * `GET /analytics/202508/shop_lives/performance`: one row per LIVE session that started in the
 * range. Its sales are those of the orders paid (cash on delivery: placed) during it (`content.ts`),
 * at what their buyers paid, so the rows add up to shop performance's LIVE breakdown. Version 202508 names units sold `unit_sold` and sorts by
 * TikTok's own field names.
 * @see docs/tiktok-api.md (LIVE performance)
 */
import { clip, latestAvailableDate, lineGmvs, paidIn, performancePage } from './analytics';
import { livesOn, salesBy } from './content';
import type { ContentQuery } from './content-types';
import { D, minorUnits, money } from './money';
import type { LiveSessionPerformance } from './shapes';
import type { ShopState } from './state';
import type { Page } from './store-types';

/** TikTok's sort fields of the LIVE list (version 202508) that the emulator serves. */
export const LIVE_SORT_FIELDS = ['gmv', 'products_added', 'different_products_sold', 'sku_orders', 'unit_sold'] as const;
export type LiveSortField = (typeof LIVE_SORT_FIELDS)[number];

/** One page of the LIVE list. @throws InvalidPageToken */
export function livePerformance(
  shop: ShopState,
  now: number,
  q: ContentQuery<LiveSortField>,
): Page<LiveSessionPerformance> & { latest_available_date: string } {
  const { from, to } = clip(shop, now, q);
  const cur = shop.shop.currency;
  const orders = paidIn(shop, from, to);
  const sales = salesBy(shop, orders, 'LIVE', lineGmvs(orders));
  const rows: LiveSessionPerformance[] = (from < to ? livesOn(shop, from, to) : []).map((l) => {
    const sold = sales.get(l.id);
    const products = new Set([...l.lineup, ...(sold?.products ?? [])]);
    return {
      id: l.id,
      title: l.title,
      username: l.username,
      start_time: l.startTime,
      end_time: l.endTime,
      sales_performance: {
        gmv: { amount: money(sold?.gmv ?? new D(0), cur), currency: cur },
        products_added: Math.max(l.productsAdded, products.size),
        different_products_sold: sold?.products.size ?? 0,
        sku_orders: sold?.skuOrders.size ?? 0,
        unit_sold: sold?.units ?? 0,
      },
    };
  });
  const scale = 10 ** minorUnits(cur);
  const value = (r: LiveSessionPerformance): number => {
    const s = r.sales_performance;
    switch (q.sortField) {
      case 'products_added':
        return s.products_added ?? 0;
      case 'different_products_sold':
        return s.different_products_sold ?? 0;
      case 'sku_orders':
        return s.sku_orders ?? 0;
      case 'unit_sold':
        return s.unit_sold ?? 0;
      default:
        return new D(s.gmv.amount).times(scale).toNumber();
    }
  };
  return { ...performancePage(rows, q, value, 'lives'), latest_available_date: latestAvailableDate(shop, now) };
}
