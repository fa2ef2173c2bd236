/**
 * Sends fired alerts to their rules' webhook URLs, at least once: the outbox entry is written
 * with the alert (same transaction or script), claimed by one replica at a time for the length
 * of an attempt, and removed only once the receiver answered 2xx; a failure (an error status, a
 * redirect, a timeout, a refused connection) is retried with exponential backoff and jitter, up
 * to `maxAttempts`, across restarts and by whichever replica comes first. Receivers dedupe on
 * the alert id (`ShopGraph-Event-Id`). Logs name the alert, rule, shop and the URL's origin —
 * never the secret, the signature or the URL's path.
 */
import type { Logger } from '../telemetry/logger';
import type { AlertSettings } from '../config/alerts-section';
import type { AlertStore, DueDelivery } from './alert-store';
import { webhookBody } from './alert-message';
import { EVENT_ID_HEADER, ruleSigningSecret, signatureHeader, SIGNATURE_HEADER } from './webhook-signing';

/** Deliveries claimed per pass. */
const BATCH = 20;
/** Outbox looked at this often without a kick (other replicas' retries, crashed claims). */
const POLL_MS = 5000;

/** Whether `url` starts with one of the allowed prefixes. */
export function allowedWebhookUrl(url: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => url.startsWith(p));
}

export interface DispatcherOptions {
  store: AlertStore;
  /** `SHOPGRAPH_ALERT_WEBHOOK_SECRET`; without it nothing is sent (rules with a URL are refused). */
  secret: string | undefined;
  settings: AlertSettings['webhooks'];
  logger: Logger;
  now?: () => number;
  random?: () => number;
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Looks at the outbox now (a firing was just queued), and from then on every few seconds. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops after the pass under way (its claims run out and are retried elsewhere). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** The wait before attempt `attempt + 1` (attempt ≥ 1): doubling from the initial, capped, half of it random. */
  backoff(attempt: number): number {
    const { initialBackoffMs, maxBackoffMs } = this.options.settings;
    const full = Math.min(maxBackoffMs, initialBackoffMs * 2 ** (attempt - 1));
    return Math.round(full / 2 + (this.random() * full) / 2);
  }

  private async pass(): Promise<void> {
    let wait = POLL_MS;
    try {
      const leaseMs = this.options.settings.timeoutMs + 5000;
      for (;;) {
        const due = await this.options.store.claimDue(this.now(), BATCH, leaseMs);
        await Promise.all(due.map((d) => this.deliver(d)));
        if (due.length < BATCH || this.closed) break;
      }
      const next = await this.options.store.nextDue();
      if (next !== undefined) wait = Math.max(0, Math.min(POLL_MS, next - this.now()));
    } catch (error) {
      this.options.logger.warn({ err: error }, 'alert webhooks: the outbox could not be read; trying again shortly');
    }
    if (this.closed) return;
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async deliver(due: DueDelivery): Promise<void> {
    const { store, logger, settings, secret } = this.options;
    const event = await store.event(due.eventId);
    const rule = event && (await store.rule(event.ruleId));
    const base = { alertId: due.eventId, ruleId: event?.ruleId, shopId: event?.shopId };
    if (!event || !rule?.webhookUrl || secret === undefined || !allowedWebhookUrl(rule.webhookUrl, settings.allowedUrlPrefixes)) {
      // The alert expired, the rule was deleted or lost its URL, or the URL is no longer allowed.
      if (event && rule?.webhookUrl)
        logger.warn(base, 'alert webhook not sent: its URL is no longer allowed (alerts.webhooks.allowedUrlPrefixes) or no secret is set');
      await store.settle(due.eventId);
      return;
    }
    const origin = new URL(rule.webhookUrl).origin;
    const attempt = due.attempts + 1;
    const body = webhookBody(event);
    let outcome: string;
    try {
      const response = await fetch(rule.webhookUrl, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ShopGraph-Alerts/1',
          [EVENT_ID_HEADER]: event.id,
          [SIGNATURE_HEADER]: signatureHeader(ruleSigningSecret(secret, rule.id), Math.floor(this.now() / 1000), body),
        },
        body,
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) {
        await store.settle(due.eventId);
        logger.info({ ...base, origin, attempt, status: response.status }, 'alert webhook delivered');
        return;
      }
      outcome = `HTTP ${response.status}`;
    } catch (error) {
      outcome = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${settings.timeoutMs} ms` : 'connection failed';
    }
    if (attempt >= settings.maxAttempts) {
      await store.settle(due.eventId);
      logger.error({ ...base, origin, attempt, outcome }, 'alert webhook dropped after its last attempt (alerts.webhooks.maxAttempts)');
      return;
    }
    const delay = this.backoff(attempt);
    await store.retryAt(due.eventId, this.now() + delay);
    logger.warn({ ...base, origin, attempt, outcome, retryInMs: delay }, 'alert webhook failed; retrying');
  }
}
