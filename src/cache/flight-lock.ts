import { randomUUID } from 'node:crypto';
import type { RedisLink } from './redis-link';
import { KEY_FAMILIES } from '../config/storage-keys';

/** Who loads a cold key when several replicas want it at once. */
export interface FlightLock {
  /**
   * Takes the key's lock for at most `ttlMs`: resolves to its release, or to `undefined` when
   * another replica holds it. Rejects when the lock service is unavailable.
   */
  tryAcquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/** A lock held for long work: kept alive while held, so its TTL only bounds a crashed holder. */
export interface LeaseLock {
  /**
   * Takes the key's lock and keeps renewing it (every third of `ttlMs`) until released: resolves
   * to its release, or to `undefined` when another replica holds it. Rejects when the lock service
   * is unavailable.
   */
  tryLease(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

// Deletes the lock only if it is still ours: after expiry another replica may hold it.
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
// Extends the lock only if it is still ours.
const RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

/**
 * `SET key token NX PX ttl` per cold key: the one replica that gets it loads, the others wait for
 * its answer in the shared store. The TTL bounds how long a crashed holder blocks the key.
 * @see https://redis.io/docs/latest/develop/use/patterns/distributed-locks/ (single instance)
 */
export class RedisFlightLock implements FlightLock, LeaseLock {
  constructor(
    private readonly link: RedisLink,
    private readonly prefix = `${KEY_FAMILIES.flightLocks}:`,
  ) {}

  async tryAcquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    return (await this.take(key, ttlMs))?.release;
  }

  async tryLease(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const held = await this.take(key, ttlMs);
    if (!held) return undefined;
    // A failed renewal is retried on the next tick; past the TTL another replica may take over.
    const renewal = setInterval(() => void held.renew().catch(() => undefined), Math.max(1, Math.floor(ttlMs / 3)));
    renewal.unref();
    return async () => {
      clearInterval(renewal);
      await held.release();
    };
  }

  private async take(key: string, ttlMs: number): Promise<{ release(): Promise<void>; renew(): Promise<void> } | undefined> {
    const lockKey = this.prefix + key;
    const token = randomUUID();
    const taken = await this.link.run((c) => c.set(lockKey, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }));
    if (taken !== 'OK') return undefined;
    return {
      release: async () => {
        await this.link.run((c) => c.eval(RELEASE, { keys: [lockKey], arguments: [token] }));
      },
      renew: async () => {
        await this.link.run((c) => c.eval(RENEW, { keys: [lockKey], arguments: [token, String(ttlMs)] }));
      },
    };
  }
}
