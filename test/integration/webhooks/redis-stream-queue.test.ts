import { RedisLink } from '../../../src/cache/redis-link';
import { silentLogger, type Logger } from '../../../src/telemetry/logger';
import type { Notification } from '../../../src/upstream/notification';
import { RedisStreamQueue, type StreamQueueOptions } from '../../../src/webhooks/redis-stream-queue';
import { describeWithRedis, startRedis, type RedisServer } from '../../helpers/redis';
import { captureLogs } from '../security/helpers';

const note = (id: string): Notification => ({ id, type: 1, shopId: '7', timestamp: 1_700_000_000, orderId: `o-${id}`, orderStatus: 'IN_TRANSIT' });

describeWithRedis('RedisStreamQueue on a real Redis', () => {
  let redis: RedisServer;
  const links: RedisLink[] = [];
  const queues: RedisStreamQueue[] = [];
  const connect = async () => {
    const link = await RedisLink.connect({ url: redis.url, logger: silentLogger, maxReconnectDelayMs: 100, connectTimeoutMs: 500 });
    links.push(link);
    return link;
  };
  /** A replica's queue; fast reads so stale entries are looked at often. */
  const replica = async (
    stream: string,
    handle: (n: Notification) => Promise<void>,
    options: Partial<StreamQueueOptions> & { logger?: Logger; link?: RedisLink } = {},
  ) => {
    const queue = new RedisStreamQueue(options.link ?? (await connect()), handle, options.logger ?? silentLogger, { stream, blockMs: 50, ...options });
    queues.push(queue);
    return queue;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await Promise.all(links.map((l) => l.close()));
    await redis?.stop();
  });

  it('processes each notification either replica accepted exactly once, on one of them', async () => {
    const seen: string[] = [];
    const [a, b] = [await replica('test:once', async (n) => void seen.push(n.id)), await replica('test:once', async (n) => void seen.push(n.id))];
    const ids = Array.from({ length: 40 }, (_, i) => `n${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? a! : b!).enqueue(note(id))));
    await Promise.all([a!.drain(), b!.drain()]);
    expect([...seen].sort()).toEqual([...ids].sort());
    const [group] = await links[0]!.client.xInfoGroups('test:once');
    expect(group).toMatchObject({ name: 'shopgraph', pending: 0, consumers: 2 });
    expect(await links[0]!.client.xLen('test:once')).toBe(40);
  });

  it('hands the handler the notification it was given, and drops an entry that is not one with a log line', async () => {
    const logs = captureLogs();
    const seen: Notification[] = [];
    const link = await connect();
    await link.client.xAdd('test:shape', '*', { notification: '{"id":"x","type":"one"}' });
    await link.client.xAdd('test:shape', '*', { notification: 'not json' });
    await link.client.xAdd('test:shape', '*', { other: 'field' });
    const queue = await replica('test:shape', async (n) => void seen.push(n), { link, logger: logs.logger });
    await queue.enqueue(note('good'));
    await queue.drain();
    expect(seen).toEqual([note('good')]);
    expect(logs.lines().filter((l) => l.msg === 'webhook stream entry dropped: not a notification')).toHaveLength(3);
    expect((await link.client.xInfoGroups('test:shape'))[0]).toMatchObject({ pending: 0 });
  });

  it('retries a failed notification after the idle time, then drops it with an error line naming it', async () => {
    const logs = captureLogs();
    const attempts = new Map<string, number>();
    const queue = await replica(
      'test:retry',
      async (n) => {
        const attempt = (attempts.get(n.id) ?? 0) + 1;
        attempts.set(n.id, attempt);
        if (n.id === 'poison' || (n.id === 'flaky' && attempt === 1)) throw new Error(`ledger down (${n.id})`);
      },
      { logger: logs.logger, claimIdleMs: 30, maxAttempts: 3 },
    );
    await queue.enqueue(note('poison'));
    await queue.enqueue(note('flaky'));
    await queue.enqueue(note('fine'));
    await queue.drain();
    expect(Object.fromEntries(attempts)).toEqual({ poison: 3, flaky: 2, fine: 1 });
    const retried = logs.lines().filter((l) => String(l.msg).startsWith('webhook processing failed'));
    expect(retried.map((l) => [l.notification, l.attempt])).toEqual(
      expect.arrayContaining([
        ['poison', 1],
        ['poison', 2],
        ['flaky', 1],
      ]),
    );
    expect(retried).toHaveLength(3);
    const dropped = logs.lines().filter((l) => l.msg === 'webhook notification dropped after 3 attempts');
    expect(dropped).toEqual([
      expect.objectContaining({
        level: 50,
        notification: 'poison',
        attempt: 3,
        dropped: note('poison'),
        err: expect.objectContaining({ message: 'ledger down (poison)' }),
      }),
    ]);
    expect((await links[0]!.client.xInfoGroups('test:retry'))[0]).toMatchObject({ pending: 0 });
  });

  it('takes over an entry a crashed replica read but never acknowledged', async () => {
    const link = await connect();
    await link.client.xGroupCreate('test:crash', 'shopgraph', '0', { MKSTREAM: true });
    await link.client.xAdd('test:crash', '*', { notification: JSON.stringify(note('orphan')) });
    const taken = await link.client.xReadGroup('shopgraph', 'crashed-replica', { key: 'test:crash', id: '>' }, { COUNT: 10 });
    expect(taken).toHaveLength(1);
    let processed!: (n: Notification) => void;
    const handled = new Promise<Notification>((resolve) => (processed = resolve));
    const queue = await replica('test:crash', async (n) => processed(n), { link, claimIdleMs: 20 });
    await expect(handled).resolves.toEqual(note('orphan'));
    // Closing finishes the entry in hand: it is acknowledged.
    await queue.close();
    expect(await link.client.xPendingRange('test:crash', 'shopgraph', '-', '+', 10)).toEqual([]);
  });

  it('closes its reading connection and leaves the group, and refuses notifications after', async () => {
    const link = await connect();
    const clients = async () => (await link.client.clientList()).length;
    const before = await clients();
    const queue = await replica('test:close', async () => undefined, { link });
    await queue.enqueue(note('one'));
    await queue.drain();
    expect(await clients()).toBe(before + 1);
    expect((await link.client.xInfoConsumers('test:close', 'shopgraph')).map((c) => c.name)).toEqual([queue.consumer]);
    await queue.close();
    expect(await clients()).toBe(before);
    expect(await link.client.xInfoConsumers('test:close', 'shopgraph')).toEqual([]);
    await expect(queue.enqueue(note('two'))).rejects.toThrow(/closed/);
  });

  // Last: it kills Redis.
  it('processes in process while Redis is away, and goes back to the stream when Redis is back', async () => {
    const seen: string[] = [];
    const link = await connect();
    const queue = await replica('test:down', async (n) => void seen.push(n.id), { link });
    await queue.enqueue(note('before'));
    await queue.drain();
    await redis.kill();
    await queue.enqueue(note('during'));
    await queue.drain();
    expect(seen).toEqual(['before', 'during']);
    expect(link.healthy).toBe(false);

    const back = new Promise<void>((resolve) => link.onRecovery(resolve));
    await redis.restart();
    await back;
    await queue.enqueue(note('after'));
    await queue.drain();
    expect(seen).toEqual(['before', 'during', 'after']);
    expect((await link.client.xInfoGroups('test:down'))[0]).toMatchObject({ pending: 0 });
  });
});
