/**
 * `npm run bench` runs every benchmark in turn, each in its own process: the gateway scenarios
 * against the graphql-js floor (bench/run.ts), then the 100,000-order metrics ledger
 * (bench/metrics-ledger.ts). `-- --quick` shortens both (the ledger on 30 days × 300 orders).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}): void => {
  const result = spawnSync(process.execPath, [join(__dirname, script), ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('run.js', quick ? ['--quick'] : []);
process.stdout.write('\n== metrics ledger\n');
run('metrics-ledger.js', [], quick ? { BENCH_DAYS: '30', BENCH_ORDERS_PER_DAY: '300', BENCH_REQUESTS: '20' } : {});
