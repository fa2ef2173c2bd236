/**
 * One HTTP exchange with a TikTok host: per-attempt timeout, body read, 64-bit-safe JSON parse,
 * envelope check and error classification. Shared by the API transport and the token manager so
 * both fail the same way.
 */
import { attemptSignal } from '../../upstream/abort';
import { parseUpstreamJson } from '../../upstream/json';
import { parseRetryAfter } from '../../upstream/retry';
import { UpstreamError, type UpstreamApi } from '../../upstream/upstream-error';
import { invalidResponse, kindOf } from './partner-errors';
import { partnerEnvelope, type PartnerEnvelope } from './schema-primitives';

/** The `fetch` signature the clients need; injectable for tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What to send. `url` may hold secrets (token host): it is never logged or put in an error. */
export interface HttpRequest {
  api: UpstreamApi;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Path template for errors and logs, e.g. `/product/202309/products/{product_id}`. */
  pathTemplate: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  fetch: FetchLike;
  /** The client's lifetime: aborting it aborts the exchange, which then rejects with its reason. */
  signal?: AbortSignal;
  /** Called once the response headers are in or the request failed: it reached TikTok by then, or never will. */
  onAnswered?: () => void;
}

/** A successful exchange: HTTP 2xx and envelope `code` 0. */
export interface HttpSuccess {
  httpStatus: number;
  envelope: PartnerEnvelope;
}

/**
 * Sends the request and returns the envelope of a success.
 * @throws UpstreamError classified by HTTP status and envelope code; `retryAfterMs` set from a
 *   `Retry-After` header when TikTok sends one (undocumented, but honoured).
 */
export async function exchange(request: HttpRequest): Promise<HttpSuccess> {
  const { api, pathTemplate: path } = request;
  const attempt = attemptSignal(request.timeoutMs, request.signal);
  let response: Response;
  let text: string;
  try {
    response = await request
      .fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: attempt.signal })
      .finally(request.onAnswered);
    // The body read is inside the timeout too: a server that stalls mid-body is just as down.
    text = await response.text();
  } catch (error) {
    request.signal?.throwIfAborted();
    const reason = attempt.timedOut() ? `timed out after ${request.timeoutMs} ms` : describeNetworkError(error);
    throw new UpstreamError('unavailable', `${request.method} ${path} ${reason}`, { api, path });
  } finally {
    attempt.done();
  }

  const httpStatus = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const transient = httpStatus === 429 || httpStatus >= 500;
  let json: unknown;
  try {
    json = parseUpstreamJson(text);
  } catch {
    const kind = httpStatus === 429 ? 'rate_limited' : 'unavailable';
    throw new UpstreamError(kind, `${request.method} ${path} answered HTTP ${httpStatus} with a non-JSON body`, {
      api,
      path,
      httpStatus,
      retryAfterMs,
    });
  }
  const parsed = partnerEnvelope.safeParse(json);
  if (!parsed.success) {
    if (transient) {
      throw new UpstreamError(kindOf(httpStatus, undefined), `${request.method} ${path} answered HTTP ${httpStatus}`, {
        api,
        path,
        httpStatus,
        retryAfterMs,
      });
    }
    throw invalidResponse(api, parsed.error, '$', { httpStatus, path });
  }
  const envelope = parsed.data;
  if (envelope.code !== 0 || httpStatus < 200 || httpStatus >= 300) {
    const kind = kindOf(httpStatus, envelope.code === 0 ? undefined : envelope.code);
    throw new UpstreamError(kind, `TikTok ${envelope.code}: ${envelope.message}`, {
      api,
      path,
      httpStatus,
      code: envelope.code,
      requestId: envelope.request_id || undefined,
      retryAfterMs,
    });
  }
  return { httpStatus, envelope };
}

function describeNetworkError(error: unknown): string {
  // undici hides the socket error in `cause`; the message alone is just "fetch failed".
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `failed (${error.message}${cause})` : 'failed';
}
