import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { parseDecimal, roundMoney } from '../metrics/money';
import { money } from '../schema/types/common';
import { ShopMetrics } from '../schema/types/metric';
import { ReconciliationDay } from '../schema/types/reconciliation';
import type { GraphContext } from './context';
import type { ShopMetricsResult } from './map-metric';

/**
 * metrics.md "Reconciliation": ShopGraph's GMV and orders per day beside TikTok's own Shop
 * Performance figures for the same shop days, with the difference, so a user can see where and
 * by how much the two disagree (definitions, time zones, late updates).
 */
@Resolver(() => ShopMetrics)
export class ReconciliationResolver {
  @FieldResolver(() => [ReconciliationDay], { description: 'Per day: ShopGraph\'s GMV and orders beside TikTok\'s analytics, and the difference.' })
  async reconciliation(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<ReconciliationDay[]> {
    const { data } = root as ShopMetricsResult;
    const { shop } = data;
    const tiktok = await ctx.analytics.shopPerformance(shop, data.window, '1D');
    const byDay = new Map(tiktok.value.map((interval) => [interval.start_date, interval]));
    return [...data.days.values()].map((day) => {
      const ours = money(roundMoney(day.gmv, shop.currency), shop.currency);
      const theirs = byDay.get(day.date);
      const sameCurrency = theirs !== undefined && theirs.gmv.currency === shop.currency;
      return Object.assign(new ReconciliationDay(), {
        date: day.date,
        shopGraphGmv: ours,
        tiktokGmv: theirs ? money(roundMoney(theirs.gmv.amount, theirs.gmv.currency), theirs.gmv.currency) : null,
        gmvDifference: sameCurrency
          ? money(roundMoney(parseDecimal(day.gmv).minus(parseDecimal(theirs.gmv.amount)), shop.currency), shop.currency)
          : null,
        shopGraphOrders: day.orders,
        tiktokOrders: theirs?.orders ?? null,
        ordersDifference: theirs ? day.orders - theirs.orders : null,
        published: day.date <= tiktok.latestAvailableDate,
      });
    });
  }
}
