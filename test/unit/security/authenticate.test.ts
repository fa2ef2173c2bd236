import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { apiKeySha256 } from '../../../src/security/api-keys';
import { createAuthenticator, type ClientSettings } from '../../../src/security/authenticate';
import { SCOPES } from '../../../src/security/scopes';

const COST = { bucket: 1000, restorePerSecond: 50 };
const CLIENT: ClientSettings = { name: 'acme', apiKeySha256: apiKeySha256('sg_live_acme'), shops: ['111'], scopes: ['orders:read'], cost: COST };
const SECRET = 'an-hs256-secret-of-at-least-32-chars!';
const NOW = Date.UTC(2026, 0, 15);

async function codeOf(promise: Promise<unknown>): Promise<{ code: unknown; status: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const http = error.extensions.http as { status: number };
    return { code: error.extensions.code, status: http.status, message: error.message };
  }
  throw new Error('expected a refusal');
}

async function hs256(claims: Record<string, unknown>, secret = SECRET, expiresAt = NOW / 1000 + 3600): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(expiresAt).sign(new TextEncoder().encode(secret));
}

describe('createAuthenticator', () => {
  it('without clients or JWT, everyone is the local caller (all shops, all scopes, no bucket)', async () => {
    const auth = createAuthenticator({ clients: [] });
    expect(auth.enabled).toBe(false);
    const caller = await auth.authenticate({});
    expect(caller).toMatchObject({ name: 'local', kind: 'local', shops: '*' });
    expect(caller.scopes).toEqual(new Set(SCOPES));
    expect(caller.cost).toBeUndefined();
  });

  it('takes the API key from Authorization: Bearer or x-api-key', async () => {
    const auth = createAuthenticator({ clients: [CLIENT] });
    for (const headers of [{ authorization: 'Bearer sg_live_acme' }, { authorization: 'bearer  sg_live_acme' }, { 'x-api-key': 'sg_live_acme' }]) {
      const caller = await auth.authenticate(headers);
      expect(caller).toMatchObject({ name: 'acme', kind: 'api-key', cost: COST });
      expect(caller.shops).toEqual(new Set(['111']));
      expect([...caller.scopes]).toEqual(['orders:read']);
    }
  });

  it('answers UNAUTHENTICATED (401) without credentials or with a wrong key, never echoing it', async () => {
    const auth = createAuthenticator({ clients: [CLIENT] });
    expect(await codeOf(auth.authenticate({}))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    for (const headers of [{ authorization: 'Bearer sg_live_other' }, { authorization: 'Basic c2c=' }, { 'x-api-key': 'sg_live_acm' }]) {
      const refusal = await codeOf(auth.authenticate(headers));
      expect(refusal).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
      expect(refusal.message).not.toMatch(/sg_live|c2c=/);
    }
  });

  describe('JWT (HS256)', () => {
    const auth = createAuthenticator({ clients: [CLIENT], jwt: { secret: SECRET, issuer: 'https://id.example', cost: COST }, now: () => NOW });
    const claims = { sub: 'dash', iss: 'https://id.example', shops: ['111', '222'], scope: 'orders:read metrics:read unknown:scope' };

    it('reads shops and scope claims', async () => {
      const caller = await auth.authenticate({ authorization: `Bearer ${await hs256(claims)}` });
      expect(caller).toMatchObject({ name: 'jwt:dash', kind: 'jwt', cost: COST });
      expect(caller.shops).toEqual(new Set(['111', '222']));
      expect([...caller.scopes]).toEqual(['orders:read', 'metrics:read']);
      expect((await auth.authenticate({ authorization: `Bearer ${await hs256({ ...claims, shops: '*' })}` })).shops).toBe('*');
    });

    it.each([
      ['expired', async () => hs256(claims, SECRET, NOW / 1000 - 1), /expired/],
      ['signed with another secret', async () => hs256(claims, 'x'.repeat(40)), /signature/],
      ['from another issuer', async () => hs256({ ...claims, iss: 'https://evil.example' }), /"iss"/],
      ['without a shops claim', async () => hs256({ ...claims, shops: undefined }), /shops/],
      ['with shops that are not ids', async () => hs256({ ...claims, shops: ['111', 'x'] }), /shops/],
      ['without a scope claim', async () => hs256({ ...claims, scope: undefined }), /scope/],
      [
        'unsigned (alg none)',
        async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
        /algorithm|malformed/,
      ],
    ])('refuses a token %s', async (_name, token, reason) => {
      const refusal = await codeOf(auth.authenticate({ authorization: `Bearer ${await token()}` }));
      expect(refusal).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
      expect(refusal.message).toMatch(reason);
    });
  });

  describe('JWT (JWKS)', () => {
    let server: Server;
    let url: string;
    let sign: (claims: Record<string, unknown>) => Promise<string>;

    beforeAll(async () => {
      const jose = await import('jose');
      const { privateKey, publicKey } = await jose.generateKeyPair('ES256');
      const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      sign = (claims) =>
        new jose.SignJWT(claims)
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .setExpirationTime(NOW / 1000 + 60)
          .sign(privateKey);
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it("verifies against the issuer's published keys and refuses an HS256 token", async () => {
      const auth = createAuthenticator({ clients: [], jwt: { jwksUrl: url, cost: COST }, now: () => NOW });
      const caller = await auth.authenticate({ authorization: `Bearer ${await sign({ sub: 'svc', shops: '*', scope: 'shops:read' })}` });
      expect(caller).toMatchObject({ name: 'jwt:svc', shops: '*' });
      const forged = await hs256({ sub: 'svc', shops: '*', scope: 'shops:read' });
      expect(await codeOf(auth.authenticate({ authorization: `Bearer ${forged}` }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
});
