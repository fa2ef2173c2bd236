/**
 * Many sellers, each their own authorization (issue 17, finding 3): sellers onboard one after the
 * other and every seller's shops keep working; onboarding needs an operator; a seller authorizing
 * again, being revoked by an operator, or losing its last shop to TikTok's deauthorization
 * webhook touches no other seller. The emulator's auth codes cover only the shops they are minted
 * for, and its tokens answer 101000 on any other shop: a shop read with the wrong seller's token
 * fails, and each token lists only its own shops.
 */
import { loadConfig } from '../../../src/config/load-config';
import { signWebhook } from '../../../src/datasources/partner/signing';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { emulatorEnv } from '../../helpers/stack';
import { ALL_SCOPES, apiClient, captureLogs, expectNoSecrets, writeConfigFile } from '../security/helpers';

const AUTHORIZE = 'https://services.tiktokshop.com/open/authorize?service_id=7000000000000000001';
const operator = apiClient('ops', '*', ['operator']);
const reader = apiClient('dashboard', '*', ALL_SCOPES);
const logs = captureLogs();
const codes: string[] = [];

let emulator: EmulatorHandle;
let server: RunningServer;
let base: string;
let shopIds: [string, string, string];

/** An auth code for some shops; `openId` names the seller (the same one authorizing again). */
const mint = (shops: string[], openId?: string) => {
  const code = emulator.mintAuthCode(shops, { openId });
  codes.push(code);
  return code;
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'sellers', shops: 3, days: 5, ordersPerDay: 6 });
  const ids = emulator.store.shops().map((s) => s.id);
  shopIds = [ids[0]!, ids[1]!, ids[2]!];
  const config = loadConfig({
    ...emulatorEnv(emulator),
    // The environment bootstraps seller A, whose authorization covers the first shop only.
    TTS_AUTH_CODE: mint([shopIds[0]], 'seller-a'),
    TTS_AUTHORIZE_URL: AUTHORIZE,
    SHOPGRAPH_CONFIG: writeConfigFile({ clients: [operator.entry, reader.entry] }),
  });
  server = await startServer(config, logs.logger);
  base = server.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await server?.close();
  await emulator?.close();
  expectNoSecrets(logs.text(), [...codes, emulator.tokens.appSecret, operator.key, reader.key]);
});

const as = (key: string) => ({ authorization: `Bearer ${key}` });

