import { UpstreamError } from '../../../../src/upstream/upstream-error';
import type { ShopInfo } from '../../../../src/datasources/shop-directory';
import { aggregateDays, combineAggregates } from '../../../../src/metrics/day-aggregate';
import type { OrderFact, RefundFact } from '../../../../src/domain/facts';
import type { LeaseLock } from '../../../../src/cache/flight-lock';
import { OrderLedger, type LedgerOptions } from '../../../../src/metrics/ledger/order-ledger';
import type { DateWindow } from '../../../../src/domain/window';
import { at, byOrder, LA, line, order, refund } from '../fixtures';
import { FakeSource, unavailable } from './fake-source';
import Database from 'better-sqlite3';
import { SqliteKv } from '../../../../src/store/sqlite-kv';
import { memoryKv } from './memory-kv';
import { DayCache } from '../../../../src/metrics/ledger/day-cache';
import type { KvStore } from '../../../../src/store/kv-store';
import { StoreUnavailableError } from '../../../../src/store/store-unavailable';

const SHOP: ShopInfo = { id: '1', name: 'Shop', code: null, region: 'US', sellerType: 'LOCAL', cipher: 'c', currency: 'USD', timezone: LA };
const MARCH: DateWindow = { from: '2024-03-01', to: '2024-03-10' };
/** A first backfill step longer than any window here: each backfill is one plan (steps: backfill-steps.test.ts). */
const ONE_STEP = 10_000;

/** A paid order with one line of `gross`, paid at a local time in LA. */
function paid(id: string, local: string, gross: string, overrides: Partial<OrderFact> = {}): OrderFact {
  return order(id, [line(`${id}-1`, gross)], { paidTime: at(local, LA), ...overrides });
}

function setup(options: Partial<LedgerOptions> = {}) {
  const clock = { ms: Date.parse('2024-03-20T12:00:00Z') };
  const source = new FakeSource();
  const store = memoryKv();
  const ledger = new OrderLedger(store, source, { namespace: 'app', firstStepDays: ONE_STEP, now: () => clock.ms, ...options });
  /** What a full recomputation from the source's current data gives. */
  const truth = (window: DateWindow) => {
    const refunds = [...source.data.returns.values(), ...source.data.cancellations.values()];
    return aggregateDays([...source.data.orders.values()], byOrder(refunds), window, LA, 'USD');
  };
  return { clock, source, store, ledger, truth };
}

