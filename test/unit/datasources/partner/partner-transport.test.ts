import { getEventListeners } from 'node:events';
import type { UpstreamLimiter } from '../../../../src/upstream/rate-limiter';
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
  const tokens = new TokenManager({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    authBaseUrl: 'http://auth.test',
    store: await seededStore(record),
    now: () => NOW_MS,
    ...common,
  });
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

describe('Partner calls and their rate-limit slot', () => {
  /** A limiter that records when each slot is first reported over. */
  function recordingLimiter(events: string[]): UpstreamLimiter {
    return {
      acquire: async () => {
        events.push('acquired');
        let over = false;
        return {
          done: () => {
            if (!over) events.push('slot over');
            over = true;
          },
        };
      },
    };
  }

  async function client(fetch: FetchLike, limiter: UpstreamLimiter): Promise<PartnerClient> {
    const logs = capturedLogger();
    const common = { fetch, logger: logs.logger, retry: { ...FAST_RETRY, maxAttempts: 1 }, retryEnv: fakeRetryEnv().env };
    const tokens = new TokenManager({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      authBaseUrl: 'http://auth.test',
      store: await seededStore(tokenRecord()),
      now: () => NOW_MS,
      ...common,
    });
    return new PartnerClient({ baseUrl: 'http://api.test', appKey: APP_KEY, appSecret: APP_SECRET, tokens, now: () => NOW_MS, limiter, ...common });
  }

  it('is over once the headers are in, before the body is read: the request has reached TikTok by then', async () => {
    const events: string[] = [];
    let sendBody!: () => void;
    const bodyHeld = new Promise<void>((resolve) => (sendBody = resolve));
    const fetch: FetchLike = async () => {
      events.push('headers');
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          await bodyHeld;
          events.push('body');
          controller.enqueue(new TextEncoder().encode(JSON.stringify({ code: 0, message: 'Success', request_id: 'r1', data: { shops: [] } })));
          controller.close();
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const call = (await client(fetch, recordingLimiter(events))).getAuthorizedShops();
    for (let i = 0; i < 50 && !events.includes('slot over'); i++) await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['acquired', 'headers', 'slot over']);
    sendBody();
    await expect(call).resolves.toEqual([]);
    expect(events).toEqual(['acquired', 'headers', 'slot over', 'body']);
  });

  it('is over when the call fails without an answer', async () => {
    const events: string[] = [];
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    await expect((await client(fetch, recordingLimiter(events))).getAuthorizedShops()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(events).toEqual(['acquired', 'slot over']);
  });
});
