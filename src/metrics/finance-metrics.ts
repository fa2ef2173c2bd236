/**
 * The profit metrics of a window: what TikTok settled for the orders paid in it, what their goods
 * cost and what the ads cost. Orders belong to the window of their `paid_time`, as for GMV
 * (docs/metrics.md, "The window"), so profit and ad spend of one window are about the same orders;
 * an order counts once TikTok has settled it, wherever its statement falls.
 * Money is exact and rounded only at the end, half-even; a value that cannot be known is null
 * with a reason, never a silent zero.
 * @see docs/metrics.md
 */
import { addSums, difference, inCurrency, isAllZero, known, ratio, sumByCurrency, unavailable, type Exact } from './exact';
import type { AdRowFact, GmvMaxRowFact } from '../domain/facts';
import type { FinanceOrder } from '../datasources/finance-facts';
import type { UnitCostBook } from '../domain/finance-costs';
import type { FxRateTable } from './fx';
import { parseDecimal, roundMoney, roundRatio, zero, type Decimal } from '../domain/money';

/** The profit metrics, in display order. */
export const FINANCE_METRIC_NAMES = ['FEES', 'SETTLEMENT', 'TAKE_RATE', 'COGS', 'CONTRIBUTION_MARGIN', 'PROFIT_ROAS'] as const;
export type FinanceMetricName = (typeof FINANCE_METRIC_NAMES)[number];

/** What a profit metric reads, so it inherits the freshness of each. */
export type FinanceDependency = 'ORDERS' | 'FINANCE' | 'REPORTS';

/** A catalogue entry. */
export interface FinanceMetricDefinition {
  name: FinanceMetricName;
  unit: 'MONEY' | 'RATIO';
  /**
   * The source reported with the metric: ORDERS for the settlements of the window's orders (the
   * Partner API's per-order figures); REPORTS for those with ad spend, the moving part, as for
   * BLENDED_ROAS.
   */
  source: 'ORDERS' | 'REPORTS';
  formula: string;
  dependsOn: readonly FinanceDependency[];
}

const SETTLED = 'orders paid in the window that TikTok has settled';

/** The catalogue (README, "Metric definitions"). */
export const FINANCE_METRICS: Readonly<Record<FinanceMetricName, FinanceMetricDefinition>> = {
  FEES: {
    name: 'FEES',
    source: 'ORDERS',
    unit: 'MONEY',
    formula: `−Σ fee_tax_amount (fees and taxes on fees) of the ${SETTLED}`,
    dependsOn: ['ORDERS', 'FINANCE'],
  },
  SETTLEMENT: {
    name: 'SETTLEMENT',
    source: 'ORDERS',
    unit: 'MONEY',
    formula: `Σ settlement_amount (revenue − fees − shipping cost) of the ${SETTLED}`,
    dependsOn: ['ORDERS', 'FINANCE'],
  },
  TAKE_RATE: { name: 'TAKE_RATE', source: 'ORDERS', unit: 'RATIO', formula: `FEES / Σ revenue_amount of the ${SETTLED}`, dependsOn: ['ORDERS', 'FINANCE'] },
  COGS: {
    name: 'COGS',
    source: 'ORDERS',
    unit: 'MONEY',
    formula: `Σ units × unit cost in force on the payment day, over the units (line items not cancelled before shipping) of the ${SETTLED}`,
    dependsOn: ['ORDERS', 'FINANCE'],
  },
  CONTRIBUTION_MARGIN: {
    name: 'CONTRIBUTION_MARGIN',
    source: 'REPORTS',
    unit: 'MONEY',
    formula: 'SETTLEMENT − COGS − AD_SPEND',
    dependsOn: ['ORDERS', 'FINANCE', 'REPORTS'],
  },
  PROFIT_ROAS: {
    name: 'PROFIT_ROAS',
    source: 'REPORTS',
    unit: 'RATIO',
    formula: '(SETTLEMENT − COGS) / AD_SPEND',
    dependsOn: ['ORDERS', 'FINANCE', 'REPORTS'],
  },
};

/** Everything the profit metrics of a window read. */
export interface FinanceMetricsInput {
  /** the shop's currency, the currency of the money metrics */
  currency: string;
  /** the orders paid in the window, with their settlement when TikTok has made one */
  orders: readonly FinanceOrder[];
  /** the BASIC report rows of the window (as for AD_SPEND) */
  adRows: readonly AdRowFact[];
  /** the GMV Max report rows of the window: their cost is ad spend too (as for AD_SPEND) */
  gmvMax: readonly GmvMaxRowFact[];
  /** whether the shop has an ad account linked: without one, ad spend is 0 and the formulas say so */
  adsLinked: boolean;
  /** why the shop's advertisers are unknown, if they are: the figures spending on ads are then null */
  adsUnknown?: string | null;
  costs: UnitCostBook;
  rates?: FxRateTable;
}

/** One computed profit metric (the shape of `MetricValue`, with a profit metric's name). */
export interface FinanceMetricValue {
  name: FinanceMetricName;
  unit: 'MONEY' | 'RATIO';
  value: string | null;
  currency?: string;
  nullReason: string | null;
  formula: string;
}

/** The profit metrics of a window, and how many of its orders still await settlement. */
export interface FinanceMetrics {
  values: Record<FinanceMetricName, FinanceMetricValue>;
  settledOrders: number;
  /** paid, not cancelled, not settled yet: the metrics will move when TikTok settles them */
  awaitingSettlement: number;
}

