import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../security/authenticate';
import type { Telemetry } from '../telemetry/metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in Prometheus text format. With `METRICS_TOKEN` set, only that bearer token
 * may scrape; otherwise, when clients are configured, any authenticated client may; with
 * authentication off (loopback only) it is open.
 */
export function registerMetricsRoute(app: FastifyInstance, telemetry: Telemetry, token: string | undefined, authenticator: Authenticator): void {
  const expected = token === undefined ? undefined : digest(token);
  app.get('/metrics', async (req, reply) => {
    const refuse = () => reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    if (expected) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      // Compare digests: equal length, constant time, and the token never reaches a log.
      if (!timingSafeEqual(digest(given), expected)) return refuse();
    } else if (authenticator.enabled) {
      try {
        await authenticator.authenticate(req.headers);
      } catch {
        return refuse();
      }
    }
    const { contentType, body } = await telemetry.scrape();
    return reply.header('content-type', contentType).send(body);
  });
}
