/**
 * Finance derived from the orders: each COMPLETED order settles when it completes, in the daily
 * statement TikTok generates at the next 00:00 UTC; its statement transactions (202501 shape)
 * break revenue, fees, taxes on fees and shipping cost down per SKU. Fees and costs are negative,
 * so for every SKU, order and statement:
 * settlement = revenue + fee_and_tax + shipping_cost (+ adjustment, statements only).
 */
import { DAY } from './dates';
import { allocate, D, type Dec, money, round, sum } from './money';
import { refundsByOrder } from './refund-facts';
import { Rng } from './rng';
import type { PartnerLineItem, PartnerOrder, PartnerOrderTransactions, PartnerSkuTransaction, PartnerStatement } from './shapes';
import type { ShopState } from './state';

const neg = (d: Dec): Dec => d.negated();

function statementRng(seed: string, shopId: string, statementTime: number): Rng {
  return new Rng(seed, shopId, 'statement', statementTime);
}

interface SkuGroup {
  lines: PartnerLineItem[];
  /** The refunded lines with the share of each refunded (1 for a full refund). */
  refunded: { line: PartnerLineItem; share: Dec }[];
}

function groupBySku(order: PartnerOrder, refundShares: ReadonlyMap<string, Dec>): Map<string, SkuGroup> {
  const groups = new Map<string, SkuGroup>();
  // Line items cancelled before shipping were never sold: they are not in the settlement at all.
  for (const line of order.line_items.filter((l) => l.display_status !== 'CANCELLED')) {
    let g = groups.get(line.sku_id);
    if (!g) groups.set(line.sku_id, (g = { lines: [], refunded: [] }));
    g.lines.push(line);
    const share = refundShares.get(line.id);
    if (share) g.refunded.push({ line, share });
  }
  return groups;
}

/**
 * What a refund takes back of the seller's revenue, before and after the seller's discount: a
 * line refunded in part gives back that part of its price before discount and of the seller's
 * discount, so the revenue lost is the line's revenue (original − seller discount) times the
 * share refunded (docs/metrics.md, a partial refund takes back that share of the gross).
 */
function refundParts(refunded: SkuGroup['refunded'], cur: string): { beforeDiscount: Dec; sellerDiscount: Dec } {
  let beforeDiscount = new D(0);
  let sellerDiscount = new D(0);
  for (const { line, share } of refunded) {
    const before = round(new D(line.original_price).times(share), cur);
    const net = round(new D(line.original_price).minus(line.seller_discount).times(share), cur);
    beforeDiscount = beforeDiscount.plus(before);
    sellerDiscount = sellerDiscount.plus(before.minus(net));
  }
  return { beforeDiscount, sellerDiscount };
}

function orderTransactions(
  seed: string,
  shop: ShopState,
  order: PartnerOrder,
  refundShares: ReadonlyMap<string, Dec>,
  lineless: Dec,
  statementId: string,
): PartnerOrderTransactions {
  const p = shop.profile;
  const cur = order.payment.currency;
  const rng = new Rng(seed, 'fees', order.id);
  const affiliateRate = rng.chance(0.25) ? rng.int(10, 20) / 100 : 0;
  const groups = [...groupBySku(order, refundShares).entries()];
  const shipOriginal = new D(order.payment.original_shipping_fee);
  // TikTok buys the label; the carrier's price is not the fee shown to the buyer.
  const actual = order.shipping_type === 'TIKTOK' ? round(shipOriginal.times(0.8 + rng.next() * 0.4), cur) : new D(0);
  const weights = groups.map(([, g]) => sum(g.lines.map((l) => l.original_price)).plus(1));
  const actualParts = allocate(actual, weights, cur);
  const paidParts = allocate(new D(order.payment.shipping_fee), weights, cur);
  const subsidyParts = allocate(new D(order.payment.shipping_fee_platform_discount), weights, cur);
  const skus = groups.map(([skuId, g], i): PartnerSkuTransaction => {
    const first = g.lines[0] as PartnerLineItem;
    const refund = refundParts(g.refunded, cur);
    const revenueBreakdown = {
      subtotal_before_discount_amount: sum(g.lines.map((l) => l.original_price)),
      seller_discount_amount: neg(sum(g.lines.map((l) => l.seller_discount))),
      refund_subtotal_before_discount_amount: neg(refund.beforeDiscount.plus(i === 0 ? lineless : 0)),
      seller_discount_refund_amount: refund.sellerDiscount,
    };
    const revenue = sum(Object.values(revenueBreakdown));
    const base = revenue.isNegative() ? new D(0) : revenue;
    const fee = {
      // TikTok US charges a "referral fee" where other markets charge a platform commission.
      platform_commission_amount: neg(p.region === 'US' ? new D(0) : round(base.times(p.commissionRate), cur)),
      referral_fee_amount: neg(p.region === 'US' ? round(base.times(p.commissionRate), cur) : new D(0)),
      transaction_fee_amount: neg(round(base.times(0.03), cur)),
      affiliate_commission_amount: neg(round(base.times(affiliateRate), cur)),
    };
    const feeTotal = sum(Object.values(fee));
    const tax: Record<string, Dec> = p.feeTaxKey ? { [p.feeTaxKey]: round(feeTotal.times(p.feeTaxRate), cur) } : {};
    const shipping = {
      actual_shipping_fee_amount: neg(actualParts[i] as Dec),
      customer_paid_shipping_fee_amount: paidParts[i] as Dec,
      shipping_fee_discount_amount: subsidyParts[i] as Dec,
    };
    const feeTax = feeTotal.plus(sum(Object.values(tax)));
    const shippingCost = sum(Object.values(shipping));
    const fmt = (o: Record<string, Dec>): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, money(v, cur)]));
    return {
      sku_id: skuId,
      sku_name: first.sku_name,
      product_name: first.product_name,
      quantity: g.lines.length,
      statement_id: statementId,
      revenue_amount: money(revenue, cur),
      revenue_breakdown: fmt(revenueBreakdown),
      fee_tax_amount: money(feeTax, cur),
      fee_tax_breakdown: { fee: fmt(fee), tax: fmt(tax) },
      shipping_cost_amount: money(shippingCost, cur),
      shipping_cost_breakdown: fmt(shipping),
      settlement_amount: money(revenue.plus(feeTax).plus(shippingCost), cur),
    };
  });
  const total = (field: 'revenue_amount' | 'fee_tax_amount' | 'shipping_cost_amount' | 'settlement_amount'): string =>
    money(sum(skus.map((s) => s[field] ?? '0')), cur);
  return {
    order_id: order.id,
    order_create_time: order.create_time,
    currency: cur,
    revenue_amount: total('revenue_amount'),
    fee_and_tax_amount: total('fee_tax_amount'),
    shipping_cost_amount: total('shipping_cost_amount'),
    settlement_amount: total('settlement_amount'),
    sku_transactions: skus,
    total_count: skus.length,
  };
}

