/**
 * The Partner API v2 request pipeline every endpoint goes through: build the URL, serialize the
 * body once, sign exactly those bytes, attach the access token, send with a per-attempt timeout,
 * validate the answer with zod, classify failures, retry the transient ones, and on 105002 refresh
 * the token once and try once more. One log line per attempt, never with secrets.
 * @see docs/tiktok-api.md (Hosts and request shape, Request signing)
 */
import type { z } from 'zod';
import { silentLogger, type Logger } from '../../telemetry/logger';
import { BudgetExceededError, isAbortError, withinBudget, type Budget } from '../../upstream/abort';
import { noticing, type Oddities } from '../lenient';
import { DEFAULT_RETRY_POLICY, realRetryEnv, withRetry, type RetryEnv, type RetryPolicy } from '../../upstream/retry';
import { UpstreamError } from '../../upstream/upstream-error';
import { invalidResponse, PartnerCode, retryVerdict } from './partner-errors';
import { exchange, type FetchLike } from './partner-http';
import { signPartnerRequest } from './signing';
import type { AccessTokens } from './seller-tokens';
import type { UpstreamLimiter } from '../../upstream/rate-limiter';
import type { UpstreamObserver } from '../../upstream/upstream-observer';

/**
 * A shop as the client needs it: its ID (for logs), its `cipher` (for `shop_cipher`) and, when
 * the shop directory knows it, the seller whose access token reads it.
 */
export interface PartnerShopRef {
  id: string;
  cipher: string;
  sellerId?: string;
}

/** Options of the Partner API client. */
export interface PartnerClientOptions {
  /** API host, e.g. `https://open-api.tiktokglobalshop.com` or the emulator's URL. */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** One seller's chain (a `TokenManager`), or every seller's (`SellerTokens`: the shop's seller's token). */
  tokens: AccessTokens;
  /** @default silentLogger */
  logger?: Logger;
  /** @default DEFAULT_RETRY_POLICY */
  retry?: RetryPolicy;
  /** @default realRetryEnv */
  retryEnv?: RetryEnv;
  /** Per-attempt timeout in ms. @default 10000 */
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Waited on before every attempt, keyed `partner:{shop id or "app"}:{path template}`. */
  limiter?: UpstreamLimiter;
  /** Told about every attempt (metrics, traces). */
  observer?: UpstreamObserver;
  /** Wall clock in ms for the `timestamp` parameter. @default Date.now */
  now?: () => number;
  /** The client's lifetime: once aborted (shutdown), calls stop at once, mid-backoff too, rejecting with its reason. */
  signal?: AbortSignal;
  /**
   * The time budget of the request this client serves (a client per load): each attempt is cut to
   * what is left of it, and rate-limit waits, token waits and retries stop once it is spent.
   */
  budget?: Budget;
}

/** One Partner API call, described by an endpoint method. */
export interface PartnerCall<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template with `{name}` placeholders, e.g. `/product/202309/products/{product_id}`. */
  path: string;
  pathParams?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  /** JSON body fields; `undefined` fields are dropped, and no fields at all are sent as `{}`. */
  body?: Record<string, unknown>;
  /** Present exactly on shop-scoped calls: adds `shop_cipher`. */
  shop?: PartnerShopRef;
  /** Schema of the envelope's `data`. */
  data: S;
}

const JSON_TYPE = 'application/json';
// TikTok rejects shop_cipher on these areas with 36009004 "Unexpected identifier".
const UNSCOPED_AREAS = /^\/(authorization|seller)\//;

/** Sends signed, validated, retried Partner API calls. */
export class PartnerTransport {
  private readonly logger: Logger;

