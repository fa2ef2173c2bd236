/**
 * `npm run bench` (`-- --quick` for a one-minute run): starts the emulator and ShopGraph on
 * loopback, drives them with autocannon, and compares each operation with the floor — the same
 * operation run through plain graphql-js `execute` over the same schema with every upstream
 * answer already cached. Writes bench/results/<date>.json and docs/performance.md.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { execute, parse, type DocumentNode } from 'graphql';
import { loadConfig } from '../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../src/emulator/server';
import { startServer } from '../src/app/start-server';
import { buildShopGraphSchema } from '../src/schema/build-schema';
import { silentLogger } from '../src/telemetry/logger';

const ROOT = join(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const DURATION = quick ? 3 : 10;
/** The gateway's V8 old-space cap, as recommended for deployment (README, Memory). */
const GATEWAY_HEAP_MB = Number(process.env.BENCH_GATEWAY_HEAP_MB ?? 256);
// Production refuses to start without a token-sealing key; the bench makes a throwaway one.
const ENCRYPTION_KEY = randomBytes(32).toString('base64');

interface Scenario {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

interface Result {
  scenario: string;
  mode: 'cold' | 'warm';
  requestsPerSecond: number | null;
  p50Ms: number;
  p99Ms: number;
  upstreamCallsPerRequest: number;
  floorP50Ms: number | null;
  ratioToFloor: number | null;
  errors: number;
}

function operation(file: string): string {
  const fragments = readFileSync(join(ROOT, 'operations', 'metric-fields.graphql'), 'utf8');
  const text = readFileSync(join(ROOT, 'operations', file), 'utf8');
  return text.includes('...MetricFields') ? `${text}\n${fragments}` : text;
}

async function totalCalls(emulator: EmulatorHandle): Promise<number> {
  return ((await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { total: number }).total;
}

/** Starts the gateway as its own process, so its peak RSS is its own. */
async function startGateway(emulator: EmulatorHandle, port: number): Promise<ChildProcess> {
  const t = emulator.tokens;
  const child = spawn(process.execPath, [`--max-old-space-size=${GATEWAY_HEAP_MB}`, join(ROOT, 'bin', 'shopgraph.js'), 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      SHOPGRAPH_ENCRYPTION_KEY: ENCRYPTION_KEY,
      TTS_APP_KEY: t.appKey,
      TTS_APP_SECRET: t.appSecret,
      TTS_AUTH_CODE: emulator.mintAuthCode(),
      TTS_API_BASE_URL: emulator.url,
      TTS_AUTH_BASE_URL: emulator.url,
      TT_ADS_BASE_URL: emulator.url,
      TT_ADS_ACCESS_TOKEN: t.adsToken,
      TT_ADS_APP_ID: t.appKey,
      TT_ADS_SECRET: t.appSecret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready at') && resolve());
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  return child;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Drives the gateway with autocannon. `latencies` are the 2xx responses' times in ms, sorted, to
 * the microsecond: autocannon's own histogram keeps whole milliseconds, too coarse beside a floor
 * of a few.
 */
async function load(url: string, s: Scenario, seconds: number, connections: number): Promise<{ result: autocannon.Result; latencies: number[] }> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = {
      url,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: s.query, variables: s.variables }),
      duration: seconds,
      connections,
    };
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
    });
  });
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}

const percentile = (sorted: number[], q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));

