/**
 * The lifecycle of one seller's tokens on TikTok's token host: exchange an auth code, hand out a
 * valid access token, refresh it AHEAD of expiry with exactly one refresh in flight (per process,
 * and across replicas with a lock), and keep the newest (rotating) refresh token. One instance per
 * seller authorization (see `seller-tokens.ts`). Token-host calls are not signed; their URL carries
 * the app secret, so it is never logged.
 * @see docs/tiktok-api.md (OAuth and tokens)
 */
import { silentLogger, type Logger } from '../../telemetry/logger';
import { isAbortError } from '../../upstream/abort';
import { DEFAULT_RETRY_POLICY, realRetryEnv, withRetry, type RetryEnv, type RetryPolicy } from '../../upstream/retry';
import { UpstreamError } from '../../upstream/upstream-error';
import { partnerTokenData, type PartnerTokenData } from './account-schemas';
import { invalidResponse, retryVerdict } from './partner-errors';
import { exchange, type FetchLike } from './partner-http';
import { MemoryTokenStore, type TokenRecord, type TokenSlot, type TokenStore } from './token-store';

/** Options of {@link TokenManager}. */
export interface TokenManagerOptions {
  appKey: string;
  appSecret: string;
  /** @default 'https://auth.tiktok-shops.com' */
  authBaseUrl?: string;
  /** @default new MemoryTokenStore() */
  store?: TokenStore;
  /** Key of this authorization in the store, and of its refresh lock. @default appKey */
  storeKey?: string;
  /** Where this authorization's chain lives, instead of `store` under `storeKey` (a seller's slot). */
  slot?: TokenSlot;
  /** Refresh this many seconds before the access token expires. @default 600 */
  refreshMarginSeconds?: number;
  /** Wall clock in ms, injectable for tests. @default Date.now */
  now?: () => number;
  /** Per-attempt timeout in ms. @default 10000 */
  timeoutMs?: number;
  retry?: RetryPolicy;
  retryEnv?: RetryEnv;
  fetch?: FetchLike;
  logger?: Logger;
  /**
   * A lock shared by replicas (Redis): one replica refreshes while the others wait for the token
   * it stores. TikTok rotates refresh tokens, so two replicas refreshing at once would leave one
   * holding a refresh token TikTok no longer honours. Without it, refreshes are single-flight per
   * process only.
   */
  lock?: RefreshLock;
  /** Its lifetime: once aborted (shutdown), token-host calls and lock waits stop at once, rejecting with its reason. */
  signal?: AbortSignal;
}

/** Takes a lock for at most `ttlMs`: its release, or undefined when someone else holds it. */
export interface RefreshLock {
  tryAcquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/** How long one replica may hold the refresh lock (a token-host call with its retries). */
const REFRESH_LOCK_MS = 15_000;

type TokenPath = '/api/v2/token/get' | '/api/v2/token/refresh';

/** Issues access tokens for the Partner API client; one instance per app authorization. */
export class TokenManager {
  private readonly slot: TokenSlot;
  private readonly storeKey: string;
  private readonly now: () => number;
  private inflight: Promise<TokenRecord> | undefined;
  /** An access token TikTok rejected with 105002 before its stated expiry. */
  private rejectedToken: string | undefined;

  constructor(private readonly options: TokenManagerOptions) {
    this.storeKey = options.storeKey ?? options.appKey;
    this.slot = options.slot ?? storeSlot(options.store ?? new MemoryTokenStore(), this.storeKey);
    this.now = options.now ?? Date.now;
  }

  /** Trades the `code` of the authorization redirect (single use, 30 min) for tokens, and stores them. */
  async exchangeAuthCode(authCode: string): Promise<TokenRecord> {
    const record = await this.grant(authCode);
    this.rejectedToken = undefined;
    await this.slot.write(record);
    return record;
  }

  /** Trades an auth code for tokens and stores nothing: whose they are is known only from the answer (`open_id`). */
  grant(authCode: string): Promise<TokenRecord> {
    return this.callTokenHost('/api/v2/token/get', { auth_code: authCode, grant_type: 'authorized_code' });
  }

  /**
   * A currently valid access token, refreshed first when it expires within the margin.
   * @throws UpstreamError `auth_expired` when nothing is stored or the refresh token has expired.
   */
  async getAccessToken(): Promise<string> {
    if (this.inflight) return (await this.inflight).accessToken;
    const record = await this.slot.read();
    if (!record) throw notAuthorized('no token stored: the seller must authorize the app');
    if (this.usable(record)) return record.accessToken;
    return (await this.refreshOnce(record.accessToken)).accessToken;
  }

  /** Forces a refresh now; joins the refresh already in flight if there is one. */
  refresh(): Promise<TokenRecord> {
    return this.refreshOnce(undefined);
  }

  /**
   * Marks an access token as rejected (TikTok answered 105002), so the next
   * {@link getAccessToken} refreshes. Passing the rejected token makes a late report harmless:
   * it cannot invalidate the newer token another caller already obtained.
   */
  async invalidate(rejectedAccessToken?: string): Promise<void> {
    this.rejectedToken = rejectedAccessToken ?? (await this.slot.read())?.accessToken;
  }

