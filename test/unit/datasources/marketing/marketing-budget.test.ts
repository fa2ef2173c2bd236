/**
 * A Marketing call serving a request stops at the request's budget (issue 17, finding 7): its
 * attempt is cut to what is left, and nothing is retried after it.
 */
import { z } from 'zod';
import { budgetOf } from '../../../../src/upstream/abort';
import { MarketingTransport } from '../../../../src/datasources/marketing/marketing-transport';
import { realRetryEnv } from '../../../../src/upstream/retry';

beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
afterEach(() => jest.useRealTimers());

it('cuts a hung Marketing call at the request budget instead of attempts × timeout', async () => {
  const sent: number[] = [];
  const fetch = ((_url: string, init: RequestInit) => {
    sent.push(Date.now());
    return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  }) as typeof globalThis.fetch;
  const started = Date.now();
  const transport = new MarketingTransport({
    baseUrl: 'http://ads.test',
    accessToken: 'tok',
    fetch,
    timeoutMs: 30_000,
    retryEnv: realRetryEnv,
    budget: budgetOf(8000),
  });
  const call = transport.call({ method: 'GET', path: 'campaign/get/', data: z.unknown() });
  let settled: number | undefined;
  void call.catch(() => (settled = Date.now()));
  const failure = expect(call).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('8000 ms') });
  await jest.advanceTimersByTimeAsync(8000);
  await failure;
  expect(settled! - started).toBe(8000);
  await jest.advanceTimersByTimeAsync(120_000);
  expect(sent).toEqual([started]);
});
