/**
 * Finance: TikTok's statements, payouts and per-order settlements, unit costs, and the
 * reconciliation of ShopGraph's figures with TikTok's statements. Amounts are signed as TikTok
 * signs them: fees, taxes on fees and shipping costs are negative (money deducted from the seller).
 */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../scalars';
import { Money, PageInfo, UNREADABLE_ROWS } from './common';

export enum PaymentStatus {
  PROCESSING = 'PROCESSING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: "Whether TikTok has transferred the money to the seller's bank account.",
  valuesConfig: { UNKNOWN: { description: 'A status ShopGraph does not know yet, or none.' } },
});

export enum FeeType {
  PLATFORM_COMMISSION = 'PLATFORM_COMMISSION',
  TRANSACTION_FEE = 'TRANSACTION_FEE',
  AFFILIATE_COMMISSION = 'AFFILIATE_COMMISSION',
  REFERRAL_FEE = 'REFERRAL_FEE',
  OTHER_FEE = 'OTHER_FEE',
  TAX = 'TAX',
}
registerEnumType(FeeType, {
  name: 'FeeType',
  description: "How ShopGraph groups TikTok's fee kinds; each fee line also carries TikTok's own name.",
  valuesConfig: {
    REFERRAL_FEE: { description: 'What TikTok US charges instead of a platform commission.' },
    OTHER_FEE: { description: 'Any other fee TikTok charges (service fees of seller programs, ...).' },
    TAX: { description: 'Taxes TikTok charges on its fees (VAT, GST, SST, ...).' },
  },
});

export enum UnitCostSource {
  CONFIG = 'CONFIG',
  API = 'API',
}
registerEnumType(UnitCostSource, { name: 'UnitCostSource', description: 'Where a unit cost was set: the config file or the setUnitCosts mutation.' });

export enum SettlementTiming {
  SETTLED_LATER = 'SETTLED_LATER',
  NOT_SETTLED = 'NOT_SETTLED',
  SETTLED_FROM_EARLIER = 'SETTLED_FROM_EARLIER',
}
registerEnumType(SettlementTiming, {
  name: 'SettlementTiming',
  description: 'Why an order is in a reconciliation period although it was not both paid and settled in it.',
  valuesConfig: {
    SETTLED_LATER: { description: 'Paid in the period, settled in a later one.' },
    NOT_SETTLED: { description: 'Paid in the period, not settled yet.' },
    SETTLED_FROM_EARLIER: { description: 'Settled in the period, paid in an earlier one.' },
  },
});

@ObjectType({ description: 'A daily statement: what TikTok settled in one day, generated at 00:00 UTC after it.' })
export class Statement {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar, { description: "When TikTok generated it; the statement counts in the window of this instant's shop-local day." })
  statementTime!: Date;
  @Field(() => DateTimeScalar, { description: 'Start of the UTC day it covers.' }) periodStart!: Date;
  @Field(() => DateTimeScalar, { description: 'End (exclusive) of the UTC day it covers: the statement time.' }) periodEnd!: Date;
  @Field() currency!: string;
  @Field(() => Money, { nullable: true, description: 'Revenue of the orders settled; null where TikTok does not report it (UK, US).' })
  revenue!: Money | null;
  @Field(() => String, { nullable: true, description: 'Why revenue is null; null when it is not.' }) revenueNullReason!: string | null;
  @Field(() => Money, { description: 'Fees and taxes on fees (negative).' }) fees!: Money;
  @Field(() => Money, { description: 'Compensations (positive) and penalties (negative) not tied to an order.' }) adjustments!: Money;
  @Field(() => Money, { nullable: true, description: 'Shipping costs (negative); TikTok reports them for local sellers outside Southeast Asia only.' })
  shippingCost!: Money | null;
  @Field(() => String, { nullable: true, description: 'Why shippingCost is null; null when it is not.' }) shippingCostNullReason!: string | null;
  @Field(() => Money, { nullable: true, description: 'Revenue after seller discounts, as TikTok reports it (local sellers outside Southeast Asia only).' })
  netSales!: Money | null;
  @Field(() => String, { nullable: true, description: 'Why netSales is null; null when it is not.' }) netSalesNullReason!: string | null;
  @Field(() => Money, { description: 'What TikTok pays: revenue + fees + shipping cost + adjustments.' }) settlement!: Money;
  @Field(() => PaymentStatus) paymentStatus!: PaymentStatus;
  @Field(() => String, { nullable: true, description: 'The payment status exactly as TikTok sent it.' }) rawPaymentStatus!: string | null;
  @Field(() => ID, { nullable: true, description: 'The payout that paid it.' }) paymentId!: string | null;
}

