/**
 * TikTok's finance objects and ShopGraph's finance computations shaped into the graph's types.
 * Amounts are rounded for display only (TikTok's are already in minor units); sums are exact.
 */
import { isKnown } from '../datasources/lenient';
import {
  PAYMENT_STATUSES,
  type AmountBreakdown,
  type FinanceAmount,
  type FinancePayment,
  type OrderStatementTransactions,
  type PartnerSkuTransaction,
  type PartnerStatement,
} from '../datasources/partner/schemas';
import { inSoutheastAsia, type ShopInfo } from '../datasources/shop-directory';
import { feeTypeOf, type FeeType as CoreFeeType } from '../datasources/finance-facts';
import type { UnitCostEntry } from '../domain/finance-costs';
import { FINANCE_METRICS, type FinanceDependency, type FinanceMetricValue } from '../metrics/finance-metrics';
import { minorUnits, parseDecimal, roundMoney, sumDecimals, type Decimal } from '../domain/money';
import { fromUnixSeconds } from '../schema/scalars';
import { money, type Money } from '../schema/types/common';
import {
  FeeLine,
  FeeType,
  OrderSettlement,
  PaymentStatus,
  Payout,
  SettlementLine,
  Statement,
  UnitCost,
  UnitCostSource,
  type SettlementAmounts,
} from '../schema/types/finance';
import type { Metric } from '../schema/types/metric';
import { metricObject } from './map-metric';

const DAY = 86_400;

/** Money for display: rounded half-even to the currency's minor unit. */
export const amount = (value: string | Decimal, currency: string): Money => money(roundMoney(value, currency), currency);
const financeMoney = (a: FinanceAmount | undefined): Money | null => (a ? amount(a.value, a.currency) : null);

/** TikTok's payment status as the graph's: UNKNOWN for one ShopGraph does not know, or none. */
export function paymentStatus(value: string | undefined): PaymentStatus {
  return isKnown(PAYMENT_STATUSES, value) ? (value as PaymentStatus) : PaymentStatus.UNKNOWN;
}

/**
 * Why a statement amount TikTok may leave out is missing: TikTok's reference sends
 * `revenue_amount` everywhere but the UK and the US, `net_sales_amount` and
 * `shipping_cost_amount` to local sellers outside Southeast Asia only.
 */
export function statementAmountMissing(field: 'revenue_amount' | 'net_sales_amount' | 'shipping_cost_amount', shop: ShopInfo): string {
  if (field === 'revenue_amount') {
    return shop.region === 'US' || shop.region === 'GB' ? `TikTok does not report revenue_amount for ${shop.region} shops` : 'TikTok sent no revenue_amount';
  }
  if (inSoutheastAsia(shop) || shop.sellerType !== 'LOCAL') return `TikTok reports ${field} for local sellers outside Southeast Asia only`;
  return `TikTok sent no ${field}`;
}

/** A daily statement of `shop`; amounts TikTok left out are null, with the reason beside them. */
export function toStatement(s: PartnerStatement, shop: ShopInfo): Statement {
  const m = (value: string) => amount(value, s.currency);
  const optional = (field: 'revenue_amount' | 'net_sales_amount' | 'shipping_cost_amount') => {
    const value = s[field];
    return value === undefined ? { money: null, reason: statementAmountMissing(field, shop) } : { money: m(value), reason: null };
  };
  const revenue = optional('revenue_amount');
  const shippingCost = optional('shipping_cost_amount');
  const netSales = optional('net_sales_amount');
  return Object.assign(new Statement(), {
    id: s.id,
    statementTime: fromUnixSeconds(s.statement_time),
    periodStart: fromUnixSeconds(s.statement_time - DAY),
    periodEnd: fromUnixSeconds(s.statement_time),
    currency: s.currency,
    revenue: revenue.money,
    revenueNullReason: revenue.reason,
    fees: m(s.fee_amount),
    adjustments: m(s.adjustment_amount),
    shippingCost: shippingCost.money,
    shippingCostNullReason: shippingCost.reason,
    netSales: netSales.money,
    netSalesNullReason: netSales.reason,
    settlement: m(s.settlement_amount),
    paymentStatus: paymentStatus(s.payment_status),
    rawPaymentStatus: s.payment_status ?? null,
    paymentId: s.payment_id ?? null,
  });
}

