import { signPartnerRequest } from '../../../src/datasources/partner/signing';
import type { EmulatorHandle } from '../../../src/emulator/server';
import { accessToken, partner, startTestEmulator, tokenGet, type PartnerRequest, type TestClock } from './helpers';

describe('emulator: Partner API enforcement (TikTok codes and HTTP statuses)', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;
  let token: string;
  let cipher: string;
  let otherCipher: string;
  const SEARCH = '/order/202309/orders/search';

  beforeAll(async () => {
    ({ emu, clock } = await startTestEmulator({ tokenTtlSeconds: 3600 }));
    token = await accessToken(emu);
    const [first, second] = emu.store.shops();
    cipher = first?.cipher ?? '';
    otherCipher = second?.cipher ?? '';
  });
  afterAll(() => emu.close());

  const search = (over: Partial<PartnerRequest> = {}) =>
    partner(emu, clock, { path: SEARCH, query: { page_size: '10' }, body: '{"create_time_ge":1}', token, cipher, ...over });

  it('answers a correct call with code 0, a fresh request_id and data', async () => {
    const a = await search();
    const b = await search();
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ code: 0, message: 'Success' });
    expect(a.body.request_id).toMatch(/^\d{14}[0-9A-F]{20}$/);
    expect(b.body.request_id).not.toBe(a.body.request_id);
  });

  describe('sign → 106001, HTTP 401', () => {
    it.each<[string, Partial<PartnerRequest>]>([
      ['missing', { sign: null }],
      ['wrong', { sign: 'a'.repeat(64) }],
      ['signed with another secret', { appSecret: 'not-the-secret' }],
      ['over other body bytes than sent', { body: '{"create_time_ge": 1}', signedBody: '{"create_time_ge":1}' }],
    ])('%s', async (_name, over) => {
      const { status, body } = await search(over);
      expect(status).toBe(401);
      expect(body).toMatchObject({ code: 106001, data: null });
    });

    it('upper-case hex', async () => {
      const query = { page_size: '10', app_key: emu.tokens.appKey, timestamp: String(Math.floor(clock.ms / 1000)), shop_cipher: cipher };
      const sign = signPartnerRequest({ path: SEARCH, query, body: '{}', contentType: 'application/json', appSecret: emu.tokens.appSecret });
      const { status, body } = await search({ body: '{}', sign: sign.toUpperCase() });
      expect([status, body.code]).toEqual([401, 106001]);
    });

    it('signs the exact bytes, whatever the JSON formatting', async () => {
      const { body } = await search({ body: '{ "create_time_ge" : 1 }' });
      expect(body.code).toBe(0);
    });
  });

  describe('app_key and timestamp → 36009004 naming which', () => {
    it.each<[string, (nowMs: number) => Partial<PartnerRequest>, RegExp]>([
      ['missing app_key', () => ({ appKey: null }), /app_key is missing/],
      ['unknown app_key', () => ({ appKey: 'someone-else' }), /app_key is unknown/],
      ['missing timestamp', () => ({ timestamp: null }), /timestamp is missing/],
      ['milliseconds', (now) => ({ timestamp: String(now) }), /10 digits/],
      ['301 s old', (now) => ({ timestamp: String(Math.floor(now / 1000) - 301) }), /outside/],
      ['31 s ahead', (now) => ({ timestamp: String(Math.floor(now / 1000) + 31) }), /outside/],
    ])('%s', async (_name, over, message) => {
      const { status, body } = await search(over(clock.ms));
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(body.code).toBe(36009004);
      expect(body.message).toMatch(message);
    });

    it('accepts the edges of the window: 300 s old and 30 s ahead', async () => {
      const now = Math.floor(clock.ms / 1000);
      expect((await search({ timestamp: String(now - 300) })).body.code).toBe(0);
      expect((await search({ timestamp: String(now + 30) })).body.code).toBe(0);
    });
  });

  describe('access token', () => {
    it('missing or unknown → 36009004', async () => {
      for (const over of [{ token: null }, { token: 'ROW_unknown' }]) {
        const { status, body } = await search(over);
        expect([status, body.code]).toEqual([401, 36009004]);
      }
    });

    it('expired → 105002, HTTP 401', async () => {
      const short = await startTestEmulator({ tokenTtlSeconds: 60 });
      try {
        const t = await accessToken(short.emu);
        const c = short.emu.store.shops()[0]?.cipher ?? '';
        const req = { path: SEARCH, query: { page_size: '10' }, body: '{}', token: t, cipher: c };
        expect((await partner(short.emu, short.clock, req)).body.code).toBe(0);
        short.clock.ms += 61_000;
        const { status, body } = await partner(short.emu, short.clock, req);
        expect([status, body.code]).toEqual([401, 105002]);
      } finally {
        await short.emu.close();
      }
    });
  });

  it('a token not covering the shop → 101000', async () => {
    const [first] = emu.store.shops();
    const limitedCode = emu.mintAuthCode([first?.id ?? '']);
    const limited = String((await tokenGet(emu, limitedCode)).body.data.access_token);
    expect((await search({ token: limited })).body.code).toBe(0);
    const { status, body } = await search({ token: limited, cipher: otherCipher });
    expect([status, body.code]).toEqual([403, 101000]);
  });

  describe('shop_cipher', () => {
    it('missing on a shop-scoped call → 106013', async () => {
      const { status, body } = await search({ cipher: null });
      expect([status, body.code]).toEqual([400, 106013]);
    });

    it('present on /authorization/* → 36009004 unexpected identifier', async () => {
      const { status, body } = await partner(emu, clock, { path: '/authorization/202309/shops', token, cipher });
      expect([status, body.code]).toEqual([400, 36009004]);
      expect(body.message).toMatch(/Unexpected identifier/);
      const ok = await partner(emu, clock, { path: '/authorization/202309/shops', token });
      expect(ok.body.code).toBe(0);
    });

    it('unknown cipher → 36009004', async () => {
      const { body } = await search({ cipher: 'GCP_not_a_shop' });
      expect(body.code).toBe(36009004);
    });
  });

  it('bad version → 36009014', async () => {
    const { body } = await search({ path: '/order/202212/orders/search' });
    expect(body.code).toBe(36009014);
    const unknown = await search({ path: '/order/202309/nothing' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 36009004]);
    const wrongMethod = await search({ method: 'GET', body: undefined });
    expect([wrongMethod.status, wrongMethod.body.code]).toEqual([404, 36009004]);
  });

  describe('params', () => {
    const cases: [string, string, string, string | undefined, string][] = [
      // [path, method, page_size, body, expected outcome]
      ['/order/202309/orders/search', 'POST', '0', '{}', 'reject'],
      ['/order/202309/orders/search', 'POST', '101', '{}', 'reject'],
      ['/order/202309/orders/search', 'POST', '100', '{}', 'ok'],
      ['/product/202309/products/search', 'POST', '101', '{}', 'reject'],
      ['/product/202309/products/search', 'POST', '1', '{}', 'ok'],
      ['/return_refund/202309/returns/search', 'POST', '9', '{}', 'reject'],
      ['/return_refund/202309/returns/search', 'POST', '51', '{}', 'reject'],
      ['/return_refund/202309/returns/search', 'POST', '10', '{}', 'ok'],
      ['/return_refund/202309/cancellations/search', 'POST', '51', '{}', 'reject'],
      ['/return_refund/202309/cancellations/search', 'POST', '1', '{}', 'ok'],
      ['/finance/202309/statements', 'GET', '101', undefined, 'reject'],
      ['/finance/202309/statements', 'GET', '100', undefined, 'ok'],
    ];
    it.each(cases)('%s %s page_size=%s', async (path, method, size, body, outcome) => {
      const answer = await partner(emu, clock, { path, method, query: { page_size: size }, body, token, cipher });
      expect(answer.body.code).toBe(outcome === 'ok' ? 0 : 36009004);
      if (outcome !== 'ok') expect(answer.body.message).toMatch(/page_size/);
    });

    it('page_size is required', async () => {
      expect((await search({ query: {} })).body.code).toBe(36009004);
    });

    it('a string where the body wants an integer → 36009004', async () => {
      const { status, body } = await search({ body: '{"create_time_ge":"1700000000"}' });
      expect([status, body.code]).toEqual([400, 36009004]);
      expect(body.message).toMatch(/create_time_ge must be an integer/);
    });

    it('malformed JSON body → 36009004', async () => {
      expect((await search({ body: '{"create_time_ge":' })).body.code).toBe(36009004);
    });

    it('unknown page token → 36009004', async () => {
      const { body } = await search({ query: { page_size: '10', page_token: 'bm90LWEtdG9rZW4+/==' } });
      expect(body.code).toBe(36009004);
      expect(body.message).toMatch(/page_token/);
    });

    it('order detail takes at most 50 ids', async () => {
      const shop = emu.store.shops().find((x) => x.cipher === cipher)!;
      const known = emu.store.raw(shop.id).orders.map((o) => o.id);
      const ids = (n: number) => Array.from({ length: n }, (_, i) => known[i % known.length]).join(',');
      const fifty = await partner(emu, clock, { path: '/order/202309/orders', query: { ids: ids(50) }, token, cipher });
      expect(fifty.body.code).toBe(0);
      const more = await partner(emu, clock, { path: '/order/202309/orders', query: { ids: ids(51) }, token, cipher });
      expect([more.status, more.body.code]).toEqual([400, 36009004]);
    });

    it('bad analytics dates → 28001022', async () => {
      const { body } = await partner(emu, clock, {
        path: '/analytics/202405/shop/performance',
        query: { start_date_ge: '2026-03-10', end_date_lt: '2026-03-01' },
        token,
        cipher,
      });
      expect(body.code).toBe(28001022);
    });

    it('unknown product → 12052260 "The product ID does not exist" (HTTP 200, as recorded answers assume)', async () => {
      const { status, body } = await partner(emu, clock, { path: '/product/202309/products/1729999999999999999', token, cipher });
      expect([status, body.code, body.data]).toEqual([200, 12052260, null]);
    });
  });

  describe('rate limit: 50/s per app + shop + API → 36009002, HTTP 429', () => {
    it('refuses the 51st call in a second, per bucket, and admits again a second later', async () => {
      clock.ms += 10_000;
      const path = '/finance/202309/statements';
      const call = (c = cipher, p = path) => partner(emu, clock, { path: p, query: { page_size: '10' }, token, cipher: c });
      for (let i = 0; i < 50; i++) expect((await call()).body.code).toBe(0);
      const refused = await call();
      expect([refused.status, refused.body.code]).toEqual([429, 36009002]);
      expect((await call(otherCipher)).body.code).toBe(0);
      const otherApi = await partner(emu, clock, { path: SEARCH, query: { page_size: '1' }, body: '{}', token, cipher });
      expect(otherApi.body.code).toBe(0);
      clock.ms += 1000;
      expect((await call()).body.code).toBe(0);
    });
  });
});
