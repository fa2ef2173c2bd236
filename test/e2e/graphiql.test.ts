/**
 * The explorer offline: Debian's Chromium opens `/graphql`, with every request to any other host
 * cut as on a machine without internet, and runs a query in GraphiQL. Everything it needs comes
 * from ShopGraph itself, under its content security policy (a violation is a console error).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { startStack, type Stack } from '../helpers/stack';
import { describeWithChromium, launchChromium } from '../helpers/chromium';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

const suite = describeWithChromium;

suite('GraphiQL in Chromium, offline', () => {
  let stack: Stack;
  let context: BrowserContext;
  let profile: string;
  let origin: string;
  const problems: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'shopgraph-chromium-'));
    stack = await startStack({ file: { graphql: { explorer: 'graphiql' } } });
    origin = new URL(stack.server.url).origin;
    context = await launchChromium(profile, { viewport: { width: 1280, height: 800 } });
    // No internet: whatever is not ShopGraph fails, as it would offline.
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(`${origin}/`)) return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function runFirstQuery(page: Page): Promise<string> {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: /execute query/i }).click();
    const result = page.locator('.result-window');
    await result.getByText('"shops"').waitFor();
    return (await result.textContent()) ?? '';
  }

  it('opens at /graphql for a browser and runs a query, loading nothing from elsewhere', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${origin}/graphql`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const shown = await runFirstQuery(page);
    for (const shop of stack.emulator.store.shops()) expect(shown).toContain(shop.id);
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png') });
    await page.close();
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is at /graphiql too', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/graphiql`);
    const shown = await runFirstQuery(page);
    expect(shown).toContain(stack.emulator.store.shops()[0]!.id);
    await page.close();
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
