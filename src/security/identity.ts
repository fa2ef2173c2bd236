import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from './caller';
import { SCOPES } from './scopes';

export { IDENTITY_HEADER } from '../config/identity-header';

/** How far a signed identity's timestamp may be from the verifier's clock: the replay window. */
export const IDENTITY_MAX_SKEW_MS = 60_000;

/** Prefixed to what is signed, so these MACs can never be mistaken for another use of the secret. */
const DOMAIN = 'shopgraph-identity/v1\n';

/**
 * Who the gateway is when it asks for itself (schema loading, health checks): it sees no shop
 * and holds no scope.
 */
export const GATEWAY_CALLER: Caller = { name: 'gateway', kind: 'local', shops: new Set(), scopes: new Set() };

const payloadSchema = z
  .object({
    v: z.literal(1),
    iat: z.number().int().nonnegative(),
    name: z.string().min(1).max(1024),
    kind: z.enum(['api-key', 'jwt', 'local']),
    shops: z.union([z.literal('*'), z.array(z.string().regex(/^\d+$/))]),
    scopes: z.array(z.enum(SCOPES)),
  })
  .strict();

/** A header that proves no caller; the message is safe to return (it never echoes the header). */
export class InvalidIdentityError extends Error {
  override readonly name = 'InvalidIdentityError';
}

/**
 * The canonical JSON of a caller at a time: fixed key order, shops and scopes sorted, so one
 * caller always signs to the same bytes. The cost bucket is left out on purpose: the gateway
 * already charged the whole operation to it.
 */
export function canonicalIdentity(caller: Caller, issuedAt: number): string {
  return JSON.stringify({
    v: 1,
    iat: issuedAt,
    name: caller.name,
    kind: caller.kind,
    shops: caller.shops === '*' ? '*' : [...caller.shops].sort(),
    scopes: [...caller.scopes].sort(),
  });
}

function mac(secret: string, json: string): Buffer {
  return createHmac('sha256', secret)
    .update(DOMAIN + json, 'utf8')
    .digest();
}

/** The {@link IDENTITY_HEADER} value for a caller, signed now. */
export function signIdentity(caller: Caller, secret: string, now: number = Date.now()): string {
  const json = canonicalIdentity(caller, now);
  return `${Buffer.from(json, 'utf8').toString('base64url')}.${mac(secret, json).toString('base64url')}`;
}

/**
 * Verifies {@link IDENTITY_HEADER} values: the HMAC is compared in constant time before the
 * payload is even parsed, then the timestamp must be within {@link IDENTITY_MAX_SKEW_MS}.
 * @throws InvalidIdentityError when the header proves no caller
 */
export function createIdentityVerifier(secret: string, now: () => number = Date.now): (header: string) => Caller {
  return (header) => {
    const match = /^([\w-]{1,16384})\.([\w-]{43})$/.exec(header);
    if (!match) throw new InvalidIdentityError('the forwarded identity is malformed');
    const json = Buffer.from(String(match[1]), 'base64url').toString('utf8');
    const given = Buffer.from(String(match[2]), 'base64url');
    const expected = mac(secret, json);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidIdentityError("the forwarded identity's signature does not verify");
    }
    let payload: z.infer<typeof payloadSchema>;
    try {
      payload = payloadSchema.parse(JSON.parse(json));
    } catch {
      throw new InvalidIdentityError('the forwarded identity is malformed');
    }
    if (Math.abs(now() - payload.iat) > IDENTITY_MAX_SKEW_MS) throw new InvalidIdentityError('the forwarded identity has expired');
    return { name: payload.name, kind: payload.kind, shops: payload.shops === '*' ? '*' : new Set(payload.shops), scopes: new Set(payload.scopes) };
  };
}