/** The last 4 digits of a bank account TikTok masks (`"***********1234"`); nothing else of it leaves. */
export function last4(account: string | undefined): string | null {
  const digits = (account ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** A payment to the seller's bank account. */
export function toPayout(p: FinancePayment): Payout {
  return Object.assign(new Payout(), {
    id: p.id,
    status: paymentStatus(p.status),
    rawStatus: p.status ?? null,
    amount: amount(p.amount.value, p.amount.currency),
    settlementAmount: financeMoney(p.settlement_amount),
    reserveAmount: financeMoney(p.reserve_amount),
    amountBeforeExchange: financeMoney(p.payment_amount_before_exchange),
    exchangeRate: p.exchange_rate ?? null,
    createdAt: fromUnixSeconds(p.create_time),
    // TikTok writes 0 (or nothing) until the transfer succeeds.
    paidAt: p.paid_time ? fromUnixSeconds(p.paid_time) : null,
    bankAccountLast4: last4(p.bank_account),
  });
}

/** What TikTok itemized of a `fee_tax_amount`, plus a line for any part it did not itemize. */
function feeLines(breakdown: { fee: AmountBreakdown; tax: AmountBreakdown }, total: string | undefined): { type: CoreFeeType; name: string; value: Decimal }[] {
  const lines = [
    ...Object.entries(breakdown.fee).map(([name, v]) => ({ type: feeTypeOf(name), name, value: parseDecimal(v) })),
    ...Object.entries(breakdown.tax).map(([name, v]) => ({ type: 'TAX' as const, name, value: parseDecimal(v) })),
  ].filter((l) => !l.value.isZero());
  const rest = total === undefined ? null : parseDecimal(total).minus(sumDecimals(lines.map((l) => l.value)));
  if (rest && !rest.isZero()) lines.push({ type: 'OTHER_FEE', name: 'unitemized_fee_tax_amount', value: rest });
  return lines.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Revenue, each fee by type, taxes, shipping cost and settlement of an order or a SKU line. */
function amounts(
  target: SettlementAmounts,
  currency: string,
  parts: { revenue: string; feeTax: { fee: AmountBreakdown; tax: AmountBreakdown }; feeTaxTotal?: string; shippingCost: string; settlement: string },
): void {
  const lines = feeLines(parts.feeTax, parts.feeTaxTotal);
  const of = (types: readonly CoreFeeType[]) => amount(sumDecimals(lines.filter((l) => types.includes(l.type)).map((l) => l.value)), currency);
  Object.assign(target, {
    revenue: amount(parts.revenue, currency),
    platformCommission: of(['PLATFORM_COMMISSION']),
    transactionFee: of(['TRANSACTION_FEE']),
    affiliateCommission: of(['AFFILIATE_COMMISSION']),
    referralFee: of(['REFERRAL_FEE']),
    otherFees: of(['OTHER_FEE']),
    fees: of(['PLATFORM_COMMISSION', 'TRANSACTION_FEE', 'AFFILIATE_COMMISSION', 'REFERRAL_FEE', 'OTHER_FEE']),
    taxes: of(['TAX']),
    shippingCost: amount(parts.shippingCost, currency),
    settlement: amount(parts.settlement, currency),
    feeLines: lines.map((l) => Object.assign(new FeeLine(), { type: l.type as FeeType, name: l.name, amount: amount(l.value, currency) })),
  });
}

function toLine(s: PartnerSkuTransaction, currency: string): SettlementLine {
  const line = Object.assign(new SettlementLine(), {
    skuId: s.sku_id,
    productName: s.product_name,
    skuName: s.sku_name || null,
    quantity: s.quantity ?? null,
    statementId: s.statement_id ?? null,
  });
  amounts(line, currency, {
    revenue: s.revenue_amount,
    feeTax: s.fee_tax_breakdown,
    feeTaxTotal: s.fee_tax_amount,
    shippingCost: s.shipping_cost_amount ?? '0',
    settlement: s.settlement_amount,
  });
  return line;
}

/** An order's settlement: the order's totals, with fees itemized from its SKU lines. */
export function toOrderSettlement(tx: OrderStatementTransactions): OrderSettlement {
  const cur = tx.currency;
  const merged = (pick: (s: PartnerSkuTransaction) => AmountBreakdown): AmountBreakdown => {
    const totals = new Map<string, Decimal>();
    for (const s of tx.sku_transactions) {
      for (const [k, v] of Object.entries(pick(s))) totals.set(k, (totals.get(k) ?? parseDecimal('0')).plus(parseDecimal(v)));
    }
    return Object.fromEntries([...totals].map(([k, v]) => [k, v.toString()]));
  };
  const settlement = Object.assign(new OrderSettlement(), {
    orderId: tx.order_id,
    currency: cur,
    statementIds: [...new Set(tx.sku_transactions.flatMap((s) => (s.statement_id ? [s.statement_id] : [])))],
    lines: tx.sku_transactions.map((s) => toLine(s, cur)),
  });
  amounts(settlement, cur, {
    revenue: tx.revenue_amount,
    feeTax: { fee: merged((s) => s.fee_tax_breakdown.fee), tax: merged((s) => s.fee_tax_breakdown.tax) },
    feeTaxTotal: tx.fee_and_tax_amount,
    shippingCost: tx.shipping_cost_amount,
    settlement: tx.settlement_amount,
  });
  return settlement;
}

/** Why an order has no settlement, from its status. */
export function unsettledReason(status: string | undefined): string {
  switch (status) {
    case 'UNPAID':
      return 'the order is not paid: there is nothing to settle';
    case 'CANCELLED':
      return 'the order was cancelled: TikTok settles nothing for it';
    case 'COMPLETED':
      return 'TikTok has not settled the order yet: a completed order settles in a daily statement (00:00 UTC) once no return or refund is pending';
    default:
      return `the order is ${status ?? 'of a status TikTok did not send'}: TikTok settles an order after it is delivered and completed`;
  }
}

/** A unit cost history entry. */
export function toUnitCost(e: UnitCostEntry): UnitCost {
  return Object.assign(new UnitCost(), {
    skuId: e.skuId,
    // A unit cost keeps its precision (4.105 stays): it is multiplied before anything is rounded.
    amount: money(parseDecimal(e.amount).toFixed(Math.max(minorUnits(e.currency), e.amount.split('.')[1]?.length ?? 0)), e.currency),
    effectiveFrom: e.from,
    source: e.source as UnitCostSource,
    setAt: e.setAt === null ? null : new Date(e.setAt),
  });
}

/** What each dependency of a profit metric reflects. */
export type FinanceFreshness = Record<FinanceDependency, { asOf: number; stale: boolean }>;

/** A profit metric as the graph's Metric, with the freshness of everything it reads. */
export function toFinanceMetric(value: FinanceMetricValue, freshness: FinanceFreshness, provisional: { settlements: boolean; ads: boolean }): Metric {
  const definition = FINANCE_METRICS[value.name];
  const sources = definition.dependsOn.map((d) => freshness[d]);
  return metricObject(value, definition.source, sources, provisional.settlements || (definition.dependsOn.includes('REPORTS') && provisional.ads));
}
