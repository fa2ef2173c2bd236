import { getEventListeners } from 'node:events';
import { PartnerClient } from '../../../../src/datasources/partner/partner-client';
import type { FetchLike } from '../../../../src/datasources/partner/partner-http';
import { TokenManager } from '../../../../src/datasources/partner/token-manager';
import { capturedLogger, FAST_RETRY, fakeRetryEnv, NOW_MS, seededStore, tokenRecord } from './fixtures';
import { APP_KEY, APP_SECRET } from './stub-server';

/** A host that never answers: the exchange ends only when its signal aborts, as undici's fetch does. */
function silentHost(): { fetch: FetchLike; calls: string[] } {
  const calls: string[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push(new URL(url).pathname);
    return new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  };
  return { fetch, calls };
}

async function setup(record = tokenRecord()) {
  const lifetime = new AbortController();
  const host = silentHost();
  const logs = capturedLogger();
  const observer = jest.fn();
  const common = { fetch: host.fetch, logger: logs.logger, retry: FAST_RETRY, retryEnv: fakeRetryEnv().env, signal: lifetime.signal };
  const tokens = new TokenManager({ appKey: APP_KEY, appSecret: APP_SECRET, authBaseUrl: 'http://auth.test', store: await seededStore(record), now: () => NOW_MS, ...common });
  const client = new PartnerClient({ baseUrl: 'http://api.test', appKey: APP_KEY, appSecret: APP_SECRET, tokens, now: () => NOW_MS, observer, ...common });
  // Until the exchange is waiting on the host.
  const sent = async (count: number) => {
    for (let i = 0; i < 50 && host.calls.length < count; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { lifetime, host, logs, observer, client, sent };
}

describe('Partner calls when the lifetime signal aborts (shutdown)', () => {
  it('stop the exchange in flight at once, retry nothing and log no failure', async () => {
    const { lifetime, host, logs, observer, client, sent } = await setup();
    const call = client.getAuthorizedShops();
    await sent(1);
    lifetime.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(host.calls).toEqual(['/authorization/202309/shops']);
    expect(observer).not.toHaveBeenCalled();
    expect(logs.lines.filter((line) => (line.level as number) >= 40)).toEqual([]);
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: 20, msg: 'partner call aborted' }));
    expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(0);
  });

  it('stop a token refresh in flight the same way', async () => {
    const { lifetime, host, logs, client, sent } = await setup(tokenRecord({ accessTokenExpiresAt: 0 }));
    const call = client.getAuthorizedShops();
    await sent(1);
    lifetime.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(host.calls).toEqual(['/api/v2/token/refresh']);
    expect(logs.lines.filter((line) => (line.level as number) >= 40)).toEqual([]);
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: 20, msg: 'token host call aborted' }));
  });

  it('never send anything once aborted', async () => {
    const { lifetime, host, client } = await setup();
    lifetime.abort();
    await expect(client.getAuthorizedShops()).rejects.toMatchObject({ name: 'AbortError' });
    expect(host.calls).toEqual([]);
  });
});
