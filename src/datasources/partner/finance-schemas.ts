/**
 * Schemas of finance: daily statements and payments (202309), and statement transactions per order
 * and per statement (202501; the 202309 versions are retired).
 *
 * The 202501 order transactions shape is not in our spec beyond "revenue, fees, settlement per order
 * and per SKU"; the field names below follow public integrations of that version: totals at the
 * top, detail per SKU in `sku_transactions[]` split into `revenue_breakdown`,
 * `fee_tax_breakdown.fee`, `fee_tax_breakdown.tax` and `shipping_cost_breakdown`. Breakdowns are
 * kept as open maps of decimal strings because TikTok has ~50 fee kinds and adds new ones with
 * every seller program; a sum over a map stays right when a new key appears.
 * @see docs/tiktok-api.md
 */
import { z } from 'zod';
import { blankAsAbsent, liftRejected, openEnum, rowsOf } from '../lenient';
import {
  count,
  currencyCode,
  decimalOrZero,
  decimalString,
  optionalDecimal,
  optionalTime,
  pageFields,
  partnerId,
  text,
  unixSeconds,
} from './schema-primitives';

/** Settlement state of a statement's payout, or of a payment. */
export const PAYMENT_STATUSES = ['PROCESSING', 'PAID', 'FAILED'] as const;

/**
 * One daily statement (`GET /finance/202309/statements`), generated at 00:00 UTC. Amounts are
 * signed decimal strings: fees and shipping costs are negative. `settlement_amount`,
 * `fee_amount` and `adjustment_amount` are every market's core and required; TikTok's reference
 * sends `revenue_amount` everywhere but the UK and the US, and `net_sales_amount` and
 * `shipping_cost_amount` to local sellers outside Southeast Asia only: those stay undefined when
 * absent. A page's unreadable statements come back in its `rejected` rows.
 */
export const partnerStatement = z.object({
  id: partnerId,
  statement_time: unixSeconds,
  currency: currencyCode,
  settlement_amount: decimalString,
  fee_amount: decimalString,
  adjustment_amount: decimalString,
  revenue_amount: optionalDecimal,
  shipping_cost_amount: optionalDecimal,
  net_sales_amount: optionalDecimal,
  payment_status: blankAsAbsent(openEnum('statement.payment_status', PAYMENT_STATUSES)),
  payment_id: blankAsAbsent(partnerId),
});
export type PartnerStatement = z.output<typeof partnerStatement>;

/** `data` of the statements list. */
export const statementsData = z
  .object({ statements: rowsOf(partnerStatement, { id: 'id', orderId: null }), ...pageFields })
  .transform(({ statements, ...page }) => ({ ...page, statements: statements.rows, rejected: liftRejected('statements', statements.rejected) }));
export type StatementsData = z.output<typeof statementsData>;

/**
 * An open map of signed decimal amounts, e.g. `{platform_commission_amount: "-10.50"}`. TikTok
 * answers deprecated keys with an empty string (e.g. `fbt_fulfillment_fee_reimbursement_amount`
 * in `supplementary_component`): such keys carry no amount and are dropped.
 */
export const amountBreakdown = z
  .record(z.string(), z.union([decimalString, z.literal('')]))
  .transform((map) => Object.fromEntries(Object.entries(map).filter(([, v]) => v !== '')) as Record<string, string>);
export type AmountBreakdown = z.output<typeof amountBreakdown>;

/**
 * Shipping cost parts. `supplementary_component` re-splits `shipping_fee_discount_amount` by who
 * paid it; it is NOT an extra amount, so sums must skip it.
 */
export const shippingCostBreakdown = z.object({ supplementary_component: amountBreakdown.optional() }).catchall(decimalString);

/** One SKU's share of an order's settlement. */
export const partnerSkuTransaction = z.object({
  sku_id: partnerId,
  sku_name: text,
  product_name: text,
  // TikTok's Node SDK types this as a string; accept either and keep a number.
  quantity: z.union([count, z.string().regex(/^\d+$/).transform(Number)]).optional(),
  /** The statement the SKU's money settled in; absent while unsettled. */
  statement_id: partnerId.optional(),
  settlement_amount: decimalString,
  revenue_amount: decimalString,
  shipping_cost_amount: decimalString.optional(),
  fee_tax_amount: decimalString.optional(),
  revenue_breakdown: amountBreakdown.default({}),
  fee_tax_breakdown: z.object({ fee: amountBreakdown.default({}), tax: amountBreakdown.default({}) }).default({ fee: {}, tax: {} }),
  shipping_cost_breakdown: shippingCostBreakdown.default({}),
});
export type PartnerSkuTransaction = z.output<typeof partnerSkuTransaction>;

