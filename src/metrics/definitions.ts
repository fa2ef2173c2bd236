/**
 * The metric catalogue and the computation of a shop's metrics for one window, exactly as
 * docs/metrics.md defines them.
 *
 * @see docs/metrics.md
 */
import { combineAggregates, type CurrencyTotals, type OrderAggregate } from './day-aggregate';
import { addSums, count, difference, inCurrency, isAllZero, ratio, soleCurrency, sumByCurrency, unavailable, type Exact } from './exact';
import type { AdRowFact, GmvMaxRowFact, UnreadableFact } from '../domain/facts';
import type { FxRateTable } from './fx';
import { roundMoney, roundRatio, type Decimal } from '../domain/money';
import { AT_RISK_HOURS, fulfilmentFigures, mapFulfilment } from './fulfilment-metrics';

/** Every metric ShopGraph computes, in display order. */
export const METRIC_NAMES = [
  'GMV',
  'ORDERS',
  'AOV',
  'UNITS_SOLD',
  'REFUNDED_GMV',
  'REFUND_RATE',
  'NET_REVENUE',
  'AD_SPEND',
  'ATTRIBUTED_REVENUE',
  'ROAS',
  'BLENDED_ROAS',
  'GMV_MAX_ROI',
  'LATE_SHIP_RATE',
  'ON_TIME_DELIVERY_RATE',
  'ORDERS_AT_RISK',
] as const;

/** A metric's name. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** How a metric's value is expressed: currency amount, integer count, or 6-decimal ratio. */
export type MetricUnit = 'MONEY' | 'COUNT' | 'RATIO';

/** Where a metric's data comes from (docs/metrics.md, "Freshness and provenance"). */
export type MetricSource = 'ORDERS' | 'REPORTS' | 'ANALYTICS';

/** A catalogue entry. */
export interface MetricDefinition {
  name: MetricName;
  unit: MetricUnit;
  /** the source reported with the metric */
  source: MetricSource;
  /** every source the value reads, whose freshness (`asOf`, `stale`) the value inherits */
  dependsOn: readonly MetricSource[];
  /** the formula shown to users */
  formula: string;
  /** whether the values of disjoint windows add up to the value of their union */
  additive: boolean;
}

function entry(
  name: MetricName,
  unit: MetricUnit,
  source: MetricSource,
  formula: string,
  additive: boolean,
  dependsOn: readonly MetricSource[] = [source],
): MetricDefinition {
  return { name, unit, source, dependsOn, formula, additive };
}

/** Which orders a window counts (docs/metrics.md, "The window"). */
const COUNTED = 'orders counted in the window (paid in it; cash on delivery: placed in it)';

