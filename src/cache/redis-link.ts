/**
 * The one Redis connection of a ShopGraph process, and whether it can be trusted right now.
 * Everything shared (L2 cache, single-flight locks, rate-limit buckets, tokens) goes through
 * {@link RedisLink.run}, so a Redis outage is noticed once, logged once, and every user falls back
 * to its per-process twin until Redis answers again.
 */
import { createClient } from '@keyv/redis';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  ReconnectStrategyError,
  RootNodesUnavailableError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from '@redis/client';
import type { Logger } from '../telemetry/logger';
import { countRedisFailure } from '../telemetry/redis-failures';

function newClient(url: string, maxReconnectDelayMs: number) {
  return createClient({
    url,
    // A command issued while reconnecting must fail now, not wait: callers have a fallback.
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, maxReconnectDelayMs) },
  });
}

export type RedisClient = ReturnType<typeof newClient>;

/** Options of {@link RedisLink.connect}. */
export interface RedisLinkOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** Start degraded (and keep trying) instead of failing when Redis is unreachable. @default false */
  optional?: boolean;
  logger: Logger;
  /** A Redis call slower than this counts as Redis being away. @default 500 */
  commandTimeoutMs?: number;
  /** How long start-up waits for the first connection (optional Redis: until the first failure). @default 2000 */
  connectTimeoutMs?: number;
  /** Longest pause between reconnection attempts. @default 1000 */
  maxReconnectDelayMs?: number;
}

/**
 * Thrown by {@link RedisLink.run} while Redis is away, or when a call finds it away (the
 * original error is the `cause`); callers use their local fallback. Any other error from `run` is
 * not an outage — a command Redis refused, a script bug, an answer that does not parse — and
 * callers let it through.
 */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/**
 * Error replies that mean Redis cannot serve right now (loading its data, a script running too
 * long, a replica promoted or read-only, out of memory, refusing writes it cannot persist), not
 * that the command was wrong.
 * @see https://redis.io/docs/latest/develop/reference/protocol-spec/#simple-errors
 */
const TRANSIENT_REPLIES = ['LOADING', 'BUSY', 'MASTERDOWN', 'READONLY', 'CLUSTERDOWN', 'TRYAGAIN', 'NOREPLICAS', 'MISCONF', 'OOM'];

/** node-redis's errors for a connection that is closed, broken, offline or too slow. */
const CONNECTION_ERRORS = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ReconnectStrategyError,
  RootNodesUnavailableError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
];

/**
 * Whether an error means Redis is away (fall back, try again later) rather than that Redis
 * answered and refused (a bug to surface): connection and socket errors, timeouts, and the
 * transient error replies. Anything else — an error reply such as a failing script, or an
 * exception in ShopGraph's own code around the call — is not an outage.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (error instanceof RedisUnavailableError) return true;
  if (error instanceof ErrorReply) return TRANSIENT_REPLIES.includes(error.message.split(' ', 1)[0] ?? '');
  if (CONNECTION_ERRORS.some((type) => error instanceof type)) return true;
  // Socket errors from Node itself: ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT, ...
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/** A connection plus its health: `up` until a call fails, `up` again once Redis answers. */
export class RedisLink {
  private up = false;
  private everUp = false;
  private probe: NodeJS.Timeout | undefined;
  private lastError = '';
  private closed = false;
  private readonly recoveryListeners: (() => void)[] = [];

  private constructor(
    readonly client: RedisClient,
    private readonly options: RedisLinkOptions,
  ) {}

  /**
   * Connects, or fails with a message naming the fix; with `optional` it resolves degraded and
   * keeps reconnecting in the background.
   */
  static async connect(options: RedisLinkOptions): Promise<RedisLink> {
    const client = newClient(options.url, options.maxReconnectDelayMs ?? 1000);
    const link = new RedisLink(client, options);
    client.on('error', (error: Error) => link.markDown(error));
    client.on('ready', () => link.markUp());
    const connecting = client.connect().then(
      () => undefined,
      () => undefined,
    );
    const timeoutMs = options.connectTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const connected = await Promise.race([
      connecting.then(() => client.isReady),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      // Optional Redis is not worth waiting for: the first failure starts the replica degraded.
      ...(options.optional ? [new Promise<false>((resolve) => client.once('error', () => resolve(false)))] : []),
    ]);
    clearTimeout(timer);
    if (connected) return link;
    const where = redactUrl(options.url);
    if (!options.optional) {
      link.closed = true;
      client.destroy();
      throw new Error(
        `Redis at ${where} is not reachable (${link.lastError || `no answer within ${timeoutMs} ms`}); ` +
          'start it, fix REDIS_URL, or set redis.optional: true in the config file to start with per-process cache and limits',
      );
    }
    options.logger.warn(
      { redis: where, reason: link.lastError },
      'Redis unreachable at start-up (redis.optional): per-process cache and limits until it answers',
    );
    link.startProbe();
    return link;
  }