@ObjectType()
export class StatementEdge {
  @Field() cursor!: string;
  @Field(() => Statement) node!: Statement;
}

@ObjectType({ description: `A page of statements, newest first (Relay connection). ${UNREADABLE_ROWS}` })
export class StatementConnection {
  @Field(() => [StatementEdge], { nullable: 'items' }) edges!: (StatementEdge | Error)[];
  @Field(() => [Statement], { nullable: 'items' }) nodes!: (Statement | Error)[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true }) totalCount!: number | null;
}

@ObjectType({ description: "A transfer of settled money to the seller's bank account." })
export class Payout {
  @Field(() => ID) id!: string;
  @Field(() => PaymentStatus) status!: PaymentStatus;
  @Field(() => String, { nullable: true, description: 'The status exactly as TikTok sent it.' }) rawStatus!: string | null;
  @Field(() => Money, { description: 'What reached the bank account, after currency exchange.' }) amount!: Money;
  @Field(() => Money, { nullable: true, description: 'The settled amount it pays, before exchange.' }) settlementAmount!: Money | null;
  @Field(() => Money, { nullable: true, description: "Withheld under TikTok's reserve policy (negative) or released (positive)." })
  reserveAmount!: Money | null;
  @Field(() => Money, { nullable: true }) amountBeforeExchange!: Money | null;
  @Field(() => DecimalScalar, { nullable: true }) exchangeRate!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the transfer succeeded.' }) paidAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The last 4 digits of the bank account; the rest is never exposed.' })
  bankAccountLast4!: string | null;
}

@ObjectType()
export class PayoutEdge {
  @Field() cursor!: string;
  @Field(() => Payout) node!: Payout;
}

@ObjectType({ description: `A page of payouts, newest first (Relay connection). ${UNREADABLE_ROWS}` })
export class PayoutConnection {
  @Field(() => [PayoutEdge], { nullable: 'items' }) edges!: (PayoutEdge | Error)[];
  @Field(() => [Payout], { nullable: 'items' }) nodes!: (Payout | Error)[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { nullable: true }) totalCount!: number | null;
}

@ObjectType({ description: "One fee or tax TikTok charged, under TikTok's own name." })
export class FeeLine {
  @Field(() => FeeType) type!: FeeType;
  @Field({ description: 'TikTok\'s key, e.g. "platform_commission_amount".' }) name!: string;
  @Field(() => Money, { description: 'Negative: deducted from the seller.' }) amount!: Money;
}

/** The amounts an order's settlement and each of its SKU lines share. */
@ObjectType()
export class SettlementAmounts {
  @Field(() => Money) revenue!: Money;
  @Field(() => Money) platformCommission!: Money;
  @Field(() => Money) transactionFee!: Money;
  @Field(() => Money) affiliateCommission!: Money;
  @Field(() => Money) referralFee!: Money;
  @Field(() => Money, { description: 'Every other fee.' }) otherFees!: Money;
  @Field(() => Money, { description: 'All fees, before taxes.' }) fees!: Money;
  @Field(() => Money, { description: 'Taxes on fees.' }) taxes!: Money;
  @Field(() => Money) shippingCost!: Money;
  @Field(() => Money, { description: 'revenue + fees + taxes + shippingCost.' }) settlement!: Money;
  @Field(() => [FeeLine], { description: 'Every fee and tax, as TikTok itemizes it.' }) feeLines!: FeeLine[];
}

@ObjectType({ description: "One SKU's share of an order's settlement." })
export class SettlementLine extends SettlementAmounts {
  @Field(() => ID) skuId!: string;
  @Field() productName!: string;
  @Field(() => String, { nullable: true }) skuName!: string | null;
  @Field(() => Int, { nullable: true, description: 'Units settled.' }) quantity!: number | null;
  @Field(() => ID, { nullable: true, description: 'The statement the line settled in.' }) statementId!: string | null;
}

@ObjectType({ description: 'What TikTok settled for an order (Finance API 202501): revenue, each fee by type, shipping cost, taxes.' })
export class OrderSettlement extends SettlementAmounts {
  @Field(() => ID) orderId!: string;
  @Field() currency!: string;
  @Field(() => [ID], { description: 'The statements it settled in.' }) statementIds!: string[];
  @Field(() => [SettlementLine], { description: 'Per SKU; the lines add up to the amounts.' }) lines!: SettlementLine[];
}