/**
 * `data` of `GET /finance/202501/orders/{order_id}/statement_transactions`:
 * settlement_amount = revenue_amount + fee_and_tax_amount + shipping_cost_amount (fees negative).
 */
export const orderStatementTransactionsData = z.object({
  order_id: partnerId,
  order_create_time: unixSeconds.optional(),
  currency: currencyCode,
  revenue_amount: decimalString,
  fee_and_tax_amount: decimalString,
  shipping_cost_amount: decimalString,
  settlement_amount: decimalString,
  sku_transactions: z.array(partnerSkuTransaction).default([]),
});
export type OrderStatementTransactions = z.output<typeof orderStatementTransactionsData>;

/** Money as the payments API writes it: `{value, currency}`. */
export const financeAmount = z.object({ value: decimalString, currency: currencyCode });
export type FinanceAmount = z.output<typeof financeAmount>;

/**
 * One payment to the seller's bank account (`GET /finance/202309/payments`; unavailable to
 * Southeast Asian shops). `bank_account` is masked by TikTok except its last 4 digits;
 * `paid_time` is absent (or 0) until the transfer.
 * @see https://partner.tiktokshop.com/docv2/page/get-payments-202309
 */
export const financePayment = z.object({
  id: partnerId,
  create_time: unixSeconds,
  status: blankAsAbsent(openEnum('payment.status', PAYMENT_STATUSES)),
  amount: financeAmount,
  settlement_amount: blankAsAbsent(financeAmount),
  reserve_amount: blankAsAbsent(financeAmount),
  payment_amount_before_exchange: blankAsAbsent(financeAmount),
  exchange_rate: optionalDecimal,
  paid_time: optionalTime,
  bank_account: blankAsAbsent(z.string()),
});
export type FinancePayment = z.output<typeof financePayment>;

/** `data` of the payments list. */
export const paymentsData = z
  .object({ payments: rowsOf(financePayment, { id: 'id', orderId: null }), ...pageFields })
  .transform(({ payments, ...page }) => ({ ...page, payments: payments.rows, rejected: liftRejected('payments', payments.rejected) }));
export type PaymentsData = z.output<typeof paymentsData>;

/** An ID TikTok may leave empty or "0" when it does not apply (an adjustment has no order). */
const optionalId = z
  .union([partnerId, z.literal('')])
  .optional()
  .transform((v) => (v === '' || v === '0' ? undefined : v));

/**
 * One transaction of a statement: an order's settlement (`type` ORDER), a reserve movement
 * (RESERVE) or an adjustment (any other `type`, e.g. PLATFORM_PENALTY, LOGISTICS_REIMBURSEMENT).
 * settlement_amount = revenue_amount + fee_tax_amount + shipping_cost_amount + adjustment_amount.
 * @see https://partner.tiktokshop.com/docv2/page/get-transactionsby-statement-202501
 */
export const statementTransaction = z.object({
  id: partnerId,
  type: z.string().min(1),
  order_id: optionalId,
  order_create_time: unixSeconds.optional(),
  adjustment_id: optionalId,
  adjustment_order_id: optionalId,
  revenue_amount: decimalOrZero,
  fee_tax_amount: decimalOrZero,
  shipping_cost_amount: decimalOrZero,
  adjustment_amount: decimalOrZero,
  reserve_amount: decimalString.optional(),
  settlement_amount: decimalString,
  revenue_breakdown: amountBreakdown.default({}),
  fee_tax_breakdown: z.object({ fee: amountBreakdown.default({}), tax: amountBreakdown.default({}) }).default({ fee: {}, tax: {} }),
  shipping_cost_breakdown: shippingCostBreakdown.default({}),
});
export type StatementTransaction = z.output<typeof statementTransaction>;

/** `data` of `GET /finance/202501/statements/{statement_id}/statement_transactions`. */
export const statementTransactionsData = z.object({
  id: partnerId.optional(),
  create_time: unixSeconds.optional(),
  currency: currencyCode,
  status: z.string().optional(),
  total_settlement_amount: decimalString.optional(),
  total_reserve_amount: decimalString.optional(),
  payable_amount: decimalString.optional(),
  total_settlement_breakdown: z
    .object({
      total_revenue_amount: decimalString,
      total_fee_tax_amount: decimalString,
      total_shipping_cost_amount: decimalString,
      total_adjustment_amount: decimalString,
    })
    .partial()
    .optional(),
  transactions: z.array(statementTransaction).default([]),
  ...pageFields,
});
export type StatementTransactionsData = z.output<typeof statementTransactionsData>;
