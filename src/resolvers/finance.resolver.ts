/**
 * Finance fields: a shop's statements, payouts, unit costs and reconciliation, an order's
 * settlement, the profit metrics on ShopMetrics, and the `setUnitCosts` mutation. Every field
 * starts at `requireShop`, so a caller reaches only its own shops' money; the scopes plugin has
 * already required `finance:read` (or `finance:write` for the mutation) before any of this runs.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { inSoutheastAsia, type ShopInfo } from '../datasources/shop-directory';
import { badUserInput, notFound } from '../errors';
import { UnitCostBook, UnitCostRejected, unitCostProblem } from '../domain/finance-costs';
import { StoreUnavailableError } from '../store/store-unavailable';
import { financeOrder } from '../datasources/finance-facts';
import { computeFinanceMetrics, type FinanceMetricName } from '../metrics/finance-metrics';
import { localDate, windowBounds, type DateWindow } from '../domain/window';
import { DateRange } from '../schema/types/common';
import {
  FinanceReconciliation,
  OrderSettlement,
  PayoutConnection,
  PayoutEdge,
  SetUnitCostsPayload,
  StatementConnection,
  StatementEdge,
  UnitCost,
  UnitCostInput,
} from '../schema/types/finance';
import { Granularity } from '../schema/types/common';
import { Metric, ShopMetrics } from '../schema/types/metric';
import { Order } from '../schema/types/order';
import { Shop } from '../schema/types/shop';
import { sliceConnection } from './connection';
import { MAX_FIRST } from '../security/cost';
import { requireShop, type GraphContext } from './context';
import { reconciliation } from './finance-reconcile';
import { toFinanceMetric, toOrderSettlement, toPayout, toStatement, toUnitCost, unsettledReason } from './map-finance';
import { checkRange, type ShopMetricsResult } from './map-metric';
import { connectionParts, readable } from './rejected';

/** At most this many costs per `setUnitCosts` call. */
const MAX_COSTS = 500;

/** TikTok's reference: the payments API "is currently unavailable to SEA markets". */
const PAYOUTS_UNAVAILABLE = "TikTok's payments API is unavailable to shops in Southeast Asia (ID, MY, PH, SG, TH, VN)";

/** A window's instants in the shop's zone: statements and payouts count in the day of their time there. */
function instants(shop: ShopInfo, window: DateWindow) {
  const { start, end } = windowBounds(window, shop.timezone);
  return { ge: start, lt: end };
}