async function gql<T>(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...as(reader.key) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const visibleShops = async () => ((await gql<{ shops: { id: string }[] }>('{ shops { id } }')).data?.shops ?? []).map((s) => s.id).sort();

/** One order of the shop read through the graph: only the shop's own seller's token can read it. */
async function readsOrder(shopId: string): Promise<boolean> {
  const orderId = emulator.store.raw(shopId).orders[0]!.id;
  const answer = await gql<{ order: { id: string } | null }>('query($s: ID!, $o: ID!) { order(shopId: $s, id: $o) { id } }', { s: shopId, o: orderId });
  return answer.errors === undefined && answer.data?.order?.id === orderId;
}

async function startOnboarding(headers: Record<string, string> = as(operator.key)): Promise<Response> {
  return fetch(`${base}/oauth/tiktok-shop/start`, { redirect: 'manual', headers });
}

/** An operator starts onboarding; the seller comes back from TikTok with `code`. */
async function onboard(code: string) {
  const started = await startOnboarding();
  expect(started.status).toBe(302);
  const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
  const res = await fetch(`${base}/oauth/tiktok-shop/callback?${new URLSearchParams({ code, state })}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; seller: { id: string; name: string }; shops: { id: string }[] | null; replaced: string[] };
}

async function sellers(): Promise<{ id: string; shopIds: string[] | null }[]> {
  const res = await fetch(`${base}/oauth/tiktok-shop/sellers`, { headers: as(operator.key) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { sellers: { id: string; shopIds: string[] | null }[] }).sellers;
}

describe('many sellers, each their own authorization', () => {
  let sellerA = '';
  let sellerB = '';
  let sellerC = '';

  it('refuses to start onboarding without an operator credential', async () => {
    expect((await startOnboarding({})).status).toBe(401);
    expect((await startOnboarding(as('sg_not_a_key_at_all_xxxxxxxxxxxxxxxx'))).status).toBe(401);
    expect((await startOnboarding(as(reader.key))).status).toBe(403);
    expect((await fetch(`${base}/oauth/tiktok-shop/sellers`, { headers: as(reader.key) })).status).toBe(403);
    expect((await fetch(`${base}/oauth/tiktok-shop/sellers/x`, { method: 'DELETE' })).status).toBe(401);
  });

  it("serves the environment's seller", async () => {
    expect(await visibleShops()).toEqual([shopIds[0]]);
    expect(await readsOrder(shopIds[0])).toBe(true);
    const [only] = await sellers();
    sellerA = only!.id;
    expect(only).toMatchObject({ shopIds: [shopIds[0]] });
  });

  it("adds a second and a third seller one after the other; every seller's shops keep working", async () => {
    const b = await onboard(mint([shopIds[1]]));
    expect(b).toMatchObject({ status: 'authorized', shops: [{ id: shopIds[1] }], replaced: [] });
    sellerB = b.seller.id;
    expect(await visibleShops()).toEqual([shopIds[0], shopIds[1]].sort());
    expect(await readsOrder(shopIds[0])).toBe(true);
    expect(await readsOrder(shopIds[1])).toBe(true);

    const c = await onboard(mint([shopIds[2]]));
    expect(c).toMatchObject({ shops: [{ id: shopIds[2] }], replaced: [] });
    sellerC = c.seller.id;
    expect(new Set([sellerA, sellerB, sellerC]).size).toBe(3);
    expect(await visibleShops()).toEqual([...shopIds].sort());
    for (const shop of shopIds) expect(await readsOrder(shop)).toBe(true);
  });

  it('a seller authorizing again replaces its own authorization only', async () => {
    // The emulator names each authorization anew (TikTok keeps one open_id per seller): the new
    // one covers every shop of A's, so it replaces A's.
    const again = await onboard(mint([shopIds[0]], 'seller-a'));
    expect(again).toMatchObject({ shops: [{ id: shopIds[0] }], replaced: [sellerA] });
    const now = await sellers();
    expect(now.map((s) => s.id).sort()).toEqual([again.seller.id, sellerB, sellerC].sort());
    expect(now.find((s) => s.id === sellerB)).toMatchObject({ shopIds: [shopIds[1]] });
    for (const shop of shopIds) expect(await readsOrder(shop)).toBe(true);
    sellerA = again.seller.id;
  });

  it('an operator revokes one seller: its shops go, the others stay', async () => {
    const res = await fetch(`${base}/oauth/tiktok-shop/sellers/${sellerC}`, { method: 'DELETE', headers: as(operator.key) });
    expect(res.status).toBe(204);
    expect((await fetch(`${base}/oauth/tiktok-shop/sellers/${sellerC}`, { method: 'DELETE', headers: as(operator.key) })).status).toBe(404);
    expect(await visibleShops()).toEqual([shopIds[0], shopIds[1]].sort());
    const gone = await gql<{ shop: unknown }>('query($s: ID!) { shop(id: $s) { id } }', { s: shopIds[2] });
    expect(gone.data?.shop).toBeNull();
    expect(await readsOrder(shopIds[0])).toBe(true);
    expect(await readsOrder(shopIds[1])).toBe(true);
  });

  it("TikTok deauthorizing a seller's last shop (webhook type 6) removes that seller alone", async () => {
    const { appKey, appSecret } = emulator.tokens;
    const body = JSON.stringify({
      type: 6,
      tts_notification_id: '7000000000000006001',
      shop_id: shopIds[1],
      timestamp: Math.floor(Date.now() / 1000),
      data: { message: 'the seller deauthorized the app for this shop' },
    });
    const res = await fetch(`${base}/webhooks/tiktok-shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: signWebhook(appKey, appSecret, body) },
      body,
    });
    expect(res.status).toBe(200);
    await server.drainWebhooks();
    expect((await sellers()).map((s) => s.id)).toEqual([sellerA]);
    expect(await visibleShops()).toEqual([shopIds[0]]);
    expect(await readsOrder(shopIds[0])).toBe(true);
  });
});
