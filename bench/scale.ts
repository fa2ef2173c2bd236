/**
 * Scale benchmark (issue 18): a portfolio of many shops on a gateway whose heap is capped, its
 * ledgers in the embedded store (and, when redis-server is installed, in Redis), then the same
 * gateway restarted on the same data.
 *
 * - cold: one portfolio query (GMV, orders, refund rate of every shop over the window) on a gateway
 *   with empty ledgers: time to the first answer (what it covered, its errors), then asked each
 *   second until complete: time to full coverage, history searches read, peak RSS;
 * - warm: the same query REQUESTS times: p50 / p95, upstream calls per request;
 * - restart: the gateway stopped (SIGTERM) and started again on the same data directory (or Redis):
 *   time to the complete answer, history searches read (zero is the goal), warm p50, peak RSS;
 * - bytes per order: the embedded store's files, and Redis's `used_memory`, over the orders held.
 *
 * The emulator runs in this process (so its memory is not the gateway's) with TikTok's rate limits;
 * the gateway runs as its own process, `NODE_ENV=production --max-old-space-size=SCALE_HEAP_MB`,
 * default settings but the cost limit (every shop in one page).
 *
 * Run: `npx tsc -p tsconfig.bench.json && node --max-old-space-size=8192 dist-bench/bench/scale.js`
 * (options: SCALE_SHOPS=40, SCALE_DAYS=60, SCALE_ORDERS_PER_DAY=200, SCALE_HEAP_MB=256,
 * SCALE_REQUESTS=20, SCALE_BACKFILLS (the config's `storage.concurrentBackfills`), SCALE_REDIS=0 to skip Redis). Writes bench/results/<date>-scale.json and the
 * "Scale" section of docs/performance.md.
 */
import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../src/emulator/server';
import { startServer } from '../src/app/start-server';
import { localDate } from '../src/domain/window';
import { createLogger, silentLogger } from '../src/telemetry/logger';

const SHOPS = Number(process.env.SCALE_SHOPS ?? 40);
const DAYS = Number(process.env.SCALE_DAYS ?? 60);
const ORDERS_PER_DAY = Number(process.env.SCALE_ORDERS_PER_DAY ?? 200);
const HEAP_MB = Number(process.env.SCALE_HEAP_MB ?? 256);
const REQUESTS = Number(process.env.SCALE_REQUESTS ?? 20);
const WITH_REDIS = process.env.SCALE_REDIS !== '0';
/** The config file's `storage.concurrentBackfills`; unset: its default. */
const BACKFILLS = process.env.SCALE_BACKFILLS;
const ROOT = join(__dirname, '..', '..');
/** One token-sealing key for every gateway of the run: a restarted one reads the tokens the last one sealed in Redis. */
const ENCRYPTION_KEY = randomBytes(32).toString('base64');

const HISTORY = ['POST /order/202309/orders/search', 'POST /return_refund/202309/returns/search', 'POST /return_refund/202309/cancellations/search'];
const PORTFOLIO =
  'query($r: DateRange!) { metrics(range: $r) { shop { id } coverage { share complete } gmv { value } orders { value } refundRate { value } } }';

type Answer = {
  data?: {
    metrics: { shop: { id: string }; coverage: { share: number; complete: boolean }; gmv: { value: string | null }; orders: { value: string | null } }[];
  };
  errors?: { message: string }[];
};

/** Child mode: a gateway configured by the environment, announcing its URL. */
async function gatewayProcess(): Promise<void> {
  const level = process.env.BENCH_LOG_LEVEL;
  const server = await startServer(loadConfig(process.env), level ? createLogger({ level, destination: pino.destination(2) }) : silentLogger);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  console.log(`READY ${server.url}`);
}

interface Gateway {
  url: string;
  child: ChildProcess;
  /** VmHWM / VmRSS of the gateway now, MB. */
  memory(): { peakRssMb: number; rssMb: number };
  stop(): Promise<void>;
}

