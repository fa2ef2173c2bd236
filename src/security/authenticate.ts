import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { ErrorCode, publicError } from '../errors';
import { matchApiKey } from './api-keys';
import { LOCAL_CALLER, type BucketSettings, type Caller } from './caller';
import { createJwtVerifier, InvalidTokenError, looksLikeJwt, type JwtSettings } from './jwt';
import { createIdentityVerifier, IDENTITY_HEADER, InvalidIdentityError } from './identity';
import type { Scope } from './scopes';

/** A client from the config file. */
export interface ClientSettings {
  name: string;
  apiKeySha256: string;
  shops: '*' | string[];
  scopes: Scope[];
  cost: BucketSettings;
}

/** Options of {@link createAuthenticator}. */
export interface AuthSettings {
  clients: readonly ClientSettings[];
  jwt?: JwtSettings;
  /**
   * The secret the ShopGraph gateway signs forwarded identities with (`SHOPGRAPH_IDENTITY_SECRET`).
   * When set, a request carrying the identity header is that caller, and without one it needs a
   * client credential: authentication is on even with no client configured.
   */
  identitySecret?: string;
  /** @default Date.now */
  now?: () => number;
}

/** Turns a request's credentials into its {@link Caller}. */
export interface Authenticator {
  /** False when no client and no JWT issuer is configured: everyone is the local caller. */
  readonly enabled: boolean;
  /** @throws GraphQLError `UNAUTHENTICATED` (HTTP 401) when the credentials prove no caller. */
  authenticate(headers: IncomingHttpHeaders): Promise<Caller>;
}

/**
 * API keys travel as `Authorization: Bearer <key>` or `x-api-key: <key>` and are matched by
 * SHA-256 in constant time; a bearer credential shaped like a JWT is verified as one when JWTs
 * are configured. A request from the ShopGraph gateway carries its caller in the signed
 * {@link IDENTITY_HEADER} instead, verified with `identitySecret`.
 */
export function createAuthenticator(settings: AuthSettings): Authenticator {
  const enabled = settings.clients.length > 0 || settings.jwt !== undefined || settings.identitySecret !== undefined;
  const verifyIdentity = settings.identitySecret ? createIdentityVerifier(settings.identitySecret, settings.now) : undefined;
  const verifyJwt = settings.jwt ? createJwtVerifier(settings.jwt, settings.now) : undefined;
  const clients = settings.clients.map((c): Caller & { apiKeySha256: string } => ({
    name: c.name,
    kind: 'api-key',
    apiKeySha256: c.apiKeySha256,
    shops: c.shops === '*' ? '*' : new Set(c.shops),
    scopes: new Set(c.scopes),
    cost: c.cost,
  }));

  return {
    enabled,
    async authenticate(headers) {
      const identity = headers[IDENTITY_HEADER];
      if (identity !== undefined) {
        // Refused, never ignored, when it cannot be verified: a forged identity must not fall
        // back to the local caller of a subgraph without clients.
        if (!verifyIdentity || typeof identity !== 'string') throw unauthenticated('a forwarded identity is not accepted here');
        try {
          return verifyIdentity(identity);
        } catch (error) {
          if (error instanceof InvalidIdentityError) throw unauthenticated(error.message);
          throw error;
        }
      }
      if (!enabled) return LOCAL_CALLER;
      const credential = credentialOf(headers);
      if (credential === undefined) throw unauthenticated('send an API key as "Authorization: Bearer <key>" or "x-api-key: <key>"');
      if (verifyJwt && looksLikeJwt(credential)) {
        try {
          return await verifyJwt(credential);
        } catch (error) {
          if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
          throw error;
        }
      }
      const client = matchApiKey(clients, credential);
      if (!client) throw unauthenticated('the API key is not valid');
      return client;
    },
  };
}

function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

function unauthenticated(message: string) {
  return publicError(ErrorCode.UNAUTHENTICATED, message, {
    http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
  });
}
