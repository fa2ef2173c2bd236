import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEDUPE_WINDOW_MS } from '../../../src/store/notification-dedupe';
import type { Notification } from '../../../src/upstream/notification';
import { SqliteDedupe } from '../../../src/store/sqlite-dedupe';
import { SqliteQueue } from '../../../src/store/sqlite-queue';
import { silentLogger } from '../../../src/telemetry/logger';

const note = (id: string): Notification => ({ id, type: 1, shopId: '1', timestamp: 0, orderId: id });

describe('webhook state in the embedded store', () => {
  let dir: string;
  const dbs: Database.Database[] = [];
  /** A process's connection to the data directory's state database. */
  const connect = () => {
    const db = new Database(join(dir, 'state.sqlite'));
    dbs.push(db);
    return db;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shopgraph-webhooks-'));
  });
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('claims a notification once, across a restart, for 24 hours', async () => {
    const clock = { ms: 1_700_000_000_000 };
    const before = new SqliteDedupe(connect(), () => clock.ms);
    expect(await before.claim('n1')).toBe(true);
    expect(await before.claim('n1')).toBe(false);
    dbs[0]!.close();
    dbs.splice(0);

    const after = new SqliteDedupe(connect(), () => clock.ms);
    expect(await after.claim('n1')).toBe(false); // TikTok's redelivery after the restart is not processed again
    expect(await after.claim('n2')).toBe(true);
    clock.ms += DEDUPE_WINDOW_MS;
    expect(await after.claim('n1')).toBe(true);
    await after.release('n1');
    expect(await after.claim('n1')).toBe(true);
  });

  it('lets exactly one of two processes claim a delivery', async () => {
    const [a, b] = [new SqliteDedupe(connect()), new SqliteDedupe(connect())];
    const claims = await Promise.all([a!.claim('n1'), b!.claim('n1'), a!.claim('n1'), b!.claim('n1')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('processes queued notifications in order after enqueue returned, and what a stopped process left when the next one starts', async () => {
    const seen: string[] = [];
    // The first process accepts three notifications and goes away before processing them.
    const stopped = new SqliteQueue(
      connect(),
      async () => {
        throw new Error('never called: the process stops first');
      },
      silentLogger,
    );
    const db = dbs[0]!;
    // Its processing never got a turn: the rows are on disk when it stops.
    const stalled = jest.spyOn(global, 'setImmediate').mockImplementation((() => undefined) as never);
    await stopped.enqueue(note('a'));
    await stopped.enqueue(note('b'));
    stalled.mockRestore();
    expect(db.prepare('SELECT count(*) AS n FROM webhook_queue').get()).toEqual({ n: 2 });
    db.close();
    dbs.splice(0);

    const next = new SqliteQueue(
      connect(),
      async (n) => {
        seen.push(n.id);
      },
      silentLogger,
    );
    await next.enqueue(note('c'));
    expect(seen).toEqual([]);
    await next.drain();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(dbs[0]!.prepare('SELECT count(*) AS n FROM webhook_queue').get()).toEqual({ n: 0 });
  });

  it('logs a failed notification and goes on; finishes queued work on close and refuses more', async () => {
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (obj: unknown) => errors.push(obj) } as unknown as typeof silentLogger;
    const seen: string[] = [];
    const queue = new SqliteQueue(
      connect(),
      async (n) => {
        if (n.id === 'bad') throw new Error('ledger down');
        seen.push(n.id);
      },
      logger,
    );
    await queue.enqueue(note('bad'));
    await queue.enqueue(note('good'));
    await queue.close();
    expect(seen).toEqual(['good']);
    expect(errors).toEqual([expect.objectContaining({ notification: 'bad' })]);
    await expect(queue.enqueue(note('late'))).rejects.toThrow(/closed/);
  });

  it('drops a notification whose processing was started five times without finishing (it took the process down each time)', async () => {
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (obj: unknown) => errors.push(obj) } as unknown as typeof silentLogger;
    const db = connect();
    db.exec(
      'CREATE TABLE IF NOT EXISTS webhook_queue (seq INTEGER PRIMARY KEY AUTOINCREMENT, notification TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)',
    );
    db.prepare('INSERT INTO webhook_queue (notification, attempts) VALUES (?, 5), (?, 4)').run(JSON.stringify(note('poison')), JSON.stringify(note('retried')));
    const seen: string[] = [];
    const queue = new SqliteQueue(db, async (n) => void seen.push(n.id), logger);
    await queue.drain();
    expect(seen).toEqual(['retried']);
    expect(errors).toEqual([expect.objectContaining({ attempts: 5, dropped: expect.stringContaining('poison') })]);
  });
});
