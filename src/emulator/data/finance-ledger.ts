/**
 * The two finance views derived from the daily statements: each statement's transactions (202501:
 * one ORDER transaction per order it settles, plus the statement's adjustment as a transaction of
 * its own) and the payments to the seller's bank account (202309: one per statement with money to
 * pay, created a day after the statement). Both are computed from the statements and order
 * transactions `generate-finance.ts` keeps current, so every identity holds across the views:
 * Σ transactions of a statement = the statement, a paid payment = its statement's settlement.
 */
import { DAY } from './dates';
import { D, type Dec, money, sum, zero } from './money';
import { keysetPage } from './paging';
import { Rng } from './rng';
import type { FinancePayment, PartnerOrderTransactions, PartnerStatement, StatementTransaction, StatementTransactionsData } from './shapes';
import type { ShopState } from './state';
import type { Page, TokenPaging } from './store-types';

type Breakdown = Record<string, string>;

/** Adds breakdown maps key by key (SKU lines into their order), skipping nested objects. */
function addBreakdowns(maps: readonly Breakdown[], currency: string): Breakdown {
  const totals = new Map<string, Dec>();
  for (const map of maps) {
    for (const [key, value] of Object.entries(map)) {
      // A deprecated kind answers "" in a recorded answer: it holds no amount.
      if (typeof value === 'string' && value !== '') totals.set(key, (totals.get(key) ?? new D(0)).plus(value));
    }
  }
  return Object.fromEntries([...totals].map(([key, value]) => [key, money(value, currency)]));
}

function orderTransaction(seed: string, tx: PartnerOrderTransactions): StatementTransaction {
  const cur = tx.currency;
  const skus = tx.sku_transactions;
  return {
    id: new Rng(seed, 'statement-transaction', tx.order_id).id('7304', 19),
    type: 'ORDER',
    order_id: tx.order_id,
    order_create_time: tx.order_create_time,
    adjustment_id: undefined,
    adjustment_order_id: undefined,
    revenue_amount: tx.revenue_amount,
    fee_tax_amount: tx.fee_and_tax_amount,
    shipping_cost_amount: tx.shipping_cost_amount,
    adjustment_amount: zero(cur),
    settlement_amount: tx.settlement_amount,
    revenue_breakdown: addBreakdowns(
      skus.map((s) => s.revenue_breakdown),
      cur,
    ),
    fee_tax_breakdown: {
      fee: addBreakdowns(
        skus.map((s) => s.fee_tax_breakdown.fee),
        cur,
      ),
      tax: addBreakdowns(
        skus.map((s) => s.fee_tax_breakdown.tax),
        cur,
      ),
    },
    shipping_cost_breakdown: addBreakdowns(
      skus.map((s) => s.shipping_cost_breakdown as Breakdown),
      cur,
    ),
  };
}

function adjustmentTransaction(seed: string, shopId: string, s: PartnerStatement): StatementTransaction {
  const amount = new D(s.adjustment_amount);
  const cur = s.currency;
  return {
    id: new Rng(seed, shopId, 'adjustment', s.statement_time).id('7303', 19),
    // generate-finance credits logistics compensations and deducts penalties.
    type: amount.isNegative() ? 'PLATFORM_PENALTY' : 'LOGISTICS_REIMBURSEMENT',
    order_id: undefined,
    order_create_time: undefined,
    adjustment_id: new Rng(seed, shopId, 'adjustment-id', s.statement_time).id('7305', 19),
    adjustment_order_id: undefined,
    revenue_amount: zero(cur),
    fee_tax_amount: zero(cur),
    shipping_cost_amount: zero(cur),
    adjustment_amount: s.adjustment_amount,
    settlement_amount: s.adjustment_amount,
    revenue_breakdown: {},
    fee_tax_breakdown: { fee: {}, tax: {} },
    shipping_cost_breakdown: {},
  };
}

/**
 * `GET /finance/202501/statements/{statement_id}/statement_transactions`, sorted by
 * `order_create_time` (adjustments, which have none, sort at the statement's time); undefined for
 * a statement the shop does not have. Call after the shop's finance is current.
 * @throws InvalidPageToken
 */
