/** The ledger's one-row-per-order layout on a real Redis (the same cases as on the embedded store). */
import { RedisLink } from '../../../src/cache/redis-link';
import { RedisKv } from '../../../src/store/redis-kv';
import { silentLogger } from '../../../src/telemetry/logger';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { orderRowCases } from '../../unit/metrics/ledger/order-rows-cases';

describeWithRedis('the ledger layout (one row per order) on Redis', () => {
  let server: RedisServer;
  let link: RedisLink;
  beforeAll(async () => {
    server = await startRedis();
    link = await RedisLink.connect({ url: server.url, logger: silentLogger, maxReconnectDelayMs: 50, connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await link?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    await link.run((c) => c.flushAll());
  });

  orderRowCases(async () => new RedisKv(link));
});
