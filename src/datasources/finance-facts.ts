/**
 * The finance facts the profit metrics and the reconciliation read, reduced from TikTok's
 * statement transactions (202501) and orders: what each order settled for, and which units it
 * shipped. Amounts stay exact, unrounded decimal strings, signed as TikTok signs them (fees,
 * taxes on fees and shipping costs are negative).
 * @see ../datasources/partner/finance-schemas.ts
 */
import type { PartnerOrder, StatementTransaction } from './partner/schemas';
import { orderCountedTime } from './partner-facts';
import { localDate } from '../domain/window';
import { sumDecimals } from '../domain/money';

/** How ShopGraph groups TikTok's ~50 fee kinds (the issue names these; the rest are OTHER_FEE). */
export type FeeType = 'PLATFORM_COMMISSION' | 'TRANSACTION_FEE' | 'AFFILIATE_COMMISSION' | 'REFERRAL_FEE' | 'OTHER_FEE' | 'TAX';

const FEE_TYPES: Readonly<Record<string, FeeType>> = {
  platform_commission_amount: 'PLATFORM_COMMISSION',
  dynamic_commission_amount: 'PLATFORM_COMMISSION',
  transaction_fee_amount: 'TRANSACTION_FEE',
  affiliate_commission_amount: 'AFFILIATE_COMMISSION',
  affiliate_ads_commission_amount: 'AFFILIATE_COMMISSION',
  affiliate_partner_commission_amount: 'AFFILIATE_COMMISSION',
  referral_fee_amount: 'REFERRAL_FEE',
};

/**
 * The group of a key of `fee_tax_breakdown.fee` (keys of `.tax` are always TAX). Unknown keys
 * are OTHER_FEE: TikTok adds fee kinds with every seller program, and they still add up.
 */
export function feeTypeOf(feeKey: string): FeeType {
  return FEE_TYPES[feeKey] ?? 'OTHER_FEE';
}

/** The amounts of a settlement, exact decimal strings signed as TikTok signs them. */
export interface SettlementAmounts {
  revenue: string;
  /** fees and taxes on fees: `fee_tax_amount` */
  feeTax: string;
  shippingCost: string;
  adjustment: string;
  settlement: string;
}

/** What one statement settled of an order. */
export interface SettlementPart extends SettlementAmounts {
  statementId: string;
  statementTime: number;
}

/**
 * What one order settled for, summed over every statement transaction naming it: usually one,
 * but a refund TikTok settles after the order comes as a second transaction in a later statement.
 */
export interface SettlementFact extends SettlementAmounts {
  orderId: string;
  currency: string;
  /** earliest first: the first is the statement that settled the order */
  parts: SettlementPart[];
}

/** A statement as the finance math reads it. */
export interface StatementRef {
  id: string;
  statementTime: number;
  currency: string;
}

const FIELDS = {
  revenue: 'revenue_amount',
  feeTax: 'fee_tax_amount',
  shippingCost: 'shipping_cost_amount',
  adjustment: 'adjustment_amount',
  settlement: 'settlement_amount',
} as const;

function amountsOf(txs: readonly StatementTransaction[]): SettlementAmounts {
  const total = (key: keyof typeof FIELDS): string => sumDecimals(txs.map((t) => t[FIELDS[key]])).toString();
  return {
    revenue: total('revenue'),
    feeTax: total('feeTax'),
    shippingCost: total('shippingCost'),
    adjustment: total('adjustment'),
    settlement: total('settlement'),
  };
}

/**
 * Settlement facts by order id from statements' transactions. Only ORDER transactions name an
 * order; adjustments and reserve movements belong to the statement, not to an order.
 */
export function settlementFacts(
  statements: readonly { statement: StatementRef; transactions: readonly StatementTransaction[] }[],
): Map<string, SettlementFact> {
  const parts = new Map<string, { currency: string; parts: SettlementPart[] }>();
  for (const { statement, transactions } of statements) {
    const byOrder = new Map<string, StatementTransaction[]>();
    for (const tx of transactions) {
      if (tx.type === 'ORDER' && tx.order_id !== undefined) byOrder.set(tx.order_id, [...(byOrder.get(tx.order_id) ?? []), tx]);
    }
    for (const [orderId, txs] of byOrder) {
      let entry = parts.get(orderId);
      if (!entry) parts.set(orderId, (entry = { currency: statement.currency, parts: [] }));
      entry.parts.push({ statementId: statement.id, statementTime: statement.statementTime, ...amountsOf(txs) });
    }
  }
  const facts = new Map<string, SettlementFact>();
  for (const [orderId, entry] of parts) {
    const sorted = entry.parts.sort((a, b) => a.statementTime - b.statementTime);
    const total = (key: keyof SettlementAmounts): string => sumDecimals(sorted.map((p) => p[key])).toString();
    facts.set(orderId, {
      orderId,
      currency: entry.currency,
      parts: sorted,
      revenue: total('revenue'),
      feeTax: total('feeTax'),
      shippingCost: total('shippingCost'),
      adjustment: total('adjustment'),
      settlement: total('settlement'),
    });
  }
  return facts;
}

/** An order counted in a window, as the profit metrics read it. */
export interface FinanceOrder {
  id: string;
  status: string;
  /** when it is counted: its `paid_time`, or `create_time` for cash on delivery (docs/metrics.md, "The window") */
  countedTime: number;
  /** the shop-local day it is counted on: the unit costs in force that day apply */
  countedDate: string;
  /**
   * Units per SKU TikTok settles: line items not cancelled before shipping (a cancelled line was
   * never sold, TikTok leaves it out of the settlement, and its goods never left).
   */
  units: { skuId: string; quantity: number }[];
  settlement: SettlementFact | null;
}

/** Reduces a counted order to a {@link FinanceOrder}; null for an order never paid (and not cash on delivery). */
export function financeOrder(order: PartnerOrder, timeZone: string, settlement: SettlementFact | undefined): FinanceOrder | null {
  const counted = orderCountedTime(order);
  if (counted === null) return null;
  const units = new Map<string, number>();
  for (const line of order.line_items) {
    if (line.display_status !== 'CANCELLED') units.set(line.sku_id ?? '', (units.get(line.sku_id ?? '') ?? 0) + 1);
  }
  return {
    id: order.id,
    status: order.status ?? '',
    countedTime: counted,
    countedDate: localDate(counted, timeZone),
    units: [...units].map(([skuId, quantity]) => ({ skuId, quantity })),
    settlement: settlement ?? null,
  };
}