async function startGateway(emulator: EmulatorHandle, env: Record<string, string>): Promise<Gateway> {
  const t = emulator.tokens;
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, __filename, '--gateway'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SHOPGRAPH_ENCRYPTION_KEY: ENCRYPTION_KEY,
      TTS_APP_KEY: t.appKey,
      TTS_APP_SECRET: t.appSecret,
      TTS_AUTH_CODE: emulator.mintAuthCode(),
      TTS_API_BASE_URL: emulator.url,
      TTS_AUTH_BASE_URL: emulator.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const ready = /READY (\S+)/.exec(chunk.toString());
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return {
    url,
    child,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
      return { peakRssMb: mb('VmHWM'), rssMb: mb('VmRSS') };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function portfolio(url: string, r: { from: string; to: string }): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PORTFOLIO, variables: { r } }),
  });
  return (await res.json()) as Answer;
}

/** Whether every shop of the portfolio has its GMV and orders. */
function complete(answer: Answer): boolean {
  return !answer.errors?.length && answer.data?.metrics.length === SHOPS && answer.data.metrics.every((m) => m.gmv.value !== null && m.orders.value !== null);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round1 = (x: number) => Math.round(x * 10) / 10;
const sum = (calls: Record<string, number>, keys: readonly string[]) => keys.reduce((n, k) => n + (calls[k] ?? 0), 0);

/** The mean covered share of the shops' windows, 0 to 1. */
const shareOf = (answer: Answer) => (answer.data?.metrics ?? []).reduce((n, m) => n + m.coverage.share, 0) / SHOPS;

/** What one gateway run measured. */
interface Run {
  label: string;
  /** seconds to the first answer (complete or not), its errors, and the share of the shops' days it covered */
  firstAnswerSeconds: number;
  firstAnswerErrors: number;
  firstAnswerShare: number;
  /** the first answer's first error message, if any */
  firstAnswerError?: string;
  /** seconds to the first complete answer (asked again each second until then) */
  completeSeconds: number;
  historySearches: number;
  upstreamCalls: number;
  warmP50Ms: number;
  warmP95Ms: number;
  warmUpstreamCallsPerRequest: number;
  peakRssMb: number;
  rssMb: number;
  /** orders the portfolio answer counted */
  orders: number;
  alive: boolean;
}

async function measure(
  label: string,
  emulator: EmulatorHandle,
  env: Record<string, string>,
  r: { from: string; to: string },
): Promise<{ run: Run; gateway: Gateway }> {
  emulator.stats.reset();
  const gateway = await startGateway(emulator, env);
  const started = performance.now();
  const first = await portfolio(gateway.url, r);
  const firstAnswerSeconds = (performance.now() - started) / 1000;
  // The backfills go on in the background: asked again each second until the answer is whole.
  let last = first;
  while (!complete(last)) {
    if (gateway.child.exitCode !== null) throw new Error(`${label}: the gateway exited`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    last = await portfolio(gateway.url, r);
  }
  const completeSeconds = (performance.now() - started) / 1000;
  const cold = emulator.stats.snapshot();
  const orders = last.data!.metrics.reduce((n, m) => n + Number(m.orders.value), 0);
  emulator.stats.reset();
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const answer = await portfolio(gateway.url, r);
    latencies.push(performance.now() - t0);
    if (!complete(answer)) throw new Error(`${label}: warm request ${i} incomplete`);
  }
  latencies.sort((a, b) => a - b);
  const warm = emulator.stats.snapshot();
  const memory = gateway.memory();
  const run: Run = {
    label,
    firstAnswerSeconds: round1(firstAnswerSeconds),
    firstAnswerErrors: first.errors?.length ?? 0,
    ...(first.errors?.length ? { firstAnswerError: first.errors[0]!.message } : {}),
    firstAnswerShare: Math.round(shareOf(first) * 100) / 100,
    completeSeconds: round1(completeSeconds),
    historySearches: sum(cold.calls, HISTORY),
    upstreamCalls: cold.total,
    warmP50Ms: round1(quantile(latencies, 0.5)),
    warmP95Ms: round1(quantile(latencies, 0.95)),
    warmUpstreamCallsPerRequest: round1(warm.total / REQUESTS),
    ...memory,
    orders,
    alive: gateway.child.exitCode === null,
  };
  console.log(
    `${label}: first answer ${run.firstAnswerSeconds} s (${run.firstAnswerErrors} errors, ${Math.round(run.firstAnswerShare * 100)}% of the days covered), complete ${run.completeSeconds} s (${run.historySearches} history searches, ${run.upstreamCalls} upstream calls), warm p50 ${run.warmP50Ms} ms, peak RSS ${run.peakRssMb} MB`,
  );
  return { run, gateway };
}

/** Bytes of the embedded store's files (databases and their write-ahead logs). */
function storeBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A redis-server with AOF in a directory of its own, and how to read its memory. */
async function startRedisServer(): Promise<{ url: string; usedMemory(): number; stop(): void; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'shopgraph-scale-redis-'));
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--save', '', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (c: Buffer) => c.toString().includes('Ready to accept') && resolve()));
  child.stdout!.resume();
  const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout;
  return {
    url: `redis://127.0.0.1:${port}`,
    dir,
    usedMemory: () => Number(/used_memory:(\d+)/.exec(cli('INFO', 'memory'))?.[1]),
    stop: () => child.kill('SIGTERM'),
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const emulator = await startEmulator({ port: 0, seed: 'scale', shops: SHOPS, days: DAYS, ordersPerDay: ORDERS_PER_DAY });
  const shops = emulator.store.shops();
  const generated = shops.reduce((n, s) => n + emulator.store.raw(s.id).orders.length, 0);
  console.log(
    `emulator: ${SHOPS} shops, ${generated.toLocaleString('en-US')} orders over ${DAYS} days (generated in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const nowSeconds = Math.floor(Date.now() / 1000);
  const zone = shops[0]!.timezone;
  const r = { from: localDate(nowSeconds - (DAYS - 1) * 86_400, zone), to: localDate(nowSeconds, zone) };
  // The portfolio asks for every shop in one page (up to 250: no paging at this size).
  const configDir = mkdtempSync(join(tmpdir(), 'shopgraph-scale-config-'));
  const configFile = join(configDir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      limits: { maxCost: 1_000_000 },
      upstream: { timeoutMs: 60_000 },
      ...(BACKFILLS === undefined ? {} : { storage: { concurrentBackfills: Number(BACKFILLS) } }),
    }),
  );
  const runs: Run[] = [];
  const sizes: Record<string, number> = {};
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'shopgraph-scale-data-'));
    const env = { SHOPGRAPH_CONFIG: configFile, SHOPGRAPH_DATA_DIR: dataDir };
    const cold = await measure('embedded store, cold', emulator, env, r);
    runs.push(cold.run);
    await cold.gateway.stop();
    sizes.embeddedBytesPerOrder = Math.round(storeBytes(dataDir) / cold.run.orders);
    const restarted = await measure('embedded store, restarted', emulator, env, r);
    runs.push(restarted.run);
    await restarted.gateway.stop();
    rmSync(dataDir, { recursive: true, force: true });

    if (WITH_REDIS && spawnSync('redis-server', ['--version']).status === 0) {
      const redis = await startRedisServer();
      try {
        const baseline = redis.usedMemory();
        const redisEnv = { SHOPGRAPH_CONFIG: configFile, REDIS_URL: redis.url };
        const onRedis = await measure('Redis, cold', emulator, redisEnv, r);
        runs.push(onRedis.run);
        await onRedis.gateway.stop();
        sizes.redisBytesPerOrder = Math.round((redis.usedMemory() - baseline) / onRedis.run.orders);
        const again = await measure('Redis, gateway restarted', emulator, redisEnv, r);
        runs.push(again.run);
        await again.gateway.stop();
      } finally {
        redis.stop();
        rmSync(redis.dir, { recursive: true, force: true });
      }
    }
    if (process.env.SCALE_REPORT !== '0') report({ orders: generated }, runs, sizes);
    else console.log(JSON.stringify(runs, null, 2));
  } finally {
    rmSync(configDir, { recursive: true, force: true });
    await emulator.close();
  }
}

const SECTION = '## Scale';

/** Writes bench/results/<date>-scale.json and the Scale section of docs/performance.md (other sections kept). */
function report(data: { orders: number }, runs: Run[], sizes: Record<string, number>): void {
  const date = new Date().toISOString().slice(0, 10);
  const settings = { shops: SHOPS, days: DAYS, ordersPerDay: ORDERS_PER_DAY, heapMb: HEAP_MB, requests: REQUESTS, concurrentBackfills: BACKFILLS ?? 'default' };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', `${date}-scale.json`), `${JSON.stringify({ date, settings, data, sizes, runs }, null, 2)}\n`);
  const rows = runs.map(
    (r) =>
      `| ${r.label} | ${r.firstAnswerSeconds} s, ${Math.round(r.firstAnswerShare * 100)}% of days covered, ${r.firstAnswerErrors} errors | ${r.completeSeconds} s | ${r.historySearches} (${r.upstreamCalls} calls in all) | ${r.warmP50Ms} / ${r.warmP95Ms} ms | ${r.warmUpstreamCallsPerRequest} | ${r.peakRssMb} MB | ${r.alive ? 'yes' : '**no**'} |`,
  );
  const bytes = [
    sizes.embeddedBytesPerOrder === undefined ? null : `embedded store on disk: ${sizes.embeddedBytesPerOrder} bytes per order (both databases and their logs)`,
    sizes.redisBytesPerOrder === undefined ? null : `Redis: ${sizes.redisBytesPerOrder} bytes per order (\`used_memory\` growth)`,
  ]
    .filter(Boolean)
    .join('; ');
  const section =
    `${SECTION} (\`bench/scale.ts\`)\n\n` +
    `${SHOPS} shops × ${DAYS} days × ${ORDERS_PER_DAY} orders a day (${data.orders.toLocaleString('en-US')} orders in the emulator); one portfolio query ` +
    `(GMV, orders, refund rate of every shop over ${DAYS} days), then ${REQUESTS} times warm; then the gateway stopped and started again on the same data. ` +
    `Gateway in its own process, NODE_ENV=production, --max-old-space-size=${HEAP_MB}, default \`storage\` settings (a window answers after 3 s with the days read so far; ` +
    `the backfills go on in the background, newest days first, 4 shops at a time), cost limit raised; the query asked again each second until every shop's figures are whole; ` +
    `emulator in the bench process with TikTok's rate limits. The warm requests right after a cold run include ` +
    `the delta syncs of ledgers that grew older than metrics.maxStalenessSeconds (60 s) meanwhile (one search per feed and shop: the upstream calls per warm request). Measured ${date}.\n\n` +
    '| run | first answer | first complete answer | history searches read (all upstream calls) | warm p50 / p95 | upstream calls per warm request | gateway peak RSS | stayed up |\n' +
    `|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n\nBytes per order: ${bytes}.\n`;
  const path = join(ROOT, 'docs', 'performance.md');
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const at = before.indexOf(SECTION);
  const next = at < 0 ? -1 : before.indexOf('\n## ', at + SECTION.length);
  const kept = at < 0 ? before.trimEnd() : `${before.slice(0, at).trimEnd()}${next < 0 ? '' : `\n\n${before.slice(next + 1).trimEnd()}`}`;
  writeFileSync(path, `${kept}\n\n${section}`);
  console.log(`\nwrote bench/results/${date}-scale.json and the Scale section of docs/performance.md`);
}

(process.argv.includes('--gateway') ? gatewayProcess() : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
