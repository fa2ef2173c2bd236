/**
 * A hung TikTok through the whole stack (issue 17, finding 7), on fake time: the request answers
 * by its budget — a single order kept past its freshness is served, flagged in
 * `extensions.stale`, and one never seen fails UPSTREAM_UNAVAILABLE — not after attempts ×
 * upstream.timeoutMs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { silentLogger } from '../../../src/telemetry/logger';
import { emulatorEnv } from '../../helpers/stack';
import { writeConfigFile } from '../security/helpers';

const BUDGET_MS = 2000;
let emulator: EmulatorHandle;
let server: RunningServer;
let tiktok: Server;
/** While set, TikTok takes requests and never answers them. */
let hanging = false;
let held = 0;

/** TikTok in front of the emulator: passes everything through, or hangs. */
function frontOf(target: string): Promise<Server> {
  const front = createServer((req, res) => {
    if (hanging) return void (held += 1);
    const chunks: Buffer[] = [];
    req
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length'),
        ) as Record<string, string>;
        fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
          .then(async (answer) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
          .catch(() => res.writeHead(502).end());
      });
  });
  return new Promise((resolve) => front.listen(0, '127.0.0.1', () => resolve(front)));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'budget', shops: 1, days: 5, ordersPerDay: 10 });
  tiktok = await frontOf(emulator.url);
  const at = `http://127.0.0.1:${(tiktok.address() as AddressInfo).port}`;
  // The gateway runs on fake time (its cache freshness and budgets); the emulator on real time.
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const env = {
    ...emulatorEnv(emulator),
    TTS_API_BASE_URL: at,
    TTS_AUTH_BASE_URL: at,
    SHOPGRAPH_CONFIG: writeConfigFile({ limits: { requestBudgetMs: BUDGET_MS }, cache: { staleWhileRevalidateSeconds: 0 } }),
  };
  server = await startServer(loadConfig(env), silentLogger);
});

afterAll(async () => {
  // Closing the gateway waits on timers of the fake clock (draining): run them.
  let closed = false;
  const closing = server?.close().finally(() => (closed = true));
  for (let i = 0; i < 600 && !closed; i++) await jest.advanceTimersByTimeAsync(100);
  jest.useRealTimers();
  await closing;
  tiktok?.closeAllConnections();
  await new Promise((resolve) => tiktok?.close(resolve));
  await emulator?.close();
});

async function gql<T>(query: string, variables: Record<string, unknown>) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: T; errors?: { path?: string[]; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };
}

/** Lets real I/O run (not time) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

it('answers by its budget when TikTok hangs: kept copies flagged stale, an upstream error where none is kept', async () => {
  const shop = emulator.store.shops()[0]!;
  const open = emulator.store.raw(shop.id).orders.filter((o) => o.status !== 'COMPLETED' && o.status !== 'CANCELLED');
  const [seen, unseen] = [open[0]!.id, open[1]!.id];
  const warm = await gql<{ order: { id: string } }>('query($s: ID!, $o: ID!) { order(shopId: $s, id: $o) { id } }', { s: shop.id, o: seen });
  expect(warm.data?.order.id).toBe(seen);

  // Eleven minutes later (the open order's 60 s freshness long gone; the shop list's hour not), TikTok hangs.
  jest.setSystemTime(Date.now() + 11 * 60_000);
  hanging = true;
  const answer = gql<{ seen: { id: string } | null; unseen: { id: string } | null }>(
    'query($s: ID!, $a: ID!, $b: ID!) { seen: order(shopId: $s, id: $a) { id } unseen: order(shopId: $s, id: $b) { id } }',
    { s: shop.id, a: seen, b: unseen },
  );
  let answered = false;
  void answer.then(() => (answered = true));
  await until(() => held > 0);
  await jest.advanceTimersByTimeAsync(BUDGET_MS - 1);
  expect(answered).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  // Answered with no more time passing.
  const body = await answer;
  expect(body.data).toEqual({ seen: { id: seen }, unseen: null });
  expect(body.errors).toEqual([expect.objectContaining({ path: ['unseen'], extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE' }) })]);
  expect(body.extensions?.stale).toEqual({ kinds: ['order'] });
  // One order-detail attempt: none retried after the budget.
  await jest.advanceTimersByTimeAsync(60_000);
  expect(held).toBe(1);
});
