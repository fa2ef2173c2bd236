/**
 * Seller tokens at rest: AES-256-GCM with a random 96-bit IV per write, where the value lives (its
 * key, and field) as associated data (a blob copied under another app's key or another seller's
 * field does not decrypt), and a version prefix. Redis holds the sealed blobs so replicas share
 * each seller's refresh chain; a local copy answers while Redis is away.
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf (GCM, 96-bit IVs)
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { BackendTokenStore, type Codec, type SecretBackend } from './seller-store';
import { KEY_FAMILIES } from '../../config/storage-keys';

export { MemorySecretBackend, type SecretBackend } from './seller-store';
export { RedisSecretBackend } from './redis-secret-backend';
export { parseEncryptionKey } from '../../config/encryption-key';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM sealing with the given key. */
function aesCodec(key: Buffer): Codec {
  return {
    seal(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(blob, aad) {
      const [version, data] = blob.split('.');
      const raw = Buffer.from(data ?? '', 'base64');
      if (version !== VERSION || raw.length < IV_BYTES + TAG_BYTES) throw new Error('stored tokens are not in a format this version reads');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(aad));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('stored tokens cannot be decrypted: SHOPGRAPH_ENCRYPTION_KEY is not the key they were written with');
      }
    },
  };
}

/** A {@link TokenStore} that seals every record (and every seller entry) before it reaches the backend. */
export class EncryptedTokenStore extends BackendTokenStore {
  constructor(backend: SecretBackend, key: Buffer, prefix = `${KEY_FAMILIES.sealedTokens}:`, now: () => number = Date.now) {
    if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
    super(backend, aesCodec(key), prefix, now);
  }
}
