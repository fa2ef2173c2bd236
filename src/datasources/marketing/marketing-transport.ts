/**
 * One Marketing API / Events API call: URL and header conventions, envelope and error taxonomy,
 * zod validation, retry, and one log line per attempt. Endpoint knowledge lives in
 * `marketing-client.ts` and `events-sender.ts`.
 *
 * @see docs/tiktok-api.md ("Shape of every call", "Errors and limits")
 */
import type { z } from 'zod';
import { attemptSignal, BudgetExceededError, isAbortError, withinBudget, type Budget } from '../../upstream/abort';
import { noticing, type Oddities } from '../lenient';
import { parseUpstreamJson } from '../../upstream/json';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, realRetryEnv, withRetry, type RetryEnv, type RetryPolicy, type RetryVerdict } from '../../upstream/retry';
import { UpstreamError, type UpstreamErrorKind } from '../../upstream/upstream-error';
import { silentLogger, type Logger } from '../../telemetry/logger';
import { rawEnvelopeSchema } from './schemas';
import { classifyHttpStatus, classifyMarketingCode, encodeQuery, jsonPath, type QueryValue } from './marketing-protocol';
import type { UpstreamLimiter } from '../../upstream/rate-limiter';
import type { UpstreamObserver } from '../../upstream/upstream-observer';

export type { QueryValue } from './marketing-protocol';

/** Every path hangs off this prefix; TikTok's paths end with `/`. */
export const MARKETING_API_PREFIX = '/open_api/v1.3/';

/**
 * Where the access token comes from: a fixed token, a function asked before every attempt (so a
 * re-authorized token is picked up mid-retry), or none for clients that only exchange auth codes.
 */
export type MarketingTokenSource =
  | { accessToken: string; getAccessToken?: never }
  | { getAccessToken: () => string | Promise<string>; accessToken?: never }
  | { accessToken?: never; getAccessToken?: never };

/** Connection settings shared by the Marketing client and the Events sender. */
export type MarketingTransportOptions = MarketingTokenSource & {
  /** `https://business-api.tiktok.com`, or the emulator's origin. */
  baseUrl: string;
  /** @default silentLogger */
  logger?: Logger;
  /** Overrides of {@link DEFAULT_RETRY_POLICY}. */
  retry?: Partial<RetryPolicy>;
  /** Clock, sleep and jitter; tests inject a fake one. @default realRetryEnv */
  retryEnv?: RetryEnv;
  /** Waited on before every attempt, keyed `marketing:app` (TikTok limits per app). */
  limiter?: UpstreamLimiter;
  /** Told about every attempt (metrics, traces). */
  observer?: UpstreamObserver;
  /** Per-attempt timeout. @default 30000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** The client's lifetime: once aborted (shutdown), calls stop at once, mid-backoff too, rejecting with its reason. */
  signal?: AbortSignal;
  /**
   * The time budget of the request this client serves: each attempt is cut to what is left of
   * it, and rate-limit waits and retries stop once it is spent.
   */
  budget?: Budget;
};

/** One logical call, possibly several attempts. */
export interface MarketingCall<T> {
  method: 'GET' | 'POST';
  /** Relative to {@link MARKETING_API_PREFIX}, ending with `/`, e.g. `campaign/get/`. */
  path: string;
  query?: Readonly<Record<string, QueryValue | undefined>>;
  /** Already serialized JSON (the Events sender writes money with lossless-json). */
  body?: string;
  /** Schema of `data` in a successful envelope. */
  data: z.ZodType<T>;
  /** For the log line only. */
  advertiserId?: string;
  /** `false` for `oauth2/access_token/`, which authenticates with app id and secret instead. @default true */
  authenticated?: boolean;
  /** `false` when repeating could do harm (a single-use auth code): only rate limits are retried. @default true */
  idempotent?: boolean;
}

interface AttemptLog {
  method: string;
  path: string;
  advertiserId?: string;
  attempt: number;
  httpStatus?: number;
  code?: number;
  requestId?: string;
}

/**
 * Sends {@link MarketingCall}s. Throws only {@link UpstreamError}s (or the token source's own
 * error, or the lifetime signal's reason once it aborted).
 */
export class MarketingTransport {
  private readonly baseUrl: string;
  private readonly logger: Logger;
  private readonly policy: RetryPolicy;
  private readonly env: RetryEnv;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: MarketingTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.logger = options.logger ?? silentLogger;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.env = options.retryEnv ?? realRetryEnv;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /** Runs a call with retries and returns its validated `data`. */
  call<T>(call: MarketingCall<T>): Promise<T> {
    const classify = (error: unknown): RetryVerdict => {
      if (!(error instanceof UpstreamError)) return { retry: false };
      const retry = call.idempotent === false ? error.kind === 'rate_limited' : error.retryable;
      return retry ? { retry: true, afterMs: error.details.retryAfterMs } : { retry: false };
    };
    return withRetry((attempt) => this.attempt(call, attempt), classify, this.policy, this.env, this.options.signal, this.options.budget);
  }

