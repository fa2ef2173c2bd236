/**
 * The engine over a real (in-memory) store with readings the test sets, on fake time: fires once
 * per crossing, publishes it as a shop event, survives a restart without firing again, fires
 * once when two engines race on the same rule, and evaluates on its tick without any event.
 */
import Database from 'better-sqlite3';
import { AlertEngine } from '../../../src/alerts/alert-engine';
import type { AlertRule } from '../../../src/alerts/alert-rule';
import { alertsSection } from '../../../src/config/alerts-section';
import type { Reading } from '../../../src/alerts/state-machine';
import { SqliteAlertStore } from '../../../src/alerts/sqlite-alert-store';
import type { ShopInfo } from '../../../src/datasources/shop-directory';
import { LocalShopEvents } from '../../../src/subscriptions/local-events';
import type { ShopEvent } from '../../../src/events/shop-events';
import { silentLogger } from '../../../src/telemetry/logger';

const SHOP = '7494726673780148744';
const settings = alertsSection.parse({ tickSeconds: 60, minIntervalMs: 100 });
const rule: AlertRule = {
  id: '1000000000000000001',
  owner: 'acme',
  ownerKind: 'api-key',
  shopId: SHOP,
  condition: { kind: 'LOW_STOCK', skuId: '42', threshold: 10 },
  webhookUrl: null,
  createdAt: 0,
};

let store: SqliteAlertStore;
let events: LocalShopEvents;
let stock: number;
let heard: Extract<ShopEvent, { kind: 'alert' }>[];
const engines: AlertEngine[] = [];

function engine(): AlertEngine {
  const made = new AlertEngine({
    store,
    events,
    appKey: 'app',
    settings,
    logger: silentLogger,
    onQueued: () => undefined,
    ownerMay: () => true,
    shop: async (id) => (id === SHOP ? ({ id: SHOP, timezone: 'UTC' } as ShopInfo) : undefined),
    read: async (_shop, rules) => new Map<string, Reading>(rules.map((r) => [r.id, { value: String(stock) }])),
  });
  engines.push(made);
  return made;
}

beforeEach(async () => {
  jest.useFakeTimers({ now: Date.UTC(2026, 10, 1) });
  store = new SqliteAlertStore(new Database(':memory:'), () => Date.now());
  events = new LocalShopEvents();
  heard = [];
  events.listen(SHOP, (e) => {
    if (e.kind === 'alert') heard.push(e);
  });
  stock = 50;
  expect(await store.addRule(rule, 10)).toBe(true);
});

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  await store.close();
  jest.useRealTimers();
});

it('fires once on the crossing, not while breached, and again after recovering', async () => {
  const e = engine();
  expect(await e.evaluate(SHOP)).toBe(0);
  stock = 9;
  expect(await e.evaluate(SHOP)).toBe(1);
  stock = 3;
  expect(await e.evaluate(SHOP)).toBe(0);
  stock = 60;
  expect(await e.evaluate(SHOP)).toBe(0);
  stock = 2;
  expect(await e.evaluate(SHOP)).toBe(1);
  expect(heard.map((h) => h.alertId)).toEqual([`${rule.id}-1`, `${rule.id}-2`]);
  const second = await store.event(`${rule.id}-2`);
  expect(second).toMatchObject({ ruleId: rule.id, owner: 'acme', shopId: SHOP, value: '2' });
});

it('does not fire again after a restart while the rule is still breached', async () => {
  stock = 4;
  expect(await engine().evaluate(SHOP)).toBe(1);
  // A new process over the same store: the FIRING state was kept.
  expect(await engine().evaluate(SHOP)).toBe(0);
  expect(heard).toHaveLength(1);
});

it('fires once when two engines evaluate the same rule at the same moment (no lease)', async () => {
  stock = 1;
  const results = await Promise.all([engine().evaluate(SHOP), engine().evaluate(SHOP)]);
  expect(results.sort()).toEqual([0, 1]);
  expect(heard).toHaveLength(1);
  expect((await store.states([rule.id])).get(rule.id)).toMatchObject({ status: 'FIRING', fired: 1, version: 1 });
});

it('evaluates on its tick without any event, and on a shop event', async () => {
  const e = engine();
  e.start();
  await jest.advanceTimersByTimeAsync(0);
  stock = 5;
  expect(heard).toHaveLength(0);
  await jest.advanceTimersByTimeAsync(60_000);
  expect(heard).toHaveLength(1);
  stock = 80;
  events.publish({ kind: 'figures', shopId: SHOP, cause: 'webhook', at: Date.now() });
  await jest.advanceTimersByTimeAsync(100);
  stock = 0;
  events.publish({ kind: 'figures', shopId: SHOP, cause: 'webhook', at: Date.now() });
  await jest.advanceTimersByTimeAsync(100);
  expect(heard.map((h) => h.alertId)).toEqual([`${rule.id}-1`, `${rule.id}-2`]);
});

it('forgets a deleted rule: no firing for it, even from a stale evaluation', async () => {
  expect(await store.deleteRule('someone-else', rule.id)).toBe(false);
  expect(await store.deleteRule('acme', rule.id)).toBe(true);
  stock = 0;
  expect(await engine().evaluate(SHOP)).toBe(0);
  expect(await store.transition(rule.id, { status: 'FIRING', version: 1, since: 0, fired: 1 })).toBe(false);
});