const NO_SPEND = 'no ad spend in the window';
const NO_REVENUE = 'no settled revenue in the window';
/** How many SKU ids a null reason names before it says "…". */
const NAMED_SKUS = 5;

function negate(exact: Exact): Exact {
  return exact.ok ? known(exact.value.negated(), exact.notes) : exact;
}

/** Σ units × unit cost, or why it cannot be known: which SKUs lack a cost, or a currency without a rate. */
function cogs(orders: readonly FinanceOrder[], book: UnitCostBook, currency: string, rates: FxRateTable | undefined): Exact {
  const byCurrency = new Map<string, Decimal>();
  const missing = new Set<string>();
  for (const order of orders) {
    for (const { skuId, quantity } of order.units) {
      const cost = book.at(skuId, order.countedDate);
      if (!cost) {
        missing.add(skuId);
        continue;
      }
      byCurrency.set(cost.currency, (byCurrency.get(cost.currency) ?? zero()).plus(parseDecimal(cost.amount).times(quantity)));
    }
  }
  if (missing.size > 0) {
    const ids = [...missing].sort();
    const named = ids.slice(0, NAMED_SKUS).join(', ') + (ids.length > NAMED_SKUS ? ', …' : '');
    return unavailable(
      `${ids.length} SKU${ids.length === 1 ? '' : 's'} sold in the window ${ids.length === 1 ? 'has' : 'have'} no unit cost (${named}): set them with setUnitCosts or the config file's costs`,
    );
  }
  return inCurrency(byCurrency, currency, rates, 'unit costs');
}

function present(name: FinanceMetricName, exact: Exact, currency: string, caveats: readonly string[]): FinanceMetricValue {
  const { unit, formula } = FINANCE_METRICS[name];
  let value: string | null = null;
  if (exact.ok) value = unit === 'MONEY' ? roundMoney(exact.value, currency) : roundRatio(exact.value);
  return {
    name,
    unit,
    value,
    ...(unit === 'MONEY' ? { currency } : {}),
    nullReason: exact.ok ? null : exact.reason,
    formula: [formula, ...(exact.ok ? exact.notes : []), ...caveats].join('; '),
  };
}

/**
 * Computes FEES, SETTLEMENT, TAKE_RATE, COGS, CONTRIBUTION_MARGIN and PROFIT_ROAS of a window from
 * exact sums. Settlements, unit costs and ad money in another currency than the shop's are
 * converted only through the operator's fixed rate table, else the metric is null with a reason.
 * @throws InvalidDecimalError when an upstream amount, a cost or a rate is not a plain decimal
 */
export function computeFinanceMetrics(input: FinanceMetricsInput): FinanceMetrics {
  const { currency, rates } = input;
  const settled = input.orders.filter((o) => o.settlement !== null);
  const settlements = settled.map((o) => o.settlement!);
  const total = (field: 'revenue' | 'feeTax' | 'settlement'): Exact =>
    inCurrency(
      sumByCurrency(
        settlements,
        (s) => s.currency,
        (s) => s[field],
      ),
      currency,
      rates,
      'settlements',
    );
  const fees = negate(total('feeTax'));
  const settlement = total('settlement');
  const goods = cogs(settled, input.costs, currency, rates);
  const spendSums = addSums(
    sumByCurrency(
      input.adRows,
      (r) => r.currency,
      (r) => r.spend,
    ),
    sumByCurrency(
      input.gmvMax,
      (r) => r.currency,
      (r) => r.cost,
    ),
  );
  const spend = input.adsUnknown ? unavailable(input.adsUnknown) : inCurrency(spendSums, currency, rates, 'ad money');
  const gross = difference(settlement, goods);

  const awaiting = input.orders.filter((o) => o.settlement === null && o.status !== 'CANCELLED').length;
  const caveats =
    awaiting === 0
      ? []
      : [
          `${awaiting} order${awaiting === 1 ? '' : 's'} paid in the window ${awaiting === 1 ? 'is' : 'are'} not settled yet and count${awaiting === 1 ? 's' : ''} once TikTok settles ${awaiting === 1 ? 'it' : 'them'}`,
        ];
  const adCaveats = input.adsLinked ? caveats : [...caveats, 'no ad account linked to the shop: AD_SPEND is 0'];
  const show = (name: FinanceMetricName, exact: Exact, notes = caveats): FinanceMetricValue => present(name, exact, currency, notes);
  return {
    values: {
      FEES: show('FEES', fees),
      SETTLEMENT: show('SETTLEMENT', settlement),
      TAKE_RATE: show('TAKE_RATE', ratio(fees, total('revenue'), NO_REVENUE)),
      COGS: show('COGS', goods),
      CONTRIBUTION_MARGIN: show('CONTRIBUTION_MARGIN', difference(gross, spend), adCaveats),
      // As for ROAS (docs/metrics.md): null when spend is 0, before any other question.
      PROFIT_ROAS: show('PROFIT_ROAS', input.adsUnknown ? spend : isAllZero(spendSums) ? unavailable(NO_SPEND) : ratio(gross, spend, NO_SPEND), adCaveats),
    },
    settledOrders: settled.length,
    awaitingSettlement: awaiting,
  };
}
