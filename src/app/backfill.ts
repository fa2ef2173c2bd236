import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config/load-config';
import { createShopGraph } from './shop-graph';
import { bucketize, validateWindow, type DateWindow } from '../domain/window';
import { dataDirOf, IN_MEMORY } from '../store/embedded-store';
import { createLogger } from '../telemetry/logger';

export const BACKFILL_USAGE = `usage: shopgraph backfill --shop ID --from YYYY-MM-DD --to YYYY-MM-DD

Fills the metrics ledger of one shop for a window ahead of time (same configuration as serve),
so the first dashboard query over it is warm. The ledger must outlive this process: it needs
REDIS_URL (the store the servers share) or the embedded store on disk (SHOPGRAPH_DATA_DIR,
not :memory:).
Progress goes to stderr: a bar on a terminal, one line per month otherwise.

  --help, -h   show this text and exit
`;

/**
 * Why a backfill would be lost, if it would: without Redis, and with the embedded store kept in
 * memory (`SHOPGRAPH_DATA_DIR=:memory:`, the default under NODE_ENV=test), the ledger goes with
 * this process.
 */
export function lostBackfill(config: Config): string | undefined {
  if (config.env.REDIS_URL !== undefined || dataDirOf(config.env) !== IN_MEMORY) return undefined;
  return (
    "backfill: nothing would be kept: without REDIS_URL, and with SHOPGRAPH_DATA_DIR=:memory: (the default when NODE_ENV=test), the metrics ledger lives in this process's memory and ends with it. " +
    "Set SHOPGRAPH_DATA_DIR to the servers' data directory, or REDIS_URL to the Redis they share, and run it again."
  );
}

/** Where progress is shown; a terminal gets a redrawn bar, anything else plain lines. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Renders `done / total` as a bar (terminal) or a line (logs, CI). */
export function progressLine(done: number, total: number, label: string, tty: boolean): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  if (!tty) return `backfill: ${done}/${total} (${percent}%) ${label}\n`;
  const width = 30;
  const filled = Math.round((percent / 100) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${label}`.padEnd(70);
}

/** `shopgraph backfill`: syncs the shop's ledger month by month over the window. */
export async function runBackfill(
  argv: string[],
  out: ProgressOutput = process.stderr,
  help: { stdout(text: string): void } = { stdout: (t) => process.stdout.write(t) },
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { shop: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    help.stdout(BACKFILL_USAGE);
    return;
  }
  for (const flag of ['shop', 'from', 'to'] as const) {
    if (!values[flag]) throw new Error(`backfill: --${flag} is required\n${BACKFILL_USAGE}`);
  }
  const window: DateWindow = { from: values.from!, to: values.to! };
  const problem = validateWindow(window);
  if (problem) throw new Error(`backfill: --from/--to: ${problem.code === 'FROM_AFTER_TO' ? 'from is after to' : `${problem.field} is not a date`}`);

  const config = loadConfig();
  const lost = lostBackfill(config);
  if (lost) throw new Error(lost);
  const logger = createLogger({ level: config.env.LOG_LEVEL === 'info' ? 'warn' : config.env.LOG_LEVEL });
  const service = await createShopGraph(config, logger, () => undefined);
  try {
    // redis.optional lets the service start on its own memory while Redis is away: nothing kept either.
    const redis = (await service.readiness()).checks.redis;
    if (redis && !redis.ok) throw new Error(`backfill: nothing would be kept: Redis (REDIS_URL) is unreachable (${redis.detail ?? 'no answer'})`);
    const ctx = await service.context();
    const shop = await ctx.loaders.shop.load(values.shop!);
    if (!shop) throw new Error(`backfill: shop ${values.shop} is not among the authorized shops`);
    const months = bucketize(window, 'MONTH');
    const tty = out.isTTY === true;
    out.write(progressLine(0, months.length, `${shop.name}: starting`, tty));
    for (const [i, month] of months.entries()) {
      await ctx.metrics.backfill(shop, month);
      out.write(progressLine(i + 1, months.length, `${shop.name}: ${month.from}..${month.to}`, tty));
    }
    if (tty) out.write('\n');
  } finally {
    await service.close();
  }
}
