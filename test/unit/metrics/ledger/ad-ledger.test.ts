import type { DayRange } from '../../../../src/datasources/marketing/date-range';
import type { GmvMaxReportRow, ReportRow } from '../../../../src/datasources/marketing/schemas';
import { UpstreamError } from '../../../../src/upstream/upstream-error';
import { AdLedger, type AdLedgerOptions, type AdReportSource } from '../../../../src/metrics/ledger/ad-ledger';
import { windowDays, type DateWindow } from '../../../../src/domain/window';
import { memoryKv } from './memory-kv';

const ADV = { advertiserId: 'A1', displayTimezone: 'America/Los_Angeles' };
// 05:00 on 2024-03-20 in Los Angeles: days from 2024-03-13 on are inside the 7-day attribution window.
const T0 = Date.parse('2024-03-20T12:00:00Z');
const FEB: DateWindow = { from: '2024-02-01', to: '2024-02-29' };
const OPEN: DateWindow = { from: '2024-03-13', to: '2024-03-20' };
const MINUTE = 60_000;
/** Days TikTok reported nothing for. */
const QUIET = ['2024-02-14', '2024-02-15', '2024-02-16'];

function row(date: string, spend: string, campaignId = 'C1'): ReportRow {
  return { campaignId, date, spend, impressions: 100, clicks: 3, conversions: 1, shopPurchases: 1, attributedRevenue: '2.50', shopRoas: null };
}

function gmvRow(storeId: string, date: string, cost: string): GmvMaxReportRow {
  return { storeId, campaignId: 'G1', date, cost, grossRevenue: '9.00', roi: null, orders: 2 };
}

/** A Marketing API that records the ranges asked, optionally held at a gate or failing. */
class FakeMarketing implements AdReportSource {
  report = windowDays({ from: '2023-12-01', to: '2024-03-20' })
    .filter((d) => !QUIET.includes(d))
    .map((d) => row(d, `${Number(d.slice(8))}.00`));
  gmvMax: Record<string, GmvMaxReportRow[]> = {
    S1: windowDays(FEB).map((d) => gmvRow('S1', d, '3.00')),
    S2: windowDays(FEB).map((d) => gmvRow('S2', d, '4.00')),
  };
  calls: string[] = [];
  /** when set, calls for ranges starting on or after `failureFrom` fail with it */
  failure: UpstreamError | null = null;
  failureFrom = '';
  gate: Promise<void> | null = null;

  async getDailyReport(_advertiserId: string, range: DayRange): Promise<ReportRow[]> {
    await this.enter('report', range);
    return this.report.filter((r) => r.date >= range.from && r.date <= range.to);
  }

  async getGmvMaxReport(storeId: string, _advertiserId: string, range: DayRange): Promise<GmvMaxReportRow[]> {
    await this.enter(`gmvmax:${storeId}`, range);
    return (this.gmvMax[storeId] ?? []).filter((r) => r.date >= range.from && r.date <= range.to);
  }

  /** The calls made since the last look. */
  take(): string[] {
    const calls = this.calls;
    this.calls = [];
    return calls;
  }

  private async enter(what: string, range: DayRange): Promise<void> {
    this.calls.push(`${what} ${range.from}..${range.to}`);
    if (this.gate) await this.gate;
    if (this.failure && range.from >= this.failureFrom) throw this.failure;
  }
}

function setup(options: Partial<AdLedgerOptions> = {}) {
  const clock = { ms: T0 };
  const source = new FakeMarketing();
  const store = memoryKv();
  const ledger = new AdLedger(store, source, { namespace: 'app', now: () => clock.ms, ...options });
  const truth = (window: DateWindow) => source.report.filter((r) => r.date >= window.from && r.date <= window.to);
  return { clock, source, store, ledger, truth };
}

const unavailable = () => new UpstreamError('unavailable', 'TikTok is down', { api: 'marketing' });

