import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { dataDirOf, IN_MEMORY, openEmbeddedStore, type EmbeddedStore } from '../../../src/store/embedded-store';
import { SqliteKv } from '../../../src/store/sqlite-kv';
import { SqliteLeaseLock } from '../../../src/store/sqlite-lease';
import { SqliteUnitCosts } from '../../../src/store/sqlite-unit-costs';
import { UnitCostStore } from '../../../src/domain/finance-costs';
import { silentLogger } from '../../../src/telemetry/logger';

const shop = { id: '7494000000000000001', currency: 'USD' };

describe('the embedded store', () => {
  let dir: string;
  const open: EmbeddedStore[] = [];
  const openAt = (upstream = 'app@http://tiktok') => {
    const store = openEmbeddedStore({ dir, upstream, logger: silentLogger });
    open.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shopgraph-store-'));
  });
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lives in SHOPGRAPH_DATA_DIR, ./.shopgraph-data by default, and only in memory when asked (or under test)', () => {
    expect(dataDirOf({ NODE_ENV: 'production' })).toBe(resolve('.shopgraph-data'));
    expect(dataDirOf({ NODE_ENV: 'development', SHOPGRAPH_DATA_DIR: '/var/lib/shopgraph' })).toBe('/var/lib/shopgraph');
    expect(dataDirOf({ NODE_ENV: 'test' })).toBe(IN_MEMORY);
    expect(dataDirOf({ NODE_ENV: 'production', SHOPGRAPH_DATA_DIR: ':memory:' })).toBe(IN_MEMORY);
  });

  it('creates its directory, readable by its owner only, and refuses one it cannot create, naming the setting', () => {
    const root = dir;
    dir = join(root, 'nested', 'data');
    openAt();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    writeFileSync(join(root, 'a-file'), '');
    expect(() => openEmbeddedStore({ dir: join(root, 'a-file', 'data'), upstream: 'x', logger: silentLogger })).toThrow(
      /^SHOPGRAPH_DATA_DIR: cannot create .*a-file\/data \(ENOTDIR\)/,
    );
    dir = root;
  });

  it('keeps ledger entries across a restart, and drops them when the directory mirrored another upstream', async () => {
    const first = openAt();
    await first.ledger.set('ledger:v6:{app:1}:state', '{"a":1}', 60_000);
    first.close();
    expect(await openAt().ledger.get('ledger:v6:{app:1}:state')).toBe('{"a":1}');
    open.splice(0).forEach((s) => s.close());
    // A new demo emulator (another URL) is another upstream: its shops' data is not the old one's.
    expect(await openAt('app@http://127.0.0.1:40001').ledger.get('ledger:v6:{app:1}:state')).toBeUndefined();
  });

  it('drops order ledgers of the layouts before v6 at start-up, and keeps everything else', async () => {
    const first = openAt();
    const kept = ['ledger:v6:{app:1}:state', 'adledger:v2:{ads:1}:state', 'ledger:v50:x'];
    const old = ['ledger:v5:{app:1}:state', 'ledger:v5:{app:1}:g1:day:2024-03-01', 'ledger:v4:{app:2}:state'];
    await first.ledger.setMany(
      [...kept, ...old].map((key) => [key, '{}'] as const),
      60_000,
    );
    first.close();
    const again = openAt();
    expect(await again.ledger.getMany(kept)).toEqual(['{}', '{}', '{}']);
    expect(await again.ledger.getMany(old)).toEqual([undefined, undefined, undefined]);
  });

  it('reads an expired entry as missing and sweeps it', async () => {
    const clock = { ms: 1_000_000 };
    const kv = new SqliteKv(new Database(':memory:'), () => clock.ms);
    await kv.set('a', '1', 1_000);
    await kv.set('b', '2', 5_000);
    expect(await kv.getMany(['a', 'b', 'c'])).toEqual(['1', '2', undefined]);
    clock.ms += 1_000;
    expect(await kv.get('a')).toBeUndefined();
    expect(kv.sweep()).toBe(1);
    expect(await kv.get('b')).toBe('2');
  });

  it('leases a key to one process at a time, until released or expired', async () => {
    const file = join(dir, 'ledger.sqlite');
    const clock = { ms: 1_000_000 };
    const [a, b] = [new Database(file), new Database(file)].map((db) => new SqliteLeaseLock(db, () => clock.ms));
    const release = await a!.tryLease('ledger-sync:app:1', 30_000);
    expect(release).toBeDefined();
    expect(await b!.tryLease('ledger-sync:app:1', 30_000)).toBeUndefined();
    expect(await b!.tryLease('ledger-sync:app:2', 30_000)).toBeDefined();
    await release!();
    const again = await b!.tryLease('ledger-sync:app:1', 30_000);
    expect(again).toBeDefined();
    // Its holder died without releasing: past the TTL another takes over.
    clock.ms += 30_000;
    expect(await a!.tryLease('ledger-sync:app:1', 30_000)).toBeDefined();
  });

  it('keeps acknowledged unit costs across a restart, and two processes appending at once both keep theirs', async () => {
    const first = openAt();
    const store = new UnitCostStore(new SqliteUnitCosts(first.state, 'app'), { config: {} });
    await store.add(shop, [{ skuId: '1', amount: '1.10' }], '2026-02-10');
    first.close();

    const file = join(dir, 'state.sqlite');
    const [a, b] = [new Database(file), new Database(file)].map((db) => new UnitCostStore(new SqliteUnitCosts(db, 'app'), { config: {} }));
    const results = await Promise.allSettled([
      a!.add(shop, [{ skuId: '2', amount: '2.20' }], '2026-02-11'),
      b!.add(shop, [{ skuId: '3', amount: '3.30' }], '2026-02-11'),
      // The same SKU's first cost on the same day from both: one wins, the other is told why.
      a!.add(shop, [{ skuId: '4', amount: '4.00' }], '2026-02-11'),
      b!.add(shop, [{ skuId: '4', amount: '4.50' }], '2026-02-11'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const book = await new UnitCostStore(new SqliteUnitCosts(openAt().state, 'app'), { config: {} }).book(shop);
    expect(book.history(['1', '2', '3', '4']).map((e) => `${e.skuId}=${e.amount}`)).toEqual(['1=1.10', '2=2.20', '3=3.30', '4=4.00']);
  });
});