/** The floor: the same document through graphql-js `execute`, in process, everything cached. */
async function floor(s: Scenario, context: () => Promise<object>, iterations: number): Promise<number> {
  const schema = buildShopGraphSchema();
  const document: DocumentNode = parse(s.query);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    await execute({ schema, document, variableValues: s.variables, contextValue: await context() });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, seed: 'bench', shops: 2, days: 60, ordersPerDay: 60 });
  const port = 4700 + Math.floor(Math.random() * 200);
  const gateway = await startGateway(emulator, port);
  const url = `http://127.0.0.1:${port}/graphql`;
  const t = emulator.tokens;
  const inProcess = await startServer(
    loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      SHOPGRAPH_ENCRYPTION_KEY: ENCRYPTION_KEY,
      TTS_APP_KEY: t.appKey,
      TTS_APP_SECRET: t.appSecret,
      TTS_AUTH_CODE: emulator.mintAuthCode(),
      TTS_API_BASE_URL: emulator.url,
      TTS_AUTH_BASE_URL: emulator.url,
      TT_ADS_BASE_URL: emulator.url,
      TT_ADS_ACCESS_TOKEN: t.adsToken,
      TT_ADS_APP_ID: t.appKey,
      TT_ADS_SECRET: t.appSecret,
    }),
    silentLogger,
  );
  const shop = emulator.store.shops()[0]!;
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const orderIds = emulator.store
    .raw(shop.id)
    .orders.slice(0, 500)
    .map((o) => o.id);
  const scenarios: Scenario[] = [
    { name: 'shop overview (30 days)', query: operation('shop-overview.graphql'), variables: { shopId: shop.id, range: { from: monthAgo, to: today } } },
    { name: 'order list of 100 with products', query: operation('order-list.graphql'), variables: { shopId: shop.id, first: 100 } },
    {
      name: '_entities with 500 order references',
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id total { amount } } } }',
      variables: { r: orderIds.map((id) => ({ __typename: 'Order', shopId: shop.id, id })) },
    },
  ];

  const results: Result[] = [];
  for (const s of scenarios) {
    // Cold: the first request of the scenario on a fresh gateway, timed on its own.
    const before = await totalCalls(emulator);
    const coldStarted = performance.now();
    const coldResponse = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: s.query, variables: s.variables }),
    });
    const coldBody = (await coldResponse.json()) as { errors?: unknown[] };
    const coldMs = Math.round(performance.now() - coldStarted);
    const coldCalls = (await totalCalls(emulator)) - before;
    const mid = await totalCalls(emulator);
    // Latency with one connection (no queueing), throughput with ten.
    const { result: warm, latencies } = await load(url, s, DURATION, 1);
    const { result: throughput } = await load(url, s, DURATION, 10);
    const warmCalls = (await totalCalls(emulator)) - mid;
    warm.requests.average = throughput.requests.average;
    warm.requests.total += throughput.requests.total;
    warm.errors += throughput.errors;
    warm.non2xx += throughput.non2xx;
    await floor(s, inProcess.context, 20);
    const floorP50 = await floor(s, inProcess.context, quick ? 50 : 200);
    const cold: Result = {
      scenario: s.name,
      mode: 'cold',
      requestsPerSecond: null,
      p50Ms: coldMs,
      p99Ms: coldMs,
      upstreamCallsPerRequest: coldCalls,
      floorP50Ms: null,
      ratioToFloor: null,
      errors: coldResponse.ok && !coldBody.errors ? 0 : 1,
    };
    const row = (mode: 'cold' | 'warm', r: autocannon.Result, calls: number): Result => ({
      scenario: s.name,
      mode,
      requestsPerSecond: Math.round(r.requests.average),
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      upstreamCallsPerRequest: r.requests.total ? Number((calls / r.requests.total).toFixed(3)) : 0,
      floorP50Ms: mode === 'warm' ? Number(floorP50.toFixed(2)) : null,
      ratioToFloor: mode === 'warm' && floorP50 > 0 ? Number((percentile(latencies, 0.5) / floorP50).toFixed(2)) : null,
      errors: r.errors + r.non2xx,
    });
    results.push(cold, row('warm', warm, warmCalls));
    process.stdout.write(
      `${s.name}: warm ${Math.round(warm.requests.average)} req/s, p50 ${percentile(latencies, 0.5)} ms, floor p50 ${floorP50.toFixed(2)} ms\n`,
    );
  }
  const rss = peakRssMb(gateway.pid!);
  gateway.kill('SIGTERM');
  await inProcess.close();
  await emulator.close();

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  const report = { date, quick, durationSeconds: DURATION, machine, gatewayPeakRssMb: Math.round(rss), results };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', `${date}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const table = results
    .map(
      (r) =>
        `| ${r.scenario} | ${r.mode} | ${r.requestsPerSecond ?? '—'} | ${r.p50Ms} | ${r.p99Ms} | ${r.upstreamCallsPerRequest} | ${r.floorP50Ms ?? '—'} | ${r.ratioToFloor ?? '—'} | ${r.errors} |`,
    )
    .join('\n');
  // The ledger benchmark's section (bench/metrics-ledger.ts) is kept.
  const path = join(ROOT, 'docs', 'performance.md');
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const ledger = previous.indexOf('## Metrics ledger');
  writeFileSync(
    path,
    `# Performance\n\nMeasured by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${date}: ${machine}. ` +
      `Gateway in its own process (NODE_ENV=production, --max-old-space-size=${GATEWAY_HEAP_MB}), emulator in the bench process. Warm latency: autocannon with 1 connection for ${DURATION} s, p50 and p99 of every response's time to the µs; ` +
      `warm req/s: 10 connections for ${DURATION} s. ` +
      `"cold" is the first request of each scenario on a fresh gateway, timed alone. The floor is the same operation through graphql-js \`execute\` over the same schema ` +
      `with every upstream answer already cached (no HTTP, no Apollo pipeline).\n\n` +
      `| scenario | mode | req/s | p50 ms | p99 ms | upstream calls/request | floor p50 ms | ratio to floor | errors |\n|---|---|---|---|---|---|---|---|---|\n${table}\n\n` +
      `Gateway peak RSS: ${Math.round(rss)} MB.\n${ledger >= 0 ? `\n${previous.slice(ledger)}` : ''}`,
  );
  process.stdout.write(`\nwrote bench/results/${date}.json and docs/performance.md\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
