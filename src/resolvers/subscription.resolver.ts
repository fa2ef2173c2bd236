/**
 * The real-time fields: `orderChanged` (every order change TikTok notifies, as it arrives) and
 * `metricsChanged` (a shop's figures now, then each time they move). Who may subscribe, and at
 * what cost, was decided before `subscribe` runs (src/subscriptions/admission.ts); here each
 * checks its shop like a query does, and listens. docs/real-time.md describes what clients get.
 */
import { createHash } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { notFound, publicError, ErrorCode } from '../errors';
import type { WindowData } from '../metrics/metrics-service';
import { DateRange, Granularity } from '../schema/types/common';
import { ShopMetrics } from '../schema/types/metric';
import { Order } from '../schema/types/order';
import { OrderChange, OrderChangeKind } from '../schema/types/subscription';
import type { Queued } from '../events/event-queue';
import type { LiveServices } from '../subscriptions/live-services';
import { figuresFeed } from '../subscriptions/metrics-feed';
import { orderEvents, type OrderEventItem } from '../subscriptions/order-feed';
import { requireShop, type GraphContext } from './context';
import { checkRange, toShopMetrics, type ShopMetricsResult } from './map-metric';
import { orderStatus, toOrder } from './map-order';
import { readable } from './rejected';
import type { ShopInfo } from '../datasources/shop-directory';

/** What a figures event carries to `metricsChanged`'s resolver. */
interface FiguresPayload {
  shop: ShopInfo;
  data: WindowData;
  granularity: Granularity;
}

function liveOf(ctx: GraphContext): LiveServices {
  if (!ctx.live) throw publicError(ErrorCode.INTERNAL_SERVER_ERROR, 'Subscriptions are not served by this server');
  return ctx.live;
}

/**
 * Everything a window's figures are computed from, time stamps aside: two windows with the same
 * fingerprint give the same figures (`asOf` apart).
 */
export function windowFingerprint(data: WindowData): string {
  const json = JSON.stringify(data, (key, value: unknown) => (key === 'asOf' ? undefined : value instanceof Map ? [...value.entries()] : value));
  return createHash('sha256').update(json).digest('base64url');
}

const KINDS: Record<OrderEventItem['value']['change'], OrderChangeKind> = {
  ORDER_STATUS: OrderChangeKind.ORDER_STATUS,
  CANCELLATION: OrderChangeKind.CANCELLATION,
  RETURN: OrderChangeKind.RETURN,
};

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => OrderChange, {
    description:
      'Each order of the shop that TikTok says changed (new, paid, shipped, cancelled, returned…), from now on, as its webhook arrives. Changes are pushed one by one, none folded; a client reading slower than they come loses the oldest (`missed` says how many).',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphContext;
      const shopId = args.shopId as string;
      const live = liveOf(ctx);
      await requireShop(ctx, shopId);
      return orderEvents(live, shopId);
    },
  })
  orderChanged(@Root() item: OrderEventItem, @Arg('shopId', () => ID) _shopId: string): OrderChange {
    const event = item.value;
    return Object.assign(new OrderChange(), {
      shopId: event.shopId,
      orderId: event.orderId,
      kind: KINDS[event.change],
      orderStatus: event.change === 'ORDER_STATUS' ? orderStatus(event.status) : null,
      returnId: event.returnId ?? null,
      notifiedAt: new Date(event.occurredAt),
      missed: item.missed,
    });
  }

  @Subscription(() => ShopMetrics, {
    description:
      "The shop's figures over the window: first as they are now, then each time they move (an order landing, a refund, a ledger sync, ad reports re-pulled), at most once a second (`subscriptions.metricsIntervalMs`) and only when something selected changed. Costs what the same `metrics` query costs, once, at subscribe.",
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphContext;
      const shopId = args.shopId as string;
      const granularity = (args.granularity as Granularity | undefined) ?? Granularity.DAY;
      const live = liveOf(ctx);
      const window = checkRange(args.range as DateRange);
      await requireShop(ctx, shopId);
      return figuresFeed<FiguresPayload>(live, shopId, async () => {
        const fresh = await live.renew();
        const shop = await requireShop(fresh, shopId);
        const data = await fresh.metrics.window(shop, window);
        return { payload: { shop, data, granularity }, fingerprint: windowFingerprint(data) };
      });
    },
  })
  metricsChanged(
    @Root() item: Queued<FiguresPayload>,
    @Arg('shopId', () => ID) _shopId: string,
    @Arg('range', () => DateRange) _range: DateRange,
    @Arg('granularity', () => Granularity, { defaultValue: Granularity.DAY }) _granularity: Granularity,
    @Ctx() ctx: GraphContext,
  ): ShopMetricsResult {
    const { shop, data, granularity } = item.value;
    return Object.assign(toShopMetrics(shop, data, ctx.metrics.settings.rates), { granularity });
  }
}

@Resolver(() => OrderChange)
export class OrderChangeResolver {
  @FieldResolver(() => Order, { nullable: true, description: 'The order as TikTok answers it now; null with an error when it cannot be read.' })
  async order(@Root() change: OrderChange, @Ctx() ctx: GraphContext): Promise<Order> {
    const order = await readable(ctx.loaders.order.load({ shopId: change.shopId, id: change.orderId }));
    if (!order) throw notFound('order', change.orderId);
    return toOrder(change.shopId, order);
  }
}
