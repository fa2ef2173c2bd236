import { aggregateDay, aggregateDays, combineAggregates } from '../../../src/metrics/day-aggregate';
import { LA, WORKED_DAY as DAY, at, byOrder, line, order, refund, workedExample } from './fixtures';

describe('aggregateDay', () => {
  it('reproduces the worked example of metrics.md', () => {
    const { orders, refunds } = workedExample();
    const day = aggregateDay(orders, refunds, DAY, 'USD');
    expect(day).toEqual({
      date: DAY,
      currency: 'USD',
      gmv: '86',
      orders: 2,
      units: 3,
      refundedGmv: '50',
      products: {
        P1: { gmv: '36', orders: 1, units: 2, refundedGmv: '0' },
        P2: { gmv: '50', orders: 1, units: 1, refundedGmv: '50' },
      },
      // What buyers paid (30.00 + 50.00), and the 2 × 3.00 platform discount inside ShopGraph's GMV.
      bridge: { buyerPaid: '80', shipping: '0', tax: '0', platformDiscount: '6', unknown: 0 },
      unpricedRefunds: 0,
      otherCurrencies: {},
      // The worked example's orders carry no fulfilment times: in no fulfilment count.
      fulfilment: {
        shipments: 0,
        lateShipments: 0,
        shippedWithoutSla: 0,
        deliveries: 0,
        onTimeDeliveries: 0,
        deliveredWithoutDeadline: 0,
        toShipBy: [],
        toShipWithoutSla: 0,
      },
      skuUnits: { 'P1-SKU': 2, 'P2-SKU': 1 },
    });
  });

  it('counts a refund naming no line items at its refund_subtotal, unattributed to products', () => {
    const o = order('O', [line('L1', '30.00'), line('L2', '20.00')]);
    const day = aggregateDay([o], byOrder([refund('R', o, [], { refundSubtotal: '12.34' })]), DAY, 'USD');
    expect(day.refundedGmv).toBe('12.34');
    expect(day.products.P1?.refundedGmv).toBe('0');
  });

  it('counts a refund naming no line items and no subtotal as nothing, and keeps count of it', () => {
    const o = order('O', [line('L1', '30.00')]);
    const day = aggregateDay([o], byOrder([refund('R', o, [])]), DAY, 'USD');
    expect(day.refundedGmv).toBe('0');
    expect(day.unpricedRefunds).toBe(1);
  });

  it('never refunds a line item twice, across refunds and within one', () => {
    const o = order('O', [line('L1', '30.00'), line('L2', '20.00')]);
    const refunds = byOrder([refund('R1', o, ['L1', 'L1']), refund('R2', o, ['L1', 'L2'], { kind: 'REFUND', status: 'RETURN_OR_REFUND_REQUEST_SUCCESS' })]);
    expect(aggregateDay([o], refunds, DAY, 'USD').refundedGmv).toBe('50');
  });

  it('counts the same refund listed twice once', () => {
    const o = order('O', [line('L1', '30.00')]);
    const r = refund('R', o, [], { refundSubtotal: '5.00' });
    expect(aggregateDay([o], byOrder([r, r]), DAY, 'USD').refundedGmv).toBe('5');
  });

  it('ignores unsuccessful refunds and line ids the order does not have', () => {
    const o = order('O', [line('L1', '30.00')]);
    const refunds = byOrder([refund('R1', o, ['L1'], { status: 'RETURN_OR_REFUND_REQUEST_REJECT' }), refund('R2', o, ['NOPE'])]);
    expect(aggregateDay([o], refunds, DAY, 'USD').refundedGmv).toBe('0');
  });

  it('counts a cancellation made after payment but not one made before', () => {
    const paidTime = at(`${DAY}T10:00`, LA);
    const o1 = order('O1', [line('L1', '30.00')], { paidTime });
    const o2 = order('O2', [line('L1', '20.00')], { paidTime });
    const cancel = { kind: 'CANCELLATION', status: 'CANCELLATION_REQUEST_COMPLETE' } as const;
    const refunds = byOrder([
      refund('C1', o1, ['L1'], { ...cancel, createTime: paidTime + 60 }),
      refund('C2', o2, ['L1'], { ...cancel, createTime: paidTime - 60 }),
    ]);
    expect(aggregateDay([o1, o2], refunds, DAY, 'USD').refundedGmv).toBe('30');
  });

  it('skips unpaid orders', () => {
    const o = order('O', [line('L1', '30.00')], { paidTime: null });
    expect(aggregateDay([o], new Map(), DAY, 'USD')).toMatchObject({ gmv: '0', orders: 0, units: 0 });
  });

  it('keeps orders in another currency apart, never adding them to the shop currency', () => {
    const usd = order('U', [line('L1', '10.00')]);
    const eur = order('E', [line('L1', '7.00', 'P9')], { currency: 'EUR' });
    const day = aggregateDay([usd, eur], byOrder([refund('R', eur, ['L1'])]), DAY, 'USD');
    expect(day).toMatchObject({ gmv: '10', orders: 1, units: 1, refundedGmv: '0' });
    expect(day.otherCurrencies).toEqual({
      EUR: {
        gmv: '7',
        orders: 1,
        units: 1,
        refundedGmv: '7',
        products: { P9: { gmv: '7', orders: 1, units: 1, refundedGmv: '7' } },
        bridge: { buyerPaid: '0', shipping: '0', tax: '0', platformDiscount: '0', unknown: 1 },
        unpricedRefunds: 0,
      },
    });
  });
});

