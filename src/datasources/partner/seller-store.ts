/**
 * Token records over a string backend (process memory, or Redis), through a codec (sealing, or
 * none). The sellers of an app are one hash: a `seller:{id}` field (its entry) and a
 * `tokens:{id}` field (its chain) per seller, so adding, replacing or removing a seller is one
 * atomic write that touches no other seller's fields.
 */
import type { SellerEntry, SellerStore, TokenRecord, TokenSlot, TokenStore } from './token-store';

/** Where (sealed) values live: plain keys, and hashes of fields. */
export interface SecretBackend {
  get(key: string): Promise<string | undefined>;
  /** `ttlMs` undefined: no expiry. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Every field of a hash; empty when there is none. */
  fields(key: string): Promise<Map<string, string>>;
  field(key: string, field: string): Promise<string | undefined>;
  /**
   * Sets fields in one atomic write; with `onlyIf`, only while that field exists.
   * @returns whether it wrote
   */
  setFields(key: string, values: Record<string, string>, onlyIf?: string): Promise<boolean>;
  /** @returns whether the first field existed */
  deleteFields(key: string, fields: readonly string[]): Promise<boolean>;
}

/** Turns a JSON text into what the backend keeps, and back; `aad` names where the value lives. */
export interface Codec {
  seal(text: string, aad: string): string;
  open(blob: string, aad: string): string;
}

/** No sealing: for process memory, which holds the tokens in clear anyway. */
export const PLAIN_CODEC: Codec = { seal: (text) => text, open: (blob) => blob };

/** Process memory: the backend without Redis, and the fallback with it. */
export class MemorySecretBackend implements SecretBackend {
  private readonly values = new Map<string, string>();
  private readonly hashes = new Map<string, Map<string, string>>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async fields(key: string): Promise<Map<string, string>> {
    return new Map(this.hashes.get(key));
  }

  async field(key: string, field: string): Promise<string | undefined> {
    return this.hashes.get(key)?.get(field);
  }

  async setFields(key: string, values: Record<string, string>, onlyIf?: string): Promise<boolean> {
    const hash = this.hashes.get(key) ?? new Map<string, string>();
    if (onlyIf !== undefined && !hash.has(onlyIf)) return false;
    for (const [field, value] of Object.entries(values)) hash.set(field, value);
    this.hashes.set(key, hash);
    return true;
  }

  /** Makes a hash exactly `values` (a mirror taking what Redis holds). */
  replaceFields(key: string, values: Map<string, string>): void {
    this.hashes.set(key, new Map(values));
  }

  async deleteFields(key: string, fields: readonly string[]): Promise<boolean> {
    const hash = this.hashes.get(key);
    const existed = fields[0] !== undefined && hash?.has(fields[0]) === true;
    for (const field of fields) hash?.delete(field);
    return existed;
  }
}

/** Marks the sellers' hash as written, so an empty one (every seller revoked) is told from a lost one. */
export const DIRECTORY_FIELD = 'directory';

/** {@link TokenStore} over a backend and a codec. */
export class BackendTokenStore implements TokenStore {
  constructor(
    private readonly backend: SecretBackend,
    private readonly codec: Codec,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<TokenRecord | undefined> {
    const blob = await this.backend.get(this.prefix + key);
    return blob === undefined ? undefined : (JSON.parse(this.codec.open(blob, this.prefix + key)) as TokenRecord);
  }

  async set(key: string, record: TokenRecord): Promise<void> {
    // Kept until the refresh token dies; records seeded without a known expiry are kept forever.
    const ttlMs = record.refreshTokenExpiresAt * 1000 - this.now();
    const keep = ttlMs > 0 && ttlMs < 2 * 365 * 86_400_000 ? ttlMs : undefined;
    await this.backend.set(this.prefix + key, this.codec.seal(JSON.stringify(record), this.prefix + key), keep);
  }

  sellers(app: string): SellerStore {
    return new BackendSellerStore(this.backend, this.codec, `${this.prefix}sellers:${app}`);
  }
}

const sellerField = (id: string) => `seller:${id}`;
const tokensField = (id: string) => `tokens:${id}`;

/** One app's sellers: one hash, each value sealed with its key and field as associated data. */
class BackendSellerStore implements SellerStore {
  constructor(
    private readonly backend: SecretBackend,
    private readonly codec: Codec,
    private readonly key: string,
  ) {}

  async list(): Promise<SellerEntry[]> {
    const fields = await this.backend.fields(this.key);
    const entries: SellerEntry[] = [];
    for (const [field, blob] of fields) if (field.startsWith('seller:')) entries.push(this.open<SellerEntry>(field, blob));
    return entries;
  }

  async put(entry: SellerEntry, tokens: TokenRecord): Promise<void> {
    await this.backend.setFields(this.key, {
      [DIRECTORY_FIELD]: 'v1',
      [sellerField(entry.id)]: this.seal(sellerField(entry.id), entry),
      [tokensField(entry.id)]: this.seal(tokensField(entry.id), tokens),
    });
  }

  update(entry: SellerEntry): Promise<boolean> {
    const field = sellerField(entry.id);
    return this.backend.setFields(this.key, { [field]: this.seal(field, entry) }, field);
  }

  remove(id: string): Promise<boolean> {
    return this.backend.deleteFields(this.key, [sellerField(id), tokensField(id)]);
  }

  tokens(id: string): TokenSlot {
    const field = tokensField(id);
    return {
      read: async () => {
        const blob = await this.backend.field(this.key, field);
        return blob === undefined ? undefined : this.open<TokenRecord>(field, blob);
      },
      // Only while the seller is listed: a refresh finishing after a revocation must not bring its chain back.
      write: (record) => this.backend.setFields(this.key, { [field]: this.seal(field, record) }, sellerField(id)),
    };
  }

  private seal(field: string, value: SellerEntry | TokenRecord): string {
    return this.codec.seal(JSON.stringify(value), `${this.key}#${field}`);
  }

  private open<T>(field: string, blob: string): T {
    return JSON.parse(this.codec.open(blob, `${this.key}#${field}`)) as T;
  }
}
