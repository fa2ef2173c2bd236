import { TokenManager, type TokenManagerOptions } from '../../../../src/datasources/partner/token-manager';
import { MemoryTokenStore } from '../../../../src/datasources/partner/token-store';
import { capturedLogger, FAST_RETRY, fakeRetryEnv, NOW_MS, NOW_S, seededStore, tokenData, tokenRecord } from './fixtures';
import { APP_KEY, APP_SECRET, fail, ok, startStub, type Stub, type StubHandler } from './stub-server';

const stubs: Stub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

async function manager(handler: StubHandler, options: Partial<TokenManagerOptions> = {}): Promise<{ tokens: TokenManager; stub: Stub }> {
  const stub = await startStub(handler);
  stubs.push(stub);
  const tokens = new TokenManager({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    authBaseUrl: `${stub.url}/`,
    now: () => NOW_MS,
    retry: FAST_RETRY,
    retryEnv: fakeRetryEnv().env,
    ...options,
  });
  return { tokens, stub };
}

const refreshes = (s: Stub) => s.requests.filter((r) => r.path === '/api/v2/token/refresh');

describe('TokenManager', () => {
  it('exchanges an auth code with an unsigned GET and stores the tokens', async () => {
    const store = new MemoryTokenStore();
    const { tokens, stub } = await manager(() => ok(tokenData('acc-1', 'ref-1')), { store });
    const record = await tokens.exchangeAuthCode('CODE/+=');
    expect(record).toMatchObject({ accessToken: 'acc-1', refreshToken: 'ref-1', accessTokenExpiresAt: NOW_S + 7 * 86_400 });
    const [request] = stub.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/api/v2/token/get');
    expect(request?.query).toEqual({ app_key: APP_KEY, app_secret: APP_SECRET, auth_code: 'CODE/+=', grant_type: 'authorized_code' });
    expect(await store.get(APP_KEY)).toEqual(record);
    await expect(tokens.getAccessToken()).resolves.toBe('acc-1');
  });

  it('uses the stored token while it is valid beyond the margin', async () => {
    const store = await seededStore(tokenRecord({ accessTokenExpiresAt: NOW_S + 601 }));
    const { tokens, stub } = await manager(() => ok(tokenData('new', 'new-ref')), { store });
    await expect(tokens.getAccessToken()).resolves.toBe(tokenRecord().accessToken);
    expect(stub.requests).toHaveLength(0);
  });

  it('refreshes ahead of the absolute expiry and keeps the rotated refresh token', async () => {
    const store = await seededStore(tokenRecord({ accessTokenExpiresAt: NOW_S + 599 }));
    const { tokens, stub } = await manager(() => ok(tokenData('new', 'rotated')), { store, refreshMarginSeconds: 600 });
    await expect(tokens.getAccessToken()).resolves.toBe('new');
    expect(refreshes(stub)).toHaveLength(1);
    expect(refreshes(stub)[0]?.query.refresh_token).toBe(tokenRecord().refreshToken);
    expect((await store.get(APP_KEY))?.refreshToken).toBe('rotated');
  });

  it('single-flights: 10 concurrent callers across expiry cause exactly one refresh', async () => {
    const store = await seededStore(tokenRecord({ accessTokenExpiresAt: NOW_S - 1 }));
    const { tokens, stub } = await manager(() => ok(tokenData('new', 'rotated')), { store });
    const got = await Promise.all(Array.from({ length: 10 }, () => tokens.getAccessToken()));
    expect(got).toEqual(Array.from({ length: 10 }, () => 'new'));
    expect(refreshes(stub)).toHaveLength(1);
  });

  it('with a shared lock, two replicas across expiry make one refresh and share its token', async () => {
    const store = await seededStore(tokenRecord({ accessTokenExpiresAt: NOW_S - 1 }));
    const held = new Set<string>();
    const lock = {
      tryAcquire: async (key: string) => {
        if (held.has(key)) return undefined;
        held.add(key);
        return async () => void held.delete(key);
      },
    };
    let n = 0;
    const { tokens: a, stub } = await manager(() => ok(tokenData(`acc-${++n}`, `ref-${n}`)), { store, lock });
    const b = new TokenManager({ appKey: APP_KEY, appSecret: APP_SECRET, authBaseUrl: `${stub.url}/`, now: () => NOW_MS, store, lock });
    const got = await Promise.all([a.getAccessToken(), b.getAccessToken(), a.getAccessToken(), b.getAccessToken()]);
    expect(got).toEqual(['acc-1', 'acc-1', 'acc-1', 'acc-1']);
    expect(refreshes(stub)).toHaveLength(1);
    expect((await store.get(APP_KEY))?.refreshToken).toBe('ref-1');
  });

  it('refreshes locally when the shared lock service is down', async () => {
    const store = await seededStore(tokenRecord({ accessTokenExpiresAt: NOW_S - 1 }));
    const lock = { tryAcquire: async () => Promise.reject(new Error('redis down')) };
    const { tokens, stub } = await manager(() => ok(tokenData('new', 'rotated')), { store, lock });
    await expect(tokens.getAccessToken()).resolves.toBe('new');
    expect(refreshes(stub)).toHaveLength(1);
  });

  it('invalidate(token) forces one refresh, and a late report of the old token is harmless', async () => {
    let n = 0;
    const { tokens, stub } = await manager(() => ok(tokenData(`acc-${++n}`, `ref-${n}`)), { store: await seededStore() });
    const old = await tokens.getAccessToken();
    await tokens.invalidate(old);
    await expect(tokens.getAccessToken()).resolves.toBe('acc-1');
    await tokens.invalidate(old);
    await expect(tokens.getAccessToken()).resolves.toBe('acc-1');
    expect(refreshes(stub)).toHaveLength(1);
    expect(refreshes(stub)[0]?.query.refresh_token).toBe(tokenRecord().refreshToken);
  });

  it('refresh() uses the newest refresh token each time', async () => {
    let n = 0;
    const { tokens, stub } = await manager(() => ok(tokenData(`acc-${++n}`, `ref-${n}`)), { store: await seededStore() });
    await tokens.refresh();
    await tokens.refresh();
    expect(refreshes(stub).map((r) => r.query.refresh_token)).toEqual([tokenRecord().refreshToken, 'ref-1']);
  });

  it('asks for re-authorization when nothing is stored or the refresh token expired', async () => {
    const { tokens, stub } = await manager(() => ok(tokenData('x', 'y')));
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ kind: 'auth_expired' });
    const expired = await seededStore(tokenRecord({ accessTokenExpiresAt: NOW_S - 10, refreshTokenExpiresAt: NOW_S - 5 }));
    const other = new TokenManager({ appKey: APP_KEY, appSecret: APP_SECRET, authBaseUrl: stub.url, store: expired, now: () => NOW_MS });
    await expect(other.getAccessToken()).rejects.toMatchObject({ kind: 'auth_expired', message: expect.stringMatching(/authorize/) });
    expect(stub.requests).toHaveLength(0);
  });

  it('reports a refused grant as auth_expired and retries a token-host outage', async () => {
    const { tokens } = await manager(() => fail(200, 36004004, 'invalid auth code'));
    await expect(tokens.exchangeAuthCode('used')).rejects.toMatchObject({ kind: 'auth_expired', details: { api: 'auth', code: 36004004 } });

    const replies = [fail(503, 36009003), ok(tokenData('acc', 'ref'))];
    const second = await manager((_r, i) => replies[i] ?? fail(500, 1));
    await expect(second.tokens.exchangeAuthCode('code')).resolves.toMatchObject({ accessToken: 'acc' });
  });

  it('rejects a token answer without an absolute expiry as invalid_response', async () => {
    const { tokens } = await manager(() => ok({ ...tokenData('a', 'b'), access_token_expire_in: '604800' }));
    await expect(tokens.exchangeAuthCode('c')).rejects.toMatchObject({
      kind: 'invalid_response',
      message: expect.stringContaining('data.access_token_expire_in'),
    });
  });

  it('never logs the app secret or tokens (the token-host URL carries the secret)', async () => {
    const logs = capturedLogger();
    const { tokens } = await manager(() => ok(tokenData('acc-secret-1', 'ref-secret-1')), { logger: logs.logger });
    await tokens.exchangeAuthCode('auth-code-1');
    expect(logs.lines).toEqual([expect.objectContaining({ api: 'auth', path: '/api/v2/token/get', code: 0, attempt: 1 })]);
    for (const secret of [APP_SECRET, 'acc-secret-1', 'ref-secret-1', 'auth-code-1']) expect(logs.text()).not.toContain(secret);
  });
});