describe('cash on delivery (docs/metrics.md, "The window")', () => {
  const placed = at(`${DAY}T09:00`, LA);

  it('counts a COD order on the day it was placed, without a paid_time, whatever its status', () => {
    const inTransit = order('COD1', [line('L1', '100000')], { cod: true, paidTime: null, status: 'IN_TRANSIT', createTime: placed, currency: 'VND' });
    const day = aggregateDay([inTransit], new Map(), DAY, 'VND');
    expect(day).toMatchObject({ gmv: '100000', orders: 1, units: 1, refundedGmv: '0' });
  });

  it('keeps a COD order on its placement day when it is paid later', () => {
    const collected = order('COD2', [line('L1', '5.00')], { cod: true, createTime: placed, paidTime: placed + 3 * 86_400 });
    const days = aggregateDays([collected], new Map(), { from: DAY, to: '2024-05-20' }, LA, 'USD');
    expect(days.get(DAY)?.orders).toBe(1);
    expect([...days.values()].reduce((n, d) => n + d.orders, 0)).toBe(1);
  });

  it('refunds every line of a COD order that ended CANCELLED (a failed delivery), and only once', () => {
    const failed = order('COD3', [line('L1', '30.00'), line('L2', '20.00')], { cod: true, paidTime: null, status: 'CANCELLED', createTime: placed });
    const cancel = refund('C', failed, ['L1'], { kind: 'CANCELLATION', status: 'CANCELLATION_REQUEST_COMPLETE', createTime: placed + 60 });
    const day = aggregateDay([failed], byOrder([cancel]), DAY, 'USD');
    expect(day).toMatchObject({ gmv: '50', orders: 1, refundedGmv: '50' });
  });

  it('counts a successful cancellation of a COD order made after it was placed', () => {
    const o = order('COD4', [line('L1', '30.00'), line('L2', '20.00')], { cod: true, paidTime: null, status: 'AWAITING_SHIPMENT', createTime: placed });
    const cancel = refund('C', o, ['L2'], { kind: 'CANCELLATION', status: 'CANCELLATION_REQUEST_SUCCESS', createTime: placed + 60 });
    expect(aggregateDay([o], byOrder([cancel]), DAY, 'USD').refundedGmv).toBe('20');
  });

  it('does not count an unpaid prepaid order, nor refund a prepaid order that ended CANCELLED without a refund', () => {
    const unpaid = order('P1', [line('L1', '30.00')], { paidTime: null, status: 'UNPAID', createTime: placed });
    const cancelled = order('P2', [line('L1', '30.00')], { paidTime: placed, status: 'CANCELLED' });
    const day = aggregateDay([unpaid, cancelled], new Map(), DAY, 'USD');
    expect(day).toMatchObject({ gmv: '30', orders: 1, refundedGmv: '0' });
  });
});

