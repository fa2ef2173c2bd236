/**
 * Wire types of finance: Get Statements (`GET /finance/202309/statements`), Get Payments
 * (`GET /finance/202309/payments`), Get Transactions by Order
 * (`GET /finance/202501/orders/{order_id}/statement_transactions`) and Get Transactions by
 * Statement (`GET /finance/202501/statements/{statement_id}/statement_transactions`), from
 * TikTok's API reference (docs/tiktok-api.md).
 *
 * Amounts are signed decimal strings: fees and costs are negative. Which statement amounts exist
 * depends on the shop: `revenue_amount` is absent for UK and US shops; `net_sales_amount` and
 * `shipping_cost_amount` exist only for local sellers outside SEA; `settlement_amount`,
 * `fee_amount` and `adjustment_amount` are the common core. Payments are unavailable to SEA
 * markets.
 */
import type { OpenEnum, WireCurrency, WireId, WireMoney, WireTokenPage, WireUnixSeconds } from './common';

/** Whether a statement's or payment's money reached the seller's bank account. */
export type WirePaymentStatus = OpenEnum<'PROCESSING' | 'PAID' | 'FAILED'>;

/** One daily statement, generated at 00:00 UTC for the previous day's settlements. */
export interface WireStatement {
  id?: WireId;
  statement_time?: WireUnixSeconds;
  currency?: WireCurrency;
  settlement_amount?: WireMoney;
  /** Absent for UK and US shops. */
  revenue_amount?: WireMoney;
  fee_amount?: WireMoney;
  adjustment_amount?: WireMoney;
  /** Local sellers outside SEA only. */
  shipping_cost_amount?: WireMoney;
  /** Revenue after seller discounts; local sellers outside SEA only. */
  net_sales_amount?: WireMoney;
  payment_status?: WirePaymentStatus;
  payment_id?: WireId;
}

/** `data` of Get Statements. */
export interface WireStatementsData extends WireTokenPage {
  statements?: WireStatement[];
}

/** Money as the payments API writes it. */
export interface WireFinanceAmount {
  value?: WireMoney;
  currency?: WireCurrency;
}

/** One payment to the seller's bank account. */
export interface WirePayment {
  id?: WireId;
  create_time?: WireUnixSeconds;
  status?: WirePaymentStatus;
  /** After currency exchange. */
  amount?: WireFinanceAmount;
  settlement_amount?: WireFinanceAmount;
  reserve_amount?: WireFinanceAmount;
  payment_amount_before_exchange?: WireFinanceAmount;
  /** Six decimals, e.g. `"1.000000"`. */
  exchange_rate?: string;
  /** Absent until the transfer succeeded. */
  paid_time?: WireUnixSeconds;
  /** Masked but for the last 4 digits. */
  bank_account?: string;
}

/** `data` of Get Payments. */
export interface WirePaymentsData extends WireTokenPage {
  payments?: WirePayment[];
}

/**
 * An open map of signed amounts by kind (`platform_commission_amount`, `transaction_fee_amount`,
 * ...). TikTok has dozens of kinds and adds more with new seller programmes; a deprecated kind may
 * come back as an empty string.
 */
export type WireAmountMap = Record<string, WireMoney>;

/**
 * Shipping cost parts. `supplementary_component` re-splits parts of them for reference and does
 * NOT add to `shipping_cost_amount`.
 */
export interface WireShippingCostBreakdown {
  [kind: string]: WireMoney | WireAmountMap | undefined;
  supplementary_component?: WireAmountMap;
}

/** Fees and taxes on them. */
export interface WireFeeTaxBreakdown {
  fee?: WireAmountMap;
  tax?: WireAmountMap;
}

/** One SKU's share of an order's settlement. */
export interface WireSkuTransaction {
  sku_id?: WireId;
  sku_name?: string;
  product_name?: string;
  /** Documented as a string; the emulator sends a number. */
  quantity?: string | number;
  /** Absent while unsettled. */
  statement_id?: WireId;
  settlement_amount?: WireMoney;
  revenue_amount?: WireMoney;
  revenue_breakdown?: WireAmountMap;
  fee_tax_amount?: WireMoney;
  fee_tax_breakdown?: WireFeeTaxBreakdown;
  shipping_cost_amount?: WireMoney;
  shipping_cost_breakdown?: WireShippingCostBreakdown;
  supplementary_component?: WireAmountMap;
}

/**
 * `data` of Get Transactions by Order:
 * settlement_amount = revenue_amount + fee_and_tax_amount + shipping_cost_amount (costs negative).
 */
export interface WireOrderTransactionsData {
  order_id?: WireId;
  order_create_time?: WireUnixSeconds;
  currency?: WireCurrency;
  revenue_amount?: WireMoney;
  fee_and_tax_amount?: WireMoney;
  shipping_cost_amount?: WireMoney;
  settlement_amount?: WireMoney;
  sku_transactions?: WireSkuTransaction[];
}

/**
 * One transaction of a statement: an order's settlement (`type` `ORDER`), a reserve movement
 * (`RESERVE`) or an adjustment (any other type, e.g. `PLATFORM_PENALTY`,
 * `LOGISTICS_REIMBURSEMENT`). An adjustment has no `order_id`.
 */
export interface WireStatementTransaction {
  id?: WireId;
  type?: string;
  order_id?: WireId;
  order_create_time?: WireUnixSeconds;
  adjustment_id?: WireId;
  adjustment_order_id?: WireId;
  revenue_amount?: WireMoney;
  fee_tax_amount?: WireMoney;
  shipping_cost_amount?: WireMoney;
  adjustment_amount?: WireMoney;
  reserve_amount?: WireMoney;
  settlement_amount?: WireMoney;
  revenue_breakdown?: WireAmountMap;
  fee_tax_breakdown?: WireFeeTaxBreakdown;
  shipping_cost_breakdown?: WireShippingCostBreakdown;
  supplementary_component?: WireAmountMap;
}

/** `data` of Get Transactions by Statement. */
export interface WireStatementTransactionsData extends WireTokenPage {
  id?: WireId;
  create_time?: WireUnixSeconds;
  currency?: WireCurrency;
  /** Only `SETTLED` is documented. */
  status?: string;
  total_settlement_amount?: WireMoney;
  total_reserve_amount?: WireMoney;
  /** total_settlement_amount + total_reserve_amount. */
  payable_amount?: WireMoney;
  total_settlement_breakdown?: {
    total_revenue_amount?: WireMoney;
    total_fee_tax_amount?: WireMoney;
    total_shipping_cost_amount?: WireMoney;
    total_adjustment_amount?: WireMoney;
  };
  transactions?: WireStatementTransaction[];
}
