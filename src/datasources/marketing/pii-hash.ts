/**
 * Normalization and SHA-256 hashing of customer identifiers for the Events API. TikTok matches
 * on `sha256(lowercased trimmed email)`, `sha256(E.164 phone)` and `sha256(external_id)`
 * (lowercase hex); hashing here, before anything is serialized, keeps raw PII out of requests
 * and logs.
 *
 * @see docs/tiktok-api.md ("Events API")
 */
import { createHash } from 'node:crypto';

/** The hashed identifiers of one customer, in the Events API `user` shape. */
export interface HashedUserIds {
  email?: string[];
  phone?: string[];
  external_id?: string[];
}

/** Raw identifiers as an order carries them. */
export interface RawUserIds {
  email?: string | null;
  phone?: string | null;
  externalId?: string | null;
}

/** Lowercase hex SHA-256 of the UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * TikTok Shop masks what it shows sellers (`(+1)213-***-1234`, `j***@gmail.com`): a masked value
 * hashes to nobody's identifier, so it is dropped rather than sent.
 */
const MASKED = /\*/;

/** `"  Ann@Example.COM "` → `"ann@example.com"`; blank, masked or not an address → undefined. */
export function normalizeEmail(email: string): string | undefined {
  const normalized = email.trim().toLowerCase();
  return normalized && !MASKED.test(normalized) && /^[^\s@]+@[^\s@]+$/.test(normalized) ? normalized : undefined;
}

/**
 * `"+1 (213) 373-4253"` → `"+12133734253"`; `"0044 20..."` → `"+4420..."`. A number without its
 * country code is dropped (undefined) rather than guessed: a wrong guess would hash to another
 * person's number. So is a masked one.
 */
export function normalizePhoneE164(phone: string): string | undefined {
  if (MASKED.test(phone)) return undefined;
  const compact = phone.replace(/[\s\-().]/g, '').replace(/^00/, '+');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}

/** Normalizes and hashes whichever identifiers are present and usable. */
export function hashUserIds({ email, phone, externalId }: RawUserIds): HashedUserIds {
  const hashed: HashedUserIds = {};
  const normalizedEmail = email ? normalizeEmail(email) : undefined;
  const normalizedPhone = phone ? normalizePhoneE164(phone) : undefined;
  const normalizedExternalId = externalId?.trim();
  if (normalizedEmail) hashed.email = [sha256Hex(normalizedEmail)];
  if (normalizedPhone) hashed.phone = [sha256Hex(normalizedPhone)];
  if (normalizedExternalId) hashed.external_id = [sha256Hex(normalizedExternalId)];
  return hashed;
}
