import { captureLogs, expectNoSecrets, startSecuredStack, type SecuredStack } from './helpers';

const AUTHORIZE = 'https://services.tiktokshop.com/open/authorize?service_id=7000000000000000001';
const logs = captureLogs();
const codes: string[] = [];
let stack: SecuredStack;
let base: string;

beforeAll(async () => {
  stack = await startSecuredStack({ logger: logs.logger, env: { TTS_AUTHORIZE_URL: AUTHORIZE } });
  base = stack.server.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await stack?.close();
  expectNoSecrets(logs.text(), [...codes, stack.emulator.tokens.appSecret]);
});

async function start(): Promise<string> {
  const res = await fetch(`${base}/oauth/tiktok-shop/start`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe('https://services.tiktokshop.com/open/authorize');
  expect(location.searchParams.get('service_id')).toBe('7000000000000000001');
  return location.searchParams.get('state')!;
}

const callback = (query: Record<string, string>) => fetch(`${base}/oauth/tiktok-shop/callback?${new URLSearchParams(query)}`);

describe('seller onboarding (OAuth)', () => {
  it('sends the seller to TikTok with a signed state and exchanges the code it comes back with, once', async () => {
    const state = await start();
    const code = stack.emulator.mintAuthCode();
    codes.push(code);
    const res = await callback({ code, state });
    expect(res.status).toBe(200);
    // It names the seller and the shops its authorization added.
    expect(await res.json()).toEqual({
      status: 'authorized',
      seller: { id: expect.any(String), name: expect.any(String), region: expect.any(String) },
      shops: stack.shopIds.map((id) => ({ id, name: expect.any(String), region: expect.any(String) })),
      // The environment's seller's shops were never listed yet: nothing says this one replaces it.
      replaced: [],
    });
    // The same state again: refused, nothing exchanged.
    const again = await callback({ code: stack.emulator.mintAuthCode(), state });
    expect(again.status).toBe(400);
    expect((await again.json()) as unknown).toEqual({ error: expect.stringMatching(/state/) });
    // The gateway still works with the tokens it now holds.
    expect((await stack.gql('{ shops { id } }')).body.data).toEqual({ shops: stack.shopIds.map((id) => ({ id })) });
  });

  it('refuses a missing, forged or tampered state before touching the code', async () => {
    const state = await start();
    const [nonce, expires, mac] = state.split('.');
    for (const forged of ['', 'abc', `${nonce}.${Number(expires) + 1}.${mac}`, `${nonce}.${expires}.${mac!.slice(0, -2)}xx`]) {
      expect((await callback({ code: 'x', state: forged })).status).toBe(400);
    }
    expect((await fetch(`${base}/oauth/tiktok-shop/callback?code=x`)).status).toBe(400);
  });

  it('answers 502 when TikTok refuses the code', async () => {
    const res = await callback({ code: 'not-a-code', state: await start() });
    expect(res.status).toBe(502);
  });
});
