import { Decimal } from 'decimal.js';
import { PartnerClient } from '../../../src/datasources/partner/partner-client';
import { TokenManager } from '../../../src/datasources/partner/token-manager';
import { EmulatorStore } from '../../../src/emulator/data/store';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';

const sum = (values: readonly (string | undefined)[]): Decimal => values.reduce<Decimal>((acc, v) => acc.plus(v ?? 0), new Decimal(0));
const eq = (a: Decimal | string, b: Decimal | string) => new Decimal(a).eq(b);

/** Five regions (USD, GBP, zero-decimal IDR, MYR, JPY) so every fee and rounding variant shows. */
const NOW = 1764000000;
const store = EmulatorStore.generate({ seed: 'finance', shops: 5, days: 40, ordersPerDay: 8, now: NOW });

describe('emulator finance: statements, statement transactions and payments agree', () => {
  it.each(store.shops().map((s) => [s.region, s] as const))(
    '%s: settlement = revenue + fees + taxes + shipping on every settled order, per SKU and in total',
    (_region, shop) => {
      const { orders } = store.raw(shop.id);
      let settled = 0;
      for (const order of orders) {
        const tx = store.orderStatementTransactions(shop.id, order.id);
        if (!tx) continue;
        settled += 1;
        for (const s of tx.sku_transactions) {
          const fees = sum([...Object.values(s.fee_tax_breakdown.fee), ...Object.values(s.fee_tax_breakdown.tax)]);
          expect(eq(fees, s.fee_tax_amount!)).toBe(true);
          expect(eq(new Decimal(s.revenue_amount).plus(fees).plus(s.shipping_cost_amount!), s.settlement_amount)).toBe(true);
        }
        expect(eq(sum(tx.sku_transactions.map((s) => s.settlement_amount)), tx.settlement_amount)).toBe(true);
        expect(eq(new Decimal(tx.revenue_amount).plus(tx.fee_and_tax_amount).plus(tx.shipping_cost_amount), tx.settlement_amount)).toBe(true);
      }
      expect(settled).toBeGreaterThan(20);
    },
  );

  it.each(store.shops().map((s) => [s.region, s] as const))('%s: each statement is the sum of its transactions, orders and adjustment', (_region, shop) => {
    const { statements } = store.raw(shop.id);
    let adjusted = 0;
    for (const s of statements) {
      const first = store.statementTransactions(shop.id, s.id, { pageSize: 100, sortOrder: 'ASC' })!;
      const txs = [...first.transactions];
      for (let token = first.next_page_token; token;) {
        const next = store.statementTransactions(shop.id, s.id, { pageSize: 100, pageToken: token, sortOrder: 'ASC' })!;
        txs.push(...next.transactions);
        token = next.next_page_token;
      }
      expect(txs).toHaveLength(first.total_count!);
      expect(eq(sum(txs.map((t) => t.settlement_amount)), s.settlement_amount)).toBe(true);
      expect(eq(sum(txs.map((t) => t.revenue_amount)), s.revenue_amount!)).toBe(true);
      expect(eq(sum(txs.map((t) => t.fee_tax_amount)), s.fee_amount)).toBe(true);
      expect(eq(sum(txs.map((t) => t.adjustment_amount)), s.adjustment_amount)).toBe(true);
      expect(first.total_settlement_amount).toBe(s.settlement_amount);
      for (const t of txs) {
        expect(eq(new Decimal(t.revenue_amount).plus(t.fee_tax_amount).plus(t.shipping_cost_amount).plus(t.adjustment_amount), t.settlement_amount)).toBe(true);
        if (t.type === 'ORDER') expect(store.orderStatementTransactions(shop.id, t.order_id!)?.settlement_amount).toBe(t.settlement_amount);
        else expect(t.order_id).toBeUndefined();
      }
      if (!new Decimal(s.adjustment_amount).isZero()) adjusted += 1;
    }
    expect(adjusted).toBeGreaterThan(0);
    expect(store.statementTransactions(shop.id, '7301000000000000000', { pageSize: 10, sortOrder: 'ASC' })).toBeUndefined();
  });

  it('pays each statement with money to pay a day later, with its status, masking all but 4 digits of the account', () => {
    const shop = store.shops()[0]!;
    const { statements } = store.raw(shop.id);
    const payments = store.listPayments(shop.id, {}, { pageSize: 100, sortOrder: 'ASC' }).items;
    const payable = statements.filter((s) => new Decimal(s.settlement_amount).isPositive() && s.statement_time + 86400 <= NOW);
    expect(payments.map((p) => p.create_time)).toEqual(payable.map((s) => s.statement_time + 86400));
    for (const [i, p] of payments.entries()) {
      const s = payable[i]!;
      expect(p).toMatchObject({ status: s.payment_status, amount: { value: s.settlement_amount, currency: s.currency } });
      if (s.payment_id) expect(p.id).toBe(s.payment_id);
      expect(p.paid_time !== undefined).toBe(s.payment_status === 'PAID');
      expect(p.bank_account).toMatch(/^\*+\d{4}$/);
    }
    expect([...new Set(payments.map((p) => p.status))].sort()).toEqual(['FAILED', 'PAID', 'PROCESSING']);
  });
});

describe('the Partner client reads payments and statement transactions from the emulator', () => {
  let emulator: EmulatorHandle;
  let partner: PartnerClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'finance-client', shops: 1, days: 30, ordersPerDay: 10 });
    const t = emulator.tokens;
    const tokens = new TokenManager({ appKey: t.appKey, appSecret: t.appSecret, authBaseUrl: emulator.url });
    await tokens.exchangeAuthCode(t.authCode);
    partner = new PartnerClient({ baseUrl: emulator.url, appKey: t.appKey, appSecret: t.appSecret, tokens });
  });
  afterAll(() => emulator.close());

  it("walks every payment page, and a statement's transactions page by page", async () => {
    const [shop] = await partner.getAuthorizedShops();
    const payments = [];
    for await (const page of partner.paginatePayments(shop!, { pageSize: 5, sortOrder: 'DESC' })) payments.push(...page.payments);
    expect(payments.length).toBeGreaterThan(5);
    expect(payments.map((p) => p.create_time)).toEqual([...payments.map((p) => p.create_time)].sort((a, b) => b - a));
    const [statement] = (await partner.getStatements(shop!, { pageSize: 1, sortOrder: 'DESC', filters: { statement_time_lt: Math.floor(Date.now() / 1000) } }))
      .statements;
    const first = await partner.getStatementTransactions(shop!, statement!.id, { pageSize: 2 });
    expect(first.transactions).toHaveLength(2);
    const rest = await partner.getStatementTransactions(shop!, statement!.id, { pageSize: 100, pageToken: first.next_page_token });
    expect(first.transactions.length + rest.transactions.length).toBe(first.total_count);
    expect(sum([...first.transactions, ...rest.transactions].map((t) => t.settlement_amount)).eq(statement!.settlement_amount)).toBe(true);
    await expect(partner.getStatementTransactions(shop!, '7301000000000000000', { pageSize: 1 })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
