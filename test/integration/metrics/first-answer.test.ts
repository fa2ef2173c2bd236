/**
 * Issue 18: the first answer is fast, then complete. A shop whose history is not read yet is
 * answered with what is covered — order figures null with the reason, never a short number, and
 * never an error — while the backfill goes on in the background; later answers converge to the
 * exact figures, checked against the emulator's raw orders by hand (docs/metrics.md, "Coverage").
 *
 * The emulator's history searches wait on a gate the test opens and closes (its latency fault
 * with an injected sleep), so "the backfill takes longer than the first answer" is a fact of the
 * test, not of the machine's speed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import type { Coverage } from '../../../src/metrics/ledger/ledger-store';
import { localDate } from '../../../src/domain/window';
import { startGateway, until, type Gateway } from '../cache/replicas';
import { startLedgerStack, type LedgerStack } from './ledger-stack';

const SEARCHES = ['/order/202309/orders/search', '/return_refund/202309/returns/search', '/return_refund/202309/cancellations/search'];
const DAY = 86_400;

/** A gate the emulator's history searches wait at while it is closed. */
function gate() {
  let open = true;
  let waiting: (() => void)[] = [];
  return {
    sleep: () => (open ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
    close: () => void (open = false),
    open: () => {
      open = true;
      const released = waiting;
      waiting = [];
      released.forEach((resolve) => resolve());
    },
  };
}

// docs/metrics.md by hand: an order counts on its counted day (paid_time; COD: create_time); GMV
// is Σ (sale_price + platform_discount) of its lines.
type RawOrder = { is_cod?: boolean; create_time: number; paid_time?: number; line_items: { sale_price: string; platform_discount: string }[] };
const dayIn = (seconds: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(seconds * 1000);
const countedAt = (o: RawOrder) => (o.is_cod ? o.create_time : o.paid_time);
function byHand(orders: readonly RawOrder[], timeZone: string, from: string, to: string) {
  const counted = orders.filter((o) => {
    const at = countedAt(o);
    if (at === undefined) return false;
    const day = dayIn(at, timeZone);
    return from <= day && day <= to;
  });
  const gmv = counted.flatMap((o) => o.line_items).reduce((sum, l) => sum.plus(l.sale_price).plus(l.platform_discount), new Decimal(0));
  return { orders: counted.length, gmv };
}
const daysBefore = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY * 1000).toISOString().slice(0, 10);
const dates = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + DAY * 1000).toISOString().slice(0, 10)) out.push(d);
  return out;
};

describe('a ledger read in steps, newest days first', () => {
  let stack: LedgerStack;
  const searches = gate();
  let stepped: (coverage: Coverage) => void = () => undefined;

  beforeAll(async () => {
    stack = await startLedgerStack(
      { seed: 'first-answer', days: 45, ordersPerDay: 40, unknownEnums: false, faults: { latencyMs: 1, paths: SEARCHES }, sleep: () => searches.sleep() },
      {
        onProgress: (_shop, coverage) => stepped(coverage),
        answerDeadline: () =>
          new Promise<void>(
            (resolve) =>
              (stepped = () => {
                // The first step is in: hold the rest of the backfill at the emulator, and answer now (once).
                stepped = () => undefined;
                searches.close();
                resolve();
              }),
          ),
      },
    );
  });
  afterAll(async () => {
    searches.open();
    await stack?.close();
  });

  it("answers with the first step's days, exact, then converges to the whole window", async () => {
    const { shop, ledger, emulator } = stack;
    const now = Math.floor(Date.now() / 1000);
    // Calendar days back from the shop's today (seconds back would cross a DST change: 39 × 24 h is not 39 days then).
    const today = localDate(now, shop.timezone);
    const window = { from: daysBefore(today, 39), to: today };
    const raw = emulator.store.raw(shop.id).orders as unknown as RawOrder[];

    const first = await ledger.window(shop, window);
    // The first step covers the newest 7 days; nothing else of the window is given.
    const firstDays = dates(daysBefore(today, 6), window.to);
    expect(first.coverage).toEqual({ from: firstDays[0], to: window.to, days: 7, share: 7 / 40, complete: false });
    expect([...first.days.keys()]).toEqual(firstDays);
    for (const date of firstDays) {
      const day = first.days.get(date)!;
      const hand = byHand(raw, shop.timezone, date, date);
      expect([date, day.orders, new Decimal(day.gmv).toString()]).toEqual([date, hand.orders, hand.gmv.toString()]);
    }
    expect(firstDays.reduce((n, d) => n + first.days.get(d)!.orders, 0)).toBeGreaterThan(0);

    // The backfill goes on once upstream answers again; a later answer is the whole window.
    searches.open();
    await ledger.complete(shop, window);
    const later = await ledger.window(shop, window);
    expect(later.coverage).toEqual({ from: window.from, to: window.to, days: 40, share: 1, complete: true });
    expect([...later.days.keys()]).toEqual(dates(window.from, window.to));
    for (const date of dates(window.from, window.to)) {
      const day = later.days.get(date)!;
      const hand = byHand(raw, shop.timezone, date, date);
      expect([date, day.orders, new Decimal(day.gmv).toString()]).toEqual([date, hand.orders, hand.gmv.toString()]);
    }
  });
});

