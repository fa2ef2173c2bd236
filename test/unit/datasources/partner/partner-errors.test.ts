import { PartnerClient } from '../../../../src/datasources/partner/partner-client';
import { UpstreamError } from '../../../../src/upstream/upstream-error';
import { ACCESS_TOKEN, NOW_MS, NOW_S, REFRESH_TOKEN, SHOP, tokenRecord } from './fixtures';
import { harness, type Harness, type HarnessOptions } from './harness';
import { APP_SECRET, fail, ok, type StubHandler } from './stub-server';

const SHOPS = { shops: [] };

let h: Harness | undefined;
afterEach(async () => {
  await h?.stub.close();
  h = undefined;
});

async function start(api: StubHandler, options?: HarnessOptions): Promise<Harness> {
  h = await harness(api, options);
  return h;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('PartnerClient error classes and retry rules', () => {
  it('never retries a signature error (106001): exactly one call', async () => {
    const { client, stub } = await start(() => fail(401, 106001, 'Invalid sign'));
    const error = await failure(client.getAuthorizedShops());
    expect(error).toMatchObject({ kind: 'signature', details: { code: 106001, httpStatus: 401, requestId: 'req-106001' } });
    expect(stub.apiRequests()).toHaveLength(1);
  });

  it('reports a genuinely wrong signature from the stub as a signature error', async () => {
    const { client, stub, tokens } = await start(() => ok(SHOPS));
    const wrong = new PartnerClient({ baseUrl: stub.url, appKey: 'k', appSecret: `${APP_SECRET}x`, tokens });
    await expect(wrong.getAuthorizedShops()).rejects.toMatchObject({ kind: 'signature' });
    await expect(client.getAuthorizedShops()).resolves.toEqual([]);
  });

  it.each([
    [36009004, 400, 'bad_request'],
    [106013, 400, 'bad_request'],
    [105005, 403, 'permission'],
    [101000, 403, 'permission'],
  ] as const)('maps code %i to %s without retrying', async (code, status, kind) => {
    const { client, stub } = await start(() => fail(status, code));
    await expect(client.getAuthorizedShops()).rejects.toMatchObject({ kind, details: { code } });
    expect(stub.apiRequests()).toHaveLength(1);
  });

  it('retries 5xx and internal errors, then succeeds', async () => {
    const replies = [fail(500, 36009003), fail(504, 36009007), { status: 503, body: '<html>overloaded</html>' }, ok(SHOPS)];
    const { client, stub, sleeps } = await start((_r, i) => replies[i] ?? ok(SHOPS));
    await expect(client.getAuthorizedShops()).resolves.toEqual([]);
    expect(stub.apiRequests()).toHaveLength(4);
    expect(sleeps).toEqual([50, 100, 200]); // full jitter with random() = 0.5
  });

  it('treats an unparseable 200 body as unavailable and retries it', async () => {
    const { client, stub } = await start((_r, i) => (i === 0 ? { body: '{"code":0,' } : ok(SHOPS)));
    await expect(client.getAuthorizedShops()).resolves.toEqual([]);
    expect(stub.apiRequests()).toHaveLength(2);
  });

  it('ends a 429 storm within its deadline', async () => {
    const retry = { maxAttempts: 1000, baseDelayMs: 200, maxDelayMs: 2000, deadlineMs: 10_000 };
    const { client, stub, elapsed } = await start(() => fail(429, 36009002, 'Too many requests'), { retry });
    const error = await failure(client.getAuthorizedShops());
    expect(error).toMatchObject({ kind: 'rate_limited', details: { code: 36009002, httpStatus: 429 } });
    expect(elapsed()).toBeLessThanOrEqual(10_000);
    expect(stub.apiRequests().length).toBeGreaterThan(5);
    expect(stub.apiRequests().length).toBeLessThan(1000);
  });

  it('honours Retry-After', async () => {
    const replies = [fail(429, 36009002, 'slow down', { 'retry-after': '3' }), ok(SHOPS)];
    const { client, sleeps } = await start((_r, i) => replies[i] ?? ok(SHOPS));
    await client.getAuthorizedShops();
    expect(sleeps).toEqual([3000]);
  });

  it('gives up at once when Retry-After is beyond the deadline', async () => {
    const { client, stub } = await start(() => fail(429, 36009002, 'later', { 'retry-after': '60' }));
    await expect(client.getAuthorizedShops()).rejects.toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 60_000 } });
    expect(stub.apiRequests()).toHaveLength(1);
  });

  it('times out a stalled attempt and retries it', async () => {
    const { client, stub } = await start((_r, i) => (i === 0 ? 'hang' : ok(SHOPS)), { timeoutMs: 100 });
    await expect(client.getAuthorizedShops()).resolves.toEqual([]);
    expect(stub.apiRequests()).toHaveLength(2);
  });

  it('reports persistent timeouts as unavailable', async () => {
    const retry = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10, deadlineMs: 1000 };
    const { client } = await start(() => 'hang', { timeoutMs: 50, retry });
    const error = await failure(client.getAuthorizedShops());
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/timed out after 50 ms/);
  });
});