describe('AdLedger', () => {
  it('serves closed days it holds with no upstream call, and reads only the missing range', async () => {
    const { clock, source, ledger, truth } = setup();
    const feb = await ledger.report(ADV, FEB);
    expect(source.take()).toEqual(['report 2024-02-01..2024-02-29']);
    expect(feb).toEqual({ value: truth(FEB), fetchedAt: T0, stale: false });

    clock.ms += 60 * MINUTE;
    const winter = await ledger.report(ADV, { from: '2023-12-01', to: '2024-02-29' });
    expect(source.take()).toEqual(['report 2023-12-01..2024-01-31']);
    expect(winter).toEqual({ value: truth({ from: '2023-12-01', to: '2024-02-29' }), fetchedAt: T0, stale: false });

    expect(await ledger.report(ADV, FEB)).toEqual(feb);
    expect(await ledger.report(ADV, { from: '2024-01-15', to: '2024-02-10' })).toMatchObject({ fetchedAt: T0, stale: false });
    expect(source.take()).toEqual([]);
  });

  it('asks for missing runs apart, or as one range when that saves a call', async () => {
    const apart = setup();
    await apart.ledger.report(ADV, { from: '2024-01-10', to: '2024-01-20' });
    apart.source.take();
    const wide = { from: '2024-01-01', to: '2024-03-05' };
    expect((await apart.ledger.report(ADV, wide)).value).toEqual(apart.truth(wide));
    // 9 + 45 days: three calls either way, so the 11 days held are not read again.
    expect(apart.source.take()).toEqual(['report 2024-01-01..2024-01-09', 'report 2024-01-21..2024-03-05']);

    const merged = setup();
    await merged.ledger.report(ADV, { from: '2024-02-10', to: '2024-02-15' });
    merged.source.take();
    expect((await merged.ledger.report(ADV, FEB)).value).toEqual(merged.truth(FEB));
    // 9 + 14 days missing: one 29-day call instead of two.
    expect(merged.source.take()).toEqual(['report 2024-02-01..2024-02-29']);
  });

  it('pulls open days again once their pull is older than maxStalenessMs, not before, and leaves closed days alone', async () => {
    const { clock, source, ledger, truth } = setup({ maxStalenessMs: 15 * MINUTE });
    const march = { from: '2024-03-01', to: '2024-03-20' };
    await ledger.report(ADV, march);
    source.take();
    source.report = source.report.map((r) => (r.date === '2024-03-15' ? { ...r, attributedRevenue: '7.25' } : r));

    clock.ms = T0 + 15 * MINUTE - 1;
    const early = await ledger.report(ADV, march);
    expect(source.take()).toEqual([]);
    expect(early.value.find((r) => r.date === '2024-03-15')?.attributedRevenue).toBe('2.50');

    clock.ms = T0 + 15 * MINUTE;
    const late = await ledger.report(ADV, march);
    expect(source.take()).toEqual(['report 2024-03-13..2024-03-20']);
    expect(late).toEqual({ value: truth(march), fetchedAt: T0, stale: false });
    expect((await ledger.report(ADV, OPEN)).fetchedAt).toBe(clock.ms);
  });

  it('gives a day pulled while open one more pull after it closes, then none', async () => {
    const { clock, source, ledger } = setup();
    const day = { from: '2024-03-14', to: '2024-03-14' };
    await ledger.report(ADV, day);
    clock.ms = T0 + 2 * 86_400_000; // 2024-03-14 closed on the 22nd, local midnight
    await ledger.report(ADV, day);
    clock.ms = T0 + 30 * 86_400_000;
    await ledger.report(ADV, day);
    expect(source.take()).toEqual(['report 2024-03-14..2024-03-14', 'report 2024-03-14..2024-03-14']);
  });

  it('shares one pull between concurrent requests, for missing days and for stale open days', async () => {
    const { clock, source, ledger, truth } = setup();
    let release = () => undefined as void;
    source.gate = new Promise((resolve) => (release = resolve));
    const asked = [ledger.report(ADV, FEB), ledger.report(ADV, FEB), ledger.report(ADV, { from: '2024-02-10', to: '2024-02-20' })];
    await new Promise(setImmediate);
    release();
    const [a, b, c] = await Promise.all(asked);
    expect(source.take()).toEqual(['report 2024-02-01..2024-02-29']);
    expect(a).toEqual(b);
    expect(c!.value).toEqual(truth({ from: '2024-02-10', to: '2024-02-20' }));

    const march = { from: '2024-03-01', to: '2024-03-20' };
    await ledger.report(ADV, march);
    source.take();
    clock.ms += 15 * MINUTE;
    source.gate = new Promise((resolve) => (release = resolve));
    const again = [ledger.report(ADV, OPEN), ledger.report(ADV, march), ledger.report(ADV, OPEN)];
    await new Promise(setImmediate);
    release();
    const [open, all] = await Promise.all(again);
    expect(source.take()).toEqual(['report 2024-03-13..2024-03-20']);
    expect(open).toEqual({ value: truth(OPEN), fetchedAt: clock.ms, stale: false });
    expect(all).toEqual({ value: truth(march), fetchedAt: T0, stale: false });
  });

  it('remembers days without rows as known empty', async () => {
    const { store, source, ledger } = setup();
    const quiet = { from: QUIET[0]!, to: QUIET[2]! };
    expect(await ledger.report(ADV, quiet)).toEqual({ value: [], fetchedAt: T0, stale: false });
    expect(await ledger.report(ADV, quiet)).toEqual({ value: [], fetchedAt: T0, stale: false });
    expect(source.take()).toEqual(['report 2024-02-14..2024-02-16']);
    expect(JSON.parse((await store.get('adledger:v2:{app:A1}:report:2024-02-15'))!)).toEqual({ pulledAt: T0, rows: [] });
  });

  it('serves the days it holds stale when upstream fails or throttles, with the time they were pulled', async () => {
    const { clock, source, ledger } = setup({ failureBackoffMs: 5_000 });
    const first = await ledger.report(ADV, OPEN);
    source.take();

    clock.ms = T0 + 20 * MINUTE;
    source.failure = unavailable();
    expect(await ledger.report(ADV, OPEN)).toEqual({ ...first, stale: true });
    expect(source.take()).toEqual(['report 2024-03-13..2024-03-20']);

    // Within the back-off nothing is asked; a throttled upstream is treated alike.
    clock.ms += 4_999;
    expect(await ledger.report(ADV, OPEN)).toEqual({ ...first, stale: true });
    expect(source.take()).toEqual([]);
    clock.ms += 1;
    source.failure = new UpstreamError('rate_limited', 'too many requests', { api: 'marketing', code: 40100 });
    expect(await ledger.report(ADV, OPEN)).toEqual({ ...first, stale: true });
    expect(source.take()).toHaveLength(1);

    clock.ms += 5_000;
    source.failure = null;
    expect(await ledger.report(ADV, OPEN)).toEqual({ ...first, fetchedAt: clock.ms, stale: false });
  });

  it('throws the upstream error when days it does not hold cannot be read, keeping what it could read', async () => {
    const { source, ledger, truth } = setup();
    await ledger.report(ADV, { from: '2024-01-10', to: '2024-01-20' });
    const failure = unavailable();
    source.failure = failure;
    await expect(ledger.report(ADV, FEB)).rejects.toBe(failure);
    await expect(ledger.report(ADV, { from: '2024-01-15', to: '2024-02-05' })).rejects.toBe(failure);

    // The earlier missing run is read, the later one fails; a retry asks only for the later one.
    source.failureFrom = '2024-01-21';
    source.take();
    const wide = { from: '2024-01-01', to: '2024-03-05' };
    await expect(ledger.report(ADV, wide)).rejects.toBe(failure);
    source.failure = null;
    expect((await ledger.report(ADV, wide)).value).toEqual(truth(wide));
    expect(source.take()).toEqual(['report 2024-01-01..2024-01-09', 'report 2024-01-21..2024-03-05', 'report 2024-01-21..2024-03-05']);
  });

  it('keeps GMV Max rows per store and day, apart from the report', async () => {
    const { store, source, ledger } = setup();
    expect((await ledger.gmvMaxReport('S1', ADV, FEB)).value).toEqual(source.gmvMax.S1);
    expect((await ledger.gmvMaxReport('S2', ADV, FEB)).value).toEqual(source.gmvMax.S2);
    await ledger.gmvMaxReport('S1', ADV, { from: '2024-02-03', to: '2024-02-09' });
    expect(source.take()).toEqual(['gmvmax:S1 2024-02-01..2024-02-29', 'gmvmax:S2 2024-02-01..2024-02-29']);
    expect(JSON.parse((await store.get('adledger:v2:{app:A1}:gmvmax:S1:2024-02-03'))!)).toEqual({ pulledAt: T0, rows: [gmvRow('S1', '2024-02-03', '3.00')] });
    await ledger.report(ADV, FEB);
    expect(source.take()).toEqual(['report 2024-02-01..2024-02-29']);
  });

  it('shares its days with another replica on the same store', async () => {
    const { store, source, ledger } = setup();
    await ledger.report(ADV, FEB);
    source.take();
    const replica = new AdLedger(store, source, { namespace: 'app', now: () => T0 });
    expect((await replica.report(ADV, FEB)).fetchedAt).toBe(T0);
    expect(source.take()).toEqual([]);
    await new AdLedger(store, source, { namespace: 'other-app', now: () => T0 }).report(ADV, FEB);
    expect(source.take()).toHaveLength(1);
  });

  it('never asks for days after today in the advertiser zone', async () => {
    const { clock, source, ledger } = setup();
    clock.ms = Date.parse('2024-03-20T16:00:00Z'); // 09:00 on the 20th in Los Angeles, 01:00 on the 21st in Tokyo
    await ledger.report(ADV, { from: '2024-03-18', to: '2024-03-31' });
    await ledger.report({ advertiserId: 'A2', displayTimezone: 'Asia/Tokyo' }, { from: '2024-03-18', to: '2024-03-31' });
    expect(await ledger.report(ADV, { from: '2024-04-01', to: '2024-04-30' })).toEqual({ value: [], fetchedAt: clock.ms, stale: false });
    expect(source.take()).toEqual(['report 2024-03-18..2024-03-20', 'report 2024-03-18..2024-03-21']);
  });
});
