import { Decimal } from 'decimal.js';
import { orderStatementTransactionsData } from '../../../../src/datasources/partner/schemas';
import { demoStore, NOW } from './demo-store';

const sum = (values: (string | undefined)[]): Decimal => values.reduce<Decimal>((acc, v) => acc.plus(v ?? 0), new Decimal(0));

describe('finance', () => {
  const store = demoStore();

  it.each(store.shops().map((s) => [s.region, s] as const))(
    '%s: daily statements at 00:00 UTC obey settlement = revenue + fees + shipping + adjustment',
    (_region, shop) => {
      const { statements, orders } = store.raw(shop.id);
      expect(statements.length).toBeGreaterThan(5);
      for (const s of statements) {
        expect(s.statement_time % 86400).toBe(0);
        expect(s.statement_time).toBeLessThanOrEqual(NOW);
        expect(s.currency).toBe(shop.currency);
        // Generated shops send every amount today (TikTok leaves some out by market).
        expect(new Decimal(s.revenue_amount!).plus(s.fee_amount).plus(s.shipping_cost_amount!).plus(s.adjustment_amount).eq(s.settlement_amount)).toBe(true);
        expect(new Decimal(s.fee_amount).lte(0)).toBe(true);
      }
      // Every statement is exactly the sum of the order transactions settled in it.
      const txs = orders.map((o) => store.orderStatementTransactions(shop.id, o.id)).filter((t) => t !== undefined);
      expect(txs.length).toBeGreaterThan(10);
      for (const s of statements) {
        const mine = txs.filter((t) => t.sku_transactions[0]?.statement_id === s.id);
        expect(mine.length).toBeGreaterThan(0);
        expect(sum(mine.map((t) => t.revenue_amount)).eq(s.revenue_amount!)).toBe(true);
        expect(sum(mine.map((t) => t.fee_and_tax_amount)).eq(s.fee_amount)).toBe(true);
        expect(sum(mine.map((t) => t.shipping_cost_amount)).eq(s.shipping_cost_amount!)).toBe(true);
      }
    },
  );

  it('breaks each settled order down per SKU with fees, taxes and shipping that add up', () => {
    const shops = store.shops();
    const feeKeys = new Set<string>();
    for (const shop of shops) {
      for (const o of store.raw(shop.id).orders) {
        const tx = store.orderStatementTransactions(shop.id, o.id);
        if (!tx) {
          expect(o.status === 'COMPLETED' && o.update_time < NOW - 86400 * 2).toBe(false);
          continue;
        }
        expect(orderStatementTransactionsData.safeParse(tx).success).toBe(true);
        expect(o.status).toBe('COMPLETED');
        for (const s of tx.sku_transactions) {
          expect(sum(Object.values(s.revenue_breakdown)).eq(s.revenue_amount!)).toBe(true);
          expect(sum([...Object.values(s.fee_tax_breakdown.fee), ...Object.values(s.fee_tax_breakdown.tax)]).eq(s.fee_tax_amount!)).toBe(true);
          expect(sum(Object.values(s.shipping_cost_breakdown as Record<string, string>)).eq(s.shipping_cost_amount!)).toBe(true);
          expect(new Decimal(s.revenue_amount).plus(s.fee_tax_amount!).plus(s.shipping_cost_amount!).eq(s.settlement_amount)).toBe(true);
          Object.keys(s.fee_tax_breakdown.fee).forEach((k) => feeKeys.add(k));
        }
        expect(sum(tx.sku_transactions.map((s) => s.settlement_amount)).eq(tx.settlement_amount)).toBe(true);
        expect(new Decimal(tx.revenue_amount).plus(tx.fee_and_tax_amount).plus(tx.shipping_cost_amount).eq(tx.settlement_amount)).toBe(true);
        // Quantity is the number of line items of the SKU that were not cancelled.
        const units = o.line_items.filter((l) => l.display_status !== 'CANCELLED').length;
        expect(tx.sku_transactions.reduce((n, s) => n + Number(s.quantity ?? 0), 0)).toBe(units);
      }
    }
    expect([...feeKeys].sort()).toEqual(['affiliate_commission_amount', 'platform_commission_amount', 'referral_fee_amount', 'transaction_fee_amount']);
  });

  it('pages statements oldest first (Get Statements: "Default: ASC"), or newest first on request, filtered by statement_time', () => {
    const shop = store.shops()[0]!;
    const asc = store.listStatements(shop.id, {}, { pageSize: 100 }).items.map((s) => s.statement_time);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const all = store.listStatements(shop.id, {}, { pageSize: 100, sortOrder: 'DESC' });
    const times = all.items.map((s) => s.statement_time);
    expect(times).toEqual([...asc].reverse());
    const from = times[3]!;
    const some = store.listStatements(shop.id, { statement_time_ge: from, statement_time_lt: times[0]! }, { pageSize: 100, sortOrder: 'DESC' });
    expect(some.items.map((s) => s.statement_time)).toEqual(times.slice(1, 4));
  });
});
