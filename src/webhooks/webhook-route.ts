import type { FastifyInstance } from 'fastify';
import type { Logger } from '../telemetry/logger';
import { DEDUPE_WINDOW_MS, type NotificationDedupe } from '../store/notification-dedupe';
import { MalformedNotificationError, parseNotification } from '../upstream/notification';
import type { NotificationQueue } from '../store/notification-queue';
import { verifyWebhookSignature } from './signature';

/** Options of {@link registerWebhookRoute}. */
export interface WebhookRouteOptions {
  appKey: string;
  appSecret: string;
  dedupe: NotificationDedupe;
  queue: NotificationQueue;
  logger: Logger;
  /** Clock the freshness window is read from. @default Date.now */
  now?: () => number;
}

export const WEBHOOK_PATH = '/webhooks/tiktok-shop';

/**
 * How old a notification's `timestamp` may be. TikTok retries an unanswered notification at
 * +2 min, +30 min, +3 h and +12 h (docs/tiktok-api.md, Webhooks) — a retry carries the original
 * body, so its last one arrives about 15.5 h after the event: a 15-minute window would refuse
 * TikTok's own retries. 20 h leaves hours of margin for TikTok's delivery lag, and stays under
 * dedupe's 24 h memory: every notification this accepts is either new or still remembered, so an
 * old signed notification replayed (a 2001 one was processed: issue 17, finding 9) is refused.
 */
export const WEBHOOK_MAX_AGE_MS = 20 * 3_600_000;

/** How far ahead of this clock a `timestamp` may be (the two clocks' skew). */
export const WEBHOOK_MAX_AHEAD_MS = 5 * 60_000;

if (WEBHOOK_MAX_AGE_MS + WEBHOOK_MAX_AHEAD_MS >= DEDUPE_WINDOW_MS) throw new Error('the webhook freshness window must stay inside the dedupe window');

/**
 * `POST /webhooks/tiktok-shop`: verify the signature over the raw bytes (401 and nothing else
 * when it fails), refuse a timestamp outside the freshness window (400), drop replays, queue, and
 * answer 200 with an empty body right away — TikTok waits 3 s and then retries.
 */
export async function registerWebhookRoute(app: FastifyInstance, options: WebhookRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    // The signature covers the exact bytes: keep them raw, whatever the content type says.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(WEBHOOK_PATH, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!verifyWebhookSignature(options.appKey, options.appSecret, raw, request.headers.authorization)) {
        options.logger.warn({ bytes: raw.length }, 'webhook refused: bad or missing signature');
        return reply.code(401).send({ error: 'invalid signature' });
      }
      let notification;
      try {
        notification = parseNotification(raw);
      } catch (error) {
        if (!(error instanceof MalformedNotificationError)) throw error;
        return reply.code(400).send({ error: error.message });
      }
      const ageMs = (options.now ?? Date.now)() - notification.timestamp * 1000;
      if (ageMs > WEBHOOK_MAX_AGE_MS || ageMs < -WEBHOOK_MAX_AHEAD_MS) {
        options.logger.warn({ notification: notification.id, timestamp: notification.timestamp }, 'webhook refused: timestamp outside the freshness window');
        return reply.code(400).send({
          error: `timestamp ${notification.timestamp} is outside the accepted window (${WEBHOOK_MAX_AGE_MS / 3_600_000} h back, ${WEBHOOK_MAX_AHEAD_MS / 60_000} min ahead)`,
        });
      }
      if (!(await options.dedupe.claim(notification.id))) return reply.code(200).send();
      try {
        await options.queue.enqueue(notification);
      } catch (error) {
        await options.dedupe.release(notification.id);
        options.logger.error({ err: error, notification: notification.id }, 'webhook not queued');
        return reply.code(503).send({ error: 'not queued; retry' });
      }
      return reply.code(200).send();
    });
  });
}
