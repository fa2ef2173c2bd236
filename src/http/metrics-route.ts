import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Telemetry } from '../telemetry/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `GET /metrics` in Prometheus text format; behind a bearer token when one is configured. */
export function registerMetricsRoute(app: FastifyInstance, telemetry: Telemetry, token?: string): void {
  const expected = token === undefined ? undefined : digest(token);
  app.get('/metrics', async (req, reply) => {
    if (expected) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      // Compare digests: equal length, constant time, and the token never reaches a log.
      if (!timingSafeEqual(digest(given), expected)) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    }
    const { contentType, body } = await telemetry.scrape();
    return reply.header('content-type', contentType).send(body);
  });
}
