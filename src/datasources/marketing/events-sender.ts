/**
 * Events API 2.0 sender: reports purchases to a TikTok pixel as server-side web events.
 *
 * @see docs/tiktok-api.md ("Events API")
 */
import { LosslessNumber, stringify } from 'lossless-json';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../telemetry/logger';
import { MarketingTransport, type MarketingTransportOptions } from './marketing-transport';
import { hashUserIds, type RawUserIds } from './pii-hash';
import { splitList } from './report-paging';

/** TikTok rejects a whole `event/track/` request carrying more than 1000 events. */
export const MAX_EVENTS_PER_REQUEST = 1000;

/** The standard web events a paid order may be reported as (case-sensitive, docs/tiktok-api.md). */
export type PurchaseEventName = 'CompletePayment' | 'Purchase';

/** A purchase to report. Identifiers are RAW: the sender hashes them before serializing. */
export interface PurchaseEvent extends RawUserIds {
  /** The order id, used as `event_id` (TikTok dedupes on pixel + event + event_id) and `order_id`. */
  orderId: string;
  /** The shop the order belongs to (`properties.shop_id`). */
  shopId?: string;
  occurredAt: Date;
  /** @default 'Purchase' (TikTok maps the reserved `CompletePayment` onto it; docs/tiktok-api.md) */
  event?: PurchaseEventName;
  /** Order total, a plain decimal string in `currency`. */
  value: string;
  currency: string;
  /** Items by SKU id (`content_type` `product`): unit price as a decimal string, and how many. */
  contents?: ReadonlyArray<{ contentId: string; price: string; quantity: number }>;
  ttclid?: string;
  ip?: string;
  userAgent?: string;
}

/** Settings of {@link EventsSender}. */
export type EventsSenderOptions = MarketingTransportOptions & {
  /** The pixel code (`event_source_id`). */
  pixelCode: string;
  /** Routes events to the pixel's Test Events tab instead of live attribution. */
  testEventCode?: string;
  /** `page.url` of every event: the storefront the pixel is installed on (web events carry a page). */
  pageUrl?: string;
};

/** What {@link EventsSender.send} delivered. */
export interface SendSummary {
  events: number;
  requests: number;
}

/** TikTok's reference gives no `data` for `event/track/`; whatever comes is ignored. */
const trackResponseDataSchema = z.unknown();
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/** Sends purchase events to `POST event/track/` in batches of at most 1000. */
export class EventsSender {
  private readonly transport: MarketingTransport;
  private readonly logger: Logger;

  constructor(private readonly options: EventsSenderOptions) {
    this.transport = new MarketingTransport(options);
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Sends the events in order, one batch after another, and stops at the first failed batch
   * (throwing its {@link UpstreamError}). Every event is checked before anything is sent.
   */
  async send(events: readonly PurchaseEvent[]): Promise<SendSummary> {
    return this.sendPrepared(events.map((event) => this.prepare(event)));
  }

  /**
   * The event as it goes on the wire (identifiers hashed, money exact), serialized: what an
   * outbox keeps, so nothing raw is ever at rest. @throws RangeError on a malformed amount
   */
  prepare(event: PurchaseEvent): string {
    return stringify(toTrackedEvent(event, this.options.pageUrl)) ?? '';
  }

  /** Sends events {@link prepare}d earlier, in requests of at most 1000. */
  async sendPrepared(events: readonly string[]): Promise<SendSummary> {
    const batches = splitList(events, MAX_EVENTS_PER_REQUEST);
    const head = stringify({ event_source: 'web', event_source_id: this.options.pixelCode, test_event_code: this.options.testEventCode }) ?? '{}';
    for (const batch of batches) {
      // The events are already JSON text: spliced in, they are not parsed (and rounded) again.
      const body = `${head.slice(0, -1)},"data":[${batch.join(',')}]}`;
      await this.transport.call({ method: 'POST', path: 'event/track/', body, data: trackResponseDataSchema });
    }
    // Counts only: event payloads carry customer data even when hashed.
    this.logger.info({ api: 'events', pixel: this.options.pixelCode, events: events.length, requests: batches.length }, 'events sent');
    return { events: events.length, requests: batches.length };
  }
}

/**
 * Builds the wire event. Money goes out as a JSON number (the type of TikTok's `value` and
 * `price`) but is written from the decimal text by lossless-json, so no binary float rounds it.
 */
export function toTrackedEvent(event: PurchaseEvent, pageUrl?: string): Record<string, unknown> {
  const contents = (event.contents ?? []).map((item) => ({
    content_id: item.contentId,
    price: money(item.price, 'price'),
    quantity: quantity(item.quantity),
  }));
  return {
    event: event.event ?? 'Purchase',
    event_time: Math.floor(event.occurredAt.getTime() / 1000),
    event_id: event.orderId,
    user: {
      ...hashUserIds(event),
      ttclid: event.ttclid,
      ip: event.ip,
      user_agent: event.userAgent,
    },
    ...(pageUrl === undefined ? {} : { page: { url: pageUrl } }),
    properties: {
      value: money(event.value, 'value'),
      currency: event.currency,
      order_id: event.orderId,
      shop_id: event.shopId,
      // Events API 2.0 names the kind of `content_id` once per event: SKU ids are `product`.
      ...(contents.length > 0 ? { content_type: 'product', contents } : {}),
    },
  };
}

function money(text: string, field: string): LosslessNumber {
  if (!PLAIN_DECIMAL.test(text)) throw new RangeError(`event ${field} is not a plain non-negative decimal: ${JSON.stringify(text)}`);
  return new LosslessNumber(text);
}

function quantity(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`event quantity is not a positive integer: ${n}`);
  return n;
}
