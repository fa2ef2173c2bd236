/**
 * The emulator's records of statements, payments and settlement transactions (see `shapes.ts`).
 */
import type {
  WireFinanceAmount,
  WireOrderTransactionsData,
  WirePayment,
  WirePaymentStatus,
  WireShippingCostBreakdown,
  WireSkuTransaction,
  WireStatement,
  WireStatementTransaction,
  WireStatementTransactionsData,
} from '../wire';

/** A daily statement; `revenue_amount`, `net_sales_amount` and `shipping_cost_amount` depend on the market. */
export interface PartnerStatement extends WireStatement {
  id: string;
  statement_time: number;
  currency: string;
  settlement_amount: string;
  fee_amount: string;
  adjustment_amount: string;
  payment_status: WirePaymentStatus;
}

/** Money of the payments API. */
export interface FinanceAmount extends WireFinanceAmount {
  value: string;
  currency: string;
}

/** One payment of `/finance/202309/payments`. */
export interface FinancePayment extends WirePayment {
  id: string;
  create_time: number;
  status: WirePaymentStatus;
  amount: FinanceAmount;
}

/** Open maps of amounts by kind, as the emulator writes them. */
type Amounts = Record<string, string>;

/** One SKU's share of an order's settlement. */
export interface PartnerSkuTransaction extends WireSkuTransaction {
  sku_id: string;
  sku_name: string;
  product_name: string;
  settlement_amount: string;
  revenue_amount: string;
  revenue_breakdown: Amounts;
  fee_tax_breakdown: { fee: Amounts; tax: Amounts };
  shipping_cost_breakdown: WireShippingCostBreakdown;
}

/** `GET /finance/202501/orders/{order_id}/statement_transactions` data. */
export interface PartnerOrderTransactions extends WireOrderTransactionsData {
  order_id: string;
  currency: string;
  revenue_amount: string;
  fee_and_tax_amount: string;
  shipping_cost_amount: string;
  settlement_amount: string;
  sku_transactions: PartnerSkuTransaction[];
  /** Always sent by the generator; a recording may leave it out. */
  total_count?: number;
}

/** One transaction of a statement. */
export interface StatementTransaction extends WireStatementTransaction {
  id: string;
  type: string;
  revenue_amount: string;
  fee_tax_amount: string;
  shipping_cost_amount: string;
  adjustment_amount: string;
  settlement_amount: string;
  revenue_breakdown: Amounts;
  fee_tax_breakdown: { fee: Amounts; tax: Amounts };
  shipping_cost_breakdown: WireShippingCostBreakdown;
}

/** `GET /finance/202501/statements/{statement_id}/statement_transactions` data. */
export interface StatementTransactionsData extends WireStatementTransactionsData {
  currency: string;
  transactions: StatementTransaction[];
  next_page_token: string;
}
