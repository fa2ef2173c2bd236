/**
 * Benchmark of issue 4's order ledger: one shop with about 100,000 orders in the emulator, and
 * the gateway (its own process, so it does not share a thread with the emulator) reading it
 * through the real Partner API client.
 *
 * - cold backfill of a 90-day window: wall time and upstream calls per second per API, against
 *   TikTok's allowance of 50 per second per app + shop + API;
 * - warm 90-day `metrics` query (the order tiles: GMV, orders, AOV, units, refunds, net revenue):
 *   median and p95 latency over 50 requests, and upstream calls per request, with a fresh ledger
 *   and with a delta sync before every request.
 *
 * Ads are off: the emulator computes ad reports over 100,000 orders synchronously, stalling every
 * other call for tens of seconds (so it would measure the emulator), and ad reports are not in
 * the ledger.
 *
 * Run: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/metrics-ledger.js`
 * (options: BENCH_DAYS, BENCH_ORDERS_PER_DAY, BENCH_REQUESTS, BENCH_GATEWAY_HEAP_MB, BENCH_GATEWAY_NODE_ARGS).
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load-config';
import { startEmulator, type EmulatorHandle } from '../src/emulator/server';
import { startServer } from '../src/app/start-server';
import { localDate } from '../src/domain/window';
import pino from 'pino';
import { createLogger, silentLogger } from '../src/telemetry/logger';

const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const ORDERS_PER_DAY = Number(process.env.BENCH_ORDERS_PER_DAY ?? 1112);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const ALLOWANCE = 50;
/** The gateway's V8 old-space cap: without one V8 grows the heap lazily far past the live data. */
const GATEWAY_HEAP_MB = Number(process.env.BENCH_GATEWAY_HEAP_MB ?? 256);
/** More node flags for the gateway, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it. */
const GATEWAY_NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);

const TILES = `query($s: ID!, $r: DateRange!) { shop(id: $s) { metrics(range: $r) {
  gmv { value stale asOf } orders { value } aov { value } unitsSold { value } refundedGmv { value }
  refundRate { value } netRevenue { value } } } }`;

const FEEDS = [
  'POST /order/202309/orders/search',
  'POST /return_refund/202309/returns/search',
  'POST /return_refund/202309/cancellations/search',
  'GET /order/202507/orders',
];

/** Child mode: a gateway configured by the environment, announcing its URL. */
async function gatewayProcess(): Promise<void> {
  const level = process.env.BENCH_LOG_LEVEL;
  const server = await startServer(loadConfig(process.env), level ? createLogger({ level, destination: pino.destination(2) }) : silentLogger);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  console.log(`READY ${server.url}`);
}

async function startGateway(emulator: EmulatorHandle, maxStalenessSeconds: string): Promise<{ url: string; child: ChildProcess }> {
  const t = emulator.tokens;
  const configFile = join(mkdtempSync(join(tmpdir(), 'shopgraph-ledger-config-')), 'config.json');
  // The cold request waits for the whole backfill (it measures it), not the first answer's few seconds.
  writeFileSync(
    configFile,
    JSON.stringify({
      metrics: { maxStalenessSeconds: Number(maxStalenessSeconds) },
      upstream: { timeoutMs: 60_000 },
      limits: { requestBudgetMs: 600_000 },
      storage: { firstAnswerMs: 600_000 },
    }),
  );
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${GATEWAY_HEAP_MB}`, ...GATEWAY_NODE_ARGS, __filename, '--gateway'], {
    env: {
      // No Marketing API (see above).
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SHOPGRAPH_CONFIG: configFile,
      TTS_APP_KEY: t.appKey,
      TTS_APP_SECRET: t.appSecret,
      TTS_AUTH_CODE: emulator.mintAuthCode(),
      TTS_API_BASE_URL: emulator.url,
      TTS_AUTH_BASE_URL: emulator.url,
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
  return { url, child };
}

async function gql(url: string, variables: Record<string, unknown>): Promise<{ gmv: { value: string }; orders: { value: string } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: TILES, variables }) });
  const body = (await res.json()) as { data?: { shop: { metrics: { gmv: { value: string }; orders: { value: string } } } }; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors[0]!.message}`);
  return body.data!.shop.metrics;
}

