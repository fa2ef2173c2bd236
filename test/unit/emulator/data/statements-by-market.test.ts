import { Decimal } from 'decimal.js';
import { EmulatorStore } from '../../../../src/emulator/data/store';
import { statementFor } from '../../../../src/emulator/data/statement-fields';
import type { PartnerStatement } from '../../../../src/emulator/data/store';
import { demoStore } from './demo-store';

const CORE = ['adjustment_amount', 'currency', 'fee_amount', 'id', 'payment_status', 'settlement_amount', 'statement_time'];
const amountKeys = (s: PartnerStatement): string[] =>
  Object.keys(s)
    .filter((k) => k.endsWith('_amount'))
    .sort();

describe('statements by market and seller type (Get Statements)', () => {
  const store = demoStore();
  const [us, gb, id] = store.shops();
  const served = (shopId: string): PartnerStatement[] => store.listStatements(shopId, {}, { pageSize: 100 }).items;

  it('US local: no revenue_amount; net_sales_amount and shipping_cost_amount; settlement = net sales + fees + shipping + adjustment', () => {
    const list = served(us!.id);
    expect(list.length).toBeGreaterThan(5);
    for (const s of list) {
      expect(amountKeys(s)).toEqual(['adjustment_amount', 'fee_amount', 'net_sales_amount', 'settlement_amount', 'shipping_cost_amount']);
      const sum = new Decimal(s.net_sales_amount!).plus(s.fee_amount).plus(s.shipping_cost_amount!).plus(s.adjustment_amount);
      expect(sum.toFixed(2)).toBe(s.settlement_amount);
    }
  });

  it('cross-border (GB): the common core only', () => {
    const list = served(gb!.id);
    expect(list.length).toBeGreaterThan(5);
    for (const s of list) expect(amountKeys(s)).toEqual(['adjustment_amount', 'fee_amount', 'settlement_amount']);
  });

  it('SEA local (ID): revenue_amount, and fees that include shipping: settlement = revenue + fees + adjustment', () => {
    const list = served(id!.id);
    expect(list.length).toBeGreaterThan(5);
    for (const s of list) {
      expect(amountKeys(s)).toEqual(['adjustment_amount', 'fee_amount', 'revenue_amount', 'settlement_amount']);
      expect(new Decimal(s.revenue_amount!).plus(s.fee_amount).plus(s.adjustment_amount).toFixed(0)).toBe(s.settlement_amount);
    }
    // The fees shown are the statement's fees plus its (negative) shipping costs.
    const full = store.raw(id!.id).statements.find((s) => !new Decimal(s.shipping_cost_amount ?? 0).isZero())!;
    const shown = list.find((s) => s.id === full.id)!;
    expect(shown.fee_amount).toBe(new Decimal(full.fee_amount).plus(full.shipping_cost_amount!).toFixed(0));
  });

  it('by the rule table: local outside SEA and UK/US keeps revenue; SEA cross-border keeps revenue only', () => {
    const s: PartnerStatement = {
      id: '1',
      statement_time: 0,
      currency: 'JPY',
      settlement_amount: '70',
      fee_amount: '-20',
      adjustment_amount: '0',
      revenue_amount: '100',
      net_sales_amount: '100',
      shipping_cost_amount: '-10',
      payment_status: 'PAID',
    };
    expect(amountKeys(statementFor({ region: 'JP', seller_type: 'LOCAL' }, s))).toEqual([
      'adjustment_amount',
      'fee_amount',
      'net_sales_amount',
      'revenue_amount',
      'settlement_amount',
      'shipping_cost_amount',
    ]);
    const my = statementFor({ region: 'MY', seller_type: 'CROSS_BORDER' }, s);
    expect(amountKeys(my)).toEqual(['adjustment_amount', 'fee_amount', 'revenue_amount', 'settlement_amount']);
    expect(my.fee_amount).toBe('-20');
    expect(Object.keys(statementFor({ region: 'GB', seller_type: 'LOCAL' }, s)).sort()).toEqual([...CORE, 'net_sales_amount', 'shipping_cost_amount'].sort());
  });
});

describe('payments (Get Payments)', () => {
  const store = demoStore();
  const [us, gb, id] = store.shops();

  it('are unavailable to SEA markets', () => {
    expect([store.paymentsAvailable(us!.id), store.paymentsAvailable(gb!.id), store.paymentsAvailable(id!.id)]).toEqual([true, true, false]);
  });

  it('pay a cross-border seller in USD after exchange; a local seller in its own currency', () => {
    const gbp = store.listPayments(gb!.id, {}, { pageSize: 100, sortOrder: 'ASC' }).items;
    expect(gbp.length).toBeGreaterThan(0);
    for (const p of gbp) {
      expect(p.amount.currency).toBe('USD');
      expect(p.exchange_rate).toBe('1.265000');
      expect(p.amount.value).toBe(new Decimal(p.settlement_amount!.value!).times('1.265').toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
      expect(p.settlement_amount?.currency).toBe('GBP');
    }
    const usd = store.listPayments(us!.id, {}, { pageSize: 100, sortOrder: 'ASC' }).items;
    expect(usd.every((p) => p.amount.currency === 'USD' && p.exchange_rate === '1.000000' && p.amount.value === p.settlement_amount?.value)).toBe(true);
  });

  it('are whatever a recording holds, even for a shop whose statements would give others', async () => {
    const store2 = await EmulatorStore.fromFixtures(`${__dirname}/../../../contract/recorded/cross-border`, 1795500000);
    const [shop] = store2.shops();
    const list = store2.listPayments(shop!.id, {}, { pageSize: 10, sortOrder: 'ASC' }).items;
    expect(list.map((p) => [p.id, p.amount.value, p.amount.currency, p.exchange_rate])).toEqual([['3459275187040258841', '24.09', 'USD', '1.265000']]);
  });
});
