/**
 * The page's only way to the data: POSTs a codegen-typed operation to ShopGraph's public
 * `/graphql` and returns the outcome as a value, because every caller must branch on it (show
 * the data, ask for an API key, say the upstream is throttled, or keep the last numbers).
 * @see https://graphql.github.io/graphql-over-http/draft/
 */
import type { TypedDocumentString } from './generated/graphql';

/** One GraphQL error, reduced to what the page shows and branches on. */
export interface ApiError {
  message: string;
  /** ShopGraph's public `extensions.code` (UNAUTHENTICATED, UPSTREAM_RATE_LIMITED, …). */
  code?: string;
}

/** What a request produced. `partial` data comes with the errors of the fields that failed. */
export type ApiResult<T> =
  | { kind: 'data'; data: T; errors: ApiError[] }
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'failed'; errors: ApiError[]; status?: number }
  | { kind: 'aborted' };

/** Options of {@link execute}. */
export interface ExecuteOptions {
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string;
  signal?: AbortSignal;
  /** @default '/graphql' */
  endpoint?: string;
}

interface ResponseBody<T> {
  data?: T | null;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

function toApiErrors(errors: ResponseBody<unknown>['errors']): ApiError[] {
  return (errors ?? []).map((e) => ({
    message: typeof e.message === 'string' ? e.message : 'Unknown error',
    code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
  }));
}

/** Runs one operation. Never throws: network failures and aborts are results too. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: ExecuteOptions = {},
): Promise<ApiResult<TResult>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  let response: Response;
  try {
    response = await fetch(options.endpoint ?? '/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (options.signal?.aborted) return { kind: 'aborted' };
    return { kind: 'failed', errors: [{ message: `ShopGraph did not answer (${(error as Error).message})`, code: 'NETWORK' }] };
  }
  let body: ResponseBody<TResult> | undefined;
  try {
    body = (await response.json()) as ResponseBody<TResult>;
  } catch {
    // Not JSON (a proxy's error page, say): judged by the status below.
    if (options.signal?.aborted) return { kind: 'aborted' };
  }
  const errors = toApiErrors(body?.errors);
  const unauthenticated = response.status === 401 || errors.some((e) => e.code === 'UNAUTHENTICATED');
  if (unauthenticated) {
    return { kind: 'unauthenticated', message: errors[0]?.message ?? 'This ShopGraph requires an API key.' };
  }
  if (body?.data) return { kind: 'data', data: body.data, errors };
  if (errors.length === 0) errors.push({ message: `ShopGraph answered HTTP ${response.status} without data`, code: `HTTP_${response.status}` });
  return { kind: 'failed', errors, status: response.status };
}
