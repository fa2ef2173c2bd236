/**
 * Events API 2.0 sender: reports Shop purchases to a TikTok pixel as server-side conversions.
 *
 * @see docs/tiktok-api.md ("Events API 2.0 — server-side conversions")
 */
import { LosslessNumber, stringify } from 'lossless-json';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../telemetry/logger';
import { MarketingTransport, type MarketingTransportOptions } from './marketing-transport';
import { hashUserIds, type RawUserIds } from './pii-hash';
import { splitList } from './report-paging';

/** TikTok rejects a whole `event/track/` request carrying more than 1000 events. */
export const MAX_EVENTS_PER_REQUEST = 1000;

/** A purchase to report. Identifiers are RAW: the sender hashes them before serializing. */
export interface PurchaseEvent extends RawUserIds {
  /** The order id, used as `event_id`: TikTok dedupes pixel + event + event_id for 48 hours. */
  orderId: string;
  occurredAt: Date;
  /** @default 'CompletePayment' */
  event?: 'CompletePayment' | 'Purchase';
  /** Order total, a plain decimal string in `currency`. */
  value: string;
  currency: string;
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
};

/** What {@link EventsSender.send} delivered. */
export interface SendSummary {
  events: number;
  requests: number;
}

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
   * (throwing its {@link UpstreamError}). Sending everything again is safe: TikTok drops
   * repeats of an `event_id` within 48 hours.
   */
  async send(events: readonly PurchaseEvent[]): Promise<SendSummary> {
    const batches = splitList(events, MAX_EVENTS_PER_REQUEST);
    for (const batch of batches) {
      const body = {
        event_source: 'web',
        event_source_id: this.options.pixelCode,
        test_event_code: this.options.testEventCode,
        data: batch.map(toTrackedEvent),
      };
      await this.transport.call({ method: 'POST', path: 'event/track/', body: stringify(body) ?? '', data: trackResponseDataSchema });
    }
    // Counts only: event payloads carry customer data even when hashed.
    this.logger.info({ api: 'events', pixel: this.options.pixelCode, events: events.length, requests: batches.length }, 'events sent');
    return { events: events.length, requests: batches.length };
  }
}

/**
 * Builds the wire event. Money goes out as a JSON number (TikTok's type) but is written from the
 * decimal text by lossless-json, so no binary float ever rounds it.
 */
function toTrackedEvent(event: PurchaseEvent): Record<string, unknown> {
  return {
    event: event.event ?? 'CompletePayment',
    event_time: Math.floor(event.occurredAt.getTime() / 1000),
    event_id: event.orderId,
    user: {
      ...hashUserIds(event),
      ttclid: event.ttclid,
      ip: event.ip,
      user_agent: event.userAgent,
    },
    properties: {
      value: money(event.value, 'value'),
      currency: event.currency,
      order_id: event.orderId,
      contents: (event.contents ?? []).map((item) => ({
        content_id: item.contentId,
        price: money(item.price, 'price'),
        quantity: item.quantity,
      })),
    },
  };
}

function money(text: string, field: string): LosslessNumber {
  if (!PLAIN_DECIMAL.test(text)) throw new RangeError(`event ${field} is not a plain non-negative decimal: ${JSON.stringify(text)}`);
  return new LosslessNumber(text);
}