@ObjectType({ description: "A SKU's unit cost from a day on; a SKU's costs form a history that only grows at its end." })
export class UnitCost {
  @Field(() => ID) skuId!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => DateScalar, { nullable: true, description: 'First day (shop time zone) it applies to; null: since always.' })
  effectiveFrom!: string | null;
  @Field(() => UnitCostSource) source!: UnitCostSource;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was set through the API.' }) setAt!: Date | null;
}

@InputType({ description: "A unit cost to add to a SKU's history." })
export class UnitCostInput {
  @Field(() => ID) skuId!: string;
  @Field(() => DecimalScalar, { description: 'Cost of one unit, zero or more.' }) amount!: string;
  @Field(() => String, { nullable: true, description: "ISO 4217; the shop's currency when omitted." }) currency?: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "First day (shop time zone) it applies to; the shop's today when omitted. Must be after the SKU's last cost: past costs are never rewritten.",
  })
  effectiveFrom?: string | null;
}

@ObjectType({ description: 'The unit costs setUnitCosts added.' })
export class SetUnitCostsPayload {
  @Field(() => ID) shopId!: string;
  @Field(() => [UnitCost]) unitCosts!: UnitCost[];
}

@ObjectType({ description: 'A number of orders and their expected settlement.' })
export class OrderSum {
  @Field(() => Int) orders!: number;
  @Field(() => Money, { description: 'Net revenue + fees + shipping cost of those orders (net revenue alone while unsettled).' }) amount!: Money;
}

@ObjectType({ description: 'An order paid and settled in different periods.' })
export class FinanceReconciliationOrder {
  @Field(() => ID) orderId!: string;
  @Field(() => SettlementTiming) timing!: SettlementTiming;
  @Field(() => DateTimeScalar, { nullable: true }) paidAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Time of the statement that settled it.' }) settledAt!: Date | null;
  @Field(() => ID, { nullable: true }) statementId!: string | null;
  @Field(() => Money, { description: 'Its net revenue + fees + shipping cost.' }) amount!: Money;
}

@ObjectType({ description: "One period: ShopGraph's figures for the orders paid in it beside the statements TikTok generated in it." })
export class FinanceReconciliationPeriod {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => [Statement], { description: "TikTok's statements generated in the period." }) statements!: Statement[];
  @Field(() => Money, { description: "ShopGraph's GMV of the orders paid in the period." }) gmv!: Money;
  @Field(() => Money, { description: "ShopGraph's refunded GMV of those orders." }) refundedGmv!: Money;
  @Field(() => Money, { description: 'Fees and taxes on fees TikTok charged those orders (negative).' }) fees!: Money;
  @Field(() => Money, { description: 'Shipping cost TikTok charged those orders (negative).' }) shippingCost!: Money;
  @Field(() => Money, { description: 'GMV − refunded GMV + fees + shipping cost.' }) expectedSettlement!: Money;
  @Field(() => OrderSum, { description: 'Paid in the period, settled in a later one: subtracted.' }) settledLater!: OrderSum;
  @Field(() => OrderSum, { description: 'Paid in the period, not settled yet: subtracted.' }) notSettled!: OrderSum;
  @Field(() => OrderSum, { description: 'Settled in the period, paid in an earlier one: added.' }) settledFromEarlier!: OrderSum;
  @Field(() => Money, { description: 'Statement adjustments not tied to an order: added.' }) adjustments!: Money;
  @Field(() => Money, { description: "What the above explain of TikTok's settlement." }) explainedSettlement!: Money;
  @Field(() => Money, { description: "Revenue TikTok's statements report." }) statementRevenue!: Money;
  @Field(() => Money, { description: "Fees TikTok's statements report." }) statementFees!: Money;
  @Field(() => Money, { description: "Shipping cost TikTok's statements report." }) statementShippingCost!: Money;
  @Field(() => Money, { description: "Settlement TikTok's statements report." }) settlement!: Money;
  @Field(() => Money, { description: "settlement − explainedSettlement: where TikTok's revenue differs from ShopGraph's net revenue." })
  unexplainedDifference!: Money;
  @Field(() => [FinanceReconciliationOrder], { description: 'The orders settled in another period than they were paid in.' })
  orders!: FinanceReconciliationOrder[];
  @Field(() => Int, { description: "Statements and orders in another currency than the shop's, left out of every sum." }) foreignCurrencyItems!: number;
}

@ObjectType({ description: "ShopGraph's figures reconciled with TikTok's statements over a window of the shop's days." })
export class FinanceReconciliation {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field() timezone!: string;
  @Field() currency!: string;
  @Field(() => [FinanceReconciliationPeriod]) periods!: FinanceReconciliationPeriod[];
  @Field(() => DateTimeScalar, { description: 'The upstream state it reflects.' }) asOf!: Date;
  @Field() stale!: boolean;
}
