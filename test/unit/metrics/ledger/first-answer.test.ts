/**
 * The order ledger's first answer (issue 18): a window whose backfill outlasts the wait is
 * answered with the days read so far; the backfill goes on and later answers are whole. Also:
 * corrupt entries read back from the store are deleted and read again, never trusted.
 */
import type { ShopInfo } from '../../../../src/datasources/shop-directory';
import { aggregateDays } from '../../../../src/metrics/day-aggregate';
import type { OrderFact } from '../../../../src/domain/facts';
import type { LedgerCorruptError } from '../../../../src/metrics/ledger/ledger-errors';
import { OrderLedger, type LedgerOptions } from '../../../../src/metrics/ledger/order-ledger';
import type { DateWindow } from '../../../../src/domain/window';
import { at, byOrder, LA, line, order, refund } from '../fixtures';
import { FakeSource } from './fake-source';
import { memoryKv } from './memory-kv';

const SHOP: ShopInfo = { id: '1', name: 'Shop', code: null, region: 'US', sellerType: 'LOCAL', cipher: 'c', currency: 'USD', timezone: LA };
const MARCH: DateWindow = { from: '2024-03-01', to: '2024-03-20' };
const PREFIX = 'ledger:v6:{app:1}';

const paid = (id: string, local: string, gross: string, overrides: Partial<OrderFact> = {}) =>
  order(id, [line(`${id}-1`, gross)], { paidTime: at(local, LA), ...overrides });

function setup(options: Partial<LedgerOptions> = {}) {
  const clock = { ms: Date.parse('2024-03-20T20:00:00Z') };
  const source = new FakeSource();
  const store = memoryKv();
  const ledger = new OrderLedger(store, source, { namespace: 'app', now: () => clock.ms, ...options });
  const truth = (window: DateWindow) => {
    const refunds = [...source.data.returns.values(), ...source.data.cancellations.values()];
    return aggregateDays([...source.data.orders.values()], byOrder(refunds), window, LA, 'USD');
  };
  // An order a day, and a return of the first.
  for (let d = 1; d <= 20; d++) source.putOrder(paid(`O${d}`, `2024-03-${String(d).padStart(2, '0')}T10:00`, `${d}.00`));
  source.putRefund('returns', refund('R1', source.data.orders.get('O1')!, ['O1-1']));
  return { clock, source, store, ledger, truth };
}

describe('the first answer of a cold window', () => {
  it("answers with the newest step's days while the rest is read, then with the whole window", async () => {
    let release = () => undefined as void;
    let answerNow = () => undefined as void;
    const progress: string[] = [];
    const { source, ledger, truth } = setup({
      firstStepDays: 5,
      answerDeadline: () => new Promise<void>((resolve) => (answerNow = resolve)),
      onProgress: (_shop, coverage) => {
        progress.push(`${coverage.from}..${coverage.to}`);
        if (progress.length > 1) return;
        // The first step is in: hold the rest upstream, and let the window answer.
        source.gate = new Promise<void>((resolve) => (release = resolve));
        answerNow();
      },
    });
    const first = await ledger.window(SHOP, MARCH);
    expect(first.coverage).toEqual({ from: '2024-03-16', to: '2024-03-20', days: 5, share: 5 / 20, complete: false });
    // Only the covered days, each exact; nothing for the days not read yet.
    expect(first.days).toEqual(truth({ from: '2024-03-16', to: '2024-03-20' }));

    release();
    source.gate = null;
    await ledger.complete(SHOP, MARCH);
    const whole = await ledger.window(SHOP, MARCH);
    expect(whole.coverage).toEqual({ from: '2024-03-01', to: '2024-03-20', days: 20, share: 1, complete: true });
    expect(whole.days).toEqual(truth(MARCH));
    // Steps of 5, 10, then the rest: told after each that did not complete the window.
    expect(progress).toEqual(['2024-03-16..null', '2024-03-06..null']);
  });

  it('answers a window the steps already hold at once, while the backfill is still under way', async () => {
    let answerNow = () => undefined as void;
    const { source, ledger, truth } = setup({
      firstStepDays: 5,
      answerDeadline: () => new Promise<void>((resolve) => (answerNow = resolve)),
      onProgress: () => {
        source.gate ??= new Promise<void>(() => undefined); // upstream never answers again
        answerNow();
      },
    });
    await ledger.window(SHOP, MARCH);
    const recent = { from: '2024-03-17', to: '2024-03-20' };
    const answer = await ledger.window(SHOP, recent);
    expect(answer.coverage.complete).toBe(true);
    expect(answer.days).toEqual(truth(recent));
  });

  it("starts a shop's backfill in the background with prime, only for a shop without a ledger", async () => {
    const { source, ledger, truth } = setup();
    await ledger.prime(SHOP, MARCH);
    source.resetCalls();
    expect((await ledger.window(SHOP, MARCH)).days).toEqual(truth(MARCH));
    expect(source.calls.orders).toBe(0);
    await ledger.prime(SHOP, { from: '2024-02-01', to: '2024-03-20' });
    expect(source.calls.orders).toBe(0);
  });
});

describe('corrupt ledger entries', () => {
  const entry = async (store: ReturnType<typeof memoryKv>, kind: string, suffix: string) => {
    const state = JSON.parse((await store.get(`${PREFIX}:state`))!) as { generation: string };
    return kind === 'state' || kind === 'unreadable' ? `${PREFIX}:${kind}` : `${PREFIX}:g${state.generation}:${kind}:${suffix}`;
  };

  it.each([
    ['a day aggregate that is not JSON', 'agg', '2024-03-07', '{"date":"2024-03-07","gm', /not JSON/],
    ['a day aggregate without its GMV', 'agg', '2024-03-07', '{"date":"2024-03-07","orders":1,"products":{}}', /gmv: not a decimal string/],
    ['an order row of the wrong shape', 'o', 'O5', '["2024-03-05",5,[]]', /order: not an order/],
    ['an order row that is not a row', 'o', 'O5', '{"d":5}', /not a row/],
    ['the unreadable rows', 'unreadable', '', '{"rows":"none","overflow":false}', /rows: /],
    ['the state', 'state', '', '{"generation":""}', /generation: /],
  ])('%s: deleted, named, and the shop read again (exact figures, no crash)', async (_name, kind, suffix, text, problem) => {
    const found: LedgerCorruptError[] = [];
    const { store, source, ledger, truth } = setup({ firstStepDays: 10_000, onCorrupt: (e) => found.push(e), maxStalenessMs: 0 });
    await ledger.window(SHOP, MARCH);
    const key = await entry(store, kind, suffix);
    await store.set(key, text, 60_000);
    // An update of O5 makes the next delta sync read its row.
    const o5 = source.data.orders.get('O5')!;
    source.putOrder({ ...o5, updateTime: Math.floor(Date.parse('2024-03-20T20:00:00Z') / 1000) + 10 });
    source.resetCalls();
    const again = await ledger.window(SHOP, MARCH);
    expect(again.days).toEqual(truth(MARCH));
    expect(found.map((e) => [e.key, e.problem])).toEqual([[key, expect.stringMatching(problem)]]);
    expect(found[0]!.message).toMatch(/is corrupt .*read again from TikTok/);
    expect(await store.get(key)).not.toBe(text);
  });
});
