/**
 * The one Redis connection of a ShopGraph process, and whether it can be trusted right now.
 * Everything shared (L2 cache, single-flight locks, rate-limit buckets, tokens) goes through
 * {@link RedisLink.run}, so a Redis outage is noticed once, logged once, and every user falls back
 * to its per-process twin until Redis answers again.
 */
import { createClient } from '@keyv/redis';
import type { Logger } from '../telemetry/logger';

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

/** Thrown by {@link RedisLink.run} while Redis is away; callers use their local fallback. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
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
    const connecting = client.connect().then(() => undefined, () => undefined);
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
          'start it, fix REDIS_URL, or set REDIS_OPTIONAL=true to start with per-process cache and limits',
      );
    }
    options.logger.warn({ redis: where, reason: link.lastError }, 'Redis unreachable at start-up (REDIS_OPTIONAL=true): per-process cache and limits until it answers');
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
   * {@link RedisUnavailableError} at once; a failure or a slow answer marks Redis away.
   */
  async run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T> {
    if (!this.up) throw new RedisUnavailableError(this.lastError || 'Redis is unavailable');
    const timeoutMs = this.options.commandTimeoutMs ?? 500;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation(this.client),
        // node-redis only times out commands not yet written; a hung server needs this.
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis gave no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      this.markDown(error as Error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
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
