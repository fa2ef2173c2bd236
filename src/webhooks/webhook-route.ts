import type { FastifyInstance } from 'fastify';
import type { Logger } from '../telemetry/logger';
import type { NotificationDedupe } from './dedupe';
import { MalformedNotificationError, parseNotification } from './notification';
import type { NotificationQueue } from './queue';
import { verifyWebhookSignature } from './signature';

/** Options of {@link registerWebhookRoute}. */
export interface WebhookRouteOptions {
  appKey: string;
  appSecret: string;
  dedupe: NotificationDedupe;
  queue: NotificationQueue;
  logger: Logger;
}

export const WEBHOOK_PATH = '/webhooks/tiktok-shop';

/**
 * `POST /webhooks/tiktok-shop`: verify the signature over the raw bytes (401 and nothing else
 * when it fails), drop replays, queue, and answer 200 with an empty body right away — TikTok
 * waits 3 s and then retries.
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
