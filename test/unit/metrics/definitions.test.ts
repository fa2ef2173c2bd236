import { aggregateDay, aggregateDays, combineAggregates, type OrderAggregate } from '../../../src/metrics/day-aggregate';
import { METRICS, METRIC_NAMES, computeShopMetrics, type MetricName, type ShopMetrics, type ShopMetricsInput } from '../../../src/metrics/definitions';
import { LA, WORKED_DAY, adRow, byOrder, gmvMaxRow, line, order, refund, workedExample } from './fixtures';

const DAY = WORKED_DAY;

function aggregate(orders = [order('O', [line('L1', '10.00')])], currency = 'USD'): OrderAggregate {
  return combineAggregates([aggregateDay(orders, new Map(), DAY, currency)], currency);
}

function metrics(overrides: Partial<ShopMetricsInput> = {}): ShopMetrics {
  return computeShopMetrics({ orders: aggregate(), adRows: [], currency: 'USD', ...overrides });
}

const values = (result: ShopMetrics): Record<MetricName, string | null> =>
  Object.fromEntries(METRIC_NAMES.map((name) => [name, result[name].value])) as Record<MetricName, string | null>;

describe('the catalogue', () => {
  it('defines every metric with a unit, a source and a formula', () => {
    expect(Object.keys(METRICS)).toEqual([...METRIC_NAMES]);
    expect(Object.fromEntries(METRIC_NAMES.map((n) => [n, [METRICS[n].unit, METRICS[n].source]]))).toEqual({
      GMV: ['MONEY', 'ORDERS'],
      ORDERS: ['COUNT', 'ORDERS'],
      AOV: ['MONEY', 'ORDERS'],
      UNITS_SOLD: ['COUNT', 'ORDERS'],
      REFUNDED_GMV: ['MONEY', 'ORDERS'],
      REFUND_RATE: ['RATIO', 'ORDERS'],
      NET_REVENUE: ['MONEY', 'ORDERS'],
      AD_SPEND: ['MONEY', 'REPORTS'],
      ATTRIBUTED_REVENUE: ['MONEY', 'REPORTS'],
      ROAS: ['RATIO', 'REPORTS'],
      BLENDED_ROAS: ['RATIO', 'REPORTS'],
      GMV_MAX_ROI: ['RATIO', 'REPORTS'],
      LATE_SHIP_RATE: ['RATIO', 'ORDERS'],
      ON_TIME_DELIVERY_RATE: ['RATIO', 'ORDERS'],
      ORDERS_AT_RISK: ['COUNT', 'ORDERS'],
    });
    expect(METRICS.AOV.formula).toBe('GMV / ORDERS');
    // docs/metrics.md: ROAS's formula names the spend it divides by; GMV Max cost is not part of it.
    expect(METRICS.ROAS.formula).toMatch(/^ATTRIBUTED_REVENUE \/ Σ spend of the BASIC report rows/);
    expect(METRICS.BLENDED_ROAS.formula).toMatch(/^GMV \/ AD_SPEND \(all of it, GMV Max cost included\)/);
    expect(METRICS.AD_SPEND.formula).toContain('+ Σ cost of the GMV Max report rows');
    expect(METRICS.BLENDED_ROAS.dependsOn).toEqual(['ORDERS', 'REPORTS']);
  });
});