@Resolver(() => Shop)
export class ShopFinanceResolver {
  @FieldResolver(() => StatementConnection, { description: "Daily statements generated in a window of the shop's days, newest first." })
  async statements(
    @Root() shop: Shop,
    @Ctx() ctx: GraphContext,
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 250.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<StatementConnection> {
    const info = await requireShop(ctx, shop.id);
    const window = checkRange(range);
    const span = instants(info, window);
    const slice = await sliceConnection({
      shopId: shop.id,
      query: ['statements', window],
      first,
      after,
      fetchPage: (t) => ctx.finance.statementPage(info, span, t),
    });
    const parts = connectionParts(
      slice,
      'statement',
      (s) => toStatement(s, info),
      (cursor, node) => Object.assign(new StatementEdge(), { cursor, node }),
    );
    return Object.assign(new StatementConnection(), parts);
  }

  @FieldResolver(() => PayoutConnection, {
    nullable: true,
    description:
      "Payouts to the seller's bank account created in a window of the shop's days, newest first; null where TikTok offers no payouts data (payoutsNullReason says why).",
  })
  async payouts(
    @Root() shop: Shop,
    @Ctx() ctx: GraphContext,
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 250.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PayoutConnection | null> {
    const info = await requireShop(ctx, shop.id);
    const window = checkRange(range);
    if (inSoutheastAsia(info)) return null;
    const span = instants(info, window);
    const slice = await sliceConnection({
      shopId: shop.id,
      query: ['payouts', window],
      first,
      after,
      fetchPage: (t) => ctx.finance.paymentPage(info, span, t),
    });
    const parts = connectionParts(slice, 'payout', toPayout, (cursor, node) => Object.assign(new PayoutEdge(), { cursor, node }));
    return Object.assign(new PayoutConnection(), parts);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why payouts is null; null when it is not.' })
  async payoutsNullReason(@Root() shop: Shop, @Ctx() ctx: GraphContext): Promise<string | null> {
    return inSoutheastAsia(await requireShop(ctx, shop.id)) ? PAYOUTS_UNAVAILABLE : null;
  }

  @FieldResolver(() => FinanceReconciliation, {
    description: "ShopGraph's GMV, refunds and fees beside TikTok's statements, per period of the window, with what is left unexplained.",
  })
  async financeReconciliation(
    @Root() shop: Shop,
    @Ctx() ctx: GraphContext,
    @Arg('range', () => DateRange) range: DateRange,
    @Arg('granularity', () => Granularity, { defaultValue: Granularity.DAY, description: 'Period size; DAY is one statement a period.' })
    granularity: Granularity,
  ): Promise<FinanceReconciliation> {
    const info = await requireShop(ctx, shop.id);
    return reconciliation(ctx, info, checkRange(range), granularity);
  }

  // The SKUs are named, not listed: the config file's costs are keyed by SKU id for every shop, and
  // a tenant must not learn which SKUs of other shops have one.
  @FieldResolver(() => [UnitCost], { description: 'The unit-cost histories of the named SKUs (at most 250), each oldest first.' })
  async unitCosts(@Root() shop: Shop, @Ctx() ctx: GraphContext, @Arg('skuIds', () => [ID]) skuIds: string[]): Promise<UnitCost[]> {
    const info = await requireShop(ctx, shop.id);
    if (skuIds.length > MAX_FIRST) throw badUserInput('skuIds', `at most ${MAX_FIRST}, got ${skuIds.length}`);
    return (await ctx.finance.costs.book(info)).history([...new Set(skuIds)]).map(toUnitCost);
  }
}

@Resolver(() => Order)
export class OrderFinanceResolver {
  @FieldResolver(() => OrderSettlement, {
    nullable: true,
    description: 'What TikTok settled for the order; null while it is not settled (settlementNullReason says why).',
  })
  async settlement(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<OrderSettlement | null> {
    const info = await requireShop(ctx, order.shopId);
    const found = await ctx.finance.orderSettlement(info, order.id);
    return found.value ? toOrderSettlement(found.value) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why settlement is null; null when it is not.' })
  async settlementNullReason(@Root() order: Order, @Ctx() ctx: GraphContext): Promise<string | null> {
    const info = await requireShop(ctx, order.shopId);
    const found = await ctx.finance.orderSettlement(info, order.id);
    if (found.value) return null;
    const raw = await readable(ctx.loaders.order.load({ shopId: order.shopId, id: order.id }));
    if (!raw) throw notFound('order', order.id);
    return unsettledReason(raw.status);
  }
}

/** The profit metrics of a ShopMetrics answer, computed once however many of them are asked. */
const computed = new WeakMap<object, Promise<Record<FinanceMetricName, Metric>>>();

async function profitMetrics(root: ShopMetrics, ctx: GraphContext): Promise<Record<FinanceMetricName, Metric>> {
  const { data } = root as ShopMetricsResult;
  const shop = await requireShop(ctx, data.shop.id);
  const [settled, paid, costs] = await Promise.all([
    ctx.finance.settlements(shop, data.window),
    ctx.finance.countedOrders(shop, data.window),
    // The costs set through the API cannot be read (Redis away): the metrics using them say so.
    ctx.finance.costs.book(shop).catch((error: unknown) => {
      if (error instanceof StoreUnavailableError) return error;
      throw error;
    }),
  ]);
  const orders = paid.value.flatMap((o) => financeOrder(o, shop.timezone, settled.value.byOrder.get(o.id)) ?? []);
  const unreadable = costs instanceof StoreUnavailableError ? costs.message : null;
  const result = computeFinanceMetrics({
    currency: shop.currency,
    orders,
    adRows: data.adRows,
    gmvMax: data.gmvMax,
    adsLinked: data.ads !== null,
    adsUnknown: data.adsUnknown,
    costs: unreadable === null ? (costs as UnitCostBook) : new UnitCostBook([]),
    rates: ctx.metrics.settings.rates,
  });
  if (unreadable !== null) {
    for (const name of ['COGS', 'CONTRIBUTION_MARGIN', 'PROFIT_ROAS'] as const)
      result.values[name] = { ...result.values[name], value: null, nullReason: unreadable };
  }
  const now = ctx.metrics.settings.now();
  const freshness = {
    ORDERS: { asOf: paid.fetchedAt, stale: paid.stale },
    FINANCE: { asOf: settled.fetchedAt, stale: settled.stale },
    REPORTS: data.ads ?? { asOf: now, stale: false },
  };
  const provisional = { settlements: result.awaitingSettlement > 0, ads: data.ads !== null && data.window.to >= data.provisionalFrom };
  const values = Object.values(result.values).map((v) => [v.name, toFinanceMetric(v, freshness, provisional)] as const);
  return Object.fromEntries(values) as Record<FinanceMetricName, Metric>;
}

function profitMetric(root: ShopMetrics, ctx: GraphContext, name: FinanceMetricName): Promise<Metric> {
  let all = computed.get(root);
  if (!all) computed.set(root, (all = profitMetrics(root, ctx)));
  return all.then((values) => values[name]);
}

@Resolver(() => ShopMetrics)
export class ShopMetricsFinanceResolver {
  @FieldResolver(() => Metric, { description: 'FEES: fees and taxes on fees TikTok charged the settled orders paid in the window.' })
  fees(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return profitMetric(root, ctx, 'FEES');
  }

  @FieldResolver(() => Metric, { description: 'SETTLEMENT: what TikTok settled for the orders paid in the window.' })
  settlement(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return profitMetric(root, ctx, 'SETTLEMENT');
  }

  @FieldResolver(() => Metric, { description: 'TAKE_RATE: FEES / settled revenue.' })
  takeRate(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return profitMetric(root, ctx, 'TAKE_RATE');
  }

  @FieldResolver(() => Metric, { description: 'COGS: units of the settled orders × unit cost; null while a SKU has no cost.' })
  cogs(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return profitMetric(root, ctx, 'COGS');
  }

  @FieldResolver(() => Metric, { description: 'CONTRIBUTION_MARGIN: SETTLEMENT − COGS − AD_SPEND.' })
  contributionMargin(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return profitMetric(root, ctx, 'CONTRIBUTION_MARGIN');
  }

  @FieldResolver(() => Metric, { description: 'PROFIT_ROAS (POAS): (SETTLEMENT − COGS) / AD_SPEND.' })
  profitRoas(@Root() root: ShopMetrics, @Ctx() ctx: GraphContext): Promise<Metric> {
    return profitMetric(root, ctx, 'PROFIT_ROAS');
  }
}

@Resolver()
export class UnitCostMutationResolver {
  @Mutation(() => SetUnitCostsPayload, {
    description:
      'Adds unit costs to SKU histories (needs finance:write): all of them or none, answered once stored. A cost applies from its effectiveFrom day on and ' +
      "past costs are never rewritten: a SKU's first cost may start on any day from 2020-01-01 (COGS that was null gets a value), a later one starts on the shop's today or after, " +
      'so a COGS figure once given never changes.',
  })
  async setUnitCosts(
    @Arg('shopId', () => ID) shopId: string,
    @Arg('costs', () => [UnitCostInput]) costs: UnitCostInput[],
    @Ctx() ctx: GraphContext,
  ): Promise<SetUnitCostsPayload> {
    const info = await requireShop(ctx, shopId);
    if (costs.length === 0 || costs.length > MAX_COSTS) throw badUserInput('costs', `give 1 to ${MAX_COSTS} costs, got ${costs.length}`);
    const today = localDate(Math.floor(ctx.metrics.settings.now() / 1000), info.timezone);
    const inputs = costs.map((c) => ({ skuId: c.skuId, amount: c.amount, currency: c.currency ?? undefined, from: c.effectiveFrom ?? undefined }));
    // Bounded at the door (digits, dates), each problem naming its field, before the store is touched.
    const problem = unitCostProblem(inputs, today);
    if (problem) throw badUserInput(problem.field, problem.message);
    try {
      // Answered once every cost is durably stored (a store that cannot take it fails instead).
      const added = await ctx.finance.costs.add(info, inputs, today);
      return Object.assign(new SetUnitCostsPayload(), { shopId, unitCosts: added.map(toUnitCost) });
    } catch (error) {
      if (error instanceof UnitCostRejected) throw badUserInput(error.field, error.message);
      throw error;
    }
  }
}
