import type { EmulatorHandle } from '../../../src/emulator/server';
import { partner, startTestEmulator, tokenGet, type Envelope, type TestClock } from './helpers';

describe('emulator: token host (/api/v2/token/get|refresh, not signed)', () => {
  let emu: EmulatorHandle;
  let clock: TestClock;

  beforeEach(async () => {
    ({ emu, clock } = await startTestEmulator({ tokenTtlSeconds: 600, refreshTokenTtlSeconds: 3600 }));
  });
  afterEach(() => emu.close());

  async function refresh(refreshToken: string, over: Record<string, string> = {}) {
    const q = new URLSearchParams({
      app_key: emu.tokens.appKey,
      app_secret: emu.tokens.appSecret,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
      ...over,
    });
    const res = await fetch(`${emu.url}/api/v2/token/refresh?${q}`);
    return { status: res.status, body: (await res.json()) as Envelope };
  }

  it('issues a token for every shop with ABSOLUTE expiry times, and the code only once', async () => {
    const first = await tokenGet(emu);
    expect(first.status).toBe(200);
    expect(first.body.code).toBe(0);
    expect(first.body.request_id).toBeTruthy();
    const nowS = Math.floor(clock.ms / 1000);
    expect(first.body.data).toMatchObject({ access_token_expire_in: nowS + 600, refresh_token_expire_in: nowS + 3600, user_type: 0 });
    expect(first.body.data.granted_scopes).toEqual(expect.any(Array));
    for (const shop of emu.store.shops()) {
      const answer = await partner(emu, clock, {
        path: '/finance/202309/statements',
        query: { page_size: '5' },
        token: String(first.body.data.access_token),
        cipher: shop.cipher,
      });
      expect(answer.body.code).toBe(0);
    }
    const again = await tokenGet(emu);
    expect(again.status).toBe(200);
    expect(again.body.code).toBe(36004005);
    expect(again.body.data).toBeNull();
  });

  it('refuses a wrong app secret or grant type and missing params', async () => {
    const q = (over: Record<string, string>) =>
      fetch(
        `${emu.url}/api/v2/token/get?${new URLSearchParams({ app_key: emu.tokens.appKey, app_secret: emu.tokens.appSecret, auth_code: 'demo', grant_type: 'authorized_code', ...over })}`,
      ).then((r) => r.json() as Promise<Envelope>);
    expect((await q({ app_secret: 'wrong' })).code).toBe(36009004);
    expect((await q({ grant_type: 'refresh_token' })).code).toBe(36009004);
    expect((await q({ auth_code: '' })).message).toMatch(/auth_code is required/);
    // The refusals above did not burn the code.
    expect((await q({})).code).toBe(0);
  });

  it('refresh rotates the refresh token; the old access token lives to its own expiry', async () => {
    const first = (await tokenGet(emu)).body.data;
    clock.ms += 300_000;
    const second = await refresh(String(first.refresh_token));
    expect(second.body.code).toBe(0);
    expect(second.body.data.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.data.access_token_expire_in).toBe(Math.floor(clock.ms / 1000) + 600);
    expect((await refresh(String(first.refresh_token))).body.code).toBe(36004005);
    expect((await refresh(String(second.body.data.refresh_token), { app_secret: 'wrong' })).body.code).toBe(36009004);
  });

  it('an expired access token gets 105002 / 401 until refreshed', async () => {
    const grant = (await tokenGet(emu)).body.data;
    const cipher = emu.store.shops()[0]?.cipher ?? '';
    clock.ms += 601_000;
    const expired = await partner(emu, clock, { path: '/finance/202309/statements', query: { page_size: '5' }, token: String(grant.access_token), cipher });
    expect([expired.status, expired.body.code]).toEqual([401, 105002]);
    const renewed = (await refresh(String(grant.refresh_token))).body.data;
    const ok = await partner(emu, clock, { path: '/finance/202309/statements', query: { page_size: '5' }, token: String(renewed.access_token), cipher });
    expect(ok.body.code).toBe(0);
  });

  it('an expired refresh token cannot be used', async () => {
    const grant = (await tokenGet(emu)).body.data;
    clock.ms += 3_601_000;
    expect((await refresh(String(grant.refresh_token))).body.code).toBe(36004001);
  });

  it('mints further single-use codes over the control plane', async () => {
    const res = await fetch(`${emu.url}/__emulator/auth-codes`, { method: 'POST' });
    const { auth_code } = (await res.json()) as { auth_code: string };
    expect((await tokenGet(emu, auth_code)).body.code).toBe(0);
    expect((await tokenGet(emu, auth_code)).body.code).toBe(36004005);
    const bad = await fetch(`${emu.url}/__emulator/auth-codes`, { method: 'POST', body: '{"shop_ids":[1]}' });
    expect(bad.status).toBe(400);
  });
  it("a seller's token lists only the shops it was granted; a code minted for the same open_id is the same seller", async () => {
    const [first, second] = emu.store.shops();
    const grant = (await tokenGet(emu, emu.mintAuthCode([second!.id], { openId: 'seller-b' }))).body.data as { access_token: string; open_id: string };
    expect(grant.open_id).toBe('seller-b');
    const listed = await partner<{ shops: { id: string }[] }>(emu, clock, { path: '/authorization/202309/shops', token: grant.access_token });
    expect(listed.body.data.shops.map((s) => s.id)).toEqual([second!.id]);
    const other = await partner(emu, clock, {
      path: '/order/202309/orders/search',
      body: '{}',
      query: { page_size: '10' },
      token: grant.access_token,
      cipher: first!.cipher,
    });
    expect(other.body.code).toBe(101000);
    const again = (await tokenGet(emu, emu.mintAuthCode([second!.id], { openId: 'seller-b' }))).body.data as { open_id: string };
    expect(again.open_id).toBe('seller-b');
  });
});
