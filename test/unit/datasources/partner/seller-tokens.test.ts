/**
 * Sellers authorizing, re-authorizing and leaving, against a TikTok stand-in that answers as TikTok
 * does: one `open_id` per seller (the same when that seller authorizes again), each token listing
 * and reading only its own seller's shops.
 */
import { MemoryTokenStore } from '../../../../src/datasources/partner/token-store';
import { silentLogger } from '../../../../src/telemetry/logger';
import { wirePartner, type PartnerWiring } from '../../../../src/app/partner-wiring';
import { FAST_RETRY, fakeRetryEnv, NOW_MS, NOW_S } from './fixtures';
import { APP_KEY, APP_SECRET, fail, ok, startStub, type Stub, type StubRequest } from './stub-server';

/** Auth codes TikTok would issue: whose they are and which shops they cover. */
const CODES: Record<string, { openId: string; shops: string[] }> = {
  'code-a': { openId: 'A', shops: ['1', '2'] },
  'code-a-again': { openId: 'A', shops: ['1', '2'] },
  'code-b': { openId: 'B', shops: ['3'] },
};

function tiktok() {
  let issued = 0;
  /** Access and refresh tokens → seller. */
  const owner = new Map<string, { openId: string; shops: string[] }>();
  const grant = (seller: { openId: string; shops: string[] }, expiresAt = NOW_S + 86_400) => {
    const n = ++issued;
    owner.set(`acc-${seller.openId}-${n}`, seller);
    owner.set(`ref-${seller.openId}-${n}`, seller);
    return ok({
      access_token: `acc-${seller.openId}-${n}`,
      access_token_expire_in: expiresAt,
      refresh_token: `ref-${seller.openId}-${n}`,
      refresh_token_expire_in: NOW_S + 86_400 * 300,
      open_id: seller.openId,
      seller_name: `Seller ${seller.openId}`,
      seller_base_region: 'US',
      user_type: 0,
      granted_scopes: [],
    });
  };
  const handler = (r: StubRequest) => {
    if (r.path === '/api/v2/token/get') {
      const seller = CODES[r.query.auth_code ?? ''];
      return seller ? grant(seller) : fail(200, 36004004, 'can not find related auth record');
    }
    if (r.path === '/api/v2/token/refresh') {
      const seller = owner.get(r.query.refresh_token ?? '') ?? (r.query.refresh_token === 'env-refresh' ? { openId: 'E', shops: ['9'] } : undefined);
      return seller ? grant(seller) : fail(200, 36004004, 'can not find related auth record');
    }
    const seller = owner.get(String(r.headers['x-tts-access-token']));
    if (!seller) return fail(401, 105002, 'expired');
    return ok({ shops: seller.shops.map((id) => ({ id, name: `Shop ${id}`, region: 'US', seller_type: 'LOCAL', cipher: `c${id}`, code: id })) });
  };
  return { handler };
}

const stubs: Stub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

async function setup(
  options: { store?: MemoryTokenStore; authCode?: string; refreshToken?: string; locks?: string[] } = {},
): Promise<PartnerWiring & { stub: Stub; forgotten: string[] }> {
  const stub = await startStub(tiktok().handler);
  stubs.push(stub);
  const forgotten: string[] = [];
  const lock = { tryAcquire: async (key: string) => (options.locks?.push(key), async () => undefined) };
  const wiring = await wirePartner({
    client: { baseUrl: stub.url, appKey: APP_KEY, appSecret: APP_SECRET, now: () => NOW_MS, retry: FAST_RETRY, retryEnv: fakeRetryEnv().env },
    tokens: { appKey: APP_KEY, appSecret: APP_SECRET, authBaseUrl: stub.url, now: () => NOW_MS, retry: FAST_RETRY, retryEnv: fakeRetryEnv().env, lock },
    store: options.store ?? new MemoryTokenStore(),
    bootstrap: { authCode: options.authCode, refreshToken: options.refreshToken },
    forgetShops: async (id) => void forgotten.push(id),
    logger: silentLogger,
  });
  return { ...wiring, stub, forgotten };
}

const shopsOf = async (w: PartnerWiring) => await w.partner.getAuthorizedShops().catch((e: Error) => e.message);