describe('partial refunds (docs/metrics.md, "Partial refunds")', () => {
  // A line of sale price 15.00 with a 3.00 platform discount: gross 18.00.
  const o = order('O', [line('L1', '18.00', 'P1', '15.00'), line('L2', '18.00', 'P1', '15.00')]);
  const partial = (subtotal: string | null, id = 'R', lineId = 'L1') => ({ ...refund(id, o, []), lines: [{ id: lineId, refundSubtotal: subtotal }] });

  it('refunds the gross in proportion to the line refund subtotal over the sale price: 4.50 of 15.00 is 30 % of 18.00', () => {
    const day = aggregateDay([o], byOrder([partial('4.50')]), DAY, 'USD');
    expect(day.refundedGmv).toBe('5.4');
    expect(day.products.P1?.refundedGmv).toBe('5.4');
  });

  it('refunds the whole gross for a full refund, a refund over the sale price, or a line without its own subtotal', () => {
    expect(aggregateDay([o], byOrder([partial('15.00')]), DAY, 'USD').refundedGmv).toBe('18');
    expect(aggregateDay([o], byOrder([partial('16.20')]), DAY, 'USD').refundedGmv).toBe('18');
    expect(aggregateDay([o], byOrder([partial(null)]), DAY, 'USD').refundedGmv).toBe('18');
  });

  it('refunds the whole gross of a free line, whatever its subtotal says', () => {
    const gift = order('G', [line('L1', '0.00', 'P1', '0.00')]);
    const r = { ...refund('R', gift, []), lines: [{ id: 'L1', refundSubtotal: '0.00' }] };
    expect(aggregateDay([gift], byOrder([r]), DAY, 'USD').refundedGmv).toBe('0');
  });

  it('takes the largest share when two successful refunds name one line, in any order', () => {
    const first = partial('4.50', 'R1');
    const second = partial('7.50', 'R2');
    expect(aggregateDay([o], byOrder([first, second]), DAY, 'USD').refundedGmv).toBe('9');
    expect(aggregateDay([o], byOrder([second, first]), DAY, 'USD').refundedGmv).toBe('9');
  });

  it('rounds only at the end: a third of a line stays exact until the metric is rounded', () => {
    const r = partial('5.00');
    const day = aggregateDay([o], byOrder([r]), DAY, 'USD');
    expect(day.refundedGmv).toBe('6');
    const odd = order('X', [line('L1', '10.00', 'P1', '3.00')]);
    const third = { ...refund('R', odd, []), lines: [{ id: 'L1', refundSubtotal: '1.00' }] };
    expect(aggregateDay([odd], byOrder([third]), DAY, 'USD').refundedGmv).toMatch(/^3\.33333333333333333333/);
  });
});

describe("the bridge to TikTok's GMV definition", () => {
  it('sums what buyers paid, shipping, tax and the platform discounts of counted orders', () => {
    const a = order('A', [line('L1', '18.00', 'P1', '15.00')], { payment: { total: '21.50', shipping: '4.00', tax: '1.25' } });
    const b = order('B', [line('L1', '10.00')], { payment: { total: '10.80', shipping: '0', tax: '0.80' } });
    const unpaid = order('U', [line('L1', '99.00')], { paidTime: null, payment: { total: '99.00', shipping: '0', tax: '0' } });
    const day = aggregateDay([a, b, unpaid], new Map(), DAY, 'USD');
    expect(day.gmv).toBe('28');
    expect(day.bridge).toEqual({ buyerPaid: '32.3', shipping: '4', tax: '2.05', platformDiscount: '3', unknown: 0 });
  });

  it('counts orders without payment totals instead of guessing them', () => {
    const day = aggregateDay([order('A', [line('L1', '5.00')])], new Map(), DAY, 'USD');
    expect(day.bridge.unknown).toBe(1);
    expect(day.bridge.buyerPaid).toBe('0');
  });
});

