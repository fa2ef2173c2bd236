import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { computeShopMetrics, type MetricName as CoreMetricName, type MetricValue } from '../metrics/definitions';
import { combineAggregates } from '../metrics/day-aggregate';
import { computeSeries } from '../metrics/series';
import { parseDecimal } from '../domain/money';
import { badUserInput } from '../errors';
import type { ShopInfo } from '../datasources/shop-directory';
import { DateRange, Granularity } from '../schema/types/common';
import { Campaign } from '../schema/types/campaign';
import { CampaignMetrics, Metric, MetricName, MetricPoint, ProductMetrics, ShopMetrics } from '../schema/types/metric';
import { Product } from '../schema/types/product';
import type { AdRowFact } from '../domain/facts';
import { campaignMetrics, type CampaignWindow } from './map-campaign-metrics';
import type { WindowData } from '../metrics/metrics-service';
import { requireShop, type GraphContext } from './context';
import { checkRange, toCampaign, toMetric, toShopMetrics, type ShopMetricsResult } from './map-metric';
import { metricsInput } from '../metrics/metrics-input';
import { coreMetricName } from './map-content';
import { toProduct } from './map-shop';

/**
 * Computes a shop's metrics over a validated range.
 * @param since - when the request began (ms): a shop still being read answers with what is covered
 *   `firstAnswerMs` after it (a portfolio's shops all by the same moment)
 */
export async function shopMetrics(
  ctx: GraphContext,
  shop: ShopInfo,
  range: DateRange,
  granularity = Granularity.DAY,
  since?: number,
): Promise<ShopMetricsResult> {
  const window = checkRange(range);
  const data = await ctx.metrics.window(shop, window, since);
  return Object.assign(toShopMetrics(shop, data, ctx.metrics.settings.rates), { granularity });
}

function series(data: WindowData, granularity: Granularity, names: readonly CoreMetricName[], rates: Record<string, string>): MetricPoint[] {
  const { timeZones } = metricsInput(data, rates);
  const { days, adRows, gmvMax, unreadable, window, adsUnknown } = data;
  return computeSeries({
    days,
    adRows,
    gmvMax,
    unreadable,
    window,
    granularity,
    names,
    currency: data.shop.currency,
    rates,
    timeZones,
    adsUnknown,
    asOf: data.orders.asOf,
  }).map((b) => Object.assign(new MetricPoint(), { from: b.from, to: b.to, metrics: b.metrics.map((m) => toMetric(m, data, b.to, b.from)) }));
}

@Resolver(() => ShopMetrics)
export class ShopMetricsResolver {
  @FieldResolver(() => Metric, { description: 'Any order or ad metric by name (TikTok Analytics figures have fields of their own).' })
  metric(@Root() root: ShopMetrics, @Arg('name', () => MetricName) name: MetricName): Metric {
    return (root as ShopMetricsResult).values[coreMetricName(name, 'name')];
  }

  @FieldResolver(() => [MetricPoint], { description: 'The named metrics per bucket of the granularity the window was asked with.' })
  series(@Root() root: ShopMetrics, @Arg('names', () => [MetricName]) names: MetricName[], @Ctx() ctx: GraphContext): MetricPoint[] {
    const r = root as ShopMetricsResult;
    return series(
      r.data,
      r.granularity,
      names.map((n) => coreMetricName(n, 'names')),
      ctx.metrics.settings.rates,
    );
  }

  @FieldResolver(() => [ProductMetrics], { description: 'Products by GMV in the window, highest first.' })
  topProducts(@Root() root: ShopMetrics, @Arg('first', () => Int, { defaultValue: 10 }) first: number, @Ctx() ctx: GraphContext): ProductMetrics[] {
    if (!Number.isInteger(first) || first < 0 || first > 250) throw badUserInput('first', `must be between 0 and 250, got ${first}`);
    const data = (root as ShopMetricsResult).data;
    const total = data.total();
    return Object.entries(total.products)
      .sort(([a, x], [b, y]) => parseDecimal(y.gmv).comparedTo(parseDecimal(x.gmv)) || (a < b ? -1 : 1))
      .slice(0, first)
      .map(([productId]) => productMetrics(data, productId, ctx.metrics.settings.rates));
  }

