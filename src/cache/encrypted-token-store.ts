/**
 * Seller tokens at rest: AES-256-GCM with a random 96-bit IV per write, the record's store key as
 * associated data (a blob copied under another app's key does not decrypt), and a version prefix.
 * Redis holds the sealed blob so replicas share one refresh chain; a local copy answers while
 * Redis is away.
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (GCM, 96-bit IVs)
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TokenRecord, TokenStore } from '../datasources/partner/token-store';
import type { RedisLink } from './redis-link';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where sealed blobs live. */
export interface SecretBackend {
  get(key: string): Promise<string | undefined>;
  /** `ttlMs` undefined: no expiry. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
}

/**
 * A 32-byte key from 64 hex digits or base64 (what `SHOPGRAPH_ENCRYPTION_KEY` holds).
 * @throws RangeError naming the expected forms
 */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(trimmed) && !/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed))) {
    throw new RangeError('the encryption key must be 32 bytes: 64 hex digits or 44 base64 characters (openssl rand -base64 32)');
  }
  return key;
}

/** A {@link TokenStore} that seals every record before it reaches the backend. */
export class EncryptedTokenStore implements TokenStore {
  constructor(
    private readonly backend: SecretBackend,
    private readonly key: Buffer,
    private readonly prefix = 'shopgraph:v1:token:',
    private readonly now: () => number = Date.now,
  ) {
    if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  }

  async get(key: string): Promise<TokenRecord | undefined> {
    const blob = await this.backend.get(this.prefix + key);
    return blob === undefined ? undefined : (JSON.parse(this.open(blob, this.prefix + key)) as TokenRecord);
  }

  async set(key: string, record: TokenRecord): Promise<void> {
    // Kept until the refresh token dies; records seeded without a known expiry are kept forever.
    const ttlMs = record.refreshTokenExpiresAt * 1000 - this.now();
    const keep = ttlMs > 0 && ttlMs < 2 * 365 * 86_400_000 ? ttlMs : undefined;
    await this.backend.set(this.prefix + key, this.seal(JSON.stringify(record), this.prefix + key), keep);
  }

  private seal(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  private open(blob: string, aad: string): string {
    const [version, data] = blob.split('.');
    const raw = Buffer.from(data ?? '', 'base64');
    if (version !== VERSION || raw.length < IV_BYTES + TAG_BYTES) throw new Error('stored tokens are not in a format this version reads');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('stored tokens cannot be decrypted: SHOPGRAPH_ENCRYPTION_KEY is not the key they were written with');
    }
  }
}

/** Process memory: the backend without Redis, and the fallback with it. */
export class MemorySecretBackend implements SecretBackend {
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

/**
 * Redis is the truth while it answers; every value is mirrored locally so a Redis outage does not
 * lose the tokens, and a Redis that came back empty (no persistence) gets them back.
 */
export class RedisSecretBackend implements SecretBackend {
  private readonly local = new MemorySecretBackend();

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
    } catch {
      // Degraded: the link logged it.
    }
    return mirrored;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.local.set(key, value);
    if (!this.link.healthy) return;
    try {
      await this.link.run((c) => c.set(key, value, ttlMs === undefined ? {} : { expiration: { type: 'PX', value: Math.ceil(ttlMs) } }));
    } catch {
      // Kept locally; written to Redis again once a read finds it missing there.
    }
  }
}
