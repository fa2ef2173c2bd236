import { RedisUnavailableError } from '../../../src/cache/redis-link';
import { createLogger, silentLogger } from '../../../src/telemetry/logger';
import { Telemetry } from '../../../src/telemetry/metrics';
import { describeWithRedis, useRedis } from '../../helpers/redis';

describeWithRedis('RedisLink: an outage or an error', () => {
  const lines: { level: number; msg: string; err?: { message: string } }[] = [];
  const shared = useRedis({ logger: createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }) });

  const failures = async (telemetry: Telemetry) => (await telemetry.registry.getSingleMetric('shopgraph_redis_failures_total')!.get()).values[0]?.value ?? 0;

  it('keeps Redis up through a script that fails, logging it at error and counting it', async () => {
    const link = await shared.connect();
    const telemetry = new Telemetry({ processMetrics: false });
    const before = await failures(telemetry);
    lines.length = 0;
    await expect(link.run((c) => c.eval("return redis.call('NOSUCHCOMMAND')", { keys: [], arguments: [] }))).rejects.toThrow(
      /Unknown Redis command|unknown command/i,
    );
    await expect(link.run(async () => JSON.parse('{not json') as unknown)).rejects.toThrow(SyntaxError);
    expect(link.healthy).toBe(true);
    expect(link.status().ok).toBe(true);
    expect(await failures(telemetry)).toBe(before + 2);
    expect(lines.filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      'Redis call failed (Redis is up: not falling back)',
      'Redis call failed (Redis is up: not falling back)',
    ]);
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
    // Still answering, as shared state.
    expect(await link.run((c) => c.ping())).toBe('PONG');
  });

  it('does not take its own busy event loop for a slow Redis: an answer waiting on the socket counts', async () => {
    const link = await shared.connect({ commandTimeoutMs: 50, logger: silentLogger });
    const answer = link.run((c) => c.ping());
    // Block this process past the deadline: Redis answers meanwhile, but nothing reads it yet.
    const until = Date.now() + 200;
    while (Date.now() < until) {
      // busy: the event loop is held, as by a long synchronous aggregation
    }
    await expect(answer).resolves.toBe('PONG');
    expect(link.healthy).toBe(true);
    await link.close();
  });

  it('takes a lost connection for an outage: RedisUnavailableError, Redis away until it answers again', async () => {
    // The other tests' links are closed first: each open link would say it degraded too.
    await Promise.all(shared.links.map((l) => l.close()));
    const link = await shared.connect();
    lines.length = 0;
    const back = new Promise<void>((resolve) => link.onRecovery(resolve));
    await shared.redis.kill();
    const error = await link.run((c) => c.ping()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(link.healthy).toBe(false);
    expect(lines.filter((l) => l.level === 50)).toEqual([]);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual(['Redis unavailable: degraded to per-process cache and limits']);
    await expect(link.run((c) => c.ping())).rejects.toBeInstanceOf(RedisUnavailableError);
    await shared.redis.restart();
    await back;
    expect(await link.run((c) => c.ping())).toBe('PONG');
  });
});
