/** The key sealing seller tokens at rest: read here so the config's schema can refuse a bad one at start-up. */

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
