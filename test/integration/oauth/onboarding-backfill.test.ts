/**
 * Issue 18: a newly authorized shop starts its ledger backfill at once, in the background — its
 * history is being read before anyone asks for its figures.
 */
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import type { EmulatorStatsSnapshot } from '../../../src/emulator/stats';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { silentLogger } from '../../../src/telemetry/logger';
import { emulatorEnv } from '../../helpers/stack';
import { until } from '../cache/replicas';
import { ALL_SCOPES, apiClient, writeConfigFile } from '../security/helpers';

const AUTHORIZE = 'https://services.tiktokshop.com/open/authorize?service_id=7000000000000000001';
const ORDER_SEARCH = 'POST /order/202309/orders/search';
const operator = apiClient('ops', '*', ['operator']);
const reader = apiClient('dashboard', '*', ALL_SCOPES);

let emulator: EmulatorHandle;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'onboarding-backfill', shops: 2, days: 20, ordersPerDay: 10 });
  const [first] = emulator.store.shops().map((s) => s.id);
  const config = loadConfig({
    ...emulatorEnv(emulator),
    TTS_AUTH_CODE: emulator.mintAuthCode([first!], { openId: 'seller-a' }),
    TTS_AUTHORIZE_URL: AUTHORIZE,
    SHOPGRAPH_CONFIG: writeConfigFile({ clients: [operator.entry, reader.entry], storage: { backfillDays: 14 } }),
  });
  server = await startServer(config, silentLogger);
  base = server.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

const searches = async () => ((await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as EmulatorStatsSnapshot).calls[ORDER_SEARCH] ?? 0;

it("reads a newly authorized seller's shops before any query asks for them", async () => {
  const second = emulator.store.shops()[1]!.id;
  await fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
  // Nothing reads order history while nobody asks (start-up backfills are off under NODE_ENV=test).
  expect(await searches()).toBe(0);

  const started = await fetch(`${base}/oauth/tiktok-shop/start`, { redirect: 'manual', headers: { authorization: `Bearer ${operator.key}` } });
  const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
  const code = emulator.mintAuthCode([second], { openId: 'seller-b' });
  const res = await fetch(`${base}/oauth/tiktok-shop/callback?${new URLSearchParams({ code, state })}`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { shops: { id: string }[] }).shops.map((s) => s.id)).toEqual([second]);

  // No query was made: the searches are the new shop's backfill.
  await until(async () => (await searches()) > 0, "the new shop's backfill to start");
});
