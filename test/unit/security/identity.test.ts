import { GraphQLError } from 'graphql';
import {
  canonicalIdentity,
  createIdentityVerifier,
  IDENTITY_HEADER,
  IDENTITY_MAX_SKEW_MS,
  InvalidIdentityError,
  signIdentity,
} from '../../../src/security/identity';
import { createAuthenticator } from '../../../src/security/authenticate';
import type { Caller } from '../../../src/security/caller';

const SECRET = 'identity-secret-of-at-least-32-characters';
const NOW = Date.UTC(2026, 0, 15, 12);
const CALLER: Caller = {
  name: 'acme',
  kind: 'api-key',
  shops: new Set(['222', '111']),
  scopes: new Set(['orders:read', 'shops:read']),
  cost: { bucket: 10, restorePerSecond: 1 },
};

const verify = createIdentityVerifier(SECRET, () => NOW);

function refusal(header: string): string {
  try {
    verify(header);
  } catch (error) {
    if (error instanceof InvalidIdentityError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('signed forwarded identity', () => {
  it('is canonical: the same caller signs to the same bytes whatever the order of its shops and scopes', () => {
    const reordered: Caller = { ...CALLER, shops: new Set(['111', '222']), scopes: new Set(['shops:read', 'orders:read']) };
    expect(canonicalIdentity(CALLER, NOW)).toBe(canonicalIdentity(reordered, NOW));
    expect(canonicalIdentity(CALLER, NOW)).toBe(
      `{"v":1,"iat":${NOW},"name":"acme","kind":"api-key","shops":["111","222"],"scopes":["orders:read","shops:read"]}`,
    );
    expect(signIdentity(CALLER, SECRET, NOW)).toBe(signIdentity(reordered, SECRET, NOW));
  });

  it('verifies back to the caller, without its cost bucket (the gateway charged it)', () => {
    const caller = verify(signIdentity(CALLER, SECRET, NOW - 1000));
    expect(caller).toEqual({ name: 'acme', kind: 'api-key', shops: new Set(['111', '222']), scopes: new Set(['orders:read', 'shops:read']) });
    expect(verify(signIdentity({ ...CALLER, shops: '*' }, SECRET, NOW)).shops).toBe('*');
  });

  it('refuses another secret, a changed payload, a changed signature and garbage', () => {
    const valid = signIdentity(CALLER, SECRET, NOW);
    const [payload = '', signature = ''] = valid.split('.');
    const widened = Buffer.from(canonicalIdentity({ ...CALLER, shops: '*' }, NOW)).toString('base64url');
    expect(refusal(signIdentity(CALLER, 'another-secret-of-at-least-32-characters', NOW))).toBe("the forwarded identity's signature does not verify");
    expect(refusal(`${widened}.${signature}`)).toBe("the forwarded identity's signature does not verify");
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(refusal(`${payload}.${flipped}`)).toBe("the forwarded identity's signature does not verify");
    for (const garbage of ['', 'x', `${payload}.`, `.${signature}`, `${payload}.${signature}.x`, `${payload} .${signature}`]) {
      expect(refusal(garbage)).toBe('the forwarded identity is malformed');
    }
  });

  it('refuses a signed payload that is not an identity', () => {
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const json = JSON.stringify({ v: 1, iat: NOW, name: 'x', kind: 'root', shops: '*', scopes: [] });
    const mac = createHmac('sha256', SECRET).update(`shopgraph-identity/v1\n${json}`).digest('base64url');
    expect(refusal(`${Buffer.from(json).toString('base64url')}.${mac}`)).toBe('the forwarded identity is malformed');
  });

  it(`refuses an identity signed more than ${IDENTITY_MAX_SKEW_MS / 1000} s away from now (replays)`, () => {
    expect(verify(signIdentity(CALLER, SECRET, NOW - IDENTITY_MAX_SKEW_MS)).name).toBe('acme');
    expect(refusal(signIdentity(CALLER, SECRET, NOW - IDENTITY_MAX_SKEW_MS - 1))).toBe('the forwarded identity has expired');
    expect(refusal(signIdentity(CALLER, SECRET, NOW + IDENTITY_MAX_SKEW_MS + 1))).toBe('the forwarded identity has expired');
  });
});

describe('authenticator with an identity secret', () => {
  const auth = createAuthenticator({ clients: [], identitySecret: SECRET, now: () => NOW });

  async function codeOf(promise: Promise<unknown>): Promise<{ code: unknown; status: unknown; message: string }> {
    try {
      await promise;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { code: error.extensions.code, status: (error.extensions.http as { status: number }).status, message: error.message };
    }
    throw new Error('expected a refusal');
  }

  it('is on without any client, and takes the caller from a verified header', async () => {
    expect(auth.enabled).toBe(true);
    const caller = await auth.authenticate({ [IDENTITY_HEADER]: signIdentity(CALLER, SECRET, NOW) });
    expect(caller).toMatchObject({ name: 'acme', kind: 'api-key' });
  });

  it('refuses (401) a missing, forged or repeated header, never falling back to the local caller', async () => {
    expect(await codeOf(auth.authenticate({}))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    const forged = signIdentity({ ...CALLER, shops: '*' }, 'not-the-secret-but-32-characters-long', NOW);
    expect(await codeOf(auth.authenticate({ [IDENTITY_HEADER]: forged }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: "the forwarded identity's signature does not verify",
    });
    const valid = signIdentity(CALLER, SECRET, NOW);
    expect(await codeOf(auth.authenticate({ [IDENTITY_HEADER]: [valid, valid] as unknown as string }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a forwarded identity where no secret is configured, even with authentication off', async () => {
    const open = createAuthenticator({ clients: [] });
    expect(open.enabled).toBe(false);
    expect(await codeOf(open.authenticate({ [IDENTITY_HEADER]: signIdentity(CALLER, SECRET, NOW) }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'a forwarded identity is not accepted here',
    });
  });
});
