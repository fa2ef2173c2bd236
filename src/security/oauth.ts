import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CacheStore } from '../cache/cache-store';
import type { SellerEntry } from '../datasources/partner/token-store';
import type { Onboarded } from '../datasources/seller-directory';
import { UpstreamError } from '../upstream/upstream-error';
import type { OperatorAccess } from './operator-access';
import type { Logger } from '../telemetry/logger';
import { KEY_FAMILIES } from '../config/storage-keys';

/** How long a seller has between `/start` and TikTok's redirect back. */
export const STATE_TTL_MS = 10 * 60_000;

/** Options of {@link registerOAuthRoutes}. */
export interface OAuthOptions {
  /** The app's authorization link from Partner Center; `state` is added to it. Without it, no onboarding routes. */
  authorizeUrl?: string;
  /** Signs `state` (a key derived from it, never the secret itself). */
  appSecret: string;
  /** Issued nonces, each usable once. */
  nonces: CacheStore;
  /** Exchanges the code and adds the seller's authorization (tokens sealed), beside the others'. */
  authorize(code: string): Promise<Onboarded>;
  /** The sellers who authorized the app. */
  sellers(): Promise<SellerEntry[]>;
  /** Removes one seller's authorization; false when there is none. */
  revoke(sellerId: string): Promise<boolean>;
  /** Whether a request carries an operator's credential (the `operator` scope). */
  operator(headers: IncomingHttpHeaders): Promise<OperatorAccess>;
  logger: Logger;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Signed, single-use `state` nonces: `<nonce>.<expiry ms>.<HMAC>`. The HMAC proves ShopGraph
 * issued it (any replica can check it); the store entry makes it usable once.
 */
export class OAuthStates {
  private readonly key: Buffer;

  constructor(
    appSecret: string,
    private readonly nonces: CacheStore,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, 'shopgraph', 'oauth state', 32));
  }

  async issue(): Promise<string> {
    const nonce = randomBytes(16).toString('base64url');
    const expires = this.now() + STATE_TTL_MS;
    await this.nonces.set(keyOf(nonce), { value: true, storedAt: this.now(), freshUntil: expires }, STATE_TTL_MS);
    return `${nonce}.${expires}.${this.mac(nonce, expires)}`;
  }

  /** True once for a state this issued and that has not expired. */
  async consume(state: string): Promise<boolean> {
    const [nonce, expiresText, mac] = state.split('.');
    if (!nonce || !expiresText || !mac || !/^\d+$/.test(expiresText)) return false;
    const expected = Buffer.from(this.mac(nonce, Number(expiresText)));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    if (Number(expiresText) <= this.now()) return false;
    const entry = await this.nonces.get(keyOf(nonce));
    if (!entry) return false;
    await this.nonces.delete(keyOf(nonce));
    return true;
  }

  private mac(nonce: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${nonce}.${expires}`).digest('base64url');
  }
}

const keyOf = (nonce: string) => `${KEY_FAMILIES.oauthState}:${nonce}`;

/**
 * Seller onboarding and the sellers' list, for operators:
 * - `GET /oauth/tiktok-shop/start` (operator credential) redirects to TikTok's authorization page
 *   with a fresh `state` — the link an operator hands a seller;
 * - `GET /oauth/tiktok-shop/callback?code=&state=` (where TikTok sends the seller back) accepts
 *   only such a state, exchanges the code, and answers which seller and shops were added: the
 *   seller's authorization joins the others', it never replaces another seller's;
 * - `GET /oauth/tiktok-shop/sellers` and `DELETE /oauth/tiktok-shop/sellers/{id}` (operator) list
 *   the sellers and revoke one, touching no other.
 */
export function registerOAuthRoutes(app: FastifyInstance, options: OAuthOptions): void {
  const states = new OAuthStates(options.appSecret, options.nonces, options.now);
  const refused = async (headers: IncomingHttpHeaders, reply: FastifyReply): Promise<boolean> => {
    const access = await options.operator(headers);
    if (access.ok) return false;
    reply.header('cache-control', 'no-store');
    if (access.status === 401) reply.header('www-authenticate', 'Bearer');
    await reply.code(access.status).send({ error: 'this needs an operator credential (a client with the operator scope)' });
    return true;
  };
  const { authorizeUrl } = options;
  if (authorizeUrl) {
    app.get('/oauth/tiktok-shop/start', async (request, reply) => {
      if (await refused(request.headers, reply)) return reply;
      const target = new URL(authorizeUrl);
      target.searchParams.set('state', await states.issue());
      return reply.header('cache-control', 'no-store').redirect(target.toString(), 302);
    });
    app.get('/oauth/tiktok-shop/callback', async (request, reply) => {
      const { code, state } = request.query as Record<string, unknown>;
      reply.header('cache-control', 'no-store');
      if (typeof state !== 'string' || !(await states.consume(state))) {
        return reply.code(400).send({ error: 'state is missing, expired, already used or not issued by ShopGraph: start again' });
      }
      if (typeof code !== 'string' || code === '') return reply.code(400).send({ error: 'code is missing' });
      try {
        return reply.send({ status: 'authorized', ...(await options.authorize(code)) });
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        options.logger.warn({ kind: error.kind, code: error.details.code }, 'authorization code exchange failed');
        return reply.code(502).send({ error: 'TikTok did not accept the authorization code: start again' });
      }
    });
  }
  app.get('/oauth/tiktok-shop/sellers', async (request, reply) => {
    if (await refused(request.headers, reply)) return reply;
    const sellers = await options.sellers();
    return reply.header('cache-control', 'no-store').send({
      sellers: sellers.map((s) => ({
        id: s.id,
        name: s.name,
        region: s.region,
        shopIds: s.shopIds ?? null,
        authorizedAt: new Date(s.authorizedAt).toISOString(),
      })),
    });
  });
  app.delete('/oauth/tiktok-shop/sellers/:id', async (request, reply) => {
    if (await refused(request.headers, reply)) return reply;
    const { id } = request.params as { id: string };
    const removed = /^[\w.-]{1,128}$/.test(id) && (await options.revoke(id));
    return removed ? reply.code(204).send() : reply.code(404).send({ error: `no seller ${JSON.stringify(id)} has authorized the app` });
  });
}
