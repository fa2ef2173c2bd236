/**
 * The embedded store: what ShopGraph keeps without Redis, in two SQLite databases (better-sqlite3)
 * in the data directory (`SHOPGRAPH_DATA_DIR`). Why SQLite and how it was measured:
 * docs/storage.md.
 *
 * - `ledger.sqlite`: the metrics ledgers (order facts, day aggregates, ad report days), entries
 *   ShopGraph can always read again from TikTok. Written with `synchronous=NORMAL` in WAL mode:
 *   a crash of the process loses nothing; a power loss may lose the last transactions, never
 *   consistency (a ledger's state is written after its facts, so it only re-reads a little more).
 * - `state.sqlite`: what ShopGraph acknowledged and cannot read again anywhere — unit costs set
 *   through the API, webhook dedupe and the webhook queue. `synchronous=FULL`: a write is on disk
 *   before it is acknowledged.
 *
 * Memory: SQLite's page cache is bounded by `cache_size` per connection, and files are read with
 * `pread`, not mapped, so nothing else of the databases counts in the process's RSS.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { LeaseLock } from '../cache/flight-lock';
import type { Logger } from '../telemetry/logger';
import type { KvStore } from './kv-store';
import { SqliteKv } from './sqlite-kv';
import { SqliteLeaseLock } from './sqlite-lease';
import { RETIRED_STEMS } from '../config/storage-keys';

/** `SHOPGRAPH_DATA_DIR=:memory:`: the same engine, nothing on disk (tests, throwaway runs). */
export const IN_MEMORY = ':memory:';

/** Where the data directory is when `SHOPGRAPH_DATA_DIR` is not set (and NODE_ENV is not test). */
export const DEFAULT_DATA_DIR = '.shopgraph-data';

/** The data directory the settings name: absolute, or {@link IN_MEMORY}. */
export function dataDirOf(env: { SHOPGRAPH_DATA_DIR?: string; NODE_ENV: string }): string {
  const dir = env.SHOPGRAPH_DATA_DIR ?? (env.NODE_ENV === 'test' ? IN_MEMORY : DEFAULT_DATA_DIR);
  return dir === IN_MEMORY ? IN_MEMORY : resolve(dir);
}

/** Options of {@link openEmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** A directory (created if missing) or {@link IN_MEMORY}. */
  dir: string;
  /**
   * Which upstream the ledgers mirror (app key and API base URL). When the data directory holds
   * ledgers of another one (demo mode starts a new emulator each time), they are dropped: their
   * facts describe data this upstream does not have.
   */
  upstream: string;
  /** Demo mode: a new upstream each start is expected, said at info level rather than as a warning. */
  demo?: boolean;
  /** Page cache of each database (MB). @default 16 */
  cacheMb?: number;
  logger: Logger;
}

/** The embedded store, open. */
export interface EmbeddedStore {
  /** The data directory, or {@link IN_MEMORY}. */
  location: string;
  /** Ledger entries (`ledger.sqlite`). */
  ledger: KvStore & { sweep(): number };
  /** One ledger sync per shop at a time across processes on this directory (`shopgraph backfill` beside `serve`). */
  leases: LeaseLock;
  /** Unit costs and webhook state (`state.sqlite`), each table created by its user. */
  state: Database.Database;
  close(): void;
}

/** How often expired ledger entries are deleted. */
const SWEEP_EVERY_MS = 3_600_000;

/**
 * Opens (creating) the embedded store.
 * @throws Error naming SHOPGRAPH_DATA_DIR when the directory cannot be created or written
 */
export function openEmbeddedStore(options: EmbeddedStoreOptions): EmbeddedStore {
  const { dir, logger } = options;
  const cacheKib = (options.cacheMb ?? 16) * 1024;
  if (dir !== IN_MEMORY) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new Error(`SHOPGRAPH_DATA_DIR: cannot create ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  const open = (file: string, synchronous: 'NORMAL' | 'FULL'): Database.Database => {
    let db: Database.Database;
    try {
      db = new Database(dir === IN_MEMORY ? IN_MEMORY : join(dir, file));
      if (dir !== IN_MEMORY) db.pragma('journal_mode = WAL');
    } catch (error) {
      throw new Error(`SHOPGRAPH_DATA_DIR: cannot open ${dir === IN_MEMORY ? 'an in-memory database' : join(dir, file)} (${(error as Error).message})`);
    }
    db.pragma(`synchronous = ${synchronous}`);
    // Negative: KiB. Bounds the page cache this connection keeps in memory.
    db.pragma(`cache_size = -${cacheKib}`);
    // Another process (shopgraph backfill) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    return db;
  };
  const ledgerDb = open('ledger.sqlite', 'NORMAL');
  const stateDb = open('state.sqlite', 'FULL');
  const kv = new SqliteKv(ledgerDb);
  forgetOtherUpstream(ledgerDb, options.upstream, logger, options.demo === true);
  forgetOldLayouts(ledgerDb, logger);
  const leases = new SqliteLeaseLock(ledgerDb);
  const sweeper = setInterval(() => {
    try {
      kv.sweep();
    } catch (error) {
      logger.warn({ err: error }, 'embedded store: expired ledger entries could not be deleted');
    }
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  let closed = false;
  return {
    location: dir,
    ledger: kv,
    leases,
    state: stateDb,
    close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      ledgerDb.close();
      stateDb.close();
    },
  };
}

/** Drops the ledgers when they mirror another upstream than `upstream` (see {@link EmbeddedStoreOptions.upstream}). */
function forgetOtherUpstream(db: Database.Database, upstream: string, logger: Logger, demo: boolean): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE name = ?').get('upstream');
  if (row?.value === upstream) return;
  db.transaction(() => {
    if (row !== undefined) {
      const dropped = db.prepare('DELETE FROM kv').run().changes;
      logger[demo ? 'info' : 'warn'](
        { entries: dropped },
        'embedded store: the ledgers mirrored another upstream (another app or emulator); dropped, they are read again',
      );
    }
    db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run('upstream', upstream);
  })();
}

/**
 * Order ledgers of the layouts before v6 (`ledger:v1:` to `ledger:v5:`: one value per shop-day)
 * are no longer read (the shop is read again under v6): deleted at start-up rather than left to
 * expire, so the disk they hold is freed at once. A range of the key index per version, so a
 * directory without them costs five index probes.
 */
function forgetOldLayouts(db: Database.Database, logger: Logger): void {
  const drop = db.prepare<[string, string]>('DELETE FROM kv WHERE key >= ? AND key < ?');
  let dropped = 0;
  for (const stem of RETIRED_STEMS) dropped += drop.run(`${stem}:`, `${stem};`).changes;
  if (dropped > 0) logger.info({ entries: dropped }, 'embedded store: ledger entries of an earlier layout dropped; those shops are read again');
}
