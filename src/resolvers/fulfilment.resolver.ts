/**
 * Fulfilment in the graph: `Order.fulfilment`, and the shop's fulfilment metrics as fields of
 * ShopMetrics (`lateShipRate`, `onTimeDeliveryRate`, `ordersAtRisk(withinHours)`), with the same
 * provenance as every order metric (docs/metrics.md, "Fulfilment").
 */
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../errors';
import { AT_RISK_HOURS, ordersAtRisk } from '../metrics/fulfilment-metrics';
import { METRICS } from '../metrics/definitions';
import { OrderFulfilment } from '../schema/types/fulfilment';
import { Metric, ShopMetrics } from '../schema/types/metric';
import { Order } from '../schema/types/order';
import type { GraphContext } from './context';
import { toFulfilment } from './map-fulfilment';
import type { ShopMetricsResult } from './map-metric';
import { toMetric } from './map-metric';
import { upstreamOf } from './map-order';
import { readable } from './rejected';

/** Longest horizon `ordersAtRisk` takes (30 days). */
const MAX_AT_RISK_HOURS = 720;

@Resolver(() => Order)
export class OrderFulfilmentResolver {
  @FieldResolver(() => OrderFulfilment, {
    nullable: true,
    description: 'Deadlines, shipping and delivery times, packages and tracking; null when the order cannot be read.',
  })
  async fulfilment(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<OrderFulfilment | null> {
    const raw = upstreamOf(order) ?? (await readable(ctx.loaders.order.load({ shopId: order.shopId, id: order.id })));
    return raw ? toFulfilment(raw) : null;
  }
}

@Resolver(() => ShopMetrics)
export class ShopMetricsFulfilmentResolver {
  @FieldResolver(() => Metric, {
    description: 'Orders shipped after their ship-by time / orders shipped, of the window\'s orders (docs/metrics.md, "Fulfilment").',
  })
  lateShipRate(@Root() root: ShopMetrics): Metric {
    return (root as ShopMetricsResult).values.LATE_SHIP_RATE;
  }

  @FieldResolver(() => Metric, { description: "Orders delivered by their deadline / orders delivered, of the window's orders." })
  onTimeDeliveryRate(@Root() root: ShopMetrics): Metric {
    return (root as ShopMetricsResult).values.ON_TIME_DELIVERY_RATE;
  }

  @FieldResolver(() => Metric, {
    description: `The window's orders still to ship whose ship-by time is at or before the data's asOf + withinHours (default ${AT_RISK_HOURS}), overdue ones included.`,
  })
  ordersAtRisk(@Root() root: ShopMetrics, @Arg('withinHours', () => Int, { defaultValue: AT_RISK_HOURS }) withinHours: number): Metric {
    const r = root as ShopMetricsResult;
    if (!Number.isInteger(withinHours) || withinHours < 1 || withinHours > MAX_AT_RISK_HOURS) {
      throw badUserInput('withinHours', `must be between 1 and ${MAX_AT_RISK_HOURS}, got ${withinHours}`);
    }
    const standard = r.values.ORDERS_AT_RISK;
    if (withinHours === AT_RISK_HOURS || standard.value === null) return standard;
    const exact = ordersAtRisk(r.data.total().fulfilment, r.data.orders.asOf, withinHours);
    const formula = METRICS.ORDERS_AT_RISK.formula.replace(`${AT_RISK_HOURS} hours`, `${withinHours} hours`);
    const value = exact.ok
      ? {
          name: 'ORDERS_AT_RISK' as const,
          unit: 'COUNT' as const,
          value: exact.value.toFixed(0),
          nullReason: null,
          formula: [formula, ...exact.notes].join('; '),
        }
      : { name: 'ORDERS_AT_RISK' as const, unit: 'COUNT' as const, value: null, nullReason: exact.reason, formula };
    return toMetric(value, r.data);
  }
}
