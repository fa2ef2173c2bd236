import { HEALTH_CHECK_QUERY, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { STALE_HEADER } from '../http/request-outcome';
import type { GraphQLFormattedError } from 'graphql';
import type { Caller } from '../security/caller';
import type { Logger } from '../telemetry/logger';
import type { GatewayContext } from './context';
import { failedFetch, withFetchPaths, type SubgraphResponse } from './fetch-failure';
import { GATEWAY_CALLER, IDENTITY_HEADER, signIdentity } from '../security/identity';
import type { RemoteSubgraph } from './plan';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/** The global fetch, given up on after `timeoutMs` (the whole answer, body included). */
function timedFetch(timeoutMs: number): Fetcher {
  return (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/**
 * A subgraph over HTTP. ShopGraph by URL gets the caller in a signed {@link IDENTITY_HEADER} and
 * the request id; any other subgraph gets exactly the client headers configured for it. A fetch
 * that fails never fails the operation: its fields become null with errors at their paths.
 */
export class RemoteSubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraph: RemoteSubgraph;
  private readonly identitySecret: string;
  private readonly logger: Logger;

  constructor(subgraph: RemoteSubgraph, options: { identitySecret?: string; logger: Logger }) {
    super({ url: subgraph.url, fetcher: timedFetch(subgraph.timeoutMs) });
    if (subgraph.shopGraph && !options.identitySecret) throw new Error(`subgraph ${subgraph.name}: an identity secret is required to call ShopGraph`);
    this.subgraph = subgraph;
    this.identitySecret = options.identitySecret ?? '';
    this.logger = options.logger;
  }

  override willSendRequest(options: Options): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    const incoming = 'incomingRequestContext' in options ? options.context : undefined;
    if (this.subgraph.shopGraph) {
      headers.set(IDENTITY_HEADER, signIdentity(incoming?.caller ?? GATEWAY_CALLER, this.identitySecret));
      if (incoming) headers.set('x-request-id', incoming.request.id);
      return;
    }
    if (!incoming) return;
    for (const name of this.subgraph.forwardHeaders) {
      const value = incoming.request.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  /**
   * A subgraph that answered from stale data says so in `x-shopgraph-stale` (ShopGraph does): the
   * gateway's own answer says it too, in the same header and in `extensions.stale`.
   */
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const kinds = response.http?.headers.get(STALE_HEADER);
    if (kinds && context.stale) {
      for (const kind of kinds.split(',').map((k) => k.trim())) if (/^[a-z][a-z0-9_-]{0,31}$/.test(kind)) context.stale.add(kind);
    }
    return response;
  }

  override async process(options: Options): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const reason = this.reason(error);
      if (!('incomingRequestContext' in options)) throw new Error(reason);
      this.logger.warn({ subgraph: this.subgraph.name, requestId: options.context.request.id, reason }, 'subgraph fetch failed');
      const refusal = answeredErrors(error);
      return refusal ? withFetchPaths(options, refusal) : failedFetch(options, `Subgraph ${this.subgraph.name} is unavailable: ${reason}`);
    }
  }

  /**
   * Sends one operation as `caller` (the gateway's own requests: health checks, schema loading,
   * counting shops) and returns its data.
   * @throws Error saying why there is no data
   */
  async ask<T>(query: string, caller: Caller = GATEWAY_CALLER): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.subgraph.shopGraph) headers[IDENTITY_HEADER] = signIdentity(caller, this.identitySecret);
    let response;
    try {
      response = await this.fetcher(this.url, { method: 'POST', headers, body: JSON.stringify({ query }) });
    } catch (error) {
      throw new Error(this.reason(error));
    }
    const body = (await response.json().catch(() => undefined)) as { data?: T; errors?: { message?: unknown }[] } | undefined;
    const refusal = body?.errors?.[0]?.message;
    if (typeof refusal === 'string') throw new Error(`answered HTTP ${response.status}: ${refusal}`);
    if (!response.ok || !body?.data) throw new Error(`answered HTTP ${response.status} without data`);
    return body.data;
  }

  /** Whether it answers `{ __typename }` now: for `/readyz`. */
  async probe(): Promise<{ ok: boolean; detail: string }> {
    const started = performance.now();
    try {
      await this.ask(HEALTH_CHECK_QUERY);
      return { ok: true, detail: `answered in ${Math.round(performance.now() - started)} ms` };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  /** Why a fetch failed, safe to log and to tell clients (never a header or a body). */
  private reason(error: unknown): string {
    const e = error as { name?: string; cause?: { code?: unknown }; extensions?: { response?: { status?: unknown } } };
    if (e.name === 'TimeoutError') return `no answer within ${this.subgraph.timeoutMs} ms`;
    const status = e.extensions?.response?.status;
    if (typeof status === 'number') return `answered HTTP ${status}`;
    const code = e.cause?.code;
    return typeof code === 'string' ? `unreachable (${code})` : 'unreachable';
  }
}

/** The GraphQL errors a subgraph answered with a non-2xx status (a refusal), if it did. */
function answeredErrors(error: unknown): GraphQLFormattedError[] | undefined {
  const body = (error as { extensions?: { response?: { body?: unknown } } }).extensions?.response?.body;
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const valid = errors.filter((e): e is GraphQLFormattedError => typeof (e as { message?: unknown } | null)?.message === 'string');
  return valid.length > 0 ? valid : undefined;
}