describe('OrderLedger', () => {
  it('backfills a window once, then answers from the ledger without calling upstream', async () => {
    const { source, ledger, truth } = setup();
    const a = paid('A', '2024-03-02T10:00', '10.00');
    const b = paid('B', '2024-03-10T23:30', '5.00');
    const late = paid('L', '2024-03-11T00:10', '7.00');
    source.putOrder(a, b, late, order('U', [line('U-1', '1.00')], { paidTime: null, createTime: at('2024-03-03T10:00', LA) }));
    source.putRefund('returns', refund('R', a, ['A-1']));

    const first = await ledger.window(SHOP, MARCH);
    expect(first.days).toEqual(truth(MARCH));
    expect(combineAggregates(first.days.values(), 'USD')).toMatchObject({ gmv: '15', orders: 2, refundedGmv: '10' });
    expect(first.stale).toBe(false);

    source.resetCalls();
    const again = await ledger.window(SHOP, { from: '2024-03-05', to: '2024-03-10' });
    expect(source.calls).toEqual({ orders: 0, returns: 0, cancellations: 0, detail: 0 });
    expect([...again.days.keys()]).toEqual(['2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-09', '2024-03-10']);
  });

  it('syncs once per feed when stale: new orders, updates, refunds and cancellations arrive', async () => {
    const { clock, source, ledger, truth } = setup({ maxStalenessMs: 60_000 });
    const a = paid('A', '2024-03-02T10:00', '10.00');
    source.putOrder(a);
    await ledger.window(SHOP, MARCH);

    const now = Math.floor(clock.ms / 1000);
    source.putOrder(paid('N', '2024-03-09T09:00', '3.00', { updateTime: now + 10 }));
    source.putRefund(
      'cancellations',
      refund('C', a, ['A-1'], { kind: 'CANCELLATION', status: 'CANCELLATION_REQUEST_COMPLETE', updateTime: now + 20, createTime: now + 20 }),
    );
    source.resetCalls();
    clock.ms += 30_000;
    await ledger.window(SHOP, MARCH);
    expect(source.calls.orders).toBe(0);

    clock.ms += 31_000;
    const synced = await ledger.window(SHOP, MARCH);
    expect(source.calls).toEqual({ orders: 1, returns: 1, cancellations: 1, detail: 0 });
    expect(synced.days).toEqual(truth(MARCH));
    expect(combineAggregates(synced.days.values(), 'USD')).toMatchObject({ gmv: '13', orders: 2, refundedGmv: '10' });
    expect(synced.asOf).toBe(clock.ms);
  });

  it('never lets an older update_time overwrite a newer one, and replays change nothing', async () => {
    const { clock, source, ledger } = setup({ maxStalenessMs: 0 });
    const now = Math.floor(clock.ms / 1000);
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00', { updateTime: now - 100 }));
    await ledger.window(SHOP, MARCH);
    // A newer version arrives through a webhook refresh...
    source.putOrder(paid('A', '2024-03-02T10:00', '20.00', { updateTime: now + 100 }));
    await ledger.refreshOrders(SHOP, ['A']);
    // ...then the delta search still serves the old one (its index lags).
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00', { updateTime: now - 100 }));
    clock.ms += 1000;
    const first = await ledger.window(SHOP, MARCH);
    expect(combineAggregates(first.days.values(), 'USD').gmv).toBe('20');
    clock.ms += 1000;
    const replay = await ledger.window(SHOP, MARCH);
    expect(replay.days).toEqual(first.days);
  });

  it('remembers an order TikTok sent unreadable for the days it may count in, until a later read of it succeeds', async () => {
    const { clock, source, store, ledger } = setup({ maxStalenessMs: 0 });
    const now = Math.floor(clock.ms / 1000);
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00', { updateTime: now - 100 }));
    // Order B came without a line's sale price: created 3 March (LA), it may count 3–10 March (7-day lookback).
    const created = at('2024-03-03T09:00', LA);
    source.unreadable.orders.push({ feed: 'orders', id: 'B', orderId: 'B', createTime: created, detail: 'orders[1].line_items[0].sale_price: Required' });
    const first = await ledger.window(SHOP, MARCH);
    expect(first.unreadable).toEqual([
      { kind: 'order', from: '2024-03-03', to: '2024-03-10', detail: 'order B: orders[1].line_items[0].sale_price: Required' },
    ]);
    expect((await ledger.window(SHOP, { from: '2024-03-01', to: '2024-03-02' })).unreadable).toEqual([]);
    // Remembered in the store, not only in this process: another ledger over the same store sees it.
    const other = new OrderLedger(store, source, { namespace: 'app', firstStepDays: ONE_STEP, now: () => clock.ms, maxStalenessMs: 3_600_000 });
    expect((await other.window(SHOP, MARCH)).unreadable).toHaveLength(1);

    // TikTok now sends B whole: the next delta reads it and the window is exact again.
    source.unreadable.orders.length = 0;
    source.putOrder(paid('B', '2024-03-04T10:00', '5.00', { createTime: created, updateTime: now + 10 }));
    clock.ms += 1000;
    const fixed = await ledger.window(SHOP, MARCH);
    expect(fixed.unreadable).toEqual([]);
    expect(combineAggregates(fixed.days.values(), 'USD')).toMatchObject({ gmv: '15', orders: 2 });
  });

  it("dates an unreadable return on its order's day, and ignores one whose order counts nowhere", async () => {
    const { source, ledger } = setup();
    const a = paid('A', '2024-03-02T10:00', '10.00');
    source.putOrder(a);
    source.unreadable.returns.push(
      { feed: 'returns', id: null, orderId: 'A', createTime: null, detail: 'return_orders[0].return_id: Required' },
      { feed: 'returns', id: 'R9', orderId: 'UNKNOWN', createTime: null, detail: 'return_orders[1].return_type: Required' },
    );
    const window = await ledger.window(SHOP, MARCH);
    expect(window.unreadable).toEqual([
      { kind: 'refund', from: '2024-03-02', to: '2024-03-02', detail: 'a return of order A: return_orders[0].return_id: Required' },
    ]);
  });

  it('writes nothing but its state when a delta only replays what it already holds', async () => {
    const { clock, source, store, ledger } = setup({ maxStalenessMs: 0 });
    const now = Math.floor(clock.ms / 1000);
    const a = paid('A', '2024-03-02T10:00', '10.00', { updateTime: now - 10 });
    source.putOrder(a);
    source.putRefund('returns', refund('R', a, ['A-1'], { updateTime: now - 5 }));
    await ledger.window(SHOP, MARCH);
    const set = jest.spyOn(store, 'set');
    const setMany = jest.spyOn(store, 'setMany');
    clock.ms += 1000;
    await ledger.window(SHOP, MARCH);
    expect(source.calls.orders).toBe(2);
    expect(set.mock.calls.map(([key]) => key)).toEqual(['ledger:v6:{app:1}:state']);
    expect(setMany).not.toHaveBeenCalled();
  });

  it('moves an order, with its refunds, when its paid date changes', async () => {
    const { clock, source, ledger, truth } = setup({ maxStalenessMs: 0 });
    const now = Math.floor(clock.ms / 1000);
    const a = paid('A', '2024-03-02T10:00', '10.00', { updateTime: now - 100 });
    source.putOrder(a);
    source.putRefund('returns', refund('R', a, ['A-1'], { updateTime: now - 50 }));
    await ledger.window(SHOP, MARCH);
    source.putOrder({ ...a, paidTime: at('2024-03-04T08:00', LA), updateTime: now + 5 });
    clock.ms += 1000;
    const moved = await ledger.window(SHOP, MARCH);
    expect(moved.days.get('2024-03-02')!.orders).toBe(0);
    expect(moved.days.get('2024-03-04')).toMatchObject({ orders: 1, gmv: '10', refundedGmv: '10' });
    expect(moved.days).toEqual(truth(MARCH));
  });

  it('keeps a refund whose order is unknown pending until the order arrives', async () => {
    const { clock, source, ledger, truth } = setup({ maxStalenessMs: 0 });
    const now = Math.floor(clock.ms / 1000);
    const a = paid('A', '2024-03-05T10:00', '8.00', { createTime: now + 1, updateTime: now + 30 });
    // The refund is indexed before its order: only the refund reaches the ledger at first.
    source.putRefund('returns', refund('R', a, ['A-1'], { createTime: now + 20, updateTime: now + 20 }));
    await ledger.window(SHOP, MARCH);
    clock.ms += 1000;
    expect(combineAggregates((await ledger.window(SHOP, MARCH)).days.values(), 'USD')).toMatchObject({ orders: 0, refundedGmv: '0' });
    source.putOrder(a);
    clock.ms += 1000;
    const attached = await ledger.window(SHOP, MARCH);
    expect(combineAggregates(attached.days.values(), 'USD')).toMatchObject({ orders: 1, gmv: '8', refundedGmv: '8' });
    expect(attached.days).toEqual(truth(MARCH));
  });

  it("keeps a refund of an order it has not seen in that order's row until the retention passes without a write", async () => {
    const DAY = 86_400_000;
    const clock = { ms: Date.parse('2024-03-20T12:00:00Z') };
    // The embedded store on the test's clock: an entry not written for the retention reads as gone.
    const store = new SqliteKv(new Database(':memory:'), () => clock.ms);
    const source = new FakeSource();
    const ledger = new OrderLedger(store, source, { namespace: 'app', firstStepDays: ONE_STEP, now: () => clock.ms, maxStalenessMs: 0, retentionMs: 30 * DAY });
    const now = Math.floor(clock.ms / 1000);
    const old = paid('X', '2024-03-05T10:00', '8.00', { createTime: now + 1, updateTime: now + 1 });
    const young = paid('Y', '2024-03-06T10:00', '4.00', { createTime: now + 1, updateTime: now + 1 });
    // Refunds of orders the ledger has not seen (unpaid, or paid before anything it covers)...
    source.putRefund('returns', refund('RX', old, ['X-1'], { createTime: now - 20 * 86_400, updateTime: now - 20 * 86_400 }));
    await ledger.window(SHOP, { from: '2024-02-20', to: '2024-03-10' });
    const row = async (id: string) => {
      const state = JSON.parse((await store.get('ledger:v6:{app:1}:state'))!) as { generation: string };
      return store.get(`ledger:v6:{app:1}:g${state.generation}:o:${id}`);
    };
    // ...are kept in their order's row, with no order and no day: `[0, 0, [refunds]]`.
    expect(JSON.parse((await row('X'))!)).toEqual([0, 0, [expect.objectContaining({ id: 'RX', orderId: 'X' })]]);
    clock.ms += 20 * DAY;
    source.putRefund('returns', refund('RY', young, ['Y-1'], { createTime: now + 20 * 86_400, updateTime: now + 20 * 86_400 }));
    await ledger.window(SHOP, MARCH);
    expect(JSON.parse((await row('Y'))!)).toEqual([0, 0, [expect.objectContaining({ id: 'RY' })]]);
    // The refund attaches when its order arrives.
    source.putOrder(young);
    await ledger.refreshOrders(SHOP, ['Y']);
    expect(combineAggregates((await ledger.window(SHOP, MARCH)).days.values(), 'USD')).toMatchObject({ orders: 1, gmv: '4', refundedGmv: '4' });
    clock.ms += 11 * DAY; // X's row was written 31 days ago, past the retention; Y's 11 days ago
    expect(await row('X')).toBeUndefined();
    expect(JSON.parse((await row('Y'))!)).toEqual(['2024-03-06', expect.any(Array), [expect.objectContaining({ id: 'RY' })]]);
    expect(store.sweep()).toBeGreaterThan(0);
  });

  it('shares one sync between concurrent requests', async () => {
    const { source, ledger } = setup();
    source.putOrder(...Array.from({ length: 250 }, (_, i) => paid(`O${i}`, `2024-03-0${1 + (i % 9)}T10:00`, '1.00')));
    let release!: () => void;
    source.gate = new Promise((resolve) => (release = resolve));
    const requests = Promise.all([ledger.window(SHOP, MARCH), ledger.window(SHOP, MARCH), ledger.window(SHOP, { from: '2024-03-02', to: '2024-03-03' })]);
    await Promise.resolve();
    release();
    const [a, b, c] = await requests;
    expect(a.days).toEqual(b.days);
    expect(c.days.get('2024-03-02')).toEqual(a.days.get('2024-03-02'));
    // One backfill: the first page (100) says 250 match, the rest is read in two slices of pages.
    expect(source.calls.orders).toBeLessThanOrEqual(5);
    expect(source.calls.returns).toBe(1);
  });

  it('serves the last ledger as stale, with its asOf, when upstream is down, and retries after a backoff', async () => {
    const { clock, source, ledger } = setup({ maxStalenessMs: 60_000, failureBackoffMs: 5_000 });
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    const synced = (await ledger.window(SHOP, MARCH)).asOf;
    clock.ms += 61_000;
    source.failure = unavailable();
    source.resetCalls();
    const [one, two] = await Promise.all([ledger.window(SHOP, MARCH), ledger.window(SHOP, MARCH)]);
    for (const r of [one, two]) expect(r).toMatchObject({ stale: true, asOf: synced });
    expect(combineAggregates(one.days.values(), 'USD').gmv).toBe('10');
    expect(source.calls.orders).toBe(1);

    clock.ms += 1_000;
    expect(await ledger.window(SHOP, MARCH)).toMatchObject({ stale: true, asOf: synced });
    expect(source.calls.orders).toBe(1);

    source.failure = null;
    clock.ms += 5_000;
    expect(await ledger.window(SHOP, MARCH)).toMatchObject({ stale: false, asOf: clock.ms });
  });

  it('fails a window it does not cover while upstream is down, and a non-transient error fails every window', async () => {
    const { clock, source, ledger } = setup({ maxStalenessMs: 0 });
    source.failure = new UpstreamError('rate_limited', 'slow down', { api: 'partner' });
    await expect(ledger.window(SHOP, MARCH)).rejects.toThrow('slow down');
    source.failure = null;
    await ledger.window(SHOP, MARCH);
    source.failure = new UpstreamError('permission', 'scope revoked', { api: 'partner' });
    clock.ms += 1000;
    await expect(ledger.window(SHOP, MARCH)).rejects.toThrow('scope revoked');
  });

  it('extends its coverage backwards and forwards, reading only what it lacks', async () => {
    const { source, ledger, truth } = setup();
    for (let d = 1; d <= 28; d++) source.putOrder(paid(`F${d}`, `2024-02-${String(d).padStart(2, '0')}T12:00`, '2.00'));
    await ledger.window(SHOP, { from: '2024-02-10', to: '2024-02-12' });
    source.resetCalls();
    const wider = { from: '2024-02-01', to: '2024-02-20' };
    expect((await ledger.window(SHOP, wider)).days).toEqual(truth(wider));
    expect(source.calls.orders).toBe(2);
    expect(source.calls.returns).toBe(1);
  });

  it('rebuilds when entries were evicted', async () => {
    const { source, store, ledger, truth } = setup();
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    await ledger.window(SHOP, MARCH);
    const state = JSON.parse((await store.get('ledger:v6:{app:1}:state'))!) as { generation: string };
    await store.delete(`ledger:v6:{app:1}:g${state.generation}:agg:2024-03-02`);
    expect((await ledger.window(SHOP, MARCH)).days).toEqual(truth(MARCH));
  });

  it('refreshes named orders through order detail, 50 at a time, with their refunds', async () => {
    const { source, ledger, truth } = setup();
    const orders = Array.from({ length: 120 }, (_, i) => paid(`O${i}`, '2024-03-03T10:00', '1.00'));
    source.putOrder(...orders);
    expect(await ledger.refreshOrders(SHOP, ['O1'])).toBe(0);
    await ledger.window(SHOP, MARCH);
    const refunds: RefundFact[] = orders.slice(0, 3).map((o) => refund(`R${o.id}`, o, [`${o.id}-1`]));
    source.putRefund('returns', ...refunds);
    source.resetCalls();
    expect(
      await ledger.refreshOrders(
        SHOP,
        orders.map((o) => o.id),
      ),
    ).toBe(120);
    expect(source.calls.detail).toBe(3);
    expect((await ledger.window(SHOP, MARCH)).days).toEqual(truth(MARCH));
  });
});

