/**
 * A throwaway `redis-server` for integration tests: a free loopback port, no persistence, stopped
 * by pid. Suites that need one use {@link describeWithRedis}, which skips them (saying how to
 * install Redis) when the binary is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { RedisLink, type RedisLinkOptions } from '../../src/cache/redis-link';
import { silentLogger } from '../../src/telemetry/logger';

const INSTALL_HINT = 'redis-server not found: apt-get install -y redis-server';

/** Whether `redis-server` can be run here. */
export const redisInstalled = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** `describe` when redis-server is installed; otherwise a skipped suite naming the install command. */
export const describeWithRedis: (name: string, fn: () => void) => void = redisInstalled
  ? describe
  : (name, fn) => describe.skip(`${name} — skipped, ${INSTALL_HINT}`, fn);

/** A running redis-server. */
export interface RedisServer {
  url: string;
  port: number;
  readonly pid: number;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty, unless started with persistence). */
  restart(): Promise<void>;
  /** SIGTERM; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * Starts redis-server on a free loopback port and resolves once it accepts connections.
 * @param args - more redis-server arguments, after the defaults (e.g. `--appendonly yes --dir /tmp/x` for persistence)
 */
export async function startRedis(args: readonly string[] = []): Promise<RedisServer> {
  const port = await freePort();
  let child = await spawnRedis(port, args);
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid!, signal);
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid!;
    },
    kill: () => stopWith('SIGKILL'),
    stop: () => stopWith('SIGTERM'),
    async restart() {
      await stopWith('SIGKILL');
      child = await spawnRedis(port, args);
    },
  };
}

function spawnRedis(port: number, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
  });
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * For a `describeWithRedis` suite: a redis-server started before its tests and stopped after
 * them, and `connect`, which opens a {@link RedisLink} to it that is closed after them too.
 */
export function useRedis(defaults: Partial<RedisLinkOptions> = {}) {
  let redis: RedisServer | undefined;
  const links: RedisLink[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await redis?.stop();
  });
  return {
    get redis(): RedisServer {
      if (!redis) throw new Error('redis-server is not started yet (use it inside tests)');
      return redis;
    },
    links,
    async connect(options: Partial<RedisLinkOptions> = {}): Promise<RedisLink> {
      const link = await RedisLink.connect({
        url: this.redis.url,
        logger: silentLogger,
        maxReconnectDelayMs: 100,
        connectTimeoutMs: 500,
        ...defaults,
        // An option given as undefined keeps the default.
        ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
      });
      links.push(link);
      return link;
    },
  };
}