describe('seller authorizations', () => {
  it("adds each seller beside the others and reads every shop with its own seller's token", async () => {
    const w = await setup();
    const a = await w.directory.authorize('code-a');
    const b = await w.directory.authorize('code-b');
    expect(a).toEqual({
      seller: { id: 'A', name: 'Seller A', region: 'US' },
      shops: [
        { id: '1', name: 'Shop 1', region: 'US' },
        { id: '2', name: 'Shop 2', region: 'US' },
      ],
      replaced: [],
    });
    expect(b).toMatchObject({ seller: { id: 'B' }, shops: [{ id: '3' }], replaced: [] });
    expect((await w.sellers.list(true)).map((s) => [s.id, s.shopIds])).toEqual([
      ['B', ['3']],
      ['A', ['1', '2']],
    ]);
    await expect(w.sellers.getAccessToken({ id: '2' })).resolves.toMatch(/^acc-A-/);
    await expect(w.sellers.getAccessToken({ id: '3' })).resolves.toMatch(/^acc-B-/);
    // The shop directory's word wins; a shop no seller covers is refused, as is a call naming no shop.
    await expect(w.sellers.getAccessToken({ id: '3', sellerId: 'A' })).resolves.toMatch(/^acc-A-/);
    await expect(w.sellers.getAccessToken({ id: '7' })).rejects.toMatchObject({ kind: 'auth_expired', message: expect.stringContaining('shop 7') });
    expect(await shopsOf(w)).toMatch(/must name its seller/);
  });

  it('a seller authorizing again replaces its own chain only', async () => {
    const w = await setup();
    await w.directory.authorize('code-a');
    await w.directory.authorize('code-b');
    const bToken = await w.sellers.getAccessToken({ id: '3' });
    const again = await w.directory.authorize('code-a-again');
    expect(again.replaced).toEqual(['A']);
    expect((await w.sellers.list(true)).map((s) => s.id).sort()).toEqual(['A', 'B']);
    await expect(w.sellers.getAccessToken({ id: '1' })).resolves.toBe('acc-A-3');
    await expect(w.sellers.getAccessToken({ id: '3' })).resolves.toBe(bToken);
    expect(w.forgotten).toEqual(['A', 'B', 'A']);
  });

  it("refreshes each seller's chain on its own, under a lock of its own", async () => {
    const locks: string[] = [];
    const w = await setup({ locks });
    await w.directory.authorize('code-a');
    await w.directory.authorize('code-b');
    await w.sellers.invalidate('acc-A-1', { id: '1' });
    await expect(w.sellers.getAccessToken({ id: '1' })).resolves.toBe('acc-A-3');
    await expect(w.sellers.getAccessToken({ id: '3' })).resolves.toBe('acc-B-2');
    const refreshes = w.stub.requests.filter((r) => r.path === '/api/v2/token/refresh');
    expect(refreshes.map((r) => r.query.refresh_token)).toEqual(['ref-A-1']);
    expect(locks).toEqual([`token-refresh:${APP_KEY}:seller:A`]);
  });

  it('TikTok deauthorizing a shop takes it from its seller; the seller goes with its last shop', async () => {
    const w = await setup();
    await w.directory.authorize('code-a');
    await w.directory.authorize('code-b');
    await expect(w.directory.revokeShop('1')).resolves.toEqual({ sellerId: 'A', sellerRemoved: false });
    await expect(w.directory.revokeShop('3')).resolves.toEqual({ sellerId: 'B', sellerRemoved: true });
    await expect(w.directory.revokeShop('42')).resolves.toBeUndefined();
    expect((await w.sellers.list(true)).map((s) => [s.id, s.shopIds])).toEqual([['A', ['2']]]);
    await expect(w.sellers.getAccessToken({ id: '3', sellerId: 'B' })).rejects.toMatchObject({ kind: 'auth_expired' });
    await expect(w.sellers.getAccessToken({ id: '2' })).resolves.toMatch(/^acc-A-/);
  });

  it("bootstraps the environment's seller: a code, or a refresh token refreshed on first use", async () => {
    const byCode = await setup({ authCode: 'code-b' });
    expect((await byCode.sellers.list()).map((s) => s.id)).toEqual(['B']);
    expect(await shopsOf(byCode)).toEqual([expect.objectContaining({ id: '3' })]);

    const byRefresh = await setup({ refreshToken: 'env-refresh' });
    const [seller] = await byRefresh.sellers.list();
    expect(seller?.id).toMatch(/^env-[0-9a-f]{16}$/);
    await expect(byRefresh.sellers.getAccessToken()).resolves.toMatch(/^acc-E-/);
  });

  it("keeps the stored sellers when the environment's code was used already, and adopts an earlier version's single authorization", async () => {
    const store = new MemoryTokenStore();
    await setup({ store, authCode: 'code-a' });
    const replica = await setup({ store, authCode: 'used-code' });
    expect((await replica.sellers.list()).map((s) => s.id)).toEqual(['A']);
    await expect(setup({ authCode: 'used-code' })).rejects.toMatchObject({ kind: 'auth_expired' });

    const legacy = new MemoryTokenStore();
    await legacy.set(APP_KEY, { ...(await store.sellers(APP_KEY).tokens('A').read())!, openId: 'A' });
    const adopted = await setup({ store: legacy, refreshToken: 'env-refresh' });
    expect((await adopted.sellers.list()).map((s) => s.id)).toEqual(['A']);
    await expect(adopted.sellers.getAccessToken({ id: '1' })).resolves.toMatch(/^acc-A-/);
  });
});