/** The catalogue: unit, source and formula of every metric (docs/metrics.md, "Definitions"). */
export const METRICS: Readonly<Record<MetricName, MetricDefinition>> = {
  GMV: entry('GMV', 'MONEY', 'ORDERS', `Σ line-item gross (sale_price + platform_discount) of ${COUNTED}`, true),
  ORDERS: entry('ORDERS', 'COUNT', 'ORDERS', `number of ${COUNTED}`, true),
  AOV: entry('AOV', 'MONEY', 'ORDERS', 'GMV / ORDERS', false),
  UNITS_SOLD: entry('UNITS_SOLD', 'COUNT', 'ORDERS', `number of line items of ${COUNTED}`, true),
  REFUNDED_GMV: entry(
    'REFUNDED_GMV',
    'MONEY',
    'ORDERS',
    `Σ over the line items of ${COUNTED} that successful refunds name: line-item gross × min(1, the line's refund_subtotal / sale_price), each line once; all lines of a cash-on-delivery order that ended CANCELLED; refund_subtotal for a refund naming no line`,
    true,
  ),
  REFUND_RATE: entry('REFUND_RATE', 'RATIO', 'ORDERS', 'REFUNDED_GMV / GMV', false),
  NET_REVENUE: entry('NET_REVENUE', 'MONEY', 'ORDERS', 'GMV − REFUNDED_GMV', true),
  AD_SPEND: entry(
    'AD_SPEND',
    'MONEY',
    'REPORTS',
    "Σ spend of the BASIC report rows (campaign × day, deleted campaigns included) + Σ cost of the GMV Max report rows, for the window's days",
    true,
  ),
  ATTRIBUTED_REVENUE: entry('ATTRIBUTED_REVENUE', 'MONEY', 'REPORTS', 'Σ total_onsite_shopping_value of the BASIC report rows', true),
  ROAS: entry(
    'ROAS',
    'RATIO',
    'REPORTS',
    'ATTRIBUTED_REVENUE / Σ spend of the BASIC report rows (the campaigns that report attributed revenue; GMV Max cost is not in it)',
    false,
  ),
  // Reported as REPORTS because ad figures are the provisional, moving part of the ratio.
  BLENDED_ROAS: entry('BLENDED_ROAS', 'RATIO', 'REPORTS', 'GMV / AD_SPEND (all of it, GMV Max cost included)', false, ['ORDERS', 'REPORTS']),
  GMV_MAX_ROI: entry(
    'GMV_MAX_ROI',
    'RATIO',
    'REPORTS',
    'Σ gross_revenue / Σ cost of the GMV Max report (credits organic orders of the promoted products too: not a ROAS)',
    false,
  ),
  LATE_SHIP_RATE: entry(
    'LATE_SHIP_RATE',
    'RATIO',
    'ORDERS',
    `orders shipped after rts_sla_time / orders shipped (rts_time) with an rts_sla_time, of ${COUNTED}`,
    false,
  ),
  ON_TIME_DELIVERY_RATE: entry(
    'ON_TIME_DELIVERY_RATE',
    'RATIO',
    'ORDERS',
    `orders delivered (delivery_time) by delivery_sla_time (else delivery_option_required_delivery_time) / orders delivered with such a deadline, of ${COUNTED}`,
    false,
  ),
  ORDERS_AT_RISK: entry(
    'ORDERS_AT_RISK',
    'COUNT',
    'ORDERS',
    `${COUNTED} still to ship (ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING) whose rts_sla_time is at or before the data's asOf + ${AT_RISK_HOURS} hours, overdue ones included`,
    true,
  ),
};

/** Everything {@link computeShopMetrics} needs; all of it already restricted to the window. */
export interface ShopMetricsInput {
  /** the combined order aggregate of the window's days */
  orders: OrderAggregate;
  /** the report rows of the shop's advertisers for the window's dates */
  adRows: readonly AdRowFact[];
  /** the GMV Max report rows of the shop's store for the window's dates */
  gmvMax?: readonly GmvMaxRowFact[];
  /** rows TikTok sent that could not be read and may count in the window: the figures they touch are unknown */
  unreadable?: readonly UnreadableFact[];
  /** the shop's currency */
  currency: string;
  /** the operator's fixed rate table, if any */
  rates?: FxRateTable;
  /** the zones the data is dated in, so the ad formulas can say when they differ */
  timeZones?: { shop: string; advertisers: readonly string[] };
  /**
   * Why the shop's advertisers are unknown (they cannot be listed and the config file does not
   * name them): every ad figure is then null with this reason, the order figures stand.
   */
  adsUnknown?: string | null;
  /**
   * The time (ms) the order data reflects: ORDERS_AT_RISK counts the orders still to ship by then
   * whose ship-by time is within {@link AT_RISK_HOURS} of it; without it that figure is null.
   */
  asOf?: number;
}

/** One computed metric. */
export interface MetricValue {
  name: MetricName;
  unit: MetricUnit;
  /** rounded: money to the currency's minor unit, ratios to 6 decimals, counts as integers */
  value: string | null;
  /** the currency of a MONEY value */
  currency?: string;
  /** why `value` is null; null whenever `value` is not */
  nullReason: string | null;
  /** {@link MetricDefinition.formula}, plus any rate used or time-zone caveat */
  formula: string;
}

/** Every metric of a window, by name. */
export type ShopMetrics = Record<MetricName, MetricValue>;