  constructor(private readonly options: PartnerClientOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Runs one call to completion. @throws UpstreamError, or the lifetime signal's reason once it aborted */
  async call<S extends z.ZodType>(call: PartnerCall<S>): Promise<z.output<S>> {
    if (call.shop && UNSCOPED_AREAS.test(call.path)) throw new Error(`${call.path} must not carry shop_cipher`);
    const path = fillPath(call.path, call.pathParams ?? {});
    const body = serializeBody(call.body);
    let attemptNumber = 0;
    let usedToken: string | undefined;
    const { budget } = this.options;
    const run = () =>
      withRetry(
        async () => {
          // A refresh is shared by every call of the seller: this call stops waiting, the refresh goes on.
          usedToken = await withinBudget(this.options.tokens.getAccessToken(call.shop), budget, () => this.spent(call));
          return this.attempt(call, path, body, usedToken, ++attemptNumber);
        },
        // The token manager already retried its own host; retrying here again would multiply waits.
        (error) => (error instanceof UpstreamError && error.details.api === 'auth' ? { retry: false } : retryVerdict(error)),
        this.options.retry ?? DEFAULT_RETRY_POLICY,
        this.options.retryEnv ?? realRetryEnv,
        this.options.signal,
        budget,
      );
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.details.code !== PartnerCode.ACCESS_TOKEN_EXPIRED) throw error;
      // The token died before its stated expiry: refresh once (single-flight) and retry once.
      await this.options.tokens.invalidate(usedToken, call.shop);
      return run();
    }
  }

  private spent(call: PartnerCall<z.ZodType>): BudgetExceededError {
    return new BudgetExceededError('partner', `${call.method} ${call.path}`);
  }

  private async attempt<S extends z.ZodType>(
    call: PartnerCall<S>,
    path: string,
    body: string | undefined,
    accessToken: string,
    attempt: number,
  ): Promise<z.output<S>> {
    const { appKey, appSecret } = this.options;
    const { budget } = this.options;
    if (budget && budget.remaining() <= 0) throw this.spent(call);
    // TikTok counts 50 requests/s per app + shop + API; wait for a slot rather than be refused.
    const waitStarted = performance.now();
    const bucket = `partner:${call.shop?.id ?? 'app'}:${call.path}`;
    const acquiring = this.options.limiter?.acquire(bucket);
    const slot =
      acquiring &&
      (await withinBudget(acquiring, budget, () => {
        // A slot granted after the request gave up is handed back at once.
        acquiring.then(
          (late) => late.done(),
          () => undefined,
        );
        return this.spent(call);
      }));
    const waitedMs = elapsed(waitStarted);
    const timeoutMs = Math.min(this.options.timeoutMs ?? 10_000, budget ? Math.max(1, budget.remaining()) : Number.POSITIVE_INFINITY);
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query[key] = String(value);
    // Fresh per attempt: TikTok refuses timestamps older than 5 minutes, and retries can wait.
    query.timestamp = String(Math.floor((this.options.now ?? Date.now)() / 1000));
    query.app_key = appKey;
    if (call.shop) query.shop_cipher = call.shop.cipher;
    const sign = signPartnerRequest({ path, query, body, contentType: JSON_TYPE, appSecret });
    const url = `${this.options.baseUrl.replace(/\/$/, '')}${path}?${new URLSearchParams({ ...query, sign })}`;
    const started = performance.now();
    const startedAt = Date.now();
    const logFields = { api: 'partner', method: call.method, path: call.path, shopId: call.shop?.id, attempt };
    const observe = (code: number | undefined, errorKind?: string, oddities?: Oddities) =>
      this.options.observer?.({
        api: 'partner',
        path: call.path,
        attempt,
        code,
        errorKind,
        startedAt,
        latencyMs: elapsed(started),
        waitedMs,
        unknownValues: oddities?.unknownValues,
        rejectedRows: oddities?.rejected.length,
      });
    try {
      const { envelope, httpStatus } = await exchange({
        api: 'partner',
        method: call.method,
        url,
        pathTemplate: call.path,
        headers: { 'content-type': JSON_TYPE, 'x-tts-access-token': accessToken },
        body,
        timeoutMs,
        fetch: this.options.fetch ?? fetch,
        signal: this.options.signal,
        // The slot only has to wait out its window from here (see RateSlot); the finally below
        // covers failures before the request went out.
        onAnswered: () => slot?.done(),
      });
      const requestId = envelope.request_id;
      const { result: data, oddities } = noticing(() => call.data.safeParse(envelope.data));
      if (!data.success) {
        throw invalidResponse('partner', data.error, 'data', { httpStatus, path: call.path, requestId });
      }
      this.logger.info({ ...logFields, code: 0, requestId, httpStatus, latencyMs: elapsed(started) }, 'partner call');
      // Once per answer TikTok sent (cached answers are not parsed again): paths and ids only, no values.
      if (oddities.rejected.length > 0) {
        this.logger.warn({ ...logFields, requestId, rejected: oddities.rejected }, 'partner answer had rows ShopGraph cannot read');
      }
      observe(0, undefined, oddities);
      return data.data;
    } catch (error) {
      // Shutting down: TikTok did nothing wrong, so neither a warning nor a failed-call metric.
      if (isAbortError(error) && this.options.signal?.aborted) {
        this.logger.debug({ ...logFields, latencyMs: elapsed(started) }, 'partner call aborted');
        throw error;
      }
      const failure = error instanceof UpstreamError ? error : undefined;
      this.logger.warn(
        {
          ...logFields,
          code: failure?.details.code,
          requestId: failure?.details.requestId,
          httpStatus: failure?.details.httpStatus,
          kind: failure?.kind ?? 'unknown',
          latencyMs: elapsed(started),
        },
        'partner call failed',
      );
      observe(failure?.details.code, failure?.kind ?? 'unknown');
      // 36009002 / 429 despite the limiter (another client of the app, TikTok counting otherwise): slow this bucket down.
      if (failure?.kind === 'rate_limited') await this.options.limiter?.penalize?.(bucket);
      throw error;
    } finally {
      slot?.done();
    }
  }
}

/** Fills `{name}` placeholders with 64-bit decimal IDs, refusing anything else. */
function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || !/^\d{1,20}$/.test(value)) {
      throw new RangeError(`${name} must be a decimal ID, got ${JSON.stringify(value)}`);
    }
    return value;
  });
}

/**
 * The body exactly as signed and sent, or none when the call has no body. A search without
 * filters sends `{}`, signed like any body, as TikTok's API testing tool does.
 */
function serializeBody(fields: Record<string, unknown> | undefined): string | undefined {
  if (!fields) return undefined;
  return JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
