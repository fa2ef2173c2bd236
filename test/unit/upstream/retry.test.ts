import { getEventListeners } from 'node:events';
import { realRetryEnv, withRetry, type RetryEnv, type RetryPolicy } from '../../../src/upstream/retry';

const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 5000, deadlineMs: 60_000 };
const retryAll = () => ({ retry: true as const });
const failing = () => Promise.reject(new Error('upstream down'));

describe('withRetry with an abort signal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('rejects at once when aborted during a backoff wait, and leaves no timer behind', async () => {
    const controller = new AbortController();
    const attempt = jest.fn(failing);
    const result = withRetry(attempt, retryAll, POLICY, realRetryEnv, controller.signal);
    // Let the first attempt fail: withRetry is now waiting on its backoff timer.
    await jest.advanceTimersByTimeAsync(0);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(1);

    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(jest.getTimerCount()).toBe(0);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('rejects with the reason the aborter gave', async () => {
    const controller = new AbortController();
    const result = withRetry(failing, retryAll, POLICY, realRetryEnv, controller.signal);
    await jest.advanceTimersByTimeAsync(0);
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
  });

  it('stops mid-wait even when an injected sleep ignores the signal', async () => {
    const controller = new AbortController();
    const env: RetryEnv = { now: () => 0, random: () => 0.5, sleep: () => new Promise<void>(() => undefined) };
    const attempt = jest.fn(failing);
    const result = withRetry(attempt, retryAll, POLICY, env, controller.signal);
    await jest.advanceTimersByTimeAsync(0);
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('never calls the operation when aborted before the start', async () => {
    const attempt = jest.fn(async () => 'ok');
    await expect(withRetry(attempt, retryAll, POLICY, realRetryEnv, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempt).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not retry an attempt that failed because the signal aborted', async () => {
    const controller = new AbortController();
    const attempt = jest.fn(async () => {
      controller.abort();
      throw new Error('fetch failed');
    });
    await expect(withRetry(attempt, retryAll, POLICY, realRetryEnv, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still retries, and unhooks from the signal, while nothing aborts', async () => {
    const controller = new AbortController();
    const attempt = jest.fn().mockRejectedValueOnce(new Error('blip')).mockResolvedValueOnce('ok');
    const result = withRetry(attempt, retryAll, POLICY, realRetryEnv, controller.signal);
    await jest.runAllTimersAsync();
    await expect(result).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(2);
    // The signal lives as long as the server: a finished call must not stay hooked to it.
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('withRetry with a request budget', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('does not wait out the rest of the budget for an attempt there would be no time for', async () => {
    const env: RetryEnv = { ...realRetryEnv, random: () => 0.99 };
    const attempt = jest.fn(failing);
    // Backoff ceilings 1000, 2000, 4000 ms (jitter near the top): the third wait would cross 2500 ms.
    const budget = { at: 2500, remaining: () => 2500 - Date.now() };
    const result = withRetry(attempt, retryAll, POLICY, env, undefined, budget);
    const failure = expect(result).rejects.toThrow('upstream down');
    await jest.advanceTimersByTimeAsync(10_000);
    await failure;
    expect(attempt).toHaveBeenCalledTimes(2);
    // Without a budget, the same policy tries four times.
    const unbounded = jest.fn(failing);
    const all = expect(withRetry(unbounded, retryAll, POLICY, env)).rejects.toThrow('upstream down');
    await jest.advanceTimersByTimeAsync(60_000);
    await all;
    expect(unbounded).toHaveBeenCalledTimes(4);
  });
});