function present(definition: MetricDefinition, exact: Exact, money: string | undefined, caveats: readonly string[]): MetricValue {
  const { name, unit, formula } = definition;
  if (unit === 'MONEY' && money === undefined) throw new Error(`${name} is money and needs a currency`);
  let value: string | null = null;
  if (exact.ok && money !== undefined) value = roundMoney(exact.value, money);
  else if (exact.ok) value = unit === 'RATIO' ? roundRatio(exact.value) : exact.value.toFixed(0);
  const nullReason = exact.ok ? null : exact.reason;
  const fullFormula = [formula, ...(exact.ok ? exact.notes : []), ...caveats].join('; ');
  return { name, unit, value, ...(money === undefined ? {} : { currency: money }), nullReason, formula: fullFormula };
}

function timeZoneCaveats(zones: ShopMetricsInput['timeZones']): string[] {
  if (zones === undefined) return [];
  const foreign = [...new Set(zones.advertisers)].filter((zone) => zone !== zones.shop);
  // docs/metrics.md: ad days map to shop days by date label; "when the two zones differ, the ad
  // metrics' formula text says so".
  return foreign.length === 0
    ? []
    : [`ad days are dated in the advertiser time zone (${foreign.join(', ')}) and mapped to shop days (${zones.shop}) by date label`];
}

const NO_ORDERS = 'no orders in the window';

/** Why figures are unknown when rows TikTok sent could not be read; null when none could not. */
function unreadableReason(rows: readonly UnreadableFact[], noun: string): string | null {
  if (rows.length === 0) return null;
  const [first] = rows;
  const more = rows.length > 1 ? ` and ${rows.length - 1} more` : '';
  return `unknown: TikTok sent ${rows.length} ${noun}${rows.length === 1 ? '' : 's'} that could not be read and may count in the window (${first!.detail}${more})`;
}
const NO_GMV = 'GMV is 0 in the window';
const NO_SPEND = 'no ad spend in the window';
const NO_BASIC_SPEND = 'no spend on campaigns that report attributed revenue (BASIC report) in the window';
const NO_GMV_MAX_COST = 'no GMV Max cost in the window';

/**
 * Computes every metric of one window (docs/metrics.md, "Definitions"), from exact unrounded sums,
 * rounding each value only at the end.
 *
 * Money in two currencies is never added: without a fixed rate table covering them, a metric
 * that would need it is null with a reason naming the currencies. Order money is in the shop
 * currency; ad spend and attributed revenue are in the ad currency when there is exactly one
 * (converted to the shop currency otherwise); ROAS and Blended ROAS compare in the shop currency.
 *
 * @param input - the window's facts, see {@link ShopMetricsInput}
 * @returns each metric with its rounded value or the reason it is null
 * @throws InvalidDecimalError when an ad amount or a rate needed is not a plain decimal
 */
