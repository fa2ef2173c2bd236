/**
 * `npm run bench` runs every benchmark in turn, each in its own process: the gateway scenarios
 * against the graphql-js floor (bench/run.ts), the 100,000-order metrics ledger
 * (bench/metrics-ledger.ts), the 40-shop portfolio on a 256 MB heap before and after a restart
 * (bench/scale.ts; its emulator holds 500,000 orders in this machine's memory, ~6 GB), the timing
 * figures tests no longer assert (bench/timings.ts), and the brownout while Redis dies and comes
 * back (bench/redis-failover.ts), and a live update's way from an order landing to a page on
 * another origin in Chromium (bench/live-latency.ts). `-- --quick` shortens them (the ledger on 30 days × 300 orders,
 * the portfolio on 8 shops × 30 days × 100 orders).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): void => {
  const result = spawnSync(process.execPath, [...nodeArgs, join(__dirname, script), ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('run.js', quick ? ['--quick'] : []);
process.stdout.write('\n== metrics ledger\n');
run('metrics-ledger.js', [], quick ? { BENCH_DAYS: '30', BENCH_ORDERS_PER_DAY: '300', BENCH_REQUESTS: '20' } : {});
process.stdout.write('\n== scale: a portfolio on a capped heap, and a restart\n');
run('scale.js', [], quick ? { SCALE_SHOPS: '8', SCALE_DAYS: '30', SCALE_ORDERS_PER_DAY: '100', SCALE_REQUESTS: '5' } : {}, ['--max-old-space-size=12000']);
process.stdout.write('\n== timings tests used to assert (emulator generation, cache hits, the shared rate limiter)\n');
run('timings.js', []);
process.stdout.write('\n== Redis failover: requests while Redis is killed and restarted, then frozen and resumed\n');
run('redis-failover.js', quick ? ['--quick'] : []);
process.stdout.write('\n== live updates: an order landing → the page on another origin (Chromium), ≤ 2 s\n');
run('live-latency.js', quick ? ['--quick'] : []);
