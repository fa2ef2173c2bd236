/**
 * The ledger's v6 layout — one row per order, day aggregates kept up to date with each batch —
 * checked the same way on each store (the embedded SQLite here, Redis in test/integration): every
 * expected figure is worked out by hand from the facts below.
 */
import type { OrderFact, RefundFact } from '../../../../src/domain/facts';
import { applyFacts, type BatchContext } from '../../../../src/metrics/ledger/apply-facts';
import { LedgerCorruptError } from '../../../../src/metrics/ledger/ledger-errors';
import { LedgerStore } from '../../../../src/metrics/ledger/ledger-store';
import type { KvStore } from '../../../../src/store/kv-store';
import { at, LA, line, order, refund } from '../fixtures';

const PREFIX = 'ledger:v6:{app:1}';
const CTX: BatchContext = { timezone: LA, currency: 'USD', materialized: null };
const D1 = '2024-03-02';
const D2 = '2024-03-03';
const D3 = '2024-03-04';

/** A: one line of 10.00 (P1) paid on D1; B: two lines (P1 2.50, P2 3.00) paid on D1; C: cash on delivery placed on D2, not paid yet. */
function facts() {
  const a = order('A', [line('A-1', '10.00')], { paidTime: at(`${D1}T10:00`, LA), updateTime: at(`${D1}T11:00`, LA) });
  const b = order('B', [line('B-1', '2.50'), line('B-2', '3.00', 'P2')], { paidTime: at(`${D1}T12:00`, LA), updateTime: at(`${D1}T13:00`, LA) });
  const c = order('C', [line('C-1', '7.00')], { cod: true, paidTime: null, createTime: at(`${D2}T09:00`, LA), updateTime: at(`${D2}T09:05`, LA) });
  // A partial refund of A's line: 4.00 of its 10.00 sale price.
  const ra = refund('RA', a, ['A-1'], { lines: [{ id: 'A-1', refundSubtotal: '4.00' }] });
  return { a, b, c, ra };
}