type MetricOut = { value: string | null; nullReason: string | null; provisional: boolean };
type CoverageOut = { from: string | null; to: string | null; days: number; share: number; complete: boolean };
type ShopOut = {
  coverage: CoverageOut;
  gmv: MetricOut;
  orders: MetricOut;
  refundRate: MetricOut;
  adSpend: MetricOut;
  series: { from: string; metrics: MetricOut[] }[];
};
const QUERY = `query($s: ID!, $r: DateRange!) {
  shop(id: $s) { metrics(range: $r) { ...F } }
  metrics(range: $r) { ...F }
}
fragment F on ShopMetrics {
  coverage { from to days share complete }
  gmv { value nullReason provisional } orders { value nullReason provisional } refundRate { value nullReason provisional }
  adSpend { value nullReason provisional }
  series(names: [ORDERS]) { from metrics { value nullReason provisional } }
}`;

describe('a metrics query on a shop whose history is not read yet', () => {
  let emulator: EmulatorHandle;
  let gateway: Gateway;
  let dir: string;
  const searches = gate();

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'first-answer-graph',
      shops: 1,
      days: 30,
      ordersPerDay: 50,
      unknownEnums: false,
      faults: { latencyMs: 1, paths: SEARCHES },
      sleep: () => searches.sleep(),
    });
    dir = mkdtempSync(join(tmpdir(), 'shopgraph-first-answer-'));
    const config = join(dir, 'shopgraph.json');
    writeFileSync(config, JSON.stringify({ storage: { firstAnswerMs: 100 } }));
    searches.close();
    gateway = await startGateway(emulator, { SHOPGRAPH_CONFIG: config });
  });
  afterAll(async () => {
    searches.open();
    await gateway?.server.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers at once with its coverage and no error, then with the exact figures', async () => {
    const shop = emulator.store.shops()[0]!;
    const now = Math.floor(Date.now() / 1000);
    const today = localDate(now, shop.timezone);
    const r = { from: daysBefore(today, 20), to: today };
    const ask = () => gateway.gql<{ shop: { metrics: ShopOut }; metrics: ShopOut[] }>(QUERY, { s: shop.id, r });

    // Nothing read yet (the emulator holds every history search): null with the reason, provisional.
    const first = await ask();
    expect(first.errors).toBeUndefined();
    for (const m of [first.data!.shop.metrics, first.data!.metrics[0]!]) {
      expect(m.coverage).toEqual({ from: null, to: null, days: 0, share: 0, complete: false });
      for (const figure of [m.gmv, m.orders, m.refundRate]) {
        expect(figure.value).toBeNull();
        expect(figure.nullReason).toMatch(/order history is still being read: no day of the window yet;/);
        expect(figure.provisional).toBe(true);
      }
      expect(m.series.every((p) => p.metrics[0]!.value === null && p.metrics[0]!.provisional)).toBe(true);
      // Ad figures do not wait for the orders: given, or — when their own reports are not read
      // within the first answer's 100 ms either — null with their own reason.
      if (m.adSpend.value === null) expect(m.adSpend.nullReason).toMatch(/^provisional: TikTok's ad reports for this window are still being read/);
    }

    // Upstream answers again: the backfill, still under way, completes; answers converge.
    searches.open();
    let last: ShopOut | undefined;
    await until(
      async () => {
        const res = await ask();
        expect(res.errors).toBeUndefined();
        last = res.data!.shop.metrics;
        return last.coverage.complete && res.data!.metrics[0]!.coverage.complete && last.adSpend.value !== null;
      },
      'complete coverage',
      30_000,
    );
    const raw = emulator.store.raw(shop.id).orders as unknown as RawOrder[];
    const hand = byHand(raw, shop.timezone, r.from, r.to);
    expect(last!.coverage).toEqual({ from: r.from, to: r.to, days: 21, share: 1, complete: true });
    expect(last!.orders).toEqual({ value: String(hand.orders), nullReason: null, provisional: false });
    const minorUnits = new Intl.NumberFormat('en', { style: 'currency', currency: shop.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    expect(last!.gmv.value).toBe(hand.gmv.toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_EVEN).toFixed(minorUnits));
    expect(last!.series.map((p) => Number(p.metrics[0]!.value))).toEqual(dates(r.from, r.to).map((d) => byHand(raw, shop.timezone, d, d).orders));
    expect(last!.adSpend.nullReason).toBeNull();
  });
});
