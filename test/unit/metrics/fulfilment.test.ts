/**
 * The fulfilment figures (docs/metrics.md, "Fulfilment"): which orders count, late or on time,
 * orders at risk against the data's asOf, and the facts surviving the ledger's storage.
 */
import { aggregateDay, combineAggregates } from '../../../src/metrics/day-aggregate';
import { computeShopMetrics } from '../../../src/metrics/definitions';
import { fulfilmentStanding, type OrderFact, type OrderFulfilmentFact } from '../../../src/domain/facts';
import { LedgerStore } from '../../../src/metrics/ledger/ledger-store';
import { WORKED_DAY as DAY, line, order } from './fixtures';
import { memoryKv } from './ledger/memory-kv';

const H = 3600;
/** The data's asOf (unix s) in these tests. */
const AS_OF = 1_700_100_000;

function timed(id: string, f: Partial<OrderFulfilmentFact>, overrides: Partial<OrderFact> = {}): OrderFact {
  return order(id, [line(`${id}1`, '10.00')], {
    fulfilment: { shipBy: null, shippedAt: null, deliverBy: null, deliveredAt: null, ...f },
    ...overrides,
  });
}

/** The example of docs/metrics.md ("Fulfilment"). */
function docExample(): OrderFact[] {
  const shipBy = AS_OF - 3 * 24 * H;
  const deliverBy = AS_OF - 24 * H;
  return [
    timed('A', { shipBy, shippedAt: shipBy - H, deliverBy, deliveredAt: deliverBy - 10 * H }, { status: 'DELIVERED' }),
    timed('B', { shipBy, shippedAt: shipBy + 2 * H, deliverBy, deliveredAt: deliverBy + 24 * H }, { status: 'DELIVERED' }),
    timed('C', { shipBy: AS_OF + 5 * H }, { status: 'AWAITING_SHIPMENT', cod: true, paidTime: null }),
    timed('D', {}, { status: 'CANCELLED' }),
  ];
}

describe('fulfilmentStanding', () => {
  it('is late only strictly after the ship-by time, on time up to and at the delivery deadline', () => {
    expect(fulfilmentStanding(timed('X', { shipBy: 100, shippedAt: 100, deliverBy: 200, deliveredAt: 200 }))).toEqual({
      shipment: 'on_time',
      delivery: 'on_time',
      toShip: null,
    });
    expect(fulfilmentStanding(timed('X', { shipBy: 100, shippedAt: 101, deliverBy: 200, deliveredAt: 201 }))).toEqual({
      shipment: 'late',
      delivery: 'late',
      toShip: null,
    });
  });

  it('sets aside what it cannot judge, and knows nothing of an order without fulfilment facts', () => {
    expect(fulfilmentStanding(timed('X', { shippedAt: 5, deliveredAt: 9 }))).toEqual({ shipment: 'no_sla', delivery: 'no_deadline', toShip: null });
    expect(fulfilmentStanding(timed('X', {}, { status: 'ON_HOLD' }))).toEqual({ shipment: null, delivery: null, toShip: 'no_sla' });
    expect(fulfilmentStanding(order('X', [line('L', '1.00')], { status: 'AWAITING_SHIPMENT' }))).toEqual({ shipment: null, delivery: null, toShip: null });
  });
});

