import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CacheStore } from '../cache/cache-store';
import { UpstreamError } from '../datasources/upstream-error';
import type { Logger } from '../telemetry/logger';

/** How long a seller has between `/start` and TikTok's redirect back. */
export const STATE_TTL_MS = 10 * 60_000;

/** Options of {@link registerOAuthRoutes}. */
export interface OAuthOptions {
  /** The app's authorization link from Partner Center; `state` is added to it. */
  authorizeUrl: string;
  /** Signs `state` (a key derived from it, never the secret itself). */
  appSecret: string;
  /** Issued nonces, each usable once. */
  nonces: CacheStore;
  /** Exchanges the code and stores the tokens (sealed). */
  exchange(code: string): Promise<{ sellerName: string }>;
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

const keyOf = (nonce: string) => `oauth:v1:state:${nonce}`;

/**
 * Seller onboarding: `GET /oauth/tiktok-shop/start` redirects to TikTok's authorization page with
 * a fresh `state`; `GET /oauth/tiktok-shop/callback?code=&state=` accepts only such a state and
 * exchanges the code.
 */
export function registerOAuthRoutes(app: FastifyInstance, options: OAuthOptions): void {
  const states = new OAuthStates(options.appSecret, options.nonces, options.now);
  app.get('/oauth/tiktok-shop/start', async (_request, reply) => {
    const target = new URL(options.authorizeUrl);
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
      const { sellerName } = await options.exchange(code);
      options.logger.info({ sellerName }, 'seller authorized the app');
      return reply.send({ status: 'authorized', sellerName });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      options.logger.warn({ kind: error.kind, code: error.details.code }, 'authorization code exchange failed');
      return reply.code(502).send({ error: 'TikTok did not accept the authorization code: start again' });
    }
  });
}