/** A lease lock as Redis keeps it for replicas, in memory; `down` makes it fail like an outage. */
class FakeLeases implements LeaseLock {
  readonly held = new Set<string>();
  down = false;
  taken = 0;

  async tryLease(key: string): Promise<(() => Promise<void>) | undefined> {
    if (this.down) throw new Error('Redis is unavailable');
    if (this.held.has(key)) return undefined;
    this.held.add(key);
    this.taken += 1;
    return async () => {
      this.held.delete(key);
    };
  }
}

describe('OrderLedger on several replicas', () => {
  /** Two replicas: one store, one source, one lock, each its own OrderLedger. */
  function replicas(options: Partial<LedgerOptions> = {}) {
    const clock = { ms: Date.parse('2024-03-20T12:00:00Z') };
    const source = new FakeSource();
    const store = memoryKv();
    const lock = new FakeLeases();
    const sleeps: number[] = [];
    // Yields to the event loop so the holder progresses; records the pauses asked for.
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms);
        setImmediate(resolve);
      });
    const make = () => new OrderLedger(store, source, { namespace: 'app', firstStepDays: ONE_STEP, now: () => clock.ms, lock, sleep, ...options });
    return { clock, source, lock, sleeps, a: make(), b: make() };
  }

  it('backfills a shop on one replica; the other waits for the days and reads them without calling upstream', async () => {
    const { source, lock, sleeps, a, b } = replicas();
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'), paid('B', '2024-03-08T10:00', '5.00'));
    let open!: () => void;
    source.gate = new Promise<void>((resolve) => (open = resolve));
    const first = a.window(SHOP, MARCH);
    // A holds the lease once its first search is in flight.
    while (source.calls.orders === 0) await new Promise((resolve) => setImmediate(resolve));
    const callsOfA = { ...source.calls };
    const second = b.window(SHOP, MARCH);
    while (sleeps.length < 3) await new Promise((resolve) => setImmediate(resolve));
    expect(source.calls).toEqual(callsOfA); // B waits: it reads nothing upstream
    expect(sleeps.slice(0, 3)).toEqual([50, 100, 200]); // backing off while A holds the lease
    open();
    const [fromA, fromB] = await Promise.all([first, second]);
    expect(fromB.days).toEqual(fromA.days);
    expect(combineAggregates(fromB.days.values(), 'USD')).toMatchObject({ gmv: '15', orders: 2 });
    expect(source.calls.orders).toBe(callsOfA.orders);
    expect(lock.taken).toBeGreaterThanOrEqual(1);
    expect(lock.held.size).toBe(0);
  });

  it('leaves a due delta sync to the replica holding the lease and answers from the ledger as it is', async () => {
    const { clock, source, lock, sleeps, a, b } = replicas({ maxStalenessMs: 60_000 });
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    await a.window(SHOP, MARCH);
    clock.ms += 61_000;
    lock.held.add('ledger-sync:app:1'); // another replica is syncing this shop
    source.resetCalls();
    const served = await b.window(SHOP, MARCH);
    expect(source.calls).toEqual({ orders: 0, returns: 0, cancellations: 0, detail: 0 });
    expect(sleeps).toEqual([]);
    expect(combineAggregates(served.days.values(), 'USD').gmv).toBe('10');
    expect(served.stale).toBe(false);
    lock.held.clear();
    await b.window(SHOP, MARCH);
    expect(source.calls).toEqual({ orders: 1, returns: 1, cancellations: 1, detail: 0 });
  });

  it('refreshes webhook-named orders only while no other replica syncs the shop', async () => {
    const { source, lock, sleeps, a } = replicas();
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    await a.window(SHOP, MARCH);
    source.putOrder(paid('A', '2024-03-02T10:00', '12.00', { updateTime: Math.floor(Date.parse('2024-03-20T12:00:00Z') / 1000) + 60 }));
    lock.held.add('ledger-sync:app:1');
    source.resetCalls();
    const refreshed = a.refreshOrders(SHOP, ['A']);
    while (sleeps.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(source.calls.detail).toBe(0);
    lock.held.clear();
    expect(await refreshed).toBe(1);
    expect(source.calls.detail).toBe(1);
    expect(lock.held.size).toBe(0);
  });

  it('syncs for itself when the lock service is down', async () => {
    const { source, lock, a } = replicas();
    lock.down = true;
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    expect(combineAggregates((await a.window(SHOP, MARCH)).days.values(), 'USD').gmv).toBe('10');
    expect(source.calls.orders).toBeGreaterThan(0);
  });

  it('tells when the sync each answer reflects started', async () => {
    const synced: [string, number][] = [];
    const { clock, source, a } = replicas({ maxStalenessMs: 60_000, onSynced: (shop, at) => synced.push([shop, at]) });
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    const started = clock.ms;
    await a.window(SHOP, MARCH);
    clock.ms += 30_000;
    await a.window(SHOP, MARCH);
    expect(synced).toEqual([
      ['1', started],
      ['1', started],
    ]);
  });
});

