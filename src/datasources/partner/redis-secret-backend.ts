/**
 * Sealed values on Redis, shared by every replica, each mirrored in process memory: a Redis
 * outage does not lose them, what a replica wrote while Redis was away is pushed once it answers,
 * and a Redis that came back empty (no persistence) gets them back.
 */
import { MemorySecretBackend, type SecretBackend } from './seller-store';
import { RedisUnavailableError, type RedisLink } from '../../cache/redis-link';
import { evalScript } from '../../cache/redis-script';

// Sets ARGV[2..] (field, value pairs), only while field ARGV[1] exists when one is named.
const SET_FIELDS = `if ARGV[1] ~= '' and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2)) return 1`;
// Deletes the fields; answers whether the first one existed.
const DELETE_FIELDS = `local existed = redis.call('HEXISTS', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[1], unpack(ARGV)) return existed`;
// Writes the mirror back only while the hash is absent: another replica may have restored it first.
const RESTORE = `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end redis.call('HSET', KEYS[1], unpack(ARGV)) return 1`;

const pairs = (values: Iterable<[string, string]>): string[] => [...values].flat();

/** Redis is the truth while it answers; see the file comment for the rest. */
export class RedisSecretBackend implements SecretBackend {
  private readonly local = new MemorySecretBackend();
  /** Hash fields written or deleted here while Redis was away, by hash key. */
  private readonly pending = new Map<string, Set<string>>();

  constructor(private readonly link: RedisLink) {}

  async get(key: string): Promise<string | undefined> {
    const mirrored = await this.local.get(key);
    if (!this.link.healthy) return mirrored;
    try {
      const shared = await this.link.run((c) => c.get(key));
      if (shared !== null) {
        await this.local.set(key, shared);
        return shared;
      }
      // NX: never overwrite what another replica wrote in the meantime.
      if (mirrored !== undefined) await this.link.run((c) => c.set(key, mirrored, { condition: 'NX' }));
    } catch (error) {
      awayOrThrow(error);
      // Degraded: the link logged it.
    }
    return mirrored;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.local.set(key, value);
    if (!this.link.healthy) return;
    try {
      await this.link.run((c) => c.set(key, value, ttlMs === undefined ? {} : { expiration: { type: 'PX', value: Math.ceil(ttlMs) } }));
    } catch (error) {
      awayOrThrow(error);
      // Kept locally; written to Redis again once a read finds it missing there.
    }
  }

  async fields(key: string): Promise<Map<string, string>> {
    if (!(await this.flush(key))) return this.local.fields(key);
    try {
      const shared = new Map(Object.entries(await this.link.run((c) => c.hGetAll(key))));
      if (shared.size === 0) {
        await this.restore(key);
        return this.local.fields(key);
      }
      this.local.replaceFields(key, shared);
      return shared;
    } catch (error) {
      awayOrThrow(error);
      return this.local.fields(key);
    }
  }

  async field(key: string, field: string): Promise<string | undefined> {
    if (!(await this.flush(key))) return this.local.field(key, field);
    try {
      const shared = await this.link.run((c) => c.hGet(key, field));
      if (shared !== null && shared !== undefined) {
        await this.local.setFields(key, { [field]: shared });
        return shared;
      }
      // Absent: removed by another replica, unless Redis lost the whole hash (a restart without persistence).
      if ((await this.link.run((c) => c.exists(key))) === 0) {
        await this.restore(key);
        return this.local.field(key, field);
      }
      await this.local.deleteFields(key, [field]);
      return undefined;
    } catch (error) {
      awayOrThrow(error);
      return this.local.field(key, field);
    }
  }

  async setFields(key: string, values: Record<string, string>, onlyIf?: string): Promise<boolean> {
    if (await this.flush(key)) {
      try {
        const written = await this.link.run((c) => evalScript(c, SET_FIELDS, [key], [onlyIf ?? '', ...pairs(Object.entries(values))]));
        if (Number(written) === 1) await this.local.setFields(key, values);
        return Number(written) === 1;
      } catch (error) {
        awayOrThrow(error);
        // Degraded: written locally below, and pushed once Redis answers.
      }
    }
    const written = await this.local.setFields(key, values, onlyIf);
    if (written) this.markPending(key, Object.keys(values));
    return written;
  }

  async deleteFields(key: string, fields: readonly string[]): Promise<boolean> {
    if (fields.length === 0) return false;
    if (await this.flush(key)) {
      try {
        const existed = await this.link.run((c) => evalScript(c, DELETE_FIELDS, [key], [...fields]));
        await this.local.deleteFields(key, fields);
        return Number(existed) === 1;
      } catch (error) {
        awayOrThrow(error);
        // Degraded: deleted locally below, and pushed once Redis answers.
      }
    }
    this.markPending(key, fields);
    return this.local.deleteFields(key, fields);
  }

  private markPending(key: string, fields: Iterable<string>): void {
    const set = this.pending.get(key) ?? new Set<string>();
    for (const field of fields) set.add(field);
    this.pending.set(key, set);
  }

  /** Pushes what this replica wrote while Redis was away; false while Redis is away. */
  private async flush(key: string): Promise<boolean> {
    if (!this.link.healthy) return false;
    const fields = this.pending.get(key);
    if (!fields) return true;
    try {
      // Redis lost the whole hash (a restart without persistence): everything this replica has goes back.
      if ((await this.link.run((c) => c.exists(key))) === 0) {
        await this.restore(key);
        this.pending.delete(key);
        return true;
      }
      const local = await this.local.fields(key);
      const kept = [...fields].filter((f) => local.has(f));
      const gone = [...fields].filter((f) => !local.has(f));
      if (kept.length > 0) await this.link.run((c) => c.hSet(key, Object.fromEntries(kept.map((f) => [f, local.get(f) ?? '']))));
      if (gone.length > 0) await this.link.run((c) => c.hDel(key, gone));
      this.pending.delete(key);
      return true;
    } catch (error) {
      awayOrThrow(error);
      return false;
    }
  }

  private async restore(key: string): Promise<void> {
    const local = await this.local.fields(key);
    if (local.size > 0) await this.link.run((c) => evalScript(c, RESTORE, [key], pairs(local)));
  }
}

/** Lets only an outage through to the local fallback; anything else (Redis refusing a command) surfaces. */
function awayOrThrow(error: unknown): void {
  if (!(error instanceof RedisUnavailableError)) throw error;
}
