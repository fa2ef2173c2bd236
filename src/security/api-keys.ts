import { createHash, timingSafeEqual } from 'node:crypto';

/** Lowercase hex SHA-256 of an API key: the only form of a key ShopGraph keeps. */
export function apiKeySha256(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Finds the entry whose key hash matches the presented key. Hashing first makes every comparison
 * the same length, and every entry is compared (no early exit), so timing tells nothing about
 * which keys exist or how much of one matched.
 */
export function matchApiKey<T extends { apiKeySha256: string }>(entries: readonly T[], presented: string): T | undefined {
  const digest = Buffer.from(apiKeySha256(presented), 'hex');
  let found: T | undefined;
  for (const entry of entries) {
    const expected = Buffer.from(entry.apiKeySha256, 'hex');
    if (expected.length === digest.length && timingSafeEqual(expected, digest) && !found) found = entry;
  }
  return found;
}
