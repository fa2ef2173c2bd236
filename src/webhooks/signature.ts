import { signaturesEqual, signWebhook } from '../datasources/partner/signing';

/**
 * Whether `authorization` is TikTok's signature of these exact bytes: lowercase hex
 * HMAC-SHA256(app_secret, app_key + raw body), compared in constant time. Verifying the raw bytes
 * (not re-serialized JSON) is what makes the check meaningful.
 * @see docs/tiktok-api.md (Webhooks)
 */
export function verifyWebhookSignature(appKey: string, appSecret: string, raw: Buffer, authorization: string | undefined): boolean {
  if (!authorization) return false;
  return signaturesEqual(signWebhook(appKey, appSecret, raw), authorization.trim().toLowerCase());
}
