import type Database from 'better-sqlite3';
import { firstRefusal, laterOf, type AppendRefusal, type UnitCostEntry, type UnitCostRecords } from '../domain/finance-costs';

interface Row {
  sku_id: string;
  from_date: string;
  amount: string;
  currency: string;
  set_at: number;
}

/**
 * Unit costs set through the API in the embedded store's durable database: one row per history
 * entry. An append is one `BEGIN IMMEDIATE` transaction — the check against each SKU's last row
 * and the inserts — so it is atomic for every process on the data directory, and on disk
 * (`synchronous=FULL`) before the mutation answers.
 */
export class SqliteUnitCosts implements UnitCostRecords {
  private readonly rows: Database.Statement<[string, string], Row>;
  private readonly last: Database.Statement<[string, string, string], { from_date: string }>;
  private readonly insert: Database.Statement<[string, string, string, string, string, string, number]>;
  private readonly appendAll: (
    shopId: string,
    entries: readonly UnitCostEntry[],
    today: string,
    configLast: ReadonlyMap<string, string>,
  ) => AppendRefusal | null;

  /** @param namespace - the app key: two apps never share costs */
  constructor(
    db: Database.Database,
    private readonly namespace: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS unit_costs (
      namespace TEXT NOT NULL, shop_id TEXT NOT NULL, sku_id TEXT NOT NULL, from_date TEXT NOT NULL,
      amount TEXT NOT NULL, currency TEXT NOT NULL, set_at INTEGER NOT NULL,
      PRIMARY KEY (namespace, shop_id, sku_id, from_date)) WITHOUT ROWID`);
    this.rows = db.prepare('SELECT sku_id, from_date, amount, currency, set_at FROM unit_costs WHERE namespace = ? AND shop_id = ? ORDER BY sku_id, from_date');
    this.last = db.prepare('SELECT max(from_date) AS from_date FROM unit_costs WHERE namespace = ? AND shop_id = ? AND sku_id = ?');
    this.insert = db.prepare('INSERT INTO unit_costs (namespace, shop_id, sku_id, from_date, amount, currency, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const append = db.transaction((shopId: string, entries: readonly UnitCostEntry[], today: string, configLast: ReadonlyMap<string, string>) => {
      const lastOf = (skuId: string) => laterOf(this.last.get(this.namespace, shopId, skuId)?.from_date ?? undefined, configLast.get(skuId));
      const refusal = firstRefusal(entries, today, lastOf);
      if (refusal) return refusal;
      for (const e of entries) this.insert.run(this.namespace, shopId, e.skuId, e.from!, e.amount, e.currency, e.setAt ?? 0);
      return null;
    });
    this.appendAll = (...args) => append.immediate(...args);
  }

  async list(shopId: string): Promise<UnitCostEntry[]> {
    return this.rows.all(this.namespace, shopId).map((r) => ({
      skuId: r.sku_id,
      amount: r.amount,
      currency: r.currency,
      from: r.from_date,
      source: 'API',
      setAt: r.set_at,
    }));
  }

  async append(shopId: string, entries: readonly UnitCostEntry[], today: string, configLast: ReadonlyMap<string, string>): Promise<AppendRefusal | null> {
    return this.appendAll(shopId, entries, today, configLast);
  }
}
