import { getEventListeners } from 'node:events';
import { z } from 'zod';
import { MarketingTransport } from '../../../../src/datasources/marketing/marketing-transport';
import { captureLogs, fakeRetryEnv } from './stub-upstream';

describe('Marketing calls when the lifetime signal aborts (shutdown)', () => {
  function setup(extra: { timeoutMs?: number; retry?: { maxAttempts: number } } = {}) {
    const lifetime = new AbortController();
    const sent: string[] = [];
    // Never answers: the exchange ends only when its signal aborts, as undici's fetch does.
    const fetch = ((url: string, init: RequestInit) => {
      sent.push(new URL(url).pathname);
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }) as typeof globalThis.fetch;
    const logs = captureLogs();
    const observer = jest.fn();
    const transport = new MarketingTransport({
      baseUrl: 'http://ads.test',
      accessToken: 'tok',
      logger: logs.logger,
      retryEnv: fakeRetryEnv(),
      fetch,
      observer,
      signal: lifetime.signal,
      ...extra,
    });
    const call = () => transport.call({ method: 'GET', path: 'campaign/get/', data: z.unknown() });
    return { lifetime, sent, logs, observer, call };
  }

  it('stop the exchange in flight at once, retry nothing and log no failure', async () => {
    const { lifetime, sent, logs, observer, call } = setup();
    const pending = call();
    for (let i = 0; i < 50 && sent.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    lifetime.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toEqual(['/open_api/v1.3/campaign/get/']);
    expect(observer).not.toHaveBeenCalled();
    expect(logs.entries().filter((line) => (line.level as number) >= 40)).toEqual([]);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 20, msg: 'marketing api call aborted' }));
    expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(0);
  });

  it('still report their own timeout as an upstream failure, and leave no timer', async () => {
    jest.useFakeTimers();
    try {
      const { lifetime, logs, call } = setup({ timeoutMs: 500, retry: { maxAttempts: 1 } });
      const pending = call();
      const failed = expect(pending).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('no answer within 500 ms') });
      await jest.advanceTimersByTimeAsync(500);
      await failed;
      expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 40, msg: 'marketing api call failed' }));
      expect(jest.getTimerCount()).toBe(0);
      expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never send anything once aborted', async () => {
    const { lifetime, sent, call } = setup();
    lifetime.abort();
    await expect(call()).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toEqual([]);
  });
});
