/**
 * The capacity model of docs/capacity.md, runnable: for a fleet of shops of one size, what the
 * ledgers cost in Redis (or on disk), in TikTok calls, and in time to rebuild after a total loss.
 * Its constants come from the last `bench/scale.ts` run (bench/results/*-scale.json): bytes per
 * order, history searches per order, orders backfilled per second per replica. Everything else is
 * arithmetic on TikTok's documented page sizes and rate limits, stated beside each line.
 *
 * Run: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/capacity.js [shops] [ordersPerDay] [days] [replicas]`
 * (defaults: 1000 shops, 200 orders a day, 90 days, 1 replica).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ScaleResult {
  date: string;
  settings: { shops: number; days: number; ordersPerDay: number; concurrentBackfills?: number | string };
  sizes: { embeddedBytesPerOrder?: number; redisBytesPerOrder?: number };
  runs: { label: string; firstAnswerSeconds: number; completeSeconds?: number; historySearches: number; orders: number; peakRssMb: number }[];
}

/** TikTok's allowance per app + shop + API path, and the share ShopGraph uses (upstream.rateHeadroom). */
const ALLOWANCE_PER_SECOND = 50 * 0.9;
/** Order search pages hold 100 orders; a shop's backfill reads them by create_time, 7 days before the window too. */
const LOOKBACK_DAYS = 7;
const PAGE = 100;
/** Delta syncs while a shop is being watched: one search per feed every metrics.maxStalenessSeconds (60 s). */
const DELTA_CALLS_PER_MINUTE = 3;

function latestScale(): ScaleResult {
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('-scale.json'))
    .sort()
    .at(-1);
  if (!file) throw new Error('no bench/results/*-scale.json: run bench/scale.ts first');
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as ScaleResult;
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(bytes < 1e9 ? 2 : 1)} GB`;
const duration = (seconds: number) =>
  seconds < 10
    ? `${seconds.toFixed(1)} s`
    : seconds < 120
      ? `${Math.round(seconds)} s`
      : seconds < 7200
        ? `${Math.round(seconds / 60)} min`
        : `${(seconds / 3600).toFixed(1)} h`;

function main(): void {
  const [shops = 1000, ordersPerDay = 200, days = 90, replicas = 1] = process.argv.slice(2).map(Number);
  const scale = latestScale();
  const cold = scale.runs.find((r) => r.label.includes('embedded') && r.label.includes('cold'));
  if (!cold) throw new Error('the scale result has no cold run');
  const measuredOrders = cold.orders;
  const searchesPerOrder = cold.historySearches / measuredOrders;
  // Since the first answer no longer waits for the backfill, the backfill's pace is the time to complete
  // (results before that recorded the whole backfill as the first answer).
  const ordersPerSecondPerReplica = measuredOrders / (cold.completeSeconds ?? cold.firstAnswerSeconds);
  const ordersPerShop = ordersPerDay * days;
  const orders = shops * ordersPerShop;
  const redisBytes = orders * (scale.sizes.redisBytesPerOrder ?? Number.NaN);
  const diskBytes = orders * (scale.sizes.embeddedBytesPerOrder ?? Number.NaN);
  // Measured per order of the window, its 7 days of lookback and the refund searches included.
  const searches = orders * searchesPerOrder;
  // A shop cannot backfill faster than its own order-search allowance, however many replicas help.
  const perShopFloor = (ordersPerDay * (days + LOOKBACK_DAYS)) / PAGE / ALLOWANCE_PER_SECOND;
  // Replicas split the shops by lease; assumed to add up linearly (not measured: one replica was).
  const rebuild = Math.max(orders / (ordersPerSecondPerReplica * replicas), perShopFloor);
  console.log(
    `Capacity model (constants from bench/results/${scale.date}-scale.json: ${scale.settings.shops} shops × ${scale.settings.days} days × ${scale.settings.ordersPerDay}/day)`,
  );
  console.log(
    `  measured: ${scale.sizes.redisBytesPerOrder} B/order in Redis, ${scale.sizes.embeddedBytesPerOrder} B/order on disk, ${searchesPerOrder.toFixed(4)} history searches per order, ${Math.round(ordersPerSecondPerReplica)} orders backfilled per second per replica`,
  );
  console.log(`\n${shops} shops × ${ordersPerDay} orders/day × ${days} days = ${orders.toLocaleString('en-US')} orders, ${replicas} replica(s):`);
  console.log(`  Redis memory for the ledgers:        ${gb(redisBytes)}  (embedded store on disk instead: ${gb(diskBytes)} per process)`);
  console.log(`  TikTok calls to build every ledger:  ${Math.round(searches).toLocaleString('en-US')} searches (once; a restart adds none)`);
  console.log(
    `  TikTok calls per day, steady:        up to ${(shops * DELTA_CALLS_PER_MINUTE * 1440).toLocaleString('en-US')} (a delta sync of each shop every minute someone watches it), plus 3 per order webhook`,
  );
  console.log(
    `  rebuild after losing every ledger:   ${duration(rebuild)}  (per shop at least ${duration(perShopFloor)}: its order searches at ${ALLOWANCE_PER_SECOND}/s)`,
  );
  console.log(
    `  gateway memory per replica:          ${cold.peakRssMb} MB peak RSS measured with the default storage settings (bounded by them, not by shops)`,
  );
}

main();