/** The gateway's V8 heap in use (MB), as its `/metrics` reports it. */
async function heapUsedMb(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  if (process.env.BENCH_HEAP_DETAIL)
    console.log(
      text
        .split('\n')
        .filter((l) => /^shopgraph_nodejs_(heap|external)/.test(l))
        .join('\n'),
    );
  const used = /^shopgraph_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1];
  return Math.round(Number(used) / 2 ** 20);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** What one gateway run measured. */
interface LedgerRun {
  label: string;
  coldSeconds: number;
  /** order searches per second during the cold query, and as a share of TikTok's 50/s */
  orderSearchesPerSecond: number;
  allowanceShare: number;
  warmMedianMs: number;
  warmP95Ms: number;
  /** per feed, upstream calls per warm request */
  warmCallsPerRequest: Record<string, number>;
  peakRssMb: number;
  rssMb: number;
  heapUsedMb: number;
}

/** One gateway: a cold query, then REQUESTS warm ones; prints the figures. */
async function run(emulator: EmulatorHandle, label: string, maxStalenessSeconds: string): Promise<LedgerRun> {
  const shop = emulator.store.shops()[0]!;
  const nowSeconds = Math.floor(Date.now() / 1000);
  const range = { from: localDate(nowSeconds - (DAYS - 1) * 86_400, shop.timezone), to: localDate(nowSeconds, shop.timezone) };
  const { url, child } = await startGateway(emulator, maxStalenessSeconds);
  try {
    emulator.stats.reset();
    const started = performance.now();
    const cold = await gql(url, { s: shop.id, r: range });
    const coldSeconds = (performance.now() - started) / 1000;
    console.log(`\n== ${label}\nwindow ${range.from}..${range.to}: GMV ${cold.gmv.value}, ${cold.orders.value} orders`);
    console.log(`cold backfill: ${coldSeconds.toFixed(1)} s`);
    const coldCalls = emulator.stats.snapshot().calls;
    for (const feed of FEEDS) {
      const n = coldCalls[feed] ?? 0;
      if (n) console.log(`  ${feed}: ${n} calls, ${(n / coldSeconds).toFixed(1)}/s = ${((100 * n) / coldSeconds / ALLOWANCE).toFixed(0)}% of ${ALLOWANCE}/s`);
    }

    emulator.stats.reset();
    const latencies: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      await gql(url, { s: shop.id, r: range });
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `warm query, ${REQUESTS} requests: median ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    );
    const warmCalls = emulator.stats.snapshot().calls;
    for (const feed of FEEDS) console.log(`  ${feed}: ${((warmCalls[feed] ?? 0) / REQUESTS).toFixed(2)} calls/request`);
    const other = Object.entries(warmCalls).filter(([k]) => !FEEDS.includes(k));
    console.log(`  other upstream calls: ${other.length ? other.map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`);
    // VmHWM: the gateway's peak resident set; VmRSS and the V8 heap in use now, with the whole
    // ledger of the window in memory (the heap from the gateway's /metrics).
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
    const heap = await heapUsedMb(url);
    console.log(`gateway peak RSS: ${mb('VmHWM')} MB; now RSS ${mb('VmRSS')} MB, V8 heap used ${heap} MB`);
    const searches = coldCalls[FEEDS[0]!] ?? 0;
    return {
      label,
      coldSeconds: round1(coldSeconds),
      orderSearchesPerSecond: round1(searches / coldSeconds),
      allowanceShare: Math.round((100 * searches) / coldSeconds / ALLOWANCE) / 100,
      warmMedianMs: round1(quantile(latencies, 0.5)),
      warmP95Ms: round1(quantile(latencies, 0.95)),
      warmCallsPerRequest: Object.fromEntries(FEEDS.map((feed) => [feed, (warmCalls[feed] ?? 0) / REQUESTS])),
      peakRssMb: mb('VmHWM'),
      rssMb: mb('VmRSS'),
      heapUsedMb: heap,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const emulator = await startEmulator({ port: 0, seed: 'bench', shops: 1, days: DAYS, ordersPerDay: ORDERS_PER_DAY });
  const shop = emulator.store.shops()[0]!;
  const raw = emulator.store.raw(shop.id);
  console.log(
    `emulator: ${raw.orders.length} orders, ${raw.returns.length} returns, ${raw.cancellations.length} cancellations over ${DAYS} days (generated in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  try {
    const runs = [
      await run(emulator, 'ledger fresh (metrics.maxStalenessSeconds 60)', '60'),
      await run(emulator, 'delta sync before every request (metrics.maxStalenessSeconds 0.001)', '0.001'),
    ];
    report({ orders: raw.orders.length, returns: raw.returns.length, cancellations: raw.cancellations.length }, runs);
  } finally {
    await emulator.close();
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const LEDGER_SECTION = '## Metrics ledger';

/** Writes bench/results/<date>-ledger.json and the ledger section of docs/performance.md. */
function report(data: { orders: number; returns: number; cancellations: number }, runs: LedgerRun[]): void {
  const date = new Date().toISOString().slice(0, 10);
  const root = join(__dirname, '..', '..');
  const settings = { days: DAYS, ordersPerDay: ORDERS_PER_DAY, requests: REQUESTS, gatewayHeapMb: GATEWAY_HEAP_MB };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', `${date}-ledger.json`), `${JSON.stringify({ date, settings, data, runs }, null, 2)}\n`);
  const rows = runs.map((r) => {
    const perFeed = Object.values(r.warmCallsPerRequest)
      .map((n) => n.toFixed(2))
      .join(' / ');
    return `| ${r.label} | ${r.coldSeconds} s | ${r.orderSearchesPerSecond}/s (${Math.round(r.allowanceShare * 100)}%) | ${r.warmMedianMs} / ${r.warmP95Ms} ms | ${perFeed} | ${r.peakRssMb} MB | ${r.rssMb} MB (heap ${r.heapUsedMb} MB) |`;
  });
  const section =
    `${LEDGER_SECTION} (\`bench/metrics-ledger.ts\`)\n\n` +
    `One shop, ${DAYS} days: ${data.orders.toLocaleString('en-US')} orders, ${data.returns.toLocaleString('en-US')} returns, ` +
    `${data.cancellations.toLocaleString('en-US')} cancellations; a ${DAYS}-day \`metrics\` query (order tiles), cold then ${REQUESTS} times warm; ` +
    `gateway in its own process with --max-old-space-size=${GATEWAY_HEAP_MB}, emulator in the bench process. Measured ${date}.\n\n` +
    '| run | cold backfill | order searches/s (of 50 allowed) | warm median / p95 | upstream calls per warm request (orders / returns / cancellations / detail) | gateway peak RSS | RSS after (V8 heap in use) |\n' +
    `|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
  const path = join(root, 'docs', 'performance.md');
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  // Its own section is replaced; the sections after it (bench/scale.ts) are kept.
  const at = before.indexOf(LEDGER_SECTION);
  const next = at < 0 ? -1 : before.indexOf('\n## ', at + LEDGER_SECTION.length);
  const after = next < 0 ? '' : `\n${before.slice(next + 1).trimEnd()}\n`;
  writeFileSync(path, `${(at >= 0 ? before.slice(0, at) : `${before}\n`).trimEnd()}\n\n${section}${after}`);
  console.log(`\nwrote bench/results/${date}-ledger.json and the ledger section of docs/performance.md`);
}

(process.argv.includes('--gateway') ? gatewayProcess() : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