export function computeShopMetrics(input: ShopMetricsInput): ShopMetrics {
  const { currency, rates } = input;
  // Re-keying by the requested currency guarantees that an aggregate built for another
  // currency is treated as foreign money, never silently as the shop's.
  const orders = combineAggregates([input.orders], currency);
  const perCurrency: [string, CurrencyTotals][] = [[currency, orders], ...Object.entries(orders.otherCurrencies)];
  const orderMoney = (key: 'gmv' | 'refundedGmv', what: string): Exact =>
    inCurrency(
      sumByCurrency(
        perCurrency,
        ([code]) => code,
        ([, totals]) => totals[key],
      ),
      currency,
      rates,
      what,
    );
  // An order TikTok sent unreadable makes every order figure of the windows it may count in
  // unknown; an unreadable return or cancellation, the refund figures (docs/metrics.md).
  const unreadable = input.unreadable ?? [];
  const unreadableOrders = unreadableReason(
    unreadable.filter((u) => u.kind === 'order'),
    'order',
  );
  const unreadableRefunds = unreadableReason(unreadable, 'row');
  const orderFigure = (exact: () => Exact): Exact => (unreadableOrders ? unavailable(unreadableOrders) : exact());
  const orderCount = orderFigure(() => count(perCurrency.reduce((n, [, totals]) => n + totals.orders, 0)));
  const units = orderFigure(() => count(perCurrency.reduce((n, [, totals]) => n + totals.units, 0)));
  const gmv = orderFigure(() => orderMoney('gmv', 'orders'));
  const unpriced = perCurrency.reduce((n, [, totals]) => n + totals.unpricedRefunds, 0);
  // A successful refund that names no line and carries no amount refunded an unknown sum: the
  // total is unknown too, never silently short.
  const refunded = unreadableRefunds
    ? unavailable(unreadableRefunds)
    : unpriced > 0
      ? unavailable(`unknown: ${unpriced} successful refund${unpriced === 1 ? '' : 's'} of the window's orders named no line item and carried no refund amount`)
      : orderMoney('refundedGmv', 'refunds');

  const basicSpend = sumByCurrency(
    input.adRows,
    (row) => row.currency,
    (row) => row.spend,
  );
  const attributed = sumByCurrency(
    input.adRows,
    (row) => row.currency,
    (row) => row.attributedRevenue,
  );
  const gmvMax = input.gmvMax ?? [];
  const costs = sumByCurrency(
    gmvMax,
    (row) => row.currency,
    (row) => row.cost,
  );
  const spend = addSums(basicSpend, costs);
  const adCurrency = soleCurrency(spend) ?? currency;
  // docs/metrics.md: ROAS and Blended ROAS are null when their spend is 0, before any currency question.
  const per = (numerator: Exact, denominator: ReadonlyMap<string, Decimal>, reason: string): Exact =>
    isAllZero(denominator) ? unavailable(reason) : ratio(numerator, inCurrency(denominator, currency, rates, 'ad money'), reason);

  const revenues = sumByCurrency(
    gmvMax,
    (row) => row.currency,
    (row) => row.grossRevenue,
  );
  // ROI compares two figures of the same report, so one currency needs no conversion at all.
  const maxCurrency = soleCurrency(costs) ?? currency;
  const roi = isAllZero(costs)
    ? unavailable(NO_GMV_MAX_COST)
    : ratio(inCurrency(revenues, maxCurrency, rates, 'GMV Max revenue'), inCurrency(costs, maxCurrency, rates, 'GMV Max cost'), NO_GMV_MAX_COST);

  const adCaveats = timeZoneCaveats(input.timeZones);
  const show = (name: MetricName, exact: Exact, money?: string, caveats: readonly string[] = []): MetricValue => present(METRICS[name], exact, money, caveats);
  const { adsUnknown } = input;
  const adFigure = (exact: () => Exact): Exact => (adsUnknown ? unavailable(adsUnknown) : exact());
  return {
    GMV: show('GMV', gmv, currency),
    ORDERS: show('ORDERS', orderCount),
    AOV: show('AOV', ratio(gmv, orderCount, NO_ORDERS), currency),
    UNITS_SOLD: show('UNITS_SOLD', units),
    REFUNDED_GMV: show('REFUNDED_GMV', refunded, currency),
    REFUND_RATE: show('REFUND_RATE', ratio(refunded, gmv, NO_GMV)),
    NET_REVENUE: show('NET_REVENUE', difference(gmv, refunded), currency),
    AD_SPEND: show(
      'AD_SPEND',
      adFigure(() => inCurrency(spend, adCurrency, rates, 'ad money')),
      adCurrency,
      adCaveats,
    ),
    ATTRIBUTED_REVENUE: show(
      'ATTRIBUTED_REVENUE',
      adFigure(() => inCurrency(attributed, adCurrency, rates, 'ad money')),
      adCurrency,
      adCaveats,
    ),
    ROAS: show(
      'ROAS',
      adFigure(() => per(inCurrency(attributed, currency, rates, 'ad money'), basicSpend, NO_BASIC_SPEND)),
      undefined,
      adCaveats,
    ),
    BLENDED_ROAS: show(
      'BLENDED_ROAS',
      adFigure(() => per(gmv, spend, NO_SPEND)),
      undefined,
      adCaveats,
    ),
    GMV_MAX_ROI: show(
      'GMV_MAX_ROI',
      adFigure(() => roi),
      undefined,
      adCaveats,
    ),
    ...mapFulfilment(fulfilmentFigures(orders.fulfilment, input.asOf), (name, exact) =>
      present(
        METRICS[name],
        orderFigure(() => exact),
        undefined,
        [],
      ),
    ),
  };
}
