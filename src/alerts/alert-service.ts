/**
 * Alerts as the rest of ShopGraph sees them (`GraphContext.alerts`): rules registered and
 * listed per client, the alerts they fire, and the engine and webhook sender behind them.
 * Built by {@link import('./create-alerts').createAlerts}.
 */
import type { AlertEvent, AlertRule } from './alert-rule';
import type { AlertSettings } from '../config/alerts-section';
import type { AlertEngine } from './alert-engine';
import type { AlertStore } from './alert-store';
import { allowedWebhookUrl, type WebhookDispatcher } from './webhook-dispatcher';
import { ruleSigningSecret } from './webhook-signing';

export class AlertService {
  constructor(
    readonly store: AlertStore,
    readonly settings: AlertSettings,
    private readonly engine: AlertEngine | undefined,
    private readonly dispatcher: WebhookDispatcher | undefined,
    private readonly secret: string | undefined,
  ) {}

  /** Why `url` cannot be a rule's webhook URL, or null when it can. */
  webhookProblem(url: string): string | null {
    if (this.secret === undefined) return 'outbound alert webhooks are off on this server (SHOPGRAPH_ALERT_WEBHOOK_SECRET is not set)';
    const prefixes = this.settings.webhooks.allowedUrlPrefixes;
    if (prefixes.length === 0) return 'outbound alert webhooks are off on this server (alerts.webhooks.allowedUrlPrefixes is empty)';
    if (!allowedWebhookUrl(url, prefixes)) return 'not under one of the URL prefixes this server allows (alerts.webhooks.allowedUrlPrefixes; ask its operator)';
    return null;
  }

  /** The secret the rule's webhooks are signed with; given to its client once, at registration. */
  signingSecret(ruleId: string): string | undefined {
    return this.secret === undefined ? undefined : ruleSigningSecret(this.secret, ruleId);
  }

  /** Stores the rule and evaluates its shop; false when its owner is at `alerts.maxRulesPerClient`. */
  async add(rule: AlertRule): Promise<boolean> {
    if (!(await this.store.addRule(rule, this.settings.maxRulesPerClient))) return false;
    this.engine?.follow(rule.shopId);
    return true;
  }

  delete(owner: string, ruleId: string): Promise<boolean> {
    return this.store.deleteRule(owner, ruleId);
  }

  rulesOf(owner: string): Promise<AlertRule[]> {
    return this.store.rulesOfOwner(owner);
  }

  event(alertId: string): Promise<AlertEvent | undefined> {
    return this.store.event(alertId);
  }

  /**
   * Evaluates a shop now, under its lease (tests, and whoever must not wait for a tick).
   * @returns alerts fired; undefined when another replica held the lease, or alerts are off
   */
  evaluate(shopId: string): Promise<number | undefined> {
    return this.engine?.evaluate(shopId) ?? Promise.resolve(undefined);
  }

  async close(): Promise<void> {
    await this.engine?.close();
    await this.dispatcher?.close();
    await this.store.close();
  }
}
