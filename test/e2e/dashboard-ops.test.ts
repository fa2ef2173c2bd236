/**
 * The dashboard's stock & fulfilment panel in Chromium (playwright-core, headless) against an
 * emulator and a gateway on loopback. Before the page loads, buyers' orders placed through the
 * emulator's controls take a SKU down to 3 units and add orders due to ship soon; the panel must
 * then show the late-ship rate, the orders at risk and the low-stock best sellers as the test
 * recomputes them from the emulator's raw orders and stock (docs/metrics.md, Fulfilment and
 * Inventory), never with ShopGraph's code. Screenshot in test-artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { type BrowserContext, type Page } from 'playwright-core';
import type { PartnerOrder } from '../../src/emulator/data/store';
import { startStack, type Stack } from '../helpers/stack';
import { describeWithChromium, launchChromium } from '../helpers/chromium';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const TO_SHIP = new Set(['ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING']);
const H = 3600;
/** The config's default `inventory.lowStockThreshold`. */
const LOW = 10;
const TOP = `query Top($shopId: ID!, $range: DateRange!) { shop(id: $shopId) { metrics(range: $range) { topProducts(first: 10) { productId } } } }`;

const suite = describeWithChromium;

suite('dashboard stock & fulfilment panel in Chromium', () => {
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'shopgraph-chromium-'));
    const [started, launched] = await Promise.allSettled([
      // Order data read again within a second of a query: the test places orders after start-up.
      startStack({ emulator: { shops: 1, days: 12 }, file: { limits: { requestBudgetMs: 60_000 }, metrics: { maxStalenessSeconds: 1 } } }),
      launchChromium(profile, { viewport: { width: 1280, height: 900 } }),
    ]);
    if (started.status === 'fulfilled') stack = started.value;
    if (launched.status === 'fulfilled') context = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await stack?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const control = async (shopId: string, path: string, body: object) => {
    const res = await fetch(`${stack.emulator.url}/__emulator/shops/${shopId}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as { order: { id: string } };
  };

  it('shows the rates, the orders at risk and the low-stock best sellers the raw data gives', async () => {
    const { emulator } = stack;
    const shop = emulator.store.shops()[0]!;
    const stock = (skuId?: string) => emulator.store.searchInventory(shop.id, skuId ? { sku_ids: [skuId] } : {}).flatMap((p) => p.skus);
    const [runningOut, other] = stock().filter((s) => s.warehouse_inventory.length === 1 && s.total_available_quantity > 20);
    // A buyer orders all but 3 units of one SKU; two more orders are due to ship in 2 and 30 hours.
    await control(shop.id, '/orders', { sku_id: runningOut!.id, quantity: runningOut!.total_available_quantity - 3 });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const soon = await control(shop.id, '/orders', { sku_id: other!.id, quantity: 1, rts_sla_time: nowSeconds + 2 * H });
    const later = await control(shop.id, '/orders', { sku_id: other!.id, quantity: 1, rts_sla_time: nowSeconds + 30 * H });
    expect(stock(runningOut!.id)[0]!.total_available_quantity).toBe(3);

    await page.goto(`${new URL(stack.server.url).origin}/?shop=${shop.id}&refresh=0`);
    const panel = page.locator('#ops[data-state="ready"]');
    await panel.waitFor();
    const [from = '', to = ''] = ((await panel.getAttribute('data-range')) ?? '').split('..');
    const now = Math.floor(Date.now() / 1000);

    // By hand: orders counted in the window (prepaid at paid_time, COD at create_time, shop days).
    const orders: PartnerOrder[] = emulator.store.raw(shop.id).orders;
    const day = (t: number) => DateTime.fromSeconds(t, { zone: shop.timezone }).toISODate()!;
    const counted = orders.filter((o) => {
      const at = o.is_cod ? o.create_time : o.paid_time;
      return at !== undefined && day(at) >= from && day(at) <= to;
    });
    const shipments = counted.filter((o) => o.rts_time !== undefined && o.rts_sla_time !== undefined);
    const late = shipments.filter((o) => o.rts_time! > o.rts_sla_time!).length;
    const lateRate = shipments.length === 0 ? '' : new Decimal(late).div(shipments.length).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6);
    const dueBy = (o: PartnerOrder) => TO_SHIP.has(o.status) && o.rts_sla_time !== undefined && o.rts_sla_time <= now + 24 * H;
    const figure = (key: string) => page.locator(`#ops-figures [data-metric="${key}"]`).getAttribute('data-value');
    expect(await figure('lateShipRate')).toBe(lateRate);
    expect(await figure('ordersAtRisk')).toBe(String(counted.filter(dueBy).length));
    expect(late).toBeGreaterThan(0);

    // The orders at risk, soonest first: every order still to ship due within 24 h, placed in the window or not.
    const expected = orders
      .filter(dueBy)
      .sort((a, b) => a.rts_sla_time! - b.rts_sla_time! || (a.id < b.id ? -1 : 1))
      .map((o) => [o.id, new Date(o.rts_sla_time! * 1000).toISOString()]);
    const shown = await page.$$eval('#ops-at-risk tr[data-order-id]', (rows) =>
      rows.map((r) => [r.getAttribute('data-order-id'), r.getAttribute('data-ship-by')]),
    );
    expect(shown.map(([id, shipBy]) => [id, new Date(shipBy ?? '').toISOString()])).toEqual(expected);
    expect(shown.map(([id]) => id)).toContain(soon.order.id);
    expect(shown.map(([id]) => id)).not.toContain(later.order.id);

    // Low-stock best sellers: the SKUs of the window's top products with ≤ 10 units available.
    const top = await stack.gql<{ shop: { metrics: { topProducts: { productId: string }[] } } }>(TOP, { shopId: shop.id, range: { from, to } });
    const bestsellers = new Set(top.data!.shop.metrics.topProducts.map((p) => p.productId));
    const low = emulator.store
      .searchInventory(shop.id, {})
      .filter((p) => bestsellers.has(p.product_id))
      .flatMap((p) => p.skus)
      .filter((s) => s.total_available_quantity <= LOW)
      .map((s) => [s.id, String(s.total_available_quantity)])
      .sort((a, b) => Number(a[1]) - Number(b[1]) || (a[0]! < b[0]! ? -1 : 1));
    const lowShown = await page.$$eval('#ops-low-stock tr[data-sku-id]', (rows) =>
      rows.map((r) => [r.getAttribute('data-sku-id'), r.getAttribute('data-available')]),
    );
    expect(lowShown).toEqual(low);
    expect(lowShown).toContainEqual([runningOut!.id, '3']);
    expect(await page.locator('#ops-spend').textContent()).toMatch(/^Ad spend in this window: /);

    // Another horizon: 4 hours.
    await page.getByLabel('At risk within', { exact: true }).selectOption('4');
    await page.locator('#ops[data-state="ready"][data-hours="4"]').waitFor();
    const within4 = orders
      .filter((o) => TO_SHIP.has(o.status) && o.rts_sla_time !== undefined && o.rts_sla_time <= Math.floor(Date.now() / 1000) + 4 * H)
      .map((o) => o.id);
    expect((await page.$$eval('#ops-at-risk tr[data-order-id]', (rows) => rows.map((r) => r.getAttribute('data-order-id')))).sort()).toEqual(within4.sort());
    await page.locator('#ops').screenshot({ path: join(ARTIFACTS, 'dashboard-ops.png') });
    expect(problems).toEqual([]);
  }, 90_000);
});
