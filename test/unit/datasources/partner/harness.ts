/** Wires a PartnerClient and its TokenManager to a stub server, with a fake retry clock. */
import { PartnerClient } from '../../../../src/datasources/partner/partner-client';
import { TokenManager } from '../../../../src/datasources/partner/token-manager';
import type { TokenRecord } from '../../../../src/datasources/partner/token-store';
import type { RetryPolicy } from '../../../../src/upstream/retry';
import type { UpstreamObserver } from '../../../../src/upstream/upstream-observer';
import { capturedLogger, FAST_RETRY, fakeRetryEnv, NOW_MS, seededStore, tokenData, tokenRecord } from './fixtures';
import { APP_KEY, APP_SECRET, ok, startStub, type Stub, type StubHandler, type StubReply } from './stub-server';

export interface Harness {
  client: PartnerClient;
  tokens: TokenManager;
  stub: Stub;
  sleeps: number[];
  elapsed: () => number;
  logs: ReturnType<typeof capturedLogger>;
  /** How many times the token host was asked to refresh. */
  refreshes: () => number;
}

export interface HarnessOptions {
  record?: TokenRecord;
  retry?: RetryPolicy;
  timeoutMs?: number;
  nowMs?: () => number;
  /** Token-host answer to a refresh; by default new tokens `access-N` / `refresh-N`. */
  onRefresh?: (n: number) => StubReply;
  /** Told about every API attempt (telemetry). */
  observer?: UpstreamObserver;
}

export async function harness(api: StubHandler, options: HarnessOptions = {}): Promise<Harness> {
  let refreshCount = 0;
  let apiCount = 0;
  const stub = await startStub((request) => {
    if (request.path === '/api/v2/token/refresh') {
      refreshCount += 1;
      return options.onRefresh?.(refreshCount) ?? ok(tokenData(`access-${refreshCount}`, `refresh-${refreshCount}`));
    }
    // Index among API-host calls only, so replies line up with attempts.
    return api(request, apiCount++);
  });
  const retry = fakeRetryEnv();
  const logs = capturedLogger();
  const now = options.nowMs ?? (() => NOW_MS);
  const tokens = new TokenManager({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    authBaseUrl: stub.url,
    store: await seededStore(options.record ?? tokenRecord()),
    now,
    retry: options.retry ?? FAST_RETRY,
    retryEnv: retry.env,
    logger: logs.logger,
  });
  const client = new PartnerClient({
    baseUrl: stub.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    tokens,
    logger: logs.logger,
    retry: options.retry ?? FAST_RETRY,
    retryEnv: retry.env,
    timeoutMs: options.timeoutMs ?? 5000,
    now,
    observer: options.observer,
  });
  return { client, tokens, stub, sleeps: retry.sleeps, elapsed: retry.elapsed, logs, refreshes: () => refreshCount };
}
