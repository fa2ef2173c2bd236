/**
 * Redis failover: how long requests suffer when Redis goes away and comes back (issue 17's
 * brownout). The gateway runs as its own process on a real redis-server; a steady load of cached
 * queries runs while Redis is killed (`kill -9`, then restarted on its AOF) and, separately,
 * frozen (`SIGSTOP`, then `SIGCONT`: a hung server, the harder case — nothing closes a socket).
 *
 * Reported per transition: the brownout (total time in 100 ms buckets whose successful
 * throughput fell under half the steady rate), the slowest request, and failed requests.
 * Writes bench/results/<date>-redis-failover.json. `-- --quick` shortens the phases.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulator, type EmulatorHandle } from '../src/emulator/server';

const ROOT = join(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
/** Seconds of steady load before, during and after the outage. */
const PHASE_S = quick ? 2 : 4;
const CONNECTIONS = 16;
const BUCKET_MS = 100;

interface Sample {
  at: number;
  ms: number;
  ok: boolean;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--dir', dir, '--save', ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

async function startGateway(emulator: EmulatorHandle, port: number, redisUrl: string): Promise<ChildProcess> {
  const t = emulator.tokens;
  const child = spawn(process.execPath, ['--max-old-space-size=256', join(ROOT, 'bin', 'shopgraph.js'), 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      PORT: String(port),
      REDIS_URL: redisUrl,
      SHOPGRAPH_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TTS_APP_KEY: t.appKey,
      TTS_APP_SECRET: t.appSecret,
      TTS_AUTH_CODE: emulator.mintAuthCode(),
      TTS_API_BASE_URL: emulator.url,
      TTS_AUTH_BASE_URL: emulator.url,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready at') && resolve());
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return child;
}

/** Runs `CONNECTIONS` request loops until `stop` resolves; every request's start, duration, outcome. */
async function load(url: string, body: string, stop: Promise<void>): Promise<Sample[]> {
  const samples: Sample[] = [];
  let running = true;
  void stop.then(() => (running = false));
  const loop = async () => {
    while (running) {
      const at = performance.now();
      let ok = false;
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(15_000) });
        const json = (await res.json()) as { errors?: unknown[] };
        ok = res.ok && !json.errors;
      } catch {
        ok = false;
      }
      samples.push({ at, ms: performance.now() - at, ok });
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  return samples;
}

interface Transition {
  kind: string;
  brownoutMs: number;
  slowestMs: number;
  failed: number;
  requests: number;
  steadyPerSecond: number;
  /** successful requests per 100 ms from the outage on, for reading where the time went */
  timeline: number[];
}

/** Successful completions per 100 ms bucket between `from` and `to`, by completion time. */
function buckets(samples: Sample[], from: number, to: number): number[] {
  const counts = new Array<number>(Math.ceil((to - from) / BUCKET_MS)).fill(0);
  for (const s of samples) {
    const done = s.at + s.ms;
    if (s.ok && done >= from && done < to) counts[Math.floor((done - from) / BUCKET_MS)]! += 1;
  }
  return counts;
}

async function transition(
  kind: 'kill -9' | 'SIGSTOP',
  url: string,
  body: string,
  redis: { child: ChildProcess; port: number; dir: string },
): Promise<Transition> {
  let finish!: () => void;
  const stop = new Promise<void>((resolve) => (finish = resolve));
  const started = performance.now();
  const running = load(url, body, stop);
  await wait(PHASE_S * 1000);
  const outage = performance.now();
  if (kind === 'kill -9') {
    redis.child.kill('SIGKILL');
    await wait(PHASE_S * 1000);
    redis.child = await startRedis(redis.port, redis.dir);
  } else {
    redis.child.kill('SIGSTOP');
    await wait(PHASE_S * 1000);
    redis.child.kill('SIGCONT');
  }
  await wait(PHASE_S * 1000);
  finish();
  const samples = await running;
  const steady = buckets(samples, started + 500, outage);
  const steadyPerBucket = [...steady].sort((a, b) => a - b)[Math.floor(steady.length / 2)] ?? 0;
  const after = buckets(samples, outage, performance.now());
  const brownoutMs = after.filter((n) => n < steadyPerBucket / 2).length * BUCKET_MS;
  const during = samples.filter((s) => s.at + s.ms >= outage);
  return {
    kind,
    brownoutMs,
    slowestMs: Math.round(Math.max(...during.map((s) => s.ms))),
    failed: samples.filter((s) => !s.ok).length,
    requests: samples.length,
    steadyPerSecond: Math.round((steadyPerBucket * 1000) / BUCKET_MS),
    timeline: after,
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, seed: 'bench', shops: 1, days: 30, ordersPerDay: 50 });
  const dir = mkdtempSync(join(tmpdir(), 'shopgraph-failover-'));
  const redisPort = await freePort();
  const redis = { child: await startRedis(redisPort, dir), port: redisPort, dir };
  const port = await freePort();
  const gateway = await startGateway(emulator, port, `redis://127.0.0.1:${redisPort}`);
  const url = `http://127.0.0.1:${port}/graphql`;
  const shopId = emulator.store.shops()[0]!.id;
  const body = JSON.stringify({ query: 'query($id: ID!) { shop(id: $id) { id name currency } }', variables: { id: shopId } });
  try {
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const results = [await transition('kill -9', url, body, redis), await transition('SIGSTOP', url, body, redis)];
    for (const r of results) {
      process.stdout.write(
        `${r.kind.padEnd(8)} brownout ${r.brownoutMs} ms, slowest request ${r.slowestMs} ms, failed ${r.failed} of ${r.requests}, steady ${r.steadyPerSecond} req/s\n`,
      );
    }
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    const date = new Date().toISOString().slice(0, 10);
    writeFileSync(
      join(ROOT, 'bench', 'results', `${date}-redis-failover.json`),
      `${JSON.stringify({ date, quick, connections: CONNECTIONS, phaseSeconds: PHASE_S, results }, null, 2)}\n`,
    );
  } finally {
    gateway.kill('SIGTERM');
    redis.child.kill('SIGCONT');
    redis.child.kill('SIGKILL');
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
