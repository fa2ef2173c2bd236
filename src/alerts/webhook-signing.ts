/**
 * How an alert webhook is signed (docs/alerts.md, Verifying a webhook). Each rule has its own
 * signing secret, derived from the deployment's `SHOPGRAPH_ALERT_WEBHOOK_SECRET` and the rule id
 * (HMAC-SHA256), so a client can verify its rules' webhooks and forge nobody else's; ShopGraph
 * stores no per-rule secret, and rotating the deployment's secret rotates them all. The
 * signature covers the timestamp and the exact body bytes: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256(rule secret, "<t>.<body>")>`, so a replayed body with a new timestamp fails, and a
 * receiver rejects timestamps older than its tolerance.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The request header carrying the signature. */
export const SIGNATURE_HEADER = 'shopgraph-signature';
/** The request header carrying the alert's id, the same on every retry (the idempotency key). */
export const EVENT_ID_HEADER = 'shopgraph-event-id';

const PREFIX = 'whsec_';

/** The rule's signing secret, as its client is given it when it registers the rule. */
export function ruleSigningSecret(deploymentSecret: string, ruleId: string): string {
  return PREFIX + createHmac('sha256', deploymentSecret).update(`shopgraph alert webhook v1:${ruleId}`).digest('base64url');
}

/** The signature header's value for `body` sent at `unixSeconds`. */
export function signatureHeader(ruleSecret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', ruleSecret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Checks a signature header as a receiver should (also used by ShopGraph's tests): the `v1`
 * HMAC of the timestamp and raw body, compared in constant time, and a timestamp within
 * `toleranceSeconds` of `nowSeconds`.
 */
export function verifySignature(ruleSecret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || given === undefined || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', ruleSecret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