  @FieldResolver(() => [CampaignMetrics], { description: 'Every campaign with spend in the window (BASIC report and GMV Max), deleted ones included.' })
  async campaigns(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<CampaignMetrics[]> {
    const { data, granularity } = root as ShopMetricsResult;
    const input: CampaignWindow = {
      window: data.window,
      granularity,
      currency: data.shop.currency,
      timeZone: data.shop.timezone,
      advertisers: data.advertisers,
      adRows: data.adRows,
      gmvMax: data.gmvMax,
      reports: data.ads ?? data.orders,
      provisionalFrom: data.ads === null ? null : data.provisionalFrom,
    };
    const keys = [...new Set([...data.adRows, ...data.gmvMax].map((r) => `${r.advertiserId}:${r.campaignId}`))].sort();
    return keys.map((key) => {
      const [advertiserId = '', campaignId = ''] = key.split(':');
      const c = data.campaigns.find((x) => x.campaignId === campaignId && x.advertiserId === advertiserId);
      const campaign = c
        ? toCampaign(
            c,
            data.advertisers.find((a) => a.advertiserId === advertiserId),
          )
        : null;
      return campaignMetrics(input, campaignId, advertiserId, campaign, ctx.metrics.settings.rates);
    });
  }
}

/** One product's order figures within a window's facts. */
function productMetrics(data: WindowData, productId: string, rates: Record<string, string>): ProductMetrics {
  const days = [...data.days.values()].map((d) => {
    const p = d.products[productId];
    const none = { gmv: '0', orders: 0, units: 0, refundedGmv: '0' };
    // Refunds naming no line belong to no product: the day's unpriced ones are not this product's.
    return { ...d, ...(p ?? none), products: {}, otherCurrencies: {}, unpricedRefunds: 0 };
  });
  const values = computeShopMetrics({
    ...metricsInput({ ...data, adRows: [], gmvMax: [] }, rates),
    orders: combineAggregates(days, data.shop.currency),
    adRows: [],
  });
  const m = (v: MetricValue) => toMetric(v, data);
  return Object.assign(new ProductMetrics(), {
    product: null,
    productId,
    shopId: data.shop.id,
    gmv: m(values.GMV),
    orders: m(values.ORDERS),
    unitsSold: m(values.UNITS_SOLD),
    refundedGmv: m(values.REFUNDED_GMV),
  });
}

@Resolver(() => ProductMetrics)
export class ProductMetricsResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The product; null when it no longer exists.' })
  async product(@Root() root: ProductMetrics, @Ctx() ctx: GraphContext): Promise<Product | null> {
    const p = await ctx.loaders.product.load({ shopId: root.shopId, id: root.productId });
    return p ? toProduct(root.shopId, p) : null;
  }
}

@Resolver(() => Product)
export class ProductResolver {
  @FieldResolver(() => ProductMetrics, { description: "The product's sales in a window of the shop's days." })
  async metrics(@Root() product: Product, @Arg('range', () => DateRange) range: DateRange, @Ctx() ctx: GraphContext): Promise<ProductMetrics> {
    const shop = await requireShop(ctx, product.shopId);
    const result = await shopMetrics(ctx, shop, range);
    return Object.assign(productMetrics(result.data, product.id, ctx.metrics.settings.rates), { product });
  }
}

@Resolver(() => Campaign)
export class CampaignResolver {
  @FieldResolver(() => CampaignMetrics, {
    description: "Spend and attributed revenue over a window of the advertiser's days; the series per bucket of the granularity.",
  })
  async metrics(
    @Root() campaign: Campaign,
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('granularity', () => Granularity, { defaultValue: Granularity.DAY }) granularity: Granularity,
    @Ctx() ctx: GraphContext,
  ): Promise<CampaignMetrics> {
    const window = checkRange(range);
    const found = await ctx.metrics.advertiserReport(campaign.advertiserId, window);
    const deleted = campaign.status === 'CAMPAIGN_STATUS_DELETE';
    const adRows: AdRowFact[] = (found?.report.value ?? [])
      .filter((r) => r.campaignId === campaign.id)
      .map((r) => ({
        advertiserId: campaign.advertiserId,
        campaignId: r.campaignId,
        date: r.date,
        currency: campaign.currency,
        spend: r.spend,
        attributedRevenue: r.attributedRevenue,
        impressions: r.impressions,
        clicks: r.clicks,
        campaignDeleted: deleted,
      }));
    const input: CampaignWindow = {
      window,
      granularity,
      currency: campaign.currency,
      timeZone: campaign.timezone,
      advertisers: found ? [found.info] : [],
      adRows,
      gmvMax: [],
      // Without a report (no Marketing API), nothing was read: as of now, and nothing will move.
      reports: found ? { asOf: found.report.fetchedAt, stale: found.report.stale } : { asOf: ctx.metrics.settings.now(), stale: false },
      provisionalFrom: found?.provisionalFrom ?? null,
    };
    return campaignMetrics(input, campaign.id, campaign.advertiserId, campaign, ctx.metrics.settings.rates);
  }
}