export function orderRowCases(open: () => Promise<KvStore>): void {
  const setup = async () => {
    const kv = await open();
    const gen = new LedgerStore(kv, PREFIX, 86_400_000).generation('g1');
    const apply = (orders: OrderFact[], refunds: RefundFact[] = []) => applyFacts(gen, CTX, orders, refunds);
    const agg = (date: string) => gen.aggregate(date);
    const keys = ['o:A', 'o:B', 'o:C', `agg:${D1}`, `agg:${D2}`, `agg:${D3}`].map((k) => `${PREFIX}:gg1:${k}`);
    return { kv, gen, apply, agg, keys };
  };

  it('applies a page once: a second application changes and writes nothing', async () => {
    const { kv, apply, agg, keys } = await setup();
    const { a, b, c, ra } = facts();
    expect((await apply([a, b, c], [ra])).sort()).toEqual([D1, D2]);
    const stored = await kv.getMany(keys);
    expect(await apply([a, b, c], [ra])).toEqual([]);
    expect(await kv.getMany(keys)).toEqual(stored);
    expect(await agg(D1)).toMatchObject({
      date: D1,
      gmv: '15.5',
      orders: 2,
      units: 3,
      refundedGmv: '4',
      products: { P1: { gmv: '12.5', orders: 2, units: 2, refundedGmv: '4' }, P2: { gmv: '3', orders: 1, units: 1, refundedGmv: '0' } },
      skuUnits: { 'P1-SKU': 2, 'P2-SKU': 1 },
    });
    // Cash on delivery counts on the day it was placed (docs/metrics.md, "The window").
    expect(await agg(D2)).toMatchObject({ date: D2, gmv: '7', orders: 1, refundedGmv: '0' });
  });

  it('moves an order whose paid date changes, with its refund, and leaves no trace of it on the old day', async () => {
    const { apply, agg } = await setup();
    const { a, b, ra } = facts();
    await apply([a, b], [ra]);
    const moved = { ...a, paidTime: at(`${D3}T08:00`, LA), updateTime: a.updateTime + 86_400 * 2 };
    expect((await apply([moved])).sort()).toEqual([D1, D3]);
    // D1 is B's alone again: no P1 order of A, no refund, no SKU unit of it.
    expect(await agg(D1)).toMatchObject({
      gmv: '5.5',
      orders: 1,
      units: 2,
      refundedGmv: '0',
      products: { P1: { gmv: '2.5', orders: 1, units: 1, refundedGmv: '0' }, P2: { gmv: '3', orders: 1, units: 1, refundedGmv: '0' } },
      skuUnits: { 'P1-SKU': 1, 'P2-SKU': 1 },
    });
    expect(await agg(D3)).toMatchObject({ gmv: '10', orders: 1, refundedGmv: '4', products: { P1: { gmv: '10', orders: 1, units: 1, refundedGmv: '4' } } });
    // An older version never moves it back.
    expect(await apply([a])).toEqual([]);
    // Moved away from a day it was alone on: the day is empty, with no product left.
    await apply([{ ...moved, paidTime: at(`${D2}T08:00`, LA), updateTime: moved.updateTime + 1 }]);
    expect(await agg(D3)).toMatchObject({ gmv: '0', orders: 0, units: 0, refundedGmv: '0', products: {}, skuUnits: {} });
  });

  it('counts a cash-on-delivery order on the day it was placed, and refunds it whole when it fails', async () => {
    const { apply, agg } = await setup();
    const { c } = facts();
    await apply([c]);
    // Paid when the courier collects, days later: still counted on the day it was placed.
    const collected = { ...c, paidTime: at(`${D3}T10:00`, LA), updateTime: c.updateTime + 2 * 86_400 };
    expect(await apply([collected])).toEqual([D2]);
    expect(await agg(D2)).toMatchObject({ gmv: '7', orders: 1, refundedGmv: '0' });
    expect(await agg(D3)).toBeUndefined();
    await apply([{ ...collected, status: 'CANCELLED', updateTime: collected.updateTime + 1 }]);
    expect(await agg(D2)).toMatchObject({ gmv: '7', orders: 1, refundedGmv: '7' });
  });

  it("writes a refund's row and its order's day aggregate, nothing else", async () => {
    const { kv, apply, agg } = await setup();
    const { a, b, c } = facts();
    await apply([a, b, c]);
    const d2 = await agg(D2);
    const setMany = jest.spyOn(kv, 'setMany');
    const rb = refund('RB', b, ['B-2']);
    expect(await apply([], [rb])).toEqual([D1]);
    expect(setMany.mock.calls.map(([entries]) => entries.map(([key]) => key))).toEqual([[`${PREFIX}:gg1:o:B`, `${PREFIX}:gg1:agg:${D1}`]]);
    expect(await agg(D1)).toMatchObject({ gmv: '15.5', refundedGmv: '3', products: { P2: { refundedGmv: '3' } } });
    expect(await agg(D2)).toEqual(d2);
    // A newer version of the refund that failed takes it back.
    await apply([], [{ ...rb, status: 'RETURN_OR_REFUND_REQUEST_REJECT', updateTime: rb.updateTime + 1 }]);
    expect(await agg(D1)).toMatchObject({ refundedGmv: '0', products: { P2: { refundedGmv: '0' } } });
  });

  it("keeps a refund whose order it has not read in that order's row, and counts it once the order comes", async () => {
    const { apply, agg } = await setup();
    const { a, ra } = facts();
    expect(await apply([], [ra])).toEqual([]);
    expect(await agg(D1)).toBeUndefined();
    await apply([a]);
    expect(await agg(D1)).toMatchObject({ gmv: '10', orders: 1, refundedGmv: '4' });
  });

  it('throws LedgerCorruptError for a row it did not write, naming the key, and deletes it', async () => {
    const { kv, apply, keys } = await setup();
    const { a, b } = facts();
    await apply([a]);
    await kv.set(keys[0]!, '["2024-03-02",["A"],[]]', 60_000);
    const failed = apply([a, b]);
    await expect(failed).rejects.toBeInstanceOf(LedgerCorruptError);
    await expect(failed).rejects.toMatchObject({ key: keys[0], problem: 'order: not an order' });
    expect(await kv.get(keys[0]!)).toBeUndefined();
    // Nothing of the batch was written.
    expect(await kv.get(keys[1]!)).toBeUndefined();
  });

  it('throws for a missing aggregate of a materialized day (evicted) and writes nothing', async () => {
    const { kv, gen, keys } = await setup();
    const { a } = facts();
    await expect(applyFacts(gen, { ...CTX, materialized: { from: D1, to: D2 } }, [a], [])).rejects.toThrow(`aggregate of ${D1} is missing`);
    expect(await kv.get(keys[0]!)).toBeUndefined();
  });
}