describe('computeShopMetrics', () => {
  it('reproduces the worked example of metrics.md exactly', () => {
    const { orders, refunds } = workedExample();
    const days = aggregateDays(orders, refunds, { from: DAY, to: DAY }, LA, 'USD');
    const result = computeShopMetrics({
      orders: combineAggregates(days.values(), 'USD'),
      adRows: [adRow(DAY, '20.00', '40.00')],
      currency: 'USD',
    });
    expect(values(result)).toEqual({
      GMV: '86.00',
      ORDERS: '2',
      AOV: '43.00',
      UNITS_SOLD: '3',
      REFUNDED_GMV: '50.00',
      REFUND_RATE: '0.581395',
      NET_REVENUE: '36.00',
      AD_SPEND: '20.00',
      ATTRIBUTED_REVENUE: '40.00',
      ROAS: '2.000000',
      BLENDED_ROAS: '4.300000',
      GMV_MAX_ROI: null,
      // The worked example's orders carry no fulfilment times (and no asOf is given).
      LATE_SHIP_RATE: null,
      ON_TIME_DELIVERY_RATE: null,
      ORDERS_AT_RISK: null,
    });
    expect(result.GMV).toEqual({
      name: 'GMV',
      unit: 'MONEY',
      value: '86.00',
      currency: 'USD',
      nullReason: null,
      formula: METRICS.GMV.formula,
    });
    expect(result.ROAS).toEqual({
      name: 'ROAS',
      unit: 'RATIO',
      value: '2.000000',
      nullReason: null,
      formula: METRICS.ROAS.formula,
    });
  });

  describe('ad spend with GMV Max (docs/metrics.md, "Ad spend")', () => {
    const worked = () => {
      const { orders, refunds } = workedExample();
      return combineAggregates([aggregateDay(orders, refunds, DAY, 'USD')], 'USD');
    };

    it('adds GMV Max cost to ad spend; ROAS divides by the BASIC spend only, blended ROAS by all of it', () => {
      // BASIC: spend 20.00, attributed 40.00. GMV Max: cost 30.00, gross revenue 90.00. GMV 86.00.
      const result = computeShopMetrics({
        orders: worked(),
        adRows: [adRow(DAY, '20.00', '40.00')],
        gmvMax: [gmvMaxRow(DAY, '30.00', '90.00')],
        currency: 'USD',
      });
      expect(values(result)).toMatchObject({
        AD_SPEND: '50.00',
        ATTRIBUTED_REVENUE: '40.00',
        ROAS: '2.000000',
        BLENDED_ROAS: '1.720000',
        GMV_MAX_ROI: '3.000000',
      });
    });

    it('with GMV Max only: spend and blended ROAS from its cost, ROAS null with the reason', () => {
      const result = computeShopMetrics({ orders: worked(), adRows: [], gmvMax: [gmvMaxRow(DAY, '43.00', '60.00')], currency: 'USD' });
      expect(values(result)).toMatchObject({ AD_SPEND: '43.00', ATTRIBUTED_REVENUE: '0.00', ROAS: null, BLENDED_ROAS: '2.000000' });
      expect(result.ROAS.nullReason).toBe('no spend on campaigns that report attributed revenue (BASIC report) in the window');
    });

    it('keeps GMV Max cost in another currency apart like any ad money', () => {
      const result = computeShopMetrics({
        orders: worked(),
        adRows: [adRow(DAY, '20.00', '40.00')],
        gmvMax: [gmvMaxRow(DAY, '30.00', '90.00', { currency: 'EUR' })],
        currency: 'USD',
      });
      expect(result.AD_SPEND).toMatchObject({ value: null, nullReason: 'ad money in EUR cannot be combined with USD without a fixed rate table' });
      expect(result.ROAS.value).toBe('2.000000');
      expect(result.BLENDED_ROAS.value).toBeNull();
    });
  });

  it('makes every order figure unknown, with the reason, when an order TikTok sent could not be read; a refund row only the refund figures', () => {
    const order = { kind: 'order' as const, from: DAY, to: DAY, detail: 'order 9: orders[0].line_items[0].sale_price: Required' };
    const result = metrics({ unreadable: [order] });
    const reason = 'unknown: TikTok sent 1 order that could not be read and may count in the window (order 9: orders[0].line_items[0].sale_price: Required)';
    for (const name of ['GMV', 'ORDERS', 'AOV', 'UNITS_SOLD', 'REFUNDED_GMV', 'REFUND_RATE', 'NET_REVENUE', 'BLENDED_ROAS'] as const) {
      expect(result[name]).toMatchObject({ value: null });
    }
    expect(result.GMV.nullReason).toBe(reason);
    const refundOnly = metrics({ unreadable: [{ kind: 'refund', from: DAY, to: DAY, detail: 'return 5: return_orders[0].order_id: Required' }] });
    expect(values(refundOnly)).toMatchObject({ GMV: '10.00', ORDERS: '1', REFUNDED_GMV: null, REFUND_RATE: null, NET_REVENUE: null });
    expect(refundOnly.REFUNDED_GMV.nullReason).toBe(
      'unknown: TikTok sent 1 row that could not be read and may count in the window (return 5: return_orders[0].order_id: Required)',
    );
  });

  it('makes refunded GMV (and what depends on it) null when a successful refund names no line and carries no amount', () => {
    const o = order('O', [line('L1', '10.00')]);
    const orders = combineAggregates([aggregateDay([o], byOrder([refund('R', o, [])]), DAY, 'USD')], 'USD');
    const result = metrics({ orders });
    expect(result.REFUNDED_GMV).toMatchObject({
      value: null,
      nullReason: "unknown: 1 successful refund of the window's orders named no line item and carried no refund amount",
    });
    expect(values(result)).toMatchObject({ GMV: '10.00', REFUND_RATE: null, NET_REVENUE: null });
  });

  it('gives a reason exactly when a value is null', () => {
    for (const result of [
      metrics(),
      metrics({ orders: aggregate([]) }),
      computeShopMetrics({ orders: aggregate(), adRows: [adRow(DAY, '5', '7', { currency: 'EUR' })], currency: 'USD' }),
    ]) {
      for (const name of METRIC_NAMES) expect(result[name].value === null).toBe(result[name].nullReason !== null);
    }
  });

  describe('null rules', () => {
    it('AOV is null with no orders; refund rate is null with GMV 0', () => {
      const result = metrics({ orders: aggregate([]) });
      expect(result.AOV).toMatchObject({ value: null, nullReason: 'no orders in the window', currency: 'USD' });
      expect(result.REFUND_RATE).toMatchObject({ value: null, nullReason: 'GMV is 0 in the window' });
      expect(values(result)).toMatchObject({ GMV: '0.00', ORDERS: '0', UNITS_SOLD: '0', REFUNDED_GMV: '0.00', NET_REVENUE: '0.00' });
    });

    it('refund rate is null when orders exist but GMV is 0 (zero-price gifts)', () => {
      const result = metrics({ orders: aggregate([order('G', [line('L1', '0.00')])]) });
      expect(values(result)).toMatchObject({ GMV: '0.00', ORDERS: '1', AOV: '0.00', REFUND_RATE: null });
    });

    it('ROAS and Blended ROAS are null when spend is 0, whatever the rows say', () => {
      for (const adRows of [[], [adRow(DAY, '0.00', '15.00')], [adRow(DAY, null, '15.00')]]) {
        const result = metrics({ adRows });
        expect(result.ROAS).toMatchObject({ value: null, nullReason: 'no spend on campaigns that report attributed revenue (BASIC report) in the window' });
        expect(result.BLENDED_ROAS).toMatchObject({ value: null, nullReason: 'no ad spend in the window' });
        expect(result.AD_SPEND).toMatchObject({ value: '0.00', currency: 'USD' });
      }
    });

    it('GMV Max ROI is null without GMV Max cost, and computed from the report otherwise', () => {
      expect(metrics().GMV_MAX_ROI).toMatchObject({ value: null, nullReason: 'no GMV Max cost in the window' });
      const zeroCost = metrics({ gmvMax: [gmvMaxRow(DAY, '0', '10')] });
      expect(zeroCost.GMV_MAX_ROI.nullReason).toBe('no GMV Max cost in the window');
      const roi = metrics({
        gmvMax: [gmvMaxRow(DAY, '10.00', '20.00'), gmvMaxRow(DAY, '20.00', '10.00')],
      });
      expect(roi.GMV_MAX_ROI.value).toBe('1.000000');
    });
  });

  it('rounds a zero-decimal currency (IDR) half-even', () => {
    const orders = aggregate([order('A', [line('L1', '1500')], { currency: 'IDR' }), order('B', [line('L1', '1501')], { currency: 'IDR' })], 'IDR');
    const result = computeShopMetrics({ orders, adRows: [adRow(DAY, '1000', '2500', { currency: 'IDR' })], currency: 'IDR' });
    expect(values(result)).toMatchObject({ GMV: '3001', AOV: '1500', AD_SPEND: '1000', ROAS: '2.500000', BLENDED_ROAS: '3.001000' });
    expect(result.AOV.currency).toBe('IDR');
  });

  it.each([
    ['0.25', '0.12'],
    ['0.75', '0.38'],
    ['0.26', '0.13'],
  ])('rounds AOV of GMV %s over 2 orders half-even to %s', (gmv, aov) => {
    const result = metrics({ orders: aggregate([order('A', [line('L1', gmv)]), order('B', [])]) });
    expect(result.AOV.value).toBe(aov);
  });

  it('computes ratios from unrounded sums, rounding only at the end', () => {
    const o = order('O', [line('L1', '1.004'), line('L2', '1.004')]);
    const orders = combineAggregates([aggregateDay([o], byOrder([refund('R', o, ['L1'])]), DAY, 'USD')], 'USD');
    const result = metrics({ orders });
    expect(values(result)).toMatchObject({ GMV: '2.01', REFUNDED_GMV: '1.00', NET_REVENUE: '1.00', REFUND_RATE: '0.500000' });
  });

  it('includes the spend of deleted campaigns', () => {
    const result = metrics({
      adRows: [adRow(DAY, '10.00', '30.00'), adRow(DAY, '5.00', '0.00', { campaignId: 'C2', campaignDeleted: true })],
    });
    expect(values(result)).toMatchObject({ AD_SPEND: '15.00', ATTRIBUTED_REVENUE: '30.00', ROAS: '2.000000' });
  });

  describe('currency mismatch', () => {
    const workedOrders = (): OrderAggregate => {
      const { orders, refunds } = workedExample();
      return combineAggregates([aggregateDay(orders, refunds, DAY, 'USD')], 'USD');
    };
    const eurRows = [adRow(DAY, '20.00', '40.00', { currency: 'EUR' })];

    it('makes ROAS and Blended ROAS null with a reason when ad money is in another currency', () => {
      const result = computeShopMetrics({ orders: workedOrders(), adRows: eurRows, currency: 'USD' });
      for (const name of ['ROAS', 'BLENDED_ROAS'] as const) {
        expect(result[name].value).toBeNull();
        expect(result[name].nullReason).toBe('ad money in EUR cannot be combined with USD without a fixed rate table');
      }
      expect(result.AD_SPEND).toMatchObject({ value: '20.00', currency: 'EUR' });
      expect(result.GMV.value).toBe('86.00');
    });

    it('converts with a fixed rate table and names the rate used', () => {
      const result = computeShopMetrics({ orders: workedOrders(), adRows: eurRows, currency: 'USD', rates: { 'EUR/USD': '1.10' } });
      expect(result.ROAS.value).toBe('2.000000');
      expect(result.BLENDED_ROAS.value).toBe('3.909091');
      expect(result.BLENDED_ROAS.formula).toBe(`${METRICS.BLENDED_ROAS.formula}; converted at 1 EUR = 1.10 USD (fixed rate table)`);
      expect(result.AD_SPEND).toMatchObject({ value: '20.00', currency: 'EUR', formula: METRICS.AD_SPEND.formula });
    });

    it('uses a rate given in the other direction', () => {
      const result = computeShopMetrics({ orders: workedOrders(), adRows: eurRows, currency: 'USD', rates: { 'USD/EUR': '0.8' } });
      expect(result.BLENDED_ROAS.value).toBe('3.440000');
      expect(result.BLENDED_ROAS.formula).toContain('1 USD = 0.8 EUR');
    });

    it('treats a zero rate as missing', () => {
      const result = computeShopMetrics({ orders: workedOrders(), adRows: eurRows, currency: 'USD', rates: { 'USD/EUR': '0' } });
      expect(result.BLENDED_ROAS.value).toBeNull();
    });

    it('reports spend of advertisers in several currencies only when a rate table converts it', () => {
      const adRows = [adRow(DAY, '10.00', '20.00'), adRow(DAY, '10.00', '20.00', { advertiserId: 'ADV2', currency: 'EUR' })];
      const without = computeShopMetrics({ orders: workedOrders(), adRows, currency: 'USD' });
      expect(without.AD_SPEND).toMatchObject({ value: null, nullReason: 'ad money in EUR cannot be combined with USD without a fixed rate table' });
      const withRates = computeShopMetrics({ orders: workedOrders(), adRows, currency: 'USD', rates: { 'EUR/USD': '1.5' } });
      expect(values(withRates)).toMatchObject({ AD_SPEND: '25.00', ATTRIBUTED_REVENUE: '50.00', ROAS: '2.000000', BLENDED_ROAS: '3.440000' });
      expect(withRates.AD_SPEND.currency).toBe('USD');
    });

    it('keeps orders in another currency out of GMV unless a rate table converts them', () => {
      const orders = aggregate([order('U', [line('L1', '10.00')]), order('E', [line('L1', '10.00')], { currency: 'EUR' })]);
      const without = metrics({ orders });
      expect(values(without)).toMatchObject({ GMV: null, AOV: null, REFUND_RATE: null, NET_REVENUE: null, ORDERS: '2', UNITS_SOLD: '2' });
      expect(without.GMV.nullReason).toBe('orders in EUR cannot be combined with USD without a fixed rate table');
      const withRates = metrics({ orders, rates: { 'EUR/USD': '1.2' } });
      expect(values(withRates)).toMatchObject({ GMV: '22.00', AOV: '11.00', REFUNDED_GMV: '0.00' });
      expect(withRates.GMV.formula).toContain('1 EUR = 1.2 USD');
    });
  });

  it('says in the ad formulas when the advertiser time zone differs from the shop', () => {
    const adRows = [adRow(DAY, '20.00', '40.00')];
    const differ = metrics({ adRows, timeZones: { shop: LA, advertisers: ['Asia/Singapore', LA] } });
    const caveat = `ad days are dated in the advertiser time zone (Asia/Singapore) and mapped to shop days (${LA}) by date label`;
    for (const name of ['AD_SPEND', 'ATTRIBUTED_REVENUE', 'ROAS', 'BLENDED_ROAS', 'GMV_MAX_ROI'] as const) {
      expect(differ[name].formula).toBe(`${METRICS[name].formula}; ${caveat}`);
    }
    expect(differ.GMV.formula).toBe(METRICS.GMV.formula);
    const same = metrics({ adRows, timeZones: { shop: LA, advertisers: [LA] } });
    expect(same.AD_SPEND.formula).toBe(METRICS.AD_SPEND.formula);
  });
});
