/**
 * What rules are judged on, read fresh from upstream for each evaluation (never from the
 * cache: an alert about stock must not be minutes behind the stock):
 * - LOW_STOCK: TikTok's `total_available_quantity` of the SKU, from Inventory Search
 *   (`POST /product/202309/inventory/search`, up to 600 SKU ids a call).
 * - ROAS_BELOW: ShopGraph's own ROAS and ad spend of the trailing window (docs/metrics.md), from
 *   the metrics ledgers, as a `metrics` query over those days answers them.
 * - SLA_RISK: orders at risk as docs/metrics.md defines `ORDERS_AT_RISK` — still to ship (`ON_HOLD`,
 *   `AWAITING_SHIPMENT`, `PARTIALLY_SHIPPING`) with `rts_sla_time` at or before now + the rule's
 *   hours — counted from Order Search.
 * A reading that cannot be made is `unknown` with why: the rule keeps its state.
 */
import { DateTime } from 'luxon';
import type { PartnerClient } from '../datasources/partner/partner-client';
import type { ShopInfo } from '../datasources/shop-directory';
import { computeShopMetrics } from '../metrics/definitions';
import type { MetricsService } from '../metrics/metrics-service';
import { localDate } from '../domain/window';
import { metricsInput } from '../metrics/metrics-input';
import type { AlertRule } from './alert-rule';
import type { Reading } from './state-machine';

/** Reads every rule of one shop. */
export type ReadRules = (shop: ShopInfo, rules: readonly AlertRule[], now: number) => Promise<Map<string, Reading>>;

/** Inventory Search takes at most 600 SKU ids (docs/tiktok-api.md). */
const SKUS_PER_CALL = 600;
/** Order Search pages read per status at most (100 orders each): past it a count is a lower bound. */
const MAX_ORDER_PAGES = 20;
const TO_SHIP = ['ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING'] as const;

type Partner = Pick<PartnerClient, 'searchInventory' | 'paginateOrders'>;

const why = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);

async function stock(partner: Partner, shop: ShopInfo, skuIds: string[]): Promise<Map<string, number | undefined>> {
  const found = new Map<string, number | undefined>();
  for (let i = 0; i < skuIds.length; i += SKUS_PER_CALL) {
    const rows = await partner.searchInventory(shop, { sku_ids: skuIds.slice(i, i + SKUS_PER_CALL) });
    for (const product of rows) for (const sku of product.skus) found.set(sku.id, sku.total_available_quantity ?? undefined);
  }
  return found;
}

/** Ship-by times (Unix seconds) of the shop's orders still to ship, and whether the list was cut short. */
async function toShip(partner: Partner, shop: ShopInfo): Promise<{ slas: number[]; truncated: boolean }> {
  const slas: number[] = [];
  let truncated = false;
  for (const status of TO_SHIP) {
    let pages = 0;
    for await (const page of partner.paginateOrders(shop, { pageSize: 100, filters: { order_status: status } })) {
      for (const order of page.orders) if (order.rts_sla_time !== undefined) slas.push(order.rts_sla_time);
      if (++pages >= MAX_ORDER_PAGES) {
        truncated = page.next_page_token !== undefined && page.next_page_token !== '';
        break;
      }
    }
  }
  return { slas, truncated };
}

async function roas(metrics: MetricsService, rates: Record<string, string>, shop: ShopInfo, days: number, now: number): Promise<Reading> {
  const to = localDate(Math.floor(now / 1000), shop.timezone);
  const from = DateTime.fromISO(to, { zone: shop.timezone })
    .minus({ days: days - 1 })
    .toISODate()!;
  const data = await metrics.window(shop, { from, to });
  const computed = computeShopMetrics(metricsInput(data, rates));
  const value = computed.ROAS.value;
  const spend = computed.AD_SPEND.value;
  if (value === null || spend === null) return { unknown: computed.ROAS.nullReason ?? computed.AD_SPEND.nullReason ?? 'ROAS has no value' };
  return { value, spend };
}

/** Reads rules through the Partner API client and the metrics service. */
export function upstreamReadings(partner: Partner, metrics: () => MetricsService, rates: Record<string, string>): ReadRules {
  return async (shop, rules, now) => {
    const out = new Map<string, Reading>();
    const lowStock = rules.flatMap((r) => (r.condition.kind === 'LOW_STOCK' ? [{ rule: r, skuId: r.condition.skuId }] : []));
    if (lowStock.length > 0) {
      try {
        const units = await stock(partner, shop, [...new Set(lowStock.map((l) => l.skuId))]);
        for (const { rule, skuId } of lowStock) {
          const n = units.get(skuId);
          out.set(rule.id, n === undefined ? { unknown: `TikTok lists no stock for SKU ${skuId}` } : { value: String(n) });
        }
      } catch (error) {
        for (const { rule } of lowStock) out.set(rule.id, { unknown: `inventory search failed: ${why(error)}` });
      }
    }
    const sla = rules.filter((r) => r.condition.kind === 'SLA_RISK');
    if (sla.length > 0) {
      try {
        const { slas, truncated } = await toShip(partner, shop);
        for (const rule of sla) {
          if (rule.condition.kind !== 'SLA_RISK') continue;
          const by = Math.floor(now / 1000) + rule.condition.withinHours * 3600;
          const count = slas.filter((t) => t <= by).length;
          // A cut-short list only proves a breach.
          out.set(rule.id, truncated && count < rule.condition.minCount ? { unknown: 'too many orders to ship to count them all' } : { value: String(count) });
        }
      } catch (error) {
        for (const rule of sla) out.set(rule.id, { unknown: `order search failed: ${why(error)}` });
      }
    }
    const byDays = new Map<number, Promise<Reading>>();
    for (const rule of rules) {
      if (rule.condition.kind !== 'ROAS_BELOW') continue;
      const days = rule.condition.days;
      if (!byDays.has(days))
        byDays.set(
          days,
          roas(metrics(), rates, shop, days, now).catch((error: unknown) => ({ unknown: `metrics failed: ${why(error)}` })),
        );
      out.set(rule.id, await byDays.get(days)!);
    }
    return out;
  };
}
