/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script run outside the project: two of its engines are not dependencies */
/**
 * How the embedded store's engine was chosen (docs/storage.md): the same ledger-shaped workload on
 * better-sqlite3, lmdb and classic-level, each in a process of its own. Not part of `npm run bench`
 * (two of the engines are not dependencies): run it in a scratch directory —
 *
 *   mkdir /tmp/engines && cd /tmp/engines && npm init -y >/dev/null
 *   npm i better-sqlite3@12.11.1 lmdb@3.5.6 classic-level@3.0.0
 *   node <repo>/bench/store-engines.cjs sqlite   # then lmdb, level
 *
 * Workload: SHOPS × DAYS × PER orders (default 40 × 60 × 200), each a ~250-byte JSON tuple shaped
 * like the ledger's, written by shop in transactions of 1,000 with an order-id index beside it, then
 * every order read back day by day. Prints write and scan times, bytes per order on disk, and the
 * process's RSS split into anonymous and file-backed pages (mapped database pages count in RSS).
 */
const fs = require('node:fs');
const { execSync } = require('node:child_process');

const SHOPS = Number(process.env.SHOPS ?? 40);
const DAYS = Number(process.env.DAYS ?? 60);
const PER = Number(process.env.PER ?? 200);
const engine = process.argv[2];
const dir = `/tmp/store-engines-${engine}`;

let seed = 1;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const id19 = () => String(5_000_000_000_000_000_000n + BigInt(Math.floor(rnd() * 1e15)) * 1000n + BigInt(Math.floor(rnd() * 1000)));
function order(shop, day, i) {
  const create = 1_700_000_000 + day * 86_400 + Math.floor(rnd() * 86_400);
  const lines = [];
  for (let l = 0; l < 1 + Math.floor(rnd() * 3); l++) {
    const price = (5 + Math.floor(rnd() * 9000) / 100).toFixed(2);
    lines.push(id19(), id19(), id19(), price, price);
  }
  const total = (Math.floor(rnd() * 30_000) / 100).toFixed(2);
  return {
    id: `${shop}${String(day).padStart(3, '0')}${String(i).padStart(6, '0')}7`,
    day: new Date(create * 1000).toISOString().slice(0, 10),
    u: create + 60,
    fact: JSON.stringify(['x', 'COMPLETED', create, create + 60, create + 5, 0, 'USD', [total, '4.99', '1.20'], lines]),
  };
}
function* batches(shop) {
  let rows = [];
  for (let d = 0; d < DAYS; d++) {
    for (let i = 0; i < PER; i++) {
      rows.push(order(shop, d, i));
      if (rows.length === 1000) {
        yield rows;
        rows = [];
      }
    }
  }
  if (rows.length) yield rows;
}
const rss = () => {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const mb = (f) => Math.round(Number(new RegExp(`${f}:\\s+(\\d+)`).exec(status)[1]) / 1024);
  return `RSS ${mb('VmRSS')} MB (anonymous ${mb('RssAnon')}, file-backed ${mb('RssFile')}), peak ${mb('VmHWM')} MB`;
};
const shops = Array.from({ length: SHOPS }, (_, s) => String(7000 + s));
const orders = SHOPS * DAYS * PER;

async function main() {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  const t = Date.now();
  let scan;
  if (engine === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(`${dir}/l.db`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -16000');
    db.exec('CREATE TABLE orders (shop TEXT, id TEXT, day TEXT, u INTEGER, fact TEXT, PRIMARY KEY (shop, id)) WITHOUT ROWID; CREATE INDEX orders_day ON orders (shop, day)');
    const put = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?) ON CONFLICT (shop, id) DO UPDATE SET day = excluded.day, u = excluded.u, fact = excluded.fact');
    const write = db.transaction((shop, rows) => rows.forEach((r) => put.run(shop, r.id, r.day, r.u, r.fact)));
    for (const shop of shops) for (const rows of batches(shop)) write(shop, rows);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const byDay = db.prepare('SELECT fact FROM orders WHERE shop = ? AND day = ?');
    const days = db.prepare('SELECT DISTINCT day FROM orders WHERE shop = ?').pluck();
    scan = () => shops.forEach((shop) => days.all(shop).forEach((day) => { for (const r of byDay.iterate(shop, day)) JSON.parse(r.fact); }));
  } else if (engine === 'lmdb') {
    const { open } = require('lmdb');
    const db = open({ path: dir, encoding: 'string', compression: false });
    for (const shop of shops) {
      for (const rows of batches(shop)) {
        await db.transaction(() => rows.forEach((r) => {
          db.put(`${shop}\x00d\x00${r.day}\x00${r.id}`, r.fact);
          db.put(`${shop}\x00i\x00${r.id}`, `${r.day}|${r.u}`);
        }));
      }
    }
    scan = () => shops.forEach((shop) => { for (const { value } of db.getRange({ start: `${shop}\x00d\x00`, end: `${shop}\x00d\x01` })) JSON.parse(value); });
  } else if (engine === 'level') {
    const { ClassicLevel } = require('classic-level');
    const db = new ClassicLevel(dir, { valueEncoding: 'utf8' });
    await db.open();
    for (const shop of shops) {
      for (const rows of batches(shop)) {
        const batch = db.batch();
        rows.forEach((r) => {
          batch.put(`${shop}\x00d\x00${r.day}\x00${r.id}`, r.fact);
          batch.put(`${shop}\x00i\x00${r.id}`, `${r.day}|${r.u}`);
        });
        await batch.write();
      }
    }
    await db.compactRange('\x00', '\xff');
    scan = async () => {
      for (const shop of shops) for await (const v of db.values({ gte: `${shop}\x00d\x00`, lt: `${shop}\x00d\x01` })) JSON.parse(v);
    };
  } else {
    throw new Error('usage: node store-engines.cjs sqlite|lmdb|level');
  }
  console.log(`${engine}: wrote ${orders} orders in ${(Date.now() - t) / 1000} s; ${rss()}`);
  const bytes = Number(execSync(`du -sb ${dir}`).toString().split('\t')[0]);
  console.log(`${engine}: ${Math.round(bytes / orders)} bytes per order on disk`);
  const s = Date.now();
  await scan();
  console.log(`${engine}: read every order by day in ${(Date.now() - s) / 1000} s; ${rss()}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