  private usable(record: TokenRecord): boolean {
    const margin = this.options.refreshMarginSeconds ?? 600;
    return record.accessToken !== this.rejectedToken && this.nowSeconds() < record.accessTokenExpiresAt - margin;
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private refreshOnce(staleAccessToken: string | undefined): Promise<TokenRecord> {
    this.inflight ??= this.doRefresh(staleAccessToken).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async doRefresh(staleAccessToken: string | undefined): Promise<TokenRecord> {
    const lock = this.options.lock;
    if (!lock) return this.refreshNow(staleAccessToken);
    const seen = (await this.slot.read())?.accessToken;
    // Real timers: the wait must let the holder's token-host call progress.
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const giveUpAt = this.now() + REFRESH_LOCK_MS;
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      this.options.signal?.throwIfAborted();
      let release: (() => Promise<void>) | undefined;
      try {
        release = await lock.tryAcquire(`token-refresh:${this.storeKey}`, REFRESH_LOCK_MS);
      } catch {
        return this.refreshNow(staleAccessToken); // lock service down: refresh locally
      }
      if (release) {
        try {
          return await this.refreshNow(staleAccessToken);
        } finally {
          await release().catch(() => undefined);
        }
      }
      // Another replica is refreshing: take the token it stores.
      const current = await this.slot.read();
      if (current && current.accessToken !== seen && this.usable(current)) return current;
      if (this.now() >= giveUpAt) return this.refreshNow(staleAccessToken);
      await sleep(pause);
    }
  }

  private async refreshNow(staleAccessToken: string | undefined): Promise<TokenRecord> {
    // Re-read: another caller or replica may have refreshed since this caller looked.
    const current = await this.slot.read();
    if (!current) throw notAuthorized('no token stored: the seller must authorize the app');
    if (staleAccessToken !== undefined && current.accessToken !== staleAccessToken && this.usable(current)) {
      return current;
    }
    if (this.nowSeconds() >= current.refreshTokenExpiresAt) {
      throw notAuthorized('the refresh token has expired: the seller must authorize the app again');
    }
    const next = await this.callTokenHost('/api/v2/token/refresh', {
      refresh_token: current.refreshToken,
      grant_type: 'refresh_token',
    });
    // TikTok may rotate the refresh token: always store what it just returned.
    if (!(await this.slot.write(next))) throw notAuthorized("the seller's authorization was revoked");
    return next;
  }

  private async callTokenHost(path: TokenPath, params: Record<string, string>): Promise<TokenRecord> {
    const { appKey, appSecret } = this.options;
    const logger = this.options.logger ?? silentLogger;
    const query = new URLSearchParams({ app_key: appKey, app_secret: appSecret, ...params });
    const url = `${(this.options.authBaseUrl ?? 'https://auth.tiktok-shops.com').replace(/\/$/, '')}${path}?${query}`;
    const attempt = async (attemptNumber: number): Promise<TokenRecord> => {
      const started = performance.now();
      const logFields = { api: 'auth', path, attempt: attemptNumber };
      try {
        const { envelope, httpStatus } = await exchange({
          api: 'auth',
          method: 'GET',
          url,
          pathTemplate: path,
          headers: { accept: 'application/json' },
          timeoutMs: this.options.timeoutMs ?? 10_000,
          fetch: this.options.fetch ?? fetch,
          signal: this.options.signal,
        });
        const requestId = envelope.request_id;
        const data = partnerTokenData.safeParse(envelope.data);
        if (!data.success) throw invalidResponse('auth', data.error, 'data', { httpStatus, path, requestId });
        logger.info({ ...logFields, code: 0, requestId, httpStatus, latencyMs: elapsed(started) }, 'token host call');
        return toRecord(data.data);
      } catch (error) {
        if (isAbortError(error) && this.options.signal?.aborted) {
          logger.debug({ ...logFields, latencyMs: elapsed(started) }, 'token host call aborted');
          throw error;
        }
        const failure = error instanceof UpstreamError ? error : undefined;
        const { code, requestId, httpStatus } = failure?.details ?? {};
        const kind = failure?.kind ?? 'unknown';
        const latencyMs = elapsed(started);
        logger.warn({ ...logFields, code, requestId, httpStatus, kind, latencyMs }, 'token host call failed');
        throw asGrantError(error);
      }
    };
    return withRetry(attempt, retryVerdict, this.options.retry ?? DEFAULT_RETRY_POLICY, this.options.retryEnv ?? realRetryEnv, this.options.signal);
  }
}

/** The slot of the single authorization earlier versions kept per app. */
function storeSlot(store: TokenStore, key: string): TokenSlot {
  return {
    read: () => store.get(key),
    write: async (record) => {
      await store.set(key, record);
      return true;
    },
  };
}

function toRecord(data: PartnerTokenData): TokenRecord {
  return {
    accessToken: data.access_token,
    accessTokenExpiresAt: data.access_token_expire_in,
    refreshToken: data.refresh_token,
    refreshTokenExpiresAt: data.refresh_token_expire_in,
    openId: data.open_id,
    sellerName: data.seller_name,
    sellerBaseRegion: data.seller_base_region,
    userType: data.user_type,
    grantedScopes: data.granted_scopes,
  };
}

/**
 * A refused grant (bad/used auth code, revoked refresh token, wrong app credentials) means the
 * seller must authorize again, whatever code the token host used: report it as `auth_expired`.
 */
function asGrantError(error: unknown): unknown {
  if (!(error instanceof UpstreamError) || error.retryable || error.kind === 'invalid_response') return error;
  return new UpstreamError('auth_expired', error.message, error.details);
}

function notAuthorized(message: string): UpstreamError {
  return new UpstreamError('auth_expired', message, { api: 'auth' });
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
