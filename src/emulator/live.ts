/**
 * Live mode: advances the dataset on an interval and POSTs each change the way TikTok delivers
 * webhooks: envelope `{type, tts_notification_id, shop_id, timestamp, data}`, header
 * `Authorization` = HMAC-SHA256(app_secret, app_key + raw body), success only on HTTP 200 within
 * 3 s, retries at +2 min, +30 min, +3 h, +12 h, then given up (docs/tiktok-api.md, Webhooks).
 */
import { randomInt } from 'node:crypto';
import type { EmulatorChange, EmulatorStore } from './data/store';
import type { EmulatorLogger } from './log';
import { webhookSignature } from './signing';

/** TikTok's webhook retry schedule after a failed delivery. */
export const TIKTOK_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [2 * 60_000, 30 * 60_000, 3 * 3_600_000, 12 * 3_600_000];
/** TikTok waits 3 s for the receiver's 200. */
const DELIVERY_TIMEOUT_MS = 3000;

/** The subscription `event_type` of each webhook `type` the store emits. */
const EVENT_TYPES: Record<EmulatorChange['type'], string> = {
  1: 'ORDER_STATUS_CHANGE',
  11: 'CANCELLATION_STATUS_CHANGE',
  12: 'RETURN_STATUS_CHANGE',
};

/** Settings of {@link LiveLoop}. */
export interface LiveLoopSettings {
  store: EmulatorStore;
  appKey: string;
  appSecret: string;
  /** Receives every change, besides the addresses shops subscribed via `/event/202309/webhooks`. */
  webhookUrl?: string;
  retryDelaysMs: readonly number[];
  /** Clock in ms. */
  now: () => number;
  logger: EmulatorLogger;
}

/** The tick interval and the webhook deliveries with their retries. */
export class LiveLoop {
  private interval: NodeJS.Timeout | undefined;
  private readonly retries = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();

  constructor(private readonly settings: LiveLoopSettings) {}

  /** Ticks every `intervalMs` until {@link stop}. */
  start(intervalMs: number): void {
    this.interval = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        // A failing step must not take the emulator down; the next interval tries again.
        this.settings.logger.error({ err: error }, 'live tick failed');
      }
    }, intervalMs);
  }

  /** Advances the data to now and sends a webhook per change; returns the changes. */
  tick(): EmulatorChange[] {
    const { store, now } = this.settings;
    const changes = store.tick(Math.floor(now() / 1000));
    this.send(changes);
    return changes;
  }

  /** Sends a webhook per change to the shop's subscribed addresses (and `webhookUrl`), with TikTok's retries. */
  send(changes: readonly EmulatorChange[]): void {
    for (const change of changes) {
      for (const address of this.addresses(change)) this.deliver(address, envelopeOf(change, this.settings.now()), 0);
    }
  }

  /** Stops ticking, cancels pending retries and aborts deliveries in flight. */
  stop(): void {
    clearInterval(this.interval);
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    this.closing.abort();
  }

  private addresses(change: EmulatorChange): string[] {
    const subscribed = this.settings.store
      .webhooks(change.shop_id)
      .filter((w) => w.event_type === EVENT_TYPES[change.type])
      .map((w) => w.address);
    const all = this.settings.webhookUrl ? [this.settings.webhookUrl, ...subscribed] : subscribed;
    return [...new Set(all)];
  }

  /** One attempt; a failure schedules the next attempt while the schedule lasts. */
  private deliver(address: string, body: string, attempt: number): void {
    const { appKey, appSecret, retryDelaysMs, logger } = this.settings;
    if (this.closing.signal.aborted) return;
    fetch(address, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: webhookSignature(appKey, appSecret, body) },
      body,
      signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
    })
      .then(async (res) => {
        await res.body?.cancel();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      })
      .catch((error: unknown) => {
        if (this.closing.signal.aborted) return;
        const delay = retryDelaysMs[attempt];
        logger.warn({ address, attempt, retryInMs: delay, error: String(error) }, 'webhook delivery failed');
        if (delay === undefined) return;
        const timer = setTimeout(() => {
          this.retries.delete(timer);
          this.deliver(address, body, attempt + 1);
        }, delay);
        timer.unref();
        this.retries.add(timer);
      });
  }
}

/**
 * The webhook body, serialized once: retries resend the same bytes, so the signature and
 * `tts_notification_id` (the receiver's dedupe key) stay the same.
 */
function envelopeOf(change: EmulatorChange, nowMs: number): string {
  return JSON.stringify({
    type: change.type,
    tts_notification_id: `7${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e9)).padStart(9, '0')}`,
    shop_id: change.shop_id,
    timestamp: Math.floor(nowMs / 1000),
    data: change.data,
  });
}
