/**
 * Evaluates rules, once across replicas. Every replica hears every shop event (Redis pub/sub)
 * and ticks every `alerts.tickSeconds`; for a shop with rules, each such moment asks for an
 * evaluation (bursts folded, see `Coalescer`), which runs only on the replica holding the shop's
 * lease (`alerts:v1:{app}:{shop}`, the ledgers' lease store). Under it the rules are read, judged
 * (src/alerts/state-machine.ts) and their transitions written with a compare-and-set on the
 * stored state, so even two evaluations racing (a lease lost mid-way) fire a rule once. A firing
 * is then published as an `alert` shop event, to every replica's `alertFired` subscribers, and
 * its webhook queued. States live in the store: a restarted replica does not fire again.
 */
import type { LeaseLock } from '../cache/flight-lock';
import type { ShopInfo } from '../datasources/shop-directory';
import { Coalescer } from '../events/coalesce';
import type { ShopEvents } from '../events/shop-events';
import type { Logger } from '../telemetry/logger';
import { INITIAL_STATE, type AlertEvent, type AlertRule } from './alert-rule';
import type { AlertSettings } from '../config/alerts-section';
import type { AlertStore } from './alert-store';
import type { ReadRules } from './readings';
import { judge, step } from './state-machine';
import { KEY_FAMILIES } from '../config/storage-keys';

const LEASE_MS = 30_000;

export interface EngineOptions {
  store: AlertStore;
  events: ShopEvents;
  /** One evaluation of a shop at a time across replicas; absent: this process only. */
  lease?: LeaseLock;
  /** Names the lease keys (one app's replicas share them). */
  appKey: string;
  read: ReadRules;
  /** The shop as ShopGraph knows it (time zone, cipher); undefined when it is gone. */
  shop(shopId: string): Promise<ShopInfo | undefined>;
  settings: AlertSettings;
  /** Told each firing with a webhook queued. */
  onQueued(): void;
  /** Whether the rule's owner may still be alerted about its shop (its client lost the shop or its scopes). */
  ownerMay(rule: AlertRule): boolean;
  logger: Logger;
  now?: () => number;
}

export class AlertEngine {
  private readonly shops = new Map<string, { coalescer: Coalescer; unlisten(): void }>();
  private ticker: NodeJS.Timeout | undefined;
  private closed = false;
  /** Evaluations under way: closing waits for them, so each releases its lease while the store is still open. */
  private readonly running = new Set<Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Follows the shops that have rules, and ticks. */
  start(): void {
    void this.tick();
    this.ticker = setInterval(() => void this.tick(), this.options.settings.tickSeconds * 1000);
    this.ticker.unref();
  }

  /** Follows a shop (a rule was just added on it) and evaluates it now. */
  follow(shopId: string): void {
    if (this.closed) return;
    let followed = this.shops.get(shopId);
    if (!followed) {
      const coalescer = new Coalescer(async () => {
        await this.evaluate(shopId);
      }, this.options.settings.minIntervalMs);
      const unlisten = this.options.events.listen(shopId, (event) => {
        // Its own alerts say nothing new about the shop.
        if (event.kind !== 'alert') coalescer.trigger();
      });
      this.shops.set(shopId, (followed = { coalescer, unlisten }));
    }
    followed.coalescer.trigger();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ticker);
    for (const { coalescer, unlisten } of this.shops.values()) {
      coalescer.stop();
      unlisten();
    }
    this.shops.clear();
    await Promise.allSettled([...this.running]);
  }

  private async tick(): Promise<void> {
    try {
      const shops = new Set(await this.options.store.shops());
      for (const shopId of shops) this.follow(shopId);
      for (const [shopId, followed] of this.shops) {
        if (shops.has(shopId)) continue;
        followed.coalescer.stop();
        followed.unlisten();
        this.shops.delete(shopId);
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'alerts: the rules could not be listed; evaluating again at the next tick');
    }
  }

  /**
   * One evaluation of the shop's rules, if this replica gets the shop's lease.
   * @returns alerts fired; undefined when another replica held the lease (it evaluates)
   */
  async evaluate(shopId: string): Promise<number | undefined> {
    if (this.closed) return undefined;
    const run = this.evaluateOnce(shopId);
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  private async evaluateOnce(shopId: string): Promise<number | undefined> {
    const { lease, appKey, logger } = this.options;
    let release: (() => Promise<void>) | undefined;
    try {
      if (lease) {
        release = await lease.tryLease(`${KEY_FAMILIES.alertLeases}:${appKey}:${shopId}`, LEASE_MS);
        // Another replica evaluates it now; it hears the same events.
        if (!release) return undefined;
      }
      return await this.evaluateHeld(shopId);
    } catch (error) {
      logger.warn({ err: error, shopId }, "alerts: evaluating the shop's rules failed; trying again at the next event or tick");
      return 0;
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  private async evaluateHeld(shopId: string): Promise<number> {
    const { store, settings } = this.options;
    const rules = await store.rulesOfShop(shopId);
    if (rules.length === 0) return 0;
    const shop = await this.options.shop(shopId);
    if (!shop) return 0;
    const now = this.now();
    const readings = await this.options.read(shop, rules, now);
    const states = await store.states(rules.map((r) => r.id));
    let fired = 0;
    for (const rule of rules) {
      const reading = readings.get(rule.id);
      if (!reading) continue;
      const state = states.get(rule.id) ?? INITIAL_STATE(rule.createdAt);
      const transition = step(state, judge(rule.condition, reading, settings.hysteresis), now);
      if (!transition) continue;
      if (!transition.fired) {
        if (await store.transition(rule.id, transition.next))
          this.options.logger.info({ ruleId: rule.id, shopId, kind: rule.condition.kind }, 'alert resolved');
        continue;
      }
      if (!('value' in reading)) continue;
      const event: AlertEvent = {
        id: `${rule.id}-${transition.next.fired}`,
        ruleId: rule.id,
        owner: rule.owner,
        shopId,
        condition: rule.condition,
        value: reading.value,
        firedAt: now,
      };
      const allowed = this.options.ownerMay(rule);
      const deliver = allowed && rule.webhookUrl !== null;
      const written = await store.transition(rule.id, transition.next, {
        event,
        retentionMs: settings.eventRetentionDays * 86_400_000,
        deliverAt: deliver ? now : undefined,
      });
      if (!written) continue;
      fired++;
      this.options.logger.info({ ruleId: rule.id, shopId, kind: rule.condition.kind, alertId: event.id, delivered: allowed }, 'alert fired');
      if (!allowed) continue;
      this.options.events.publish({ kind: 'alert', shopId, ruleId: rule.id, alertId: event.id, at: now });
      if (deliver) this.options.onQueued();
    }
    this.options.logger.debug({ shopId, rules: rules.length, fired }, 'alerts evaluated');
    return fired;
  }
}