describe('OrderLedger with a day cache in front of its store', () => {
  /** The store as Redis would be: `down` makes every call fail as an outage does. */
  function outageable() {
    const kv = memoryKv();
    const state = { down: false, reads: 0 };
    const guard =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (state.down) throw new StoreUnavailableError('the metrics ledger');
        return call(...args);
      };
    const store: KvStore = {
      get: guard((key: string) => kv.get(key)),
      getMany: guard((keys: readonly string[]) => {
        state.reads += keys.filter((k) => k.includes(':agg:')).length;
        return kv.getMany(keys);
      }),
      set: guard((key: string, value: string, ttl: number) => kv.set(key, value, ttl)),
      setMany: guard((entries: readonly (readonly [string, string])[], ttl: number) => kv.setMany(entries, ttl)),
      delete: guard((key: string) => kv.delete(key)),
    };
    return { store, state };
  }

  function replicas() {
    const clock = { ms: Date.parse('2024-03-20T12:00:00Z') };
    const source = new FakeSource();
    const { store, state } = outageable();
    const make = () =>
      new OrderLedger(store, source, {
        namespace: 'app',
        firstStepDays: ONE_STEP,
        now: () => clock.ms,
        maxStalenessMs: 3_600_000,
        dayCache: new DayCache(1_000_000),
      });
    return { clock, source, state, a: make(), b: make() };
  }

  it('answers a warm window from memory, and reads again what another replica wrote since', async () => {
    const { clock, source, state, a, b } = replicas();
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    await a.window(SHOP, MARCH);
    state.reads = 0;
    expect(combineAggregates((await a.window(SHOP, MARCH)).days.values(), 'USD').gmv).toBe('10');
    expect(state.reads).toBe(0);

    // Replica B refreshes the order from a webhook: A's copies of the days are now of an old revision.
    source.putOrder(paid('A', '2024-03-02T10:00', '12.00', { updateTime: Math.floor(clock.ms / 1000) + 60 }));
    expect(await b.refreshOrders(SHOP, ['A'])).toBe(1);
    expect(combineAggregates((await a.window(SHOP, MARCH)).days.values(), 'USD').gmv).toBe('12');
    expect(state.reads).toBe(10);
  });

  it("sums a warm window's days once per revision, and sums them again after a write", async () => {
    const { clock, source, a, b } = replicas();
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'), paid('B', '2024-03-05T10:00', '2.50'));
    const first = (await a.window(SHOP, MARCH)).total();
    expect(first).toMatchObject({ gmv: '12.5', orders: 2, units: 2 });
    // The same object: not summed again.
    expect((await a.window(SHOP, MARCH)).total()).toBe(first);
    // This replica refreshes an order: the sum is done again, with it.
    source.putOrder(paid('A', '2024-03-02T10:00', '11.00', { updateTime: Math.floor(clock.ms / 1000) + 60 }));
    await a.refreshOrders(SHOP, ['A']);
    expect((await a.window(SHOP, MARCH)).total()).toMatchObject({ gmv: '13.5', orders: 2 });
    // Another replica writes: a new revision, summed again.
    source.putOrder(paid('B', '2024-03-05T10:00', '3.00', { updateTime: Math.floor(clock.ms / 1000) + 70 }));
    await b.refreshOrders(SHOP, ['B']);
    expect((await a.window(SHOP, MARCH)).total()).toMatchObject({ gmv: '14', orders: 2 });
    // Another window of the same days is a total of its own.
    expect((await a.window(SHOP, { from: '2024-03-03', to: '2024-03-10' })).total()).toMatchObject({ gmv: '3', orders: 1 });
  });

  it('serves a window it holds in memory, stale, while the store is away; fails one it does not hold, saying why', async () => {
    const { source, state, a } = replicas();
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    const before = await a.window(SHOP, MARCH);
    state.down = true;
    const during = await a.window(SHOP, MARCH);
    const { total: beforeTotal, ...was } = before;
    const { total: duringTotal, ...now } = during;
    expect(now).toEqual({ ...was, stale: true });
    expect(duringTotal()).toEqual(beforeTotal());
    await expect(a.window(SHOP, { from: '2024-02-01', to: '2024-02-10' })).rejects.toThrow(/the metrics ledger: the shared store \(Redis\) is unreachable/);
    // A webhook refresh while it is away is left to the next delta sync (which reads the change by its update_time).
    await expect(a.refreshOrders(SHOP, ['A'])).resolves.toBe(0);
    state.down = false;
    expect((await a.window(SHOP, MARCH)).stale).toBe(false);
  });
});

