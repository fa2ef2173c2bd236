import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Authenticator } from './authenticate';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether a request may see operator-only answers, and if not, the HTTP status that says why. */
export type OperatorAccess = { ok: true } | { ok: false; status: 401 | 403 };

/**
 * Who may read operator-only answers (`/metrics`, `/readyz`'s details): the METRICS_TOKEN bearer,
 * or an authenticated caller with the `operator` scope. With authentication off (loopback only)
 * the local caller is an operator — unless METRICS_TOKEN is set, which then alone opens them, as
 * it did before the scope existed. Tenants' keys do not: `/metrics` holds every tenant's
 * operation names and shop ids, `/readyz`'s details a Redis address and upstream error text
 * (issue 17, finding 8).
 */
export function operatorAccess(authenticator: Authenticator, token: string | undefined): (headers: IncomingHttpHeaders) => Promise<OperatorAccess> {
  const expected = token === undefined ? undefined : digest(token);
  return async (headers) => {
    if (expected) {
      const given = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
      // Compare digests: equal length, constant time, and the token never reaches a log.
      if (timingSafeEqual(digest(given), expected)) return { ok: true };
      if (!authenticator.enabled) return { ok: false, status: 401 };
    }
    try {
      const caller = await authenticator.authenticate(headers);
      return caller.scopes.has('operator') ? { ok: true } : { ok: false, status: 403 };
    } catch {
      return { ok: false, status: 401 };
    }
  };
}
