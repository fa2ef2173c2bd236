import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, marketing, partner, startTestEmulator, type TestClock } from './helpers';

async function control(emu: EmulatorHandle, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('emulator: faults and stats', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let cipher: string;
  const slept: number[] = [];

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator({
      sleep: async (ms) => {
        slept.push(ms);
      },
    }));
    token = await accessToken(emu);
    cipher = emu.store.shops()[0]?.cipher ?? '';
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    clock.ms += 2000;
    await control(emu, 'DELETE', 'faults');
    await control(emu, 'POST', 'stats/reset');
  });

  const statements = () => partner(emu, clock, { path: '/finance/202309/statements', query: { page_size: '5' }, token, cipher });
  const rawStatements = () => {
    const q = new URLSearchParams({ page_size: '5', app_key: emu.tokens.appKey });
    return fetch(`${emu.url}/finance/202309/statements?${q}`);
  };

  it('counts calls per method + route template and rejections per code; control calls do not count', async () => {
    await statements();
    await statements();
    await partner(emu, clock, { path: '/product/202309/products/123', token, cipher });
    await partner(emu, clock, { path: '/finance/202309/statements', query: { page_size: '5' }, token, cipher, sign: 'bad' });
    const { json } = await control(emu, 'GET', 'stats');
    expect(json).toEqual({
      calls: { 'GET /finance/202309/statements': 3, 'GET /product/202309/products/:id': 1 },
      rejections: { '106001': 1, '12052260': 1 },
      total: 4,
    });
    expect(emu.stats.snapshot().total).toBe(4);
    const reset = await control(emu, 'POST', 'stats/reset');
    expect(reset.json).toEqual({ calls: {}, rejections: {}, total: 0 });
  });

  it('errorRate answers 5xx with a TikTok error envelope (36009003 Partner, 50000 Marketing)', async () => {
    const set = await control(emu, 'POST', 'faults', { errorRate: 1 });
    expect(set.json).toEqual({ faults: { errorRate: 1 } });
    const p = await statements();
    expect([p.status, p.body.code]).toEqual([500, 36009003]);
    const m = await marketing(emu, 'advertiser/info/', { advertiser_ids: ['1'] });
    expect([m.status, m.body.code]).toEqual([500, 50000]);
    expect((await control(emu, 'GET', 'stats')).json.rejections).toEqual({ '36009003': 1, '50000': 1 });
    await control(emu, 'DELETE', 'faults');
    expect((await statements()).body.code).toBe(0);
  });

  it('malformedRate answers a 200 whose body is not JSON', async () => {
    await control(emu, 'POST', 'faults', { malformedRate: 1 });
    const res = await rawStatements();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('latencyMs waits through the injected timer before handling', async () => {
    slept.length = 0;
    await control(emu, 'POST', 'faults', { latencyMs: 1500 });
    expect((await statements()).body.code).toBe(0);
    expect(slept).toEqual([1500]);
  });

  it('rateLimitPerSecond tightens the limit (36009002 / 429)', async () => {
    await control(emu, 'POST', 'faults', { rateLimitPerSecond: 2 });
    expect((await statements()).body.code).toBe(0);
    expect((await statements()).body.code).toBe(0);
    const third = await statements();
    expect([third.status, third.body.code]).toEqual([429, 36009002]);
    clock.ms += 1000;
    expect((await statements()).body.code).toBe(0);
  });

  it('paths limits faults to matching APIs', async () => {
    await control(emu, 'POST', 'faults', { errorRate: 1, paths: ['/order/'] });
    expect((await statements()).body.code).toBe(0);
    const order = await partner(emu, clock, { path: '/order/202309/orders/search', query: { page_size: '5' }, body: '{}', token, cipher });
    expect(order.status).toBe(500);
  });

  it('is deterministic for the seed: the same settings give the same outcomes', async () => {
    const run = async () => {
      await control(emu, 'POST', 'faults', { errorRate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) {
        clock.ms += 1000;
        out.push((await statements()).status);
      }
      return out;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 500]));
    expect(await run()).toEqual(first);
  });

  it('refuses invalid fault settings with HTTP 400', async () => {
    expect((await control(emu, 'POST', 'faults', { errorRate: 2 })).status).toBe(400);
    expect((await control(emu, 'POST', 'faults', { nope: 1 })).status).toBe(400);
    expect((await control(emu, 'GET', 'faults')).json).toEqual({ faults: {} });
  });
});

describe('emulator: hangRate', () => {
  it('never answers until the emulator closes, then the connection ends', async () => {
    const { emu } = await startTestEmulator({ faults: { hangRate: 1 } });
    const pending = fetch(`${emu.url}/authorization/202309/shops`).then(
      () => 'answered',
      () => 'connection closed',
    );
    // The request is counted once it reached the emulator.
    while (emu.stats.snapshot().total === 0) await new Promise((resolve) => setImmediate(resolve));
    const raced = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 50))]);
    expect(raced).toBe('still waiting');
    await emu.close();
    expect(await pending).toBe('connection closed');
  });
});
