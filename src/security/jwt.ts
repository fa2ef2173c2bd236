import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { SCOPES, type Scope } from './scopes';
import type { BucketSettings, Caller } from './caller';

/** How JWTs are checked: an HS256 shared secret, or the issuer's JWKS for asymmetric keys. */
export interface JwtSettings {
  /** HS256 secret; when unset, `jwksUrl` is required (the config schema enforces one of them). */
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  cost: BucketSettings;
}

/** A token that does not prove a caller; the message is safe to return (it never echoes the token). */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];
const KNOWN_SCOPES = new Set<string>(SCOPES);

/** A JWS compact serialization: three base64url parts. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}

/**
 * Verifies a JWT and reads its caller: `sub` names it, `shops` (an array of shop ids, or `"*"`)
 * bounds its tenancy and `scope` (space-separated, RFC 8693) its scopes. `exp` is required.
 * jose 6 is an ES module: it is loaded with `import()` so the CommonJS build can use it.
 */
export function createJwtVerifier(settings: JwtSettings, now: () => number = Date.now): (token: string) => Promise<Caller> {
  let jwks: JWTVerifyGetKey | undefined;
  return async (token) => {
    const jose = await import('jose');
    let payload: JWTPayload;
    try {
      const options = { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['exp', 'sub'], currentDate: new Date(now()) };
      if (settings.secret !== undefined) {
        ({ payload } = await jose.jwtVerify(token, new TextEncoder().encode(settings.secret), { ...options, algorithms: ['HS256'] }));
      } else {
        jwks ??= jose.createRemoteJWKSet(new URL(String(settings.jwksUrl)));
        ({ payload } = await jose.jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC }));
      }
    } catch (error) {
      throw new InvalidTokenError(reason(error));
    }
    return callerOf(payload, settings.cost);
  };
}

function callerOf(payload: JWTPayload, cost: BucketSettings): Caller {
  const { shops, scope, sub } = payload;
  const shopList =
    shops === '*' ? '*' : Array.isArray(shops) && shops.every((s) => typeof s === 'string' && /^\d+$/.test(s)) ? new Set(shops as string[]) : undefined;
  if (!shopList) throw new InvalidTokenError('the token\'s "shops" claim must be "*" or an array of shop ids');
  if (typeof scope !== 'string') throw new InvalidTokenError('the token has no "scope" claim');
  const scopes = new Set(scope.split(' ').filter((s): s is Scope => KNOWN_SCOPES.has(s)));
  return { name: `jwt:${sub}`, kind: 'jwt', shops: shopList, scopes, cost };
}

/** jose's error codes, as a caller can act on them. */
function reason(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's "${String((error as { claim?: string }).claim)}" claim is missing or not accepted`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return "the token's signature does not verify";
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return "the token's algorithm is not accepted";
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return "the token issuer's keys could not be fetched";
    default:
      return 'the token is malformed';
  }
}
