/**
 * A browser app on another origin, as most frontends are: Debian's Chromium loads a page from
 * one loopback port and calls ShopGraph's API on another. The configured origin gets its answer;
 * any other is stopped by the browser at the preflight, and its query never reaches ShopGraph.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext } from 'playwright-core';
import { startStack, type Stack } from '../helpers/stack';
import { captureLogs, type CapturedLogs } from '../integration/security/helpers';
import { describeWithChromium, launchChromium } from '../helpers/chromium';

/** The app's page: calls the API named in its query string and shows what happened. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>app</title><pre id="out">…</pre>
<script>
  const api = new URL(location.href).searchParams.get('api');
  fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ shops { id name } }' }) })
    .then(async (res) => { document.getElementById('out').dataset.state = 'answered'; document.getElementById('out').textContent = JSON.stringify({ status: res.status, cost: res.headers.get('x-shopgraph-cost'), body: await res.json() }); })
    .catch((error) => { document.getElementById('out').dataset.state = 'failed'; document.getElementById('out').textContent = String(error); });
</script>`;

function servePage(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

const suite = describeWithChromium;

suite('a page on another origin in Chromium', () => {
  let stack: Stack;
  let context: BrowserContext;
  let profile: string;
  let allowed: { origin: string; server: Server };
  let other: { origin: string; server: Server };
  let logs: CapturedLogs;
  /** The requests that got past the browser to ShopGraph: its one log line per request. */
  const reached = () =>
    logs
      .lines()
      .filter((l) => l.msg === 'request')
      .map((l) => `${String(l.method)} ${String(l.status)}`);

  beforeAll(async () => {
    [allowed, other] = await Promise.all([servePage(), servePage()]);
    profile = mkdtempSync(join(tmpdir(), 'shopgraph-chromium-'));
    logs = captureLogs();
    stack = await startStack({ file: { cors: { origins: [allowed.origin] } }, logger: logs.logger });
    context = await launchChromium(profile);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    await Promise.all([allowed, other].map((p) => p && new Promise((resolve) => p.server.close(resolve))));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(origin: string): Promise<{ state: string | null; text: string; reached: string[] }> {
    const before = reached().length;
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/?api=${encodeURIComponent(stack.server.url)}`);
      const out = page.locator('#out[data-state]');
      await out.waitFor();
      return { state: await out.getAttribute('data-state'), text: (await out.textContent()) ?? '', reached: reached().slice(before) };
    } finally {
      await page.close();
    }
  }

  it('answers the configured origin, which can read the data and the cost header', async () => {
    const shown = await open(allowed.origin);
    expect(shown.state).toBe('answered');
    const result = JSON.parse(shown.text) as { status: number; cost: string | null; body: { data?: { shops: { id: string }[] } } };
    expect(result.status).toBe(200);
    expect(result.body.data?.shops.length).toBe(stack.emulator.store.shops().length);
    expect(result.cost).toMatch(/^requested=\d+, actual=\d+$/);
    expect(shown.reached).toEqual(['OPTIONS 204', 'POST 200']);
  });

  it('blocks any other origin in the browser: the query never reaches ShopGraph', async () => {
    const shown = await open(other.origin);
    expect(shown).toEqual({ state: 'failed', text: 'TypeError: Failed to fetch', reached: ['OPTIONS 403'] });
  });
});