describe('fulfilment counts and metrics', () => {
  it('reproduces the example of docs/metrics.md', () => {
    const day = aggregateDay(docExample(), new Map(), DAY, 'USD');
    expect(day.fulfilment).toEqual({
      shipments: 2,
      lateShipments: 1,
      shippedWithoutSla: 0,
      deliveries: 2,
      onTimeDeliveries: 1,
      deliveredWithoutDeadline: 0,
      toShipBy: [AS_OF + 5 * H],
      toShipWithoutSla: 0,
    });
    const m = computeShopMetrics({ orders: combineAggregates([day], 'USD'), adRows: [], currency: 'USD', asOf: AS_OF * 1000 });
    expect(m.LATE_SHIP_RATE.value).toBe('0.500000');
    expect(m.LATE_SHIP_RATE.formula).toContain('1 late of 2');
    expect(m.ON_TIME_DELIVERY_RATE.value).toBe('0.500000');
    expect(m.ORDERS_AT_RISK.value).toBe('1');
  });

  it('counts overdue orders at risk, leaves later ones out, and says what had no ship-by time', () => {
    const orders = [
      timed('late', { shipBy: AS_OF - 50 * H }, { status: 'PARTIALLY_SHIPPING' }),
      timed('edge', { shipBy: AS_OF + 24 * H }, { status: 'ON_HOLD' }),
      timed('later', { shipBy: AS_OF + 24 * H + 1 }, { status: 'AWAITING_SHIPMENT' }),
      timed('shipped', { shipBy: AS_OF, shippedAt: AS_OF - 5 }, { status: 'AWAITING_COLLECTION' }),
      timed('nosla', {}, { status: 'AWAITING_SHIPMENT' }),
    ];
    const m = computeShopMetrics({
      orders: combineAggregates([aggregateDay(orders, new Map(), DAY, 'USD')], 'USD'),
      adRows: [],
      currency: 'USD',
      asOf: AS_OF * 1000,
    });
    expect(m.ORDERS_AT_RISK.value).toBe('2');
    expect(m.ORDERS_AT_RISK.formula).toContain('1 still to ship without rts_sla_time left out');
    expect(m.LATE_SHIP_RATE.value).toBe('0.000000');
    expect(m.ON_TIME_DELIVERY_RATE).toMatchObject({ value: null, nullReason: expect.stringContaining('no order counted in the window has been delivered') });
  });

  it('leaves unpaid orders out (they are counted nowhere) and adds days up', () => {
    const unpaid = timed('U', { shipBy: AS_OF }, { status: 'AWAITING_SHIPMENT', paidTime: null });
    const day1 = aggregateDay([unpaid, ...docExample().slice(0, 2)], new Map(), DAY, 'USD');
    const day2 = aggregateDay(docExample().slice(2), new Map(), '2024-05-15', 'USD');
    const both = combineAggregates([day1, day2], 'USD');
    expect(both.fulfilment).toMatchObject({ shipments: 2, lateShipments: 1, toShipBy: [AS_OF + 5 * H] });
    // SKU units leave out the cancelled order D: it took no stock.
    expect(both.skuUnits).toEqual({ 'P1-SKU': 3 });
  });

  it('is unknown while an unreadable order may count in the window, and without asOf for orders at risk', () => {
    const orders = combineAggregates([aggregateDay(docExample(), new Map(), DAY, 'USD')], 'USD');
    const unreadable = [{ kind: 'order' as const, from: DAY, to: DAY, detail: 'order 9: orders[0].create_time: Required' }];
    const m = computeShopMetrics({ orders, adRows: [], currency: 'USD', asOf: AS_OF * 1000, unreadable });
    expect(m.LATE_SHIP_RATE.value).toBeNull();
    expect(m.ORDERS_AT_RISK.nullReason).toContain('could not be read');
    expect(computeShopMetrics({ orders, adRows: [], currency: 'USD' }).ORDERS_AT_RISK.value).toBeNull();
  });
});

describe('the ledger keeps fulfilment facts', () => {
  it('stores and reads them back with the order', async () => {
    const store = new LedgerStore(memoryKv(), 'ledger:test', 60_000).generation('1');
    const [a, , , d] = docExample();
    await store.write(
      new Map([
        ['A', { day: DAY, order: a!, refunds: [] }],
        ['D', { day: DAY, order: d!, refunds: [] }],
      ]),
      [],
    );
    const read = await store.rows(['A', 'D']);
    expect(read.get('A')?.order?.fulfilment).toEqual(a!.fulfilment);
    expect(read.get('D')?.order?.fulfilment).toEqual({ shipBy: null, shippedAt: null, deliverBy: null, deliveredAt: null });
  });
});
