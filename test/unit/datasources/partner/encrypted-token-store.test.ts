import { randomBytes } from 'node:crypto';
import { EncryptedTokenStore, MemorySecretBackend, parseEncryptionKey } from '../../../../src/datasources/partner/encrypted-token-store';
import type { TokenRecord } from '../../../../src/datasources/partner/token-store';

const record: TokenRecord = {
  accessToken: 'ROW_access-token-secret',
  accessTokenExpiresAt: 2_000_000_000,
  refreshToken: 'ROW_refresh-token-secret',
  refreshTokenExpiresAt: 2_000_600_000,
  openId: 'open-1',
  sellerName: 'Seller',
  sellerBaseRegion: 'US',
  userType: 0,
  grantedScopes: ['seller.order.info'],
};

/** A backend that shows what it was given. */
class SpyBackend extends MemorySecretBackend {
  readonly writes: { key: string; value: string; ttlMs?: number }[] = [];
  override async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.writes.push({ key, value, ttlMs });
    await super.set(key, value);
  }
}

describe('EncryptedTokenStore', () => {
  const key = randomBytes(32);

  it('round-trips a record and never hands the backend a token in clear', async () => {
    const backend = new SpyBackend();
    const store = new EncryptedTokenStore(backend, key, 'p:', () => 1_999_999_000_000);
    await store.set('app', record);
    await expect(store.get('app')).resolves.toEqual(record);
    const [write] = backend.writes;
    expect(write!.key).toBe('p:app');
    expect(write!.value).toMatch(/^v1\.[A-Za-z0-9+/=]+$/);
    expect(write!.value).not.toContain('ROW_');
    expect(Buffer.from(write!.value.slice(3), 'base64').toString('latin1')).not.toContain('secret');
    // Kept until the refresh token expires.
    expect(write!.ttlMs).toBe(2_000_600_000_000 - 1_999_999_000_000);
    await expect(store.get('missing')).resolves.toBeUndefined();
  });

  it('uses a fresh IV per write', async () => {
    const backend = new SpyBackend();
    const store = new EncryptedTokenStore(backend, key);
    await store.set('app', record);
    await store.set('app', record);
    expect(backend.writes[0]!.value).not.toBe(backend.writes[1]!.value);
  });

  it('refuses a blob read with another key, tampered with, or moved under another store key', async () => {
    const backend = new MemorySecretBackend();
    await new EncryptedTokenStore(backend, key).set('app-a', record);
    await expect(new EncryptedTokenStore(backend, randomBytes(32)).get('app-a')).rejects.toThrow(/SHOPGRAPH_ENCRYPTION_KEY/);

    const blob = (await backend.get('shopgraph:v1:token:app-a'))!;
    const raw = Buffer.from(blob.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    const tampered = new MemorySecretBackend();
    await tampered.set('shopgraph:v1:token:app-a', `v1.${raw.toString('base64')}`);
    await expect(new EncryptedTokenStore(tampered, key).get('app-a')).rejects.toThrow(/cannot be decrypted/);

    await backend.set('shopgraph:v1:token:app-b', blob);
    await expect(new EncryptedTokenStore(backend, key).get('app-b')).rejects.toThrow(/cannot be decrypted/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new EncryptedTokenStore(new MemorySecretBackend(), randomBytes(16))).toThrow(RangeError);
  });
});

describe('parseEncryptionKey', () => {
  it('reads 64 hex digits or base64 of 32 bytes', () => {
    const bytes = randomBytes(32);
    expect(parseEncryptionKey(bytes.toString('hex'))).toEqual(bytes);
    expect(parseEncryptionKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseEncryptionKey(` ${bytes.toString('base64')}\n`)).toEqual(bytes);
  });

  it('refuses anything else, saying what is expected', () => {
    for (const bad of ['', 'short', randomBytes(16).toString('base64'), randomBytes(33).toString('hex'), 'z'.repeat(64)]) {
      expect(() => parseEncryptionKey(bad)).toThrow(/32 bytes: 64 hex digits or 44 base64/);
    }
  });
});
