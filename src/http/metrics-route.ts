import type { FastifyInstance } from 'fastify';
import type { Telemetry } from '../telemetry/metrics';
import type { OperatorAccess } from '../security/operator-access';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * `GET /metrics` in Prometheus text format, for operators only (see `operatorAccess`): 401 without
 * a valid credential, 403 for a client without the `operator` scope.
 */
export function registerMetricsRoute(app: FastifyInstance, telemetry: Telemetry, access: (headers: IncomingHttpHeaders) => Promise<OperatorAccess>): void {
  app.get('/metrics', async (req, reply) => {
    const allowed = await access(req.headers);
    if (!allowed.ok) {
      if (allowed.status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(allowed.status).send({ error: allowed.status === 401 ? 'unauthorized' : 'forbidden: needs the operator scope' });
    }
    const { contentType, body } = await telemetry.scrape();
    return reply.header('content-type', contentType).send(body);
  });
}
