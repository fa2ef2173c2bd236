/**
 * What an {@link import('./order-ledger').OrderLedger} is configured with, and what its windows
 * answer: the types its callers share, and the defaults.
 */
import type { LeaseLock } from '../../cache/flight-lock';
import type { DayAggregate, OrderAggregate } from '../day-aggregate';
import type { UnreadableFact } from '../../domain/facts';
import type { WindowCoverage } from './backfill-steps';
import type { DayCache } from './day-cache';
import type { LedgerCorruptError } from './ledger-errors';
import type { Coverage } from './ledger-store';

/** Settings of the ledger. */
export interface LedgerOptions {
  /** Key namespace, e.g. the app key, so two apps never share entries. */
  namespace: string;
  /** Sync before answering when the ledger is older than this. @default 60000 */
  maxStalenessMs?: number;
  /** Orders are found by creation time; this reaches back for orders paid days after creation. @default 7 */
  lookbackDays?: number;
  /** Each delta re-reads this much before its cursor, for upstream index lag and clock skew. @default 300 */
  overlapSeconds?: number;
  /** Searches in flight at once per feed during a backfill (enough to fill 45/s at ~350 ms a call). @default 16 */
  concurrency?: number;
  /** After a failed sync, serve stale without retrying for this long. @default 5000 */
  failureBackoffMs?: number;
  /** How long the store keeps an entry not written again. @default 400 days */
  retentionMs?: number;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /**
   * Replicas' shared lock (Redis): one replica syncs a shop at a time; the others serve the ledger
   * it keeps writing, or wait for the days they lack. Without one, each process syncs for itself.
   */
  lock?: LeaseLock;
  /** Pause between looks at a ledger another replica is backfilling. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Told, each time a shop's ledger answers, when its last full sync started (ms since epoch). */
  onSynced?: (shopId: string, syncedAt: number) => void;
  /** Day aggregates kept in memory to answer windows; none: every window reads the store. */
  dayCache?: DayCache;
  /** Shops backfilling at once in this process; the others wait their turn. @default 4 */
  concurrentBackfills?: number;
  /**
   * How long a window waits for the backfill it needs before it is answered with the days read
   * so far (the backfill goes on in the background). @default 3000
   */
  firstAnswerMs?: number;
  /** Resolves when a window has waited long enough (tests pass their own). @default a timer of `firstAnswerMs` */
  answerDeadline?: () => Promise<void>;
  /**
   * Days the first step of a cold backfill reads (the newest); each next step reads twice as many.
   * The first step reads `lookbackDays` more of orders anyway, so a week costs it little. @default 7
   */
  firstStepDays?: number;
  /** Told each time a backfill step extended a shop's coverage, until the window it reads for is complete. */
  onProgress?: (shopId: string, coverage: Coverage) => void;
  /** Told of each corrupt entry read back from the store (deleted, and read again from TikTok). */
  onCorrupt?: (error: LedgerCorruptError) => void;
}

/** A window's day aggregates and what they reflect. */
export interface LedgerWindow {
  /**
   * every date of the window, in order; while the window is not covered yet, only the covered
   * dates (a day not read yet is absent, never an empty day that would read as no sales)
   */
  days: Map<string, DayAggregate>;
  /** ms: start of the last sync that fully succeeded */
  asOf: number;
  /** true when the last sync failed and an older ledger is served */
  stale: boolean;
  /** rows TikTok sent that could not be read and may count in the window */
  unreadable: UnreadableFact[];
  /** the days of the window the ledger holds; days it does not hold yet are absent from `days` */
  coverage: WindowCoverage;
  /**
   * `combineAggregates(days.values(), currency)`, computed once per revision of the ledger and kept
   * in the day cache: a warm window is not summed again. Shared: treat it as immutable.
   */
  total(): OrderAggregate;
}

/** The options with their defaults filled in (an option passed as undefined keeps its default). */
export function ledgerSettings(options: LedgerOptions): Required<LedgerOptions> {
  return {
    maxStalenessMs: 60_000,
    lookbackDays: 7,
    overlapSeconds: 300,
    concurrency: 16,
    failureBackoffMs: 5_000,
    retentionMs: 400 * 86_400_000,
    now: Date.now,
    lock: undefined,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    firstAnswerMs: 3_000,
    firstStepDays: 7,
    answerDeadline: undefined,
    ...withoutUndefined(options),
    // Passed as undefined (no telemetry), they keep their default.
    onSynced: options.onSynced ?? (() => undefined),
    onProgress: options.onProgress ?? (() => undefined),
    onCorrupt: options.onCorrupt ?? (() => undefined),
  } as Required<LedgerOptions>;
}

/** The options given, without those passed as undefined (which keep their defaults). */
function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
