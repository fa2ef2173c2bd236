import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { DayAggregate } from '../metrics/day-aggregate';
import { parseDecimal, roundMoney, type Decimal } from '../domain/money';
import { money, type Money } from '../schema/types/common';
import { ShopMetrics } from '../schema/types/metric';
import { ReconciliationDay } from '../schema/types/reconciliation';
import type { GraphContext } from './context';
import type { ShopMetricsResult } from './map-metric';

/** The bridge columns of a day: ShopGraph's GMV taken to TikTok's definition (docs/metrics.md, "Reconciliation"). */
function bridgeOf(day: DayAggregate, currency: string) {
  const m = (value: Decimal): Money => money(roundMoney(value, currency), currency);
  const { bridge } = day;
  if (bridge.unknown > 0) {
    const reason = `${bridge.unknown} order${bridge.unknown === 1 ? '' : 's'} counted that day came without payment totals`;
    return {
      basis: null,
      columns: { platformDiscount: null, shipping: null, tax: null, otherFees: null, shopGraphGmvTikTokBasis: null, bridgeNullReason: reason },
    };
  }
  const gmv = parseDecimal(day.gmv);
  const [buyerPaid, shipping, tax, platformDiscount] = [bridge.buyerPaid, bridge.shipping, bridge.tax, bridge.platformDiscount].map(parseDecimal) as [
    Decimal,
    Decimal,
    Decimal,
    Decimal,
  ];
  const otherFees = buyerPaid.minus(gmv.minus(platformDiscount).plus(shipping).plus(tax));
  return {
    basis: buyerPaid,
    columns: {
      platformDiscount: m(platformDiscount),
      shipping: m(shipping),
      tax: m(tax),
      otherFees: m(otherFees),
      shopGraphGmvTikTokBasis: m(buyerPaid),
      bridgeNullReason: null,
    },
  };
}

/**
 * docs/metrics.md "Reconciliation": ShopGraph's GMV and orders per day beside TikTok's own Shop
 * Performance figures for the same shop days. TikTok defines shop GMV as what buyers paid, so the
 * comparison is made like for like — ShopGraph's figure on TikTok's definition, with the bridge
 * from ShopGraph's own GMV in its own columns — and what is left unexplained means something.
 */
@Resolver(() => ShopMetrics)
export class ReconciliationResolver {
  @FieldResolver(() => [ReconciliationDay], {
    nullable: true,
    description:
      "Per day: ShopGraph's GMV and orders beside TikTok's analytics, compared like for like, with the bridge between the two definitions. Null, with an error, when TikTok's analytics cannot be read: the other figures stand.",
  })
  async reconciliation(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<ReconciliationDay[]> {
    const { data } = root as ShopMetricsResult;
    const { shop } = data;
    const tiktok = await ctx.analytics.shopPerformance(shop, data.window, '1D');
    const byDay = new Map(tiktok.value.map((interval) => [interval.start_date, interval]));
    return [...data.days.values()].map((day) => {
      const theirs = byDay.get(day.date)?.gmv;
      const theirOrders = byDay.get(day.date)?.orders;
      const sameCurrency = theirs !== undefined && theirs.currency === shop.currency;
      const { basis, columns } = bridgeOf(day, shop.currency);
      const differenceTo = (ours: Decimal) => (sameCurrency ? money(roundMoney(ours.minus(parseDecimal(theirs.amount)), shop.currency), shop.currency) : null);
      return Object.assign(new ReconciliationDay(), {
        date: day.date,
        shopGraphGmv: money(roundMoney(day.gmv, shop.currency), shop.currency),
        ...columns,
        tiktokGmv: theirs ? money(roundMoney(theirs.amount, theirs.currency), theirs.currency) : null,
        unexplainedGmvDifference: basis === null ? null : differenceTo(basis),
        gmvDifference: differenceTo(parseDecimal(day.gmv)),
        shopGraphOrders: day.orders,
        tiktokOrders: theirOrders ?? null,
        ordersDifference: theirOrders === undefined ? null : day.orders - theirOrders,
        published: day.date <= tiktok.latestAvailableDate,
      });
    });
  }
}
