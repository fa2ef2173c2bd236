/**
 * Shop events across replicas: Redis pub/sub on one channel per app. A webhook is processed by
 * one replica (the stream's consumer group hands it to one) and a ledger synced by one (under its
 * lease), while the subscribers of that shop are spread over all of them: each event is delivered
 * to the publishing replica's listeners at once and published for the others, which ignore their
 * own. Pub/sub keeps nothing: a replica cut from Redis misses other replicas' events until it is
 * back (its clients' metrics subscriptions still re-check on their interval, docs/real-time.md).
 * @see https://redis.io/docs/latest/develop/interact/pubsub/
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { z } from 'zod';
import { redactUrl } from '../cache/redis-link';
import type { Logger } from '../telemetry/logger';
import { LocalShopEvents } from './local-events';
import { shopEventSchema, type ShopEvent, type ShopEventListener, type ShopEvents } from '../events/shop-events';

/** Options of {@link RedisShopEvents.start}. */
export interface RedisShopEventsOptions {
  url: string;
  /** e.g. `shopgraph:events:v1:{app key}`: one app's replicas share it, another app's never hear it. */
  channel: string;
  logger: Logger;
  /** Longest pause between reconnection attempts. @default 1000 */
  maxReconnectDelayMs?: number;
}

function newClient(url: string, maxReconnectDelayMs: number, offlineQueue: boolean) {
  return createClient({
    url,
    disableOfflineQueue: !offlineQueue,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, maxReconnectDelayMs) },
  });
}

type Client = ReturnType<typeof newClient>;

const message = z.object({ v: z.literal(1), origin: z.string().min(1).max(64), event: shopEventSchema });

/** Redis-backed {@link ShopEvents}; starts without waiting for Redis and keeps reconnecting. */
export class RedisShopEvents implements ShopEvents {
  private readonly local: LocalShopEvents;
  /** Tells this replica's own messages apart when they come back. */
  private readonly origin = randomUUID();
  private down: string | undefined;
  private closed = false;

  private constructor(
    private readonly publisher: Client,
    private readonly subscriber: Client,
    private readonly options: RedisShopEventsOptions,
  ) {
    this.local = new LocalShopEvents(options.logger);
  }

  /** Connects both connections in the background; events are local-only until Redis answers. */
  static start(options: RedisShopEventsOptions): RedisShopEvents {
    const delay = options.maxReconnectDelayMs ?? 1000;
    // Publishing while Redis is away fails at once (no unbounded offline queue): the event still
    // reached this replica's subscribers. The subscriber's SUBSCRIBE may wait for the connection.
    const publisher = newClient(options.url, delay, false);
    const subscriber = newClient(options.url, delay, true);
    const events = new RedisShopEvents(publisher, subscriber, options);
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: Error) => events.markDown(error.message));
      client.on('ready', () => events.markUp());
      client.connect().catch((error: unknown) => events.markDown(String(error)));
    }
    // Subscribed once ready; node-redis subscribes again by itself after each reconnection.
    subscriber.once('ready', () => {
      subscriber.subscribe(options.channel, (raw) => events.receive(raw)).catch((error: unknown) => events.markDown(String(error)));
    });
    return events;
  }

  get listenerCount(): number {
    return this.local.listenerCount;
  }

  publish(event: ShopEvent): void {
    this.local.publish(event);
    if (this.closed || !this.publisher.isReady) return;
    this.publisher.publish(this.options.channel, JSON.stringify({ v: 1, origin: this.origin, event })).catch((error: unknown) => this.markDown(String(error)));
  }

  listen(shopId: string, listener: ShopEventListener): () => void {
    return this.local.listen(shopId, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.publisher, this.subscriber].map((c) => (c.isOpen ? c.close().catch(() => c.destroy()) : c.destroy())));
    await this.local.close();
  }

  private receive(raw: string): void {
    let parsed;
    try {
      parsed = message.safeParse(JSON.parse(raw));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      this.options.logger.warn({ channel: this.options.channel, bytes: raw.length }, 'shop event from Redis ignored: not a ShopGraph event');
      return;
    }
    if (parsed.data.origin === this.origin) return;
    this.local.publish(parsed.data.event);
  }

  /** One line per outage. */
  private markDown(reason: string): void {
    if (this.closed || this.down !== undefined) return;
    this.down = reason;
    this.options.logger.warn({ redis: redactUrl(this.options.url), reason }, "shop events: Redis unavailable, subscriptions hear this replica's events only");
  }

  private markUp(): void {
    if (this.down === undefined || !this.publisher.isReady || !this.subscriber.isReady) return;
    this.down = undefined;
    this.options.logger.info({ redis: redactUrl(this.options.url) }, 'shop events: Redis is back, events shared by every replica again');
  }
}