  private async attempt<T>(call: MarketingCall<T>, attempt: number): Promise<T> {
    const log: AttemptLog = { method: call.method, path: MARKETING_API_PREFIX + call.path, advertiserId: call.advertiserId, attempt };
    const { budget } = this.options;
    const spent = () => new BudgetExceededError('marketing', `${call.method} ${log.path}`);
    if (budget && budget.remaining() <= 0) throw spent();
    const waitStarted = this.env.now();
    const acquiring = this.options.limiter?.acquire('marketing:app');
    const slot =
      acquiring &&
      (await withinBudget(acquiring, budget, () => {
        // A slot granted after the request gave up is handed back at once.
        acquiring.then(
          (late) => late.done(),
          () => undefined,
        );
        return spent();
      }));
    const started = this.env.now();
    const observe = (errorKind?: string, oddities?: Oddities) =>
      this.options.observer?.({
        api: 'marketing',
        path: log.path,
        attempt,
        code: log.code,
        errorKind,
        startedAt: Date.now() - (this.env.now() - started),
        latencyMs: this.env.now() - started,
        waitedMs: started - waitStarted,
        unknownValues: oddities?.unknownValues,
        rejectedRows: oddities?.rejected.length,
      });
    try {
      // The slot only waits out its window once TikTok answered (see RateSlot); the finally below
      // covers failures before the request went out.
      const { data, oddities } = await this.exchange(call, log, () => slot?.done());
      this.logger.info({ api: 'marketing', ...log, latencyMs: this.env.now() - started }, 'marketing api call');
      if (oddities.rejected.length > 0) {
        this.logger.warn({ api: 'marketing', ...log, rejected: oddities.rejected }, 'marketing answer had rows ShopGraph cannot read');
      }
      observe(undefined, oddities);
      return data;
    } catch (error) {
      // Shutting down: TikTok did nothing wrong, so neither a warning nor a failed-call metric.
      if (isAbortError(error) && this.options.signal?.aborted) {
        this.logger.debug({ api: 'marketing', ...log, latencyMs: this.env.now() - started }, 'marketing api call aborted');
        throw error;
      }
      const errorKind = error instanceof UpstreamError ? error.kind : 'token_source';
      this.logger.warn({ api: 'marketing', ...log, latencyMs: this.env.now() - started, errorKind }, 'marketing api call failed');
      observe(errorKind);
      // 40100 despite the limiter (another client of the app): slow the app's bucket down.
      if (errorKind === 'rate_limited') await this.options.limiter?.penalize?.('marketing:app');
      throw error;
    } finally {
      slot?.done();
    }
  }

  private async exchange<T>(call: MarketingCall<T>, log: AttemptLog, onAnswered: () => void): Promise<{ data: T; oddities: Oddities }> {
    const token = call.authenticated === false ? undefined : await this.token(log.path);
    const fail = (kind: UpstreamErrorKind, message: string, extra: { retryAfterMs?: number } = {}): UpstreamError =>
      new UpstreamError(kind, `Marketing API ${log.path}: ${scrub(message, token)}`, {
        api: 'marketing',
        path: log.path,
        httpStatus: log.httpStatus,
        code: log.code,
        requestId: log.requestId,
        ...extra,
      });

    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers['Access-Token'] = token;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const url = `${this.baseUrl}${log.path}${encodeQuery(call.query ?? {})}`;

    let status: number;
    let text: string;
    let retryAfter: string | null;
    const budget = this.options.budget;
    const timeoutMs = Math.min(this.timeoutMs, budget ? Math.max(1, budget.remaining()) : Number.POSITIVE_INFINITY);
    const attempt = attemptSignal(timeoutMs, this.options.signal);
    try {
      const response = await this.fetchImpl(url, { method: call.method, headers, body: call.body, signal: attempt.signal }).finally(onAnswered);
      status = log.httpStatus = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch {
      this.options.signal?.throwIfAborted();
      throw fail('unavailable', attempt.timedOut() ? `no answer within ${timeoutMs} ms` : 'network error');
    } finally {
      attempt.done();
    }
    const retryAfterMs = parseRetryAfter(retryAfter, this.env.now());
    const httpFailure = (): UpstreamError => fail(classifyHttpStatus(status), `HTTP ${status}`, { retryAfterMs });

    let json: unknown;
    try {
      json = parseUpstreamJson(text);
    } catch {
      // A gateway in front of TikTok answers 504 with an HTML page; a 200 with a broken body is
      // a truncated transfer. Either way another attempt may succeed.
      throw status >= 200 && status < 300 ? fail('unavailable', 'response body is not JSON') : httpFailure();
    }
    const envelope = rawEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      if (status < 200 || status >= 300) throw httpFailure();
      throw fail('invalid_response', `envelope: ${describeIssue(envelope.error, '')}`);
    }
    log.code = envelope.data.code;
    log.requestId = envelope.data.request_id;
    // TikTok reports errors, rate limiting included, with HTTP 200 and a non-zero code.
    if (envelope.data.code !== 0) {
      throw fail(classifyMarketingCode(envelope.data.code), `code ${envelope.data.code}: ${envelope.data.message}`, { retryAfterMs });
    }
    if (status < 200 || status >= 300) throw httpFailure();
    const { result: data, oddities } = noticing(() => call.data.safeParse(envelope.data.data));
    if (!data.success) throw fail('invalid_response', describeIssue(data.error, 'data'));
    return { data: data.data, oddities };
  }

  private async token(path: string): Promise<string> {
    const token = this.options.accessToken ?? (await this.options.getAccessToken?.());
    if (!token) {
      throw new UpstreamError('auth_expired', `Marketing API ${path}: no access token configured (authorize the advertiser)`, {
        api: 'marketing',
        path,
      });
    }
    return token;
  }
}

function describeIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  return issue ? `${jsonPath(root, issue.path)}: ${issue.message}` : 'invalid';
}

/** TikTok echoes request values in some messages; the token must never reach an error or log. */
function scrub(message: string, token: string | undefined): string {
  return token ? message.split(token).join('[redacted]') : message;
}