describe('combineAggregates', () => {
  it('adds days exactly, per product and per currency', () => {
    const d1 = aggregateDay([order('O1', [line('L1', '0.10'), line('L2', '0.20', 'P2')])], new Map(), '2024-05-14', 'USD');
    const eur = order('O3', [line('L1', '1.00')], { currency: 'EUR' });
    const d2 = aggregateDay([order('O2', [line('L1', '0.20')]), eur], new Map(), '2024-05-15', 'USD');
    const total = combineAggregates([d1, d2], 'USD');
    expect(total).toMatchObject({ currency: 'USD', gmv: '0.5', orders: 2, units: 3, refundedGmv: '0' });
    expect(total.products).toEqual({
      P1: { gmv: '0.3', orders: 2, units: 2, refundedGmv: '0' },
      P2: { gmv: '0.2', orders: 1, units: 1, refundedGmv: '0' },
    });
    expect(total.otherCurrencies.EUR).toMatchObject({ gmv: '1', orders: 1 });
  });

  it('treats an aggregate built for another currency as foreign money', () => {
    const idr = aggregateDay([order('O', [line('L1', '15000')], { currency: 'IDR' })], new Map(), DAY, 'IDR');
    const total = combineAggregates([idr], 'USD');
    expect(total).toMatchObject({ gmv: '0', orders: 0 });
    expect(total.otherCurrencies.IDR).toMatchObject({ gmv: '15000', orders: 1 });
  });

  it('is empty for no days', () => {
    expect(combineAggregates([], 'JPY')).toEqual({
      currency: 'JPY',
      gmv: '0',
      orders: 0,
      units: 0,
      refundedGmv: '0',
      products: {},
      otherCurrencies: {},
      bridge: { buyerPaid: '0', shipping: '0', tax: '0', platformDiscount: '0', unknown: 0 },
      unpricedRefunds: 0,
      fulfilment: {
        shipments: 0,
        lateShipments: 0,
        shippedWithoutSla: 0,
        deliveries: 0,
        onTimeDeliveries: 0,
        deliveredWithoutDeadline: 0,
        toShipBy: [],
        toShipWithoutSla: 0,
      },
      skuUnits: {},
    });
  });
});

describe('aggregateDays', () => {
  it.each([
    ['an ordinary day', '2024-05-14', '2024-05-15'],
    ['the spring-forward day', '2024-03-10', '2024-03-11'],
    ['the fall-back day', '2024-11-03', '2024-11-04'],
  ])('takes an order paid 23:30 on the last day (%s) and leaves one paid 00:10 the next day', (_, last, next) => {
    const inside = order('IN', [line('L1', '10.00')], { paidTime: at(`${last}T23:30`, LA) });
    const outside = order('OUT', [line('L1', '20.00')], { paidTime: at(`${next}T00:10`, LA) });
    const window = { from: last, to: last };
    const days = aggregateDays([inside, outside], new Map(), window, LA, 'USD');
    expect([...days.keys()]).toEqual([last]);
    expect(days.get(last)).toMatchObject({ gmv: '10', orders: 1 });
  });

  it('takes an order paid 00:10 on the first day and one paid in the repeated 01:30 of fall-back', () => {
    const early = order('E', [line('L1', '1.00')], { paidTime: at('2024-11-03T00:10', LA) });
    // 01:30 happens twice on 2024-11-03 in Los Angeles; the second one is 09:30 UTC.
    const repeated = order('R', [line('L1', '2.00')], { paidTime: Date.UTC(2024, 10, 3, 9, 30) / 1000 });
    const before = order('B', [line('L1', '4.00')], { paidTime: at('2024-11-02T23:59', LA) });
    const days = aggregateDays([early, repeated, before], new Map(), { from: '2024-11-03', to: '2024-11-03' }, LA, 'USD');
    expect(days.get('2024-11-03')).toMatchObject({ gmv: '3', orders: 2 });
  });

  it('has an entry for every day of the window, empty or not', () => {
    const o = order('O', [line('L1', '10.00')], { paidTime: at('2024-05-15T12:00', LA) });
    const days = aggregateDays([o], new Map(), { from: '2024-05-14', to: '2024-05-16' }, LA, 'USD');
    expect([...days.values()].map((d) => [d.date, d.orders])).toEqual([
      ['2024-05-14', 0],
      ['2024-05-15', 1],
      ['2024-05-16', 0],
    ]);
  });
});