describe('PartnerClient token handling', () => {
  it('on 105002 refreshes once and retries once', async () => {
    const { client, stub, refreshes } = await start((request) =>
      request.headers['x-tts-access-token'] === ACCESS_TOKEN ? fail(401, 105002, 'expired') : ok(SHOPS),
    );
    await expect(client.getAuthorizedShops()).resolves.toEqual([]);
    expect(refreshes()).toBe(1);
    expect(stub.apiRequests().map((r) => r.headers['x-tts-access-token'])).toEqual([ACCESS_TOKEN, 'access-1']);
    const refresh = stub.requests.find((r) => r.path === '/api/v2/token/refresh');
    expect(refresh?.query).toEqual({
      app_key: 'test_app_key',
      app_secret: APP_SECRET,
      refresh_token: REFRESH_TOKEN,
      grant_type: 'refresh_token',
    });
  });

  it('gives up with auth_expired when the refreshed token is rejected too', async () => {
    const { client, stub, refreshes } = await start(() => fail(401, 105002, 'expired'));
    await expect(client.getAuthorizedShops()).rejects.toMatchObject({ kind: 'auth_expired', details: { code: 105002 } });
    expect(refreshes()).toBe(1);
    expect(stub.apiRequests()).toHaveLength(2);
  });

  it('10 concurrent calls across a token expiry cause exactly one refresh', async () => {
    let now = NOW_MS;
    const record = tokenRecord({ accessTokenExpiresAt: NOW_S + 3600 });
    const { client, stub, refreshes } = await start(() => ok(SHOPS), { record, nowMs: () => now });
    await client.getAuthorizedShops();
    now = NOW_MS + 3600_000; // the access token has now expired
    await Promise.all(Array.from({ length: 10 }, () => client.getAuthorizedShops()));
    expect(refreshes()).toBe(1);
    const used = stub.apiRequests().map((r) => r.headers['x-tts-access-token']);
    expect(used).toEqual([ACCESS_TOKEN, ...Array.from({ length: 10 }, () => 'access-1')]);
  });

  it('10 concurrent calls all rejected with 105002 share one refresh', async () => {
    const { client, stub, refreshes } = await start((request) =>
      request.headers['x-tts-access-token'] === ACCESS_TOKEN ? fail(401, 105002, 'expired') : ok(SHOPS),
    );
    await Promise.all(Array.from({ length: 10 }, () => client.getAuthorizedShops()));
    expect(refreshes()).toBe(1);
    expect(stub.apiRequests()).toHaveLength(20);
  });
});

describe('PartnerClient logs', () => {
  it('logs one structured line per attempt, with no secret, token or sign', async () => {
    const replies = [fail(500, 36009003), fail(401, 105002, 'expired'), ok({ orders: [] }, 'req-final')];
    const { client, stub, logs } = await start((_r, i) => replies[i] ?? ok({ orders: [] }));
    await client.getOrders(SHOP, ['1']);
    const partnerLines = logs.lines.filter((line) => line.api === 'partner');
    expect(partnerLines).toHaveLength(3);
    expect(partnerLines.map((l) => [l.attempt, l.code, l.kind])).toEqual([
      [1, 36009003, 'unavailable'],
      [2, 105002, 'auth_expired'],
      [3, 0, undefined],
    ]);
    expect(partnerLines[2]).toMatchObject({
      method: 'GET',
      path: '/order/202507/orders',
      shopId: SHOP.id,
      requestId: 'req-final',
      httpStatus: 200,
    });
    expect(typeof partnerLines[2]?.latencyMs).toBe('number');
    const text = logs.text();
    const signs = stub.apiRequests().map((r) => r.query.sign ?? '');
    for (const secret of [APP_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, 'access-1', 'refresh-1', SHOP.cipher, ...signs]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('?');
  });
});