/** What each cached transaction was computed from, so unchanged orders are not recomputed. */
const computedFrom = new WeakMap<PartnerOrderTransactions, string>();

/**
 * Makes a shop's statements and order transactions current for `now`, recomputing them from the
 * orders only when `now` moved since the last time (orders change only when time moves). Lazy
 * because finance is the costliest derived data and many runs never ask for it.
 * Deterministic: fees, statement ids and adjustments derive from the seed and the ids.
 */
export function ensureFinance(seed: string, shop: ShopState, now: number): void {
  if (shop.financeAsOf === now) return;
  computeFinance(seed, shop, now);
  shop.financeAsOf = now;
}

function computeFinance(seed: string, shop: ShopState, now: number): void {
  const cur = shop.shop.currency;
  const refunds = refundsByOrder(shop.orders, shop.returns.values(), shop.cancellations.values());
  const byDay = new Map<number, PartnerOrderTransactions[]>();
  const statementIds = new Map<number, string>();
  const previous = new Map(shop.transactions);
  shop.transactions.clear();
  for (const order of shop.orders.values()) {
    if (order.status !== 'COMPLETED') continue;
    const statementTime = (Math.floor(order.update_time / DAY) + 1) * DAY;
    if (statementTime > now) continue;
    const r = refunds.get(order.id);
    const key = `${order.update_time}|${[...(r?.lines ?? [])].map(([id, share]) => `${id}:${share.toString()}`).join(',')}|${(r?.amounts ?? []).join(',')}`;
    let tx = previous.get(order.id);
    if (!tx || computedFrom.get(tx) !== key) {
      let statementId = statementIds.get(statementTime);
      if (!statementId) statementIds.set(statementTime, (statementId = statementRng(seed, shop.shop.id, statementTime).id('7301', 19)));
      tx = orderTransactions(seed, shop, order, r?.lines ?? new Map(), sum(r?.amounts ?? []), statementId);
      computedFrom.set(tx, key);
    }
    shop.transactions.set(order.id, tx);
    const day = byDay.get(statementTime);
    if (day) day.push(tx);
    else byDay.set(statementTime, [tx]);
  }
  shop.statements = [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([statementTime, txs]): PartnerStatement => {
      const rng = statementRng(seed, shop.shop.id, statementTime);
      const id = rng.id('7301', 19); // the same first draw as the transactions' statement_id
      const revenue = sum(txs.map((t) => t.revenue_amount));
      const fees = sum(txs.map((t) => t.fee_and_tax_amount));
      const shipping = sum(txs.map((t) => t.shipping_cost_amount));
      // Now and then TikTok credits a logistics compensation or deducts a penalty.
      const adjustment = rng.chance(0.2) ? round(shop.profile.shippingFee.times(rng.int(-20, 20)).div(10), cur) : new D(0);
      const paid = statementTime <= now - 3 * DAY;
      const failed = paid && rng.chance(0.04);
      const statement: PartnerStatement = {
        id,
        statement_time: statementTime,
        currency: cur,
        revenue_amount: money(revenue, cur),
        fee_amount: money(fees, cur),
        adjustment_amount: money(adjustment, cur),
        shipping_cost_amount: money(shipping, cur),
        net_sales_amount: money(revenue, cur),
        settlement_amount: money(revenue.plus(fees).plus(shipping).plus(adjustment), cur),
        payment_status: failed ? 'FAILED' : paid ? 'PAID' : 'PROCESSING',
      };
      if (paid && !failed) statement.payment_id = rng.id('7302', 19);
      return statement;
    });
}