  /** Calls `listener` each time Redis answers again after an outage. */
  onRecovery(listener: () => void): void {
    this.recoveryListeners.push(listener);
  }

  /** Whether shared state is in use right now. */
  get healthy(): boolean {
    return this.up;
  }

  /** For `/readyz`. */
  status(): { ok: boolean; detail: string } {
    return this.up
      ? { ok: true, detail: 'shared cache and limits on Redis' }
      : { ok: false, detail: `Redis unavailable (${this.lastError || 'not connected'}): per-process cache and limits` };
  }

  /**
   * Runs one Redis operation with a deadline. While Redis is away it throws
   * {@link RedisUnavailableError} at once; a connection failure or a slow answer marks Redis away
   * and throws one too. Any other failure (see {@link isRedisUnavailable}) leaves Redis up: it is
   * logged at error, counted, and thrown as it came, for the caller to surface — a script bug
   * must not pass for an outage and switch every shared feature to its per-process fallback.
   */
  async run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T> {
    if (!this.up) throw new RedisUnavailableError(this.lastError || 'Redis is unavailable');
    const timeoutMs = this.options.commandTimeoutMs ?? 500;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation(this.client),
        // node-redis only times out commands not yet written; a hung server needs this. The
        // deadline counts time this process could listen: when its own event loop was held (a
        // long synchronous aggregation), the timer fires late, before the socket is even read,
        // and Redis gets a fresh deadline instead of being declared away for our own stall.
        new Promise<never>((_resolve, reject) => {
          const arm = (grace: number) => {
            const due = performance.now() + timeoutMs;
            timer = setTimeout(() => {
              const late = performance.now() - due;
              if (late > timeoutMs / 2 && grace > 0) arm(grace - 1);
              // Timers run before sockets are read: an answer already waiting gets read first.
              else setImmediate(() => reject(new RedisUnavailableError(`Redis gave no answer within ${timeoutMs} ms`)));
            }, timeoutMs);
          };
          arm(3);
        }),
      ]);
    } catch (error) {
      if (!isRedisUnavailable(error)) {
        countRedisFailure();
        this.options.logger.error({ redis: redactUrl(this.options.url), err: error }, 'Redis call failed (Redis is up: not falling back)');
        throw error;
      }
      const cause = error as Error;
      this.markDown(cause);
      throw cause instanceof RedisUnavailableError ? cause : new RedisUnavailableError(cause.message, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the connection; closing again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.up = false;
    clearInterval(this.probe);
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
    else this.client.destroy();
  }

  private markDown(error: Error): void {
    this.lastError = error.message;
    if (!this.up || this.closed) return;
    this.up = false;
    this.options.logger.warn({ redis: redactUrl(this.options.url), reason: error.message }, 'Redis unavailable: degraded to per-process cache and limits');
    this.startProbe();
  }

  private markUp(): void {
    if (this.up || this.closed) return;
    const recovering = this.everUp || this.probe !== undefined;
    this.up = true;
    this.everUp = true;
    clearInterval(this.probe);
    this.probe = undefined;
    if (!recovering) return;
    this.options.logger.info({ redis: redactUrl(this.options.url) }, 'Redis is back: shared cache and limits resumed');
    for (const listener of this.recoveryListeners) listener();
  }

  /**
   * A failure on a still-open socket (a timeout) brings no `ready` event, so while down a PING
   * asks whether Redis answers again.
   */
  private startProbe(): void {
    if (this.probe || this.closed) return;
    this.probe = setInterval(() => {
      if (!this.client.isReady) return;
      const timeoutMs = this.options.commandTimeoutMs ?? 500;
      void Promise.race([this.client.ping(), new Promise((_r, reject) => setTimeout(reject, timeoutMs).unref())]).then(
        () => this.markUp(),
        () => undefined,
      );
    }, this.options.maxReconnectDelayMs ?? 1000);
    this.probe.unref();
  }
}

/** The URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured REDIS_URL';
  }
}
