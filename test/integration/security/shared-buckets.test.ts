/**
 * Query-cost throttling on two replicas sharing Redis: a client drains one bucket whichever
 * replica it calls, so splitting its requests over both buys it nothing.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator/server';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { RedisLink } from '../../../src/cache/redis-link';
import { silentLogger } from '../../../src/telemetry/logger';
import { emulatorEnv } from '../../helpers/stack';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { ALL_SCOPES, apiClient, writeConfigFile } from './helpers';

// `{ shops { id name } }` costs the client's shops (2) and uses all of it: no refunds. At a point
// per 100 s, refilling cannot change the count during the test: 5 operations fit in 10 points.
const BUCKET = { bucket: 10, restorePerSecond: 0.01 };
const QUERY = '{ shops { id name } }';
const FITS = 5;

describeWithRedis('query-cost buckets shared by two replicas', () => {
  let redis: RedisServer;
  let emulator: EmulatorHandle;
  let link: RedisLink;
  const servers: RunningServer[] = [];
  let clientNo = 0;
  const newClient = () => apiClient(`client${++clientNo}`, '*', ALL_SCOPES, BUCKET);
  const clients = Array.from({ length: 4 }, newClient);

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ port: 0, seed: 'shared-buckets', shops: 2, days: 2, ordersPerDay: 2 });
    const env = {
      ...emulatorEnv(emulator),
      REDIS_URL: redis.url,
      SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SHOPGRAPH_CONFIG: writeConfigFile({ clients: clients.map((c) => c.entry) }),
    };
    for (let i = 0; i < 2; i++) servers.push(await startServer(loadConfig(env), silentLogger));
    link = await RedisLink.connect({ url: redis.url, logger: silentLogger });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await link?.close();
    await emulator?.close();
    await redis?.stop();
  });

  const ask = async (replica: number, key: string) => {
    const res = await fetch(servers[replica]!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await res.json()) as {
      errors?: { extensions?: { code?: string } }[];
      extensions?: { cost?: { throttleStatus?: { currentlyAvailable: number } } };
    };
    return { status: res.status, code: body.errors?.[0]?.extensions?.code, available: body.extensions?.cost?.throttleStatus?.currentlyAvailable };
  };
  /** Statuses of `count` requests one after the other, on the given replicas in turn. */
  const sequence = async (key: string, replicasInTurn: number[], count: number) => {
    const answers = [];
    for (let i = 0; i < count; i++) answers.push(await ask(replicasInTurn[i % replicasInTurn.length]!, key));
    return answers;
  };

  it('throttles a client alternating between replicas at the same request as on one replica', async () => {
    const one = await sequence(clients[0]!.key, [0], FITS + 2);
    const split = await sequence(clients[1]!.key, [0, 1], FITS + 2);
    const expected = [...Array<number>(FITS).fill(200), 429, 429];
    expect(one.map((a) => a.status)).toEqual(expected);
    expect(split.map((a) => a.status)).toEqual(expected);
    expect(split.slice(FITS).map((a) => a.code)).toEqual(['THROTTLED', 'THROTTLED']);
    // Both replicas report the one level the client has left.
    expect(split.map((a) => a.available)).toEqual([8, 6, 4, 2, 0, 0, 0]);
  });

  it("lets exactly the bucket's worth of concurrent requests through, split over both replicas", async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(i % 2, clients[2]!.key)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(FITS);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(12 - FITS);
  });

  it('keeps the bucket in Redis under the app and client, expiring once it would be full again', async () => {
    await ask(1, clients[3]!.key);
    const key = `shopgraph:cost:${emulator.tokens.appKey}:${clients[3]!.entry.name}`;
    expect(Number(await link.client.hGet(key, 'available'))).toBeCloseTo(8, 1);
    // 2 points missing at 0.01 per second: full again in 200 s.
    expect(await link.client.pTTL(key)).toBeGreaterThan(199_000);
  });
});
