/**
 * Issue 20's live update from another origin: a page on `localhost` (another origin than the API's
 * `127.0.0.1`) subscribes to `orderChanged` over GraphQL over SSE with graphql-sse's own browser
 * client (the library the dashboard bundles), in Debian's Chromium. An order lands in the
 * emulator, its webhook reaches ShopGraph, and the page shows the new order. A page on an origin
 * ShopGraph was not configured for is stopped by the browser at the preflight and hears nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { captureLogs, type CapturedLogs } from '../integration/security/helpers';
import { startLandingStack, subscribeWebhooks, webhookUrl, type LandingStack } from '../integration/subscriptions/land-orders';
import { describeWithChromium, launchChromium } from '../helpers/chromium';

// The browser build (UMD) of the graphql-sse the dashboard bundles; the package's exports hide it from require.
const CLIENT_JS = readFileSync(join(dirname(require.resolve('graphql-sse')), '..', 'umd', 'graphql-sse.js'));

const ORDER_CHANGED = 'subscription Live($shopId: ID!) { orderChanged(shopId: $shopId) { shopId orderId kind order { id } } }';

/** The app: subscribes with the stream URL and shop in its query string, and lists each push. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>live</title><pre id="state">connecting</pre><ul id="events"></ul>
<script src="/graphql-sse.js"></script>
<script>
  const params = new URL(location.href).searchParams;
  const state = document.getElementById('state');
  const client = graphqlSse.createClient({ url: params.get('stream'), retryAttempts: 0 });
  client.subscribe({ query: ${JSON.stringify(ORDER_CHANGED)}, variables: { shopId: params.get('shop') } }, {
    next: (result) => {
      const item = document.createElement('li');
      item.dataset.orderId = (result.data && result.data.orderChanged && result.data.orderChanged.orderId) || '';
      item.textContent = JSON.stringify(result);
      document.getElementById('events').append(item);
    },
    error: (error) => { state.textContent = error instanceof Error ? error.message : 'HTTP ' + (error && error.status); state.dataset.state = 'failed'; },
    complete: () => { state.dataset.state = 'complete'; },
  });
</script>`;

/** Serves the page and the client library on a free loopback port; its origin names `localhost`. */
function servePage(): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/graphql-sse.js') return res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(CLIENT_JS);
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://localhost:${(server.address() as AddressInfo).port}`, server })),
  );
}

const suite = describeWithChromium;

suite('a live update on a page of another origin, in Chromium', () => {
  let stack: LandingStack;
  let context: BrowserContext;
  let profile: string;
  let allowed: { origin: string; server: Server };
  let other: { origin: string; server: Server };
  let logs: CapturedLogs;
  const pages: Page[] = [];
  const count = (msg: string) => logs.lines().filter((l) => l.msg === msg).length;

  beforeAll(async () => {
    [allowed, other] = await Promise.all([servePage(), servePage()]);
    profile = mkdtempSync(join(tmpdir(), 'shopgraph-chromium-'));
    logs = captureLogs();
    stack = await startLandingStack({ file: { cors: { origins: [allowed.origin] } }, logger: logs.logger });
    subscribeWebhooks(stack.emulator, stack.emulator.store.shops()[0]!.id, webhookUrl(stack.server.url));
    context = await launchChromium(profile);
  }, 60_000);

  afterAll(async () => {
    for (const page of pages) await page.close();
    await context?.close();
    await stack?.close();
    await Promise.all([allowed, other].map((p) => p && new Promise((resolve) => p.server.close(resolve))));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(origin: string, shopId: string): Promise<Page> {
    const page = await context.newPage();
    pages.push(page);
    const stream = stack.server.url.replace(/\/graphql$/, '/graphql/stream');
    await page.goto(`${origin}/?stream=${encodeURIComponent(stream)}&shop=${shopId}`);
    return page;
  }

  it('pushes the order that landed to the configured origin, and nothing to another origin', async () => {
    const shopId = stack.emulator.store.shops()[0]!.id;
    expect(new URL(allowed.origin).origin).not.toBe(new URL(stack.server.url).origin);

    const refused = await open(other.origin, shopId);
    await refused.locator('#state[data-state]').waitFor();
    expect(await refused.locator('#state').getAttribute('data-state')).toBe('failed');
    expect(await refused.locator('#state').textContent()).toBe('Failed to fetch');

    const started = count('subscription started');
    const live = await open(allowed.origin, shopId);
    await logs.waitFor(() => count('subscription started') > started);

    const landed = stack.land(shopId);
    expect(landed.newOrderIds.length).toBeGreaterThan(0);
    // Each new order's webhook reaches the page, read fresh through the page's subscription.
    for (const orderId of landed.newOrderIds) {
      const item = live.locator(`#events li[data-order-id="${orderId}"]`).first();
      await item.waitFor();
      expect(JSON.parse((await item.textContent()) ?? '')).toEqual({
        data: { orderChanged: { shopId, orderId, kind: 'ORDER_STATUS', order: { id: orderId } } },
      });
    }
    expect(await live.locator('#state').getAttribute('data-state')).toBeNull();

    await stack.server.drainWebhooks();
    expect(await refused.locator('#events li').count()).toBe(0);
    // Only the configured origin's preflight passed; the other's was refused, and its stream request never sent.
    const preflights = logs.lines().filter((l) => l.msg === 'request' && l.method === 'OPTIONS');
    expect(preflights.map((l) => l.status).sort()).toEqual([204, 403]);
  });
});
