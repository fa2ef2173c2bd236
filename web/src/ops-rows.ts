/**
 * What the stock & fulfilment panel lists, from the public graph's answer (no DOM here): the
 * orders at risk as docs/metrics.md's ORDERS_AT_RISK counts them, and the best sellers' SKUs low
 * on stock.
 */
import { formatMoney } from './format';
import type { DashboardOpsQuery } from './generated/graphql';

type Shop = NonNullable<DashboardOpsQuery['shop']>;
type OpsMetrics = Shop['metrics'];
type ToShip = NonNullable<Shop['orders']['nodes'][number]>;

/** An order still to ship whose ship-by time is within the horizon (or past). */
export interface AtRisk {
  id: string;
  status: string;
  shipBy: string;
  secondsLeft: number;
}

/** A SKU of a best seller at or under its low-stock threshold. */
export interface LowSku {
  productId: string;
  title: string;
  skuId: string;
  sellerSku: string | null;
  available: number;
  committed: number | null;
  daysOfCover: string | null;
  gmv: string;
}

/** Orders at risk as ORDERS_AT_RISK counts them: still to ship, ship-by at or before now + hours; soonest first. */
export function ordersAtRisk(orders: readonly (ToShip | null)[], nowMs: number, withinHours: number): AtRisk[] {
  const by = nowMs + withinHours * 3_600_000;
  return orders
    .flatMap((o) => (o?.fulfilment?.shipBy && Date.parse(o.fulfilment.shipBy) <= by ? [{ o, shipBy: o.fulfilment.shipBy }] : []))
    .map(({ o, shipBy }) => ({ id: o.id, status: o.status, shipBy, secondsLeft: (Date.parse(shipBy) - nowMs) / 1000 }))
    .sort((a, b) => a.secondsLeft - b.secondsLeft || (a.id < b.id ? -1 : 1));
}

/** The best sellers' SKUs flagged low on stock (out of stock included), fewest units first. */
export function lowStockBestsellers(metrics: OpsMetrics): LowSku[] {
  return metrics.topProducts
    .flatMap((p) =>
      (p.product?.skus ?? []).flatMap((s) =>
        s.inventory?.lowStock && s.inventory.available !== null
          ? [
              {
                productId: p.productId,
                title: p.product?.title ?? `Product ${p.productId}`,
                skuId: s.id,
                sellerSku: s.sellerSku,
                available: s.inventory.available,
                committed: s.inventory.committed,
                daysOfCover: s.inventory.salesPace.daysOfCover,
                gmv: p.gmv.money ? formatMoney(p.gmv.money.amount, p.gmv.money.currency) : '—',
              },
            ]
          : [],
      ),
    )
    .sort((a, b) => a.available - b.available || (a.skuId < b.skuId ? -1 : 1));
}
