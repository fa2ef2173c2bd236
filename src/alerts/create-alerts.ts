/**
 * Builds a process's {@link AlertService}: rules in Redis when `REDIS_URL` is set (a connection
 * of its own; shared by every replica), else in the embedded store's directory
 * (`alerts.sqlite`, docs/storage.md); the engine and the webhook sender started when
 * `alerts.enabled`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LeaseLock } from '../cache/flight-lock';
import type { ShopInfo } from '../datasources/shop-directory';
import type { Scope } from '../security/scopes';
import type { ShopEvents } from '../events/shop-events';
import type { Logger } from '../telemetry/logger';
import { AlertEngine } from './alert-engine';
import type { AlertRule } from './alert-rule';
import { AlertService } from './alert-service';
import type { AlertStore } from './alert-store';
import type { AlertSettings } from '../config/alerts-section';
import type { ReadRules } from './readings';
import { WebhookDispatcher } from './webhook-dispatcher';

export interface AlertWiring {
  env: { REDIS_URL?: string; SHOPGRAPH_DATA_DIR?: string; NODE_ENV: string; SHOPGRAPH_ALERT_WEBHOOK_SECRET?: string };
  appKey: string;
  settings: AlertSettings;
  events: ShopEvents;
  lease?: LeaseLock;
  read: ReadRules;
  shop(shopId: string): Promise<ShopInfo | undefined>;
  /** The config file's clients: a rule of an API-key client alerts only while the client may still read its shop. */
  clients: readonly { name: string; shops: '*' | readonly string[]; scopes: readonly Scope[] }[];
  logger: Logger;
  /** The config's `redis.commandTimeoutMs`: the alert store waits at least that long (and never less than 2 s). */
  redisCommandTimeoutMs?: number;
}

async function openStore(wiring: AlertWiring): Promise<AlertStore> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (wiring.env.REDIS_URL) {
    const { RedisLink } = require('../cache/redis-link') as typeof import('../cache/redis-link');
    const { RedisAlertStore } = require('./redis-alert-store') as typeof import('./redis-alert-store');
    // Optional here: whether Redis must answer at start-up is the cache layer's decision, made before.
    // Alerts are background work and rare writes: a busy moment (a replica starting beside this
    // one) must not pass for an outage, so commands get longer than the cache's 500 ms — or the
    // configured deadline when an operator set a longer one.
    const commandTimeoutMs = Math.max(2000, wiring.redisCommandTimeoutMs ?? 0);
    const link = await RedisLink.connect({ url: wiring.env.REDIS_URL, optional: true, logger: wiring.logger, commandTimeoutMs });
    return new RedisAlertStore(link, wiring.appKey);
  }
  const { dataDirOf, IN_MEMORY } = require('../store/embedded-store') as typeof import('../store/embedded-store');
  const { SqliteAlertStore } = require('./sqlite-alert-store') as typeof import('./sqlite-alert-store');
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dir = dataDirOf(wiring.env);
  if (dir !== IN_MEMORY) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = new Database(dir === IN_MEMORY ? IN_MEMORY : join(dir, 'alerts.sqlite'));
  if (dir !== IN_MEMORY) db.pragma('journal_mode = WAL');
  // A rule, a state, an alert: each on disk before it is acknowledged or acted on.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return new SqliteAlertStore(db);
}

/** Whether the rule's owner may still hear about its shop. JWT callers carry their shops in each token: not knowable here. */
export function ownerCheck(clients: AlertWiring['clients']): (rule: AlertRule) => boolean {
  return (rule) => {
    if (rule.ownerKind !== 'api-key') return true;
    const client = clients.find((c) => c.name === rule.owner);
    return client !== undefined && (client.shops === '*' || client.shops.includes(rule.shopId)) && client.scopes.includes('metrics:read');
  };
}

export async function createAlerts(wiring: AlertWiring): Promise<AlertService> {
  const store = await openStore(wiring);
  const secret = wiring.env.SHOPGRAPH_ALERT_WEBHOOK_SECRET;
  if (!wiring.settings.enabled) return new AlertService(store, wiring.settings, undefined, undefined, secret);
  const dispatcher = new WebhookDispatcher({ store, secret, settings: wiring.settings.webhooks, logger: wiring.logger });
  const engine = new AlertEngine({
    store,
    events: wiring.events,
    lease: wiring.lease,
    appKey: wiring.appKey,
    read: wiring.read,
    shop: wiring.shop,
    settings: wiring.settings,
    onQueued: () => dispatcher.kick(),
    ownerMay: ownerCheck(wiring.clients),
    logger: wiring.logger,
  });
  engine.start();
  dispatcher.kick();
  return new AlertService(store, wiring.settings, engine, dispatcher, secret);
}