describe('OrderLedger backfills under a bound', () => {
  it('backfills at most `concurrentBackfills` shops at once; the others wait their turn, then read nothing twice', async () => {
    const clock = { ms: Date.parse('2024-03-20T12:00:00Z') };
    const source = new FakeSource();
    source.putOrder(paid('A', '2024-03-02T10:00', '10.00'));
    const shopsSeen = new Set<string>();
    const orderPage = source.orderPage.bind(source);
    source.orderPage = async (shop, q) => {
      shopsSeen.add((shop as ShopInfo).id);
      return orderPage(shop, q);
    };
    let open!: () => void;
    source.gate = new Promise<void>((resolve) => (open = resolve));
    const ledger = new OrderLedger(memoryKv(), source, { namespace: 'app', firstStepDays: ONE_STEP, now: () => clock.ms, concurrentBackfills: 2 });
    const shops = ['1', '2', '3', '4'].map((id) => ({ ...SHOP, id }));
    const answers = Promise.all(shops.map((shop) => ledger.window(shop, MARCH)));
    while (source.calls.returns < 2) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect([...shopsSeen].sort()).toEqual(['1', '2']); // shops 3 and 4 wait for a slot
    open();
    const windows = await answers;
    expect(windows.map((w) => combineAggregates(w.days.values(), 'USD').gmv)).toEqual(['10', '10', '10', '10']);
    expect([...shopsSeen].sort()).toEqual(['1', '2', '3', '4']);
  });
});
