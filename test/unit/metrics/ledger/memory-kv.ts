import Database from 'better-sqlite3';
import { SqliteKv } from '../../../../src/store/sqlite-kv';

/** The embedded store's engine on an in-memory database: what the ledgers use without Redis, nothing on disk. */
export function memoryKv(): SqliteKv {
  return new SqliteKv(new Database(':memory:'));
}