export function statementTransactions(
  seed: string,
  shop: ShopState,
  statementId: string,
  o: TokenPaging & { sortOrder: 'ASC' | 'DESC' },
): StatementTransactionsData | undefined {
  const statement = shop.statements.find((s) => s.id === statementId);
  if (!statement) return undefined;
  const cur = statement.currency;
  const orders = [...shop.transactions.values()].filter((t) => t.sku_transactions[0]?.statement_id === statementId);
  const all = orders.map((t) => orderTransaction(seed, t));
  if (!new D(statement.adjustment_amount).isZero()) all.push(adjustmentTransaction(seed, shop.shop.id, statement));
  const page = keysetPage(all, (t) => [t.order_create_time ?? statement.statement_time, t.id], {
    desc: o.sortOrder === 'DESC',
    pageSize: o.pageSize,
    pageToken: o.pageToken,
    query: ['statement-transactions', statementId, o.sortOrder],
  });
  const total = (field: 'revenue_amount' | 'fee_tax_amount' | 'shipping_cost_amount' | 'adjustment_amount'): string =>
    money(sum(all.map((t) => t[field])), cur);
  return {
    id: statement.id,
    create_time: statement.statement_time,
    currency: cur,
    status: 'SETTLED',
    total_settlement_amount: statement.settlement_amount,
    total_reserve_amount: zero(cur),
    payable_amount: statement.settlement_amount,
    total_settlement_breakdown: {
      total_revenue_amount: total('revenue_amount'),
      total_fee_tax_amount: total('fee_tax_amount'),
      total_shipping_cost_amount: total('shipping_cost_amount'),
      total_adjustment_amount: total('adjustment_amount'),
    },
    transactions: page.items,
    next_page_token: page.next_page_token,
    total_count: page.total_count,
  };
}

/** The shop's bank account as TikTok shows it: masked but for the last 4 digits. */
function maskedAccount(seed: string, shopId: string): string {
  return `${'*'.repeat(12)}${new Rng(seed, shopId, 'bank-account').digits(4)}`;
}

/**
 * USD per unit of a currency, for cross-border sellers' payouts: they are often paid in USD, so
 * `amount` is the settlement after exchange (Get Payments, `amount` and `exchange_rate`).
 */
const USD_PER: Readonly<Record<string, string>> = { GBP: '1.265000', EUR: '1.080000', JPY: '0.006700', MYR: '0.213000' };

/**
 * Payments as of `now`: a statement with a positive settlement is paid out a day after it is
 * generated, with the statement's payment status (a PAID one under the statement's payment_id);
 * a cross-border seller is paid in USD at a fixed rate.
 */
export function payments(seed: string, shop: ShopState, now: number): FinancePayment[] {
  const account = maskedAccount(seed, shop.shop.id);
  const rate = shop.shop.seller_type === 'CROSS_BORDER' ? USD_PER[shop.shop.currency] : undefined;
  return shop.statements.flatMap((s): FinancePayment[] => {
    const created = s.statement_time + DAY;
    if (created > now || !new D(s.settlement_amount).isPositive()) return [];
    const rng = new Rng(seed, shop.shop.id, 'payment', s.statement_time);
    const id = rng.id('7302', 19);
    const settlement = { value: s.settlement_amount, currency: s.currency };
    const amount = rate ? { value: money(new D(s.settlement_amount).times(rate), 'USD'), currency: 'USD' } : settlement;
    const paidTime = created + rng.int(3600, 12 * 3600);
    return [
      {
        id: s.payment_id ?? id,
        create_time: created,
        status: s.payment_status,
        amount,
        settlement_amount: settlement,
        reserve_amount: { value: zero(s.currency), currency: s.currency },
        payment_amount_before_exchange: settlement,
        exchange_rate: rate ?? '1.000000',
        ...(s.payment_status === 'PAID' && paidTime <= now ? { paid_time: paidTime } : {}),
        bank_account: account,
      },
    ];
  });
}

/**
 * `GET /finance/202309/payments` (sorted by `create_time`, ASC unless DESC is asked): `recorded`
 * payments when a recording holds them, else those of the statements. @throws InvalidPageToken
 */
export function listPayments(
  seed: string,
  shop: ShopState,
  now: number,
  f: { create_time_ge?: number; create_time_lt?: number },
  o: TokenPaging & { sortOrder: 'ASC' | 'DESC' },
  recorded?: readonly FinancePayment[],
): Page<FinancePayment> {
  const matches = (recorded ?? payments(seed, shop, now)).filter(
    (p) => (f.create_time_ge === undefined || p.create_time >= f.create_time_ge) && (f.create_time_lt === undefined || p.create_time < f.create_time_lt),
  );
  return keysetPage(matches, (p) => [p.create_time, p.id], {
    desc: o.sortOrder === 'DESC',
    pageSize: o.pageSize,
    pageToken: o.pageToken,
    query: ['payments', f, o.sortOrder],
  });
}
