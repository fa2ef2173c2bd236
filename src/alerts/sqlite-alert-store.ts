import type Database from 'better-sqlite3';
import { eventSchema, ruleSchema, stateSchema, type AlertEvent, type AlertRule, type RuleState } from './alert-rule';
import type { AlertStore, DueDelivery } from './alert-store';
import { readRecord } from './stored-json';

/**
 * {@link AlertStore} in the embedded store (`alerts.sqlite` beside the others, `synchronous=FULL`:
 * a rule is on disk before `createAlertRule` answers). Each transition is one transaction, so a
 * process restarting mid-way never finds an alert without its state, or the reverse.
 */
export class SqliteAlertStore implements AlertStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS alert_rules (id TEXT PRIMARY KEY, owner TEXT NOT NULL, shop_id TEXT NOT NULL, created_at INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS alert_rules_owner ON alert_rules (owner);
      CREATE INDEX IF NOT EXISTS alert_rules_shop ON alert_rules (shop_id);
      CREATE TABLE IF NOT EXISTS alert_states (rule_id TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS alert_events (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS alert_outbox (event_id TEXT PRIMARY KEY, due_at INTEGER NOT NULL, attempts INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS alert_outbox_due ON alert_outbox (due_at);
    `);
    this.q = {
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM alert_rules WHERE owner = ?'),
      insert: db.prepare<[string, string, string, number, string]>('INSERT INTO alert_rules (id, owner, shop_id, created_at, body) VALUES (?, ?, ?, ?, ?)'),
      remove: db.prepare<[string, string]>('DELETE FROM alert_rules WHERE id = ? AND owner = ?'),
      removeState: db.prepare<[string]>('DELETE FROM alert_states WHERE rule_id = ?'),
      rule: db.prepare<[string], { body: string }>('SELECT body FROM alert_rules WHERE id = ?'),
      byOwner: db.prepare<[string], { body: string }>('SELECT body FROM alert_rules WHERE owner = ? ORDER BY created_at, id'),
      byShop: db.prepare<[string], { body: string }>('SELECT body FROM alert_rules WHERE shop_id = ? ORDER BY created_at, id'),
      shops: db.prepare<[], { shop_id: string }>('SELECT DISTINCT shop_id FROM alert_rules'),
      state: db.prepare<[string], { version: number; body: string }>('SELECT version, body FROM alert_states WHERE rule_id = ?'),
      putState: db.prepare<[string, number, string]>(
        'INSERT INTO alert_states (rule_id, version, body) VALUES (?, ?, ?) ON CONFLICT (rule_id) DO UPDATE SET version = excluded.version, body = excluded.body',
      ),
      putEvent: db.prepare<[string, number, string]>('INSERT INTO alert_events (id, expires_at, body) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING'),
      event: db.prepare<[string, number], { body: string }>('SELECT body FROM alert_events WHERE id = ? AND expires_at > ?'),
      expired: db.prepare<[number]>('DELETE FROM alert_events WHERE expires_at <= ?'),
      queue: db.prepare<[string, number]>('INSERT INTO alert_outbox (event_id, due_at, attempts) VALUES (?, ?, 0) ON CONFLICT (event_id) DO NOTHING'),
      due: db.prepare<[number, number], { event_id: string; attempts: number }>(
        'SELECT event_id, attempts FROM alert_outbox WHERE due_at <= ? ORDER BY due_at LIMIT ?',
      ),
      hide: db.prepare<[number, string]>('UPDATE alert_outbox SET due_at = ? WHERE event_id = ?'),
      settle: db.prepare<[string]>('DELETE FROM alert_outbox WHERE event_id = ?'),
      retry: db.prepare<[number, string]>('UPDATE alert_outbox SET due_at = ?, attempts = attempts + 1 WHERE event_id = ?'),
      nextDue: db.prepare<[], { due: number | null }>('SELECT min(due_at) AS due FROM alert_outbox'),
    };
  }

  async addRule(rule: AlertRule, maxPerOwner: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        if ((this.q.count.get(rule.owner)?.n ?? 0) >= maxPerOwner) return false;
        this.q.insert.run(rule.id, rule.owner, rule.shopId, rule.createdAt, JSON.stringify(rule));
        return true;
      })
      .immediate();
  }

  async deleteRule(owner: string, ruleId: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (this.q.remove.run(ruleId, owner).changes === 0) return false;
        this.q.removeState.run(ruleId);
        return true;
      })
      .immediate();
  }

  async rule(ruleId: string): Promise<AlertRule | undefined> {
    const row = this.q.rule.get(ruleId);
    return row && readRecord(ruleSchema, row.body, `alert_rules ${ruleId}`);
  }

  async rulesOfOwner(owner: string): Promise<AlertRule[]> {
    return this.q.byOwner.all(owner).map((r) => readRecord(ruleSchema, r.body, `alert_rules of ${owner}`));
  }

  async rulesOfShop(shopId: string): Promise<AlertRule[]> {
    return this.q.byShop.all(shopId).map((r) => readRecord(ruleSchema, r.body, `alert_rules of shop ${shopId}`));
  }

  async shops(): Promise<string[]> {
    return this.q.shops.all().map((r) => r.shop_id);
  }

  async states(ruleIds: readonly string[]): Promise<Map<string, RuleState>> {
    const out = new Map<string, RuleState>();
    for (const id of ruleIds) {
      const row = this.q.state.get(id);
      if (row) out.set(id, readRecord(stateSchema, row.body, `alert_states ${id}`));
    }
    return out;
  }

  async transition(ruleId: string, next: RuleState, fired?: { event: AlertEvent; retentionMs: number; deliverAt?: number }): Promise<boolean> {
    const now = this.now();
    return this.db
      .transaction(() => {
        if (!this.q.rule.get(ruleId)) return false;
        if ((this.q.state.get(ruleId)?.version ?? 0) !== next.version - 1) return false;
        this.q.putState.run(ruleId, next.version, JSON.stringify(next));
        if (fired) {
          this.q.expired.run(now);
          this.q.putEvent.run(fired.event.id, now + fired.retentionMs, JSON.stringify(fired.event));
          if (fired.deliverAt !== undefined) this.q.queue.run(fired.event.id, fired.deliverAt);
        }
        return true;
      })
      .immediate();
  }

  async event(eventId: string): Promise<AlertEvent | undefined> {
    const row = this.q.event.get(eventId, this.now());
    return row && readRecord(eventSchema, row.body, `alert_events ${eventId}`);
  }

  async claimDue(now: number, max: number, leaseMs: number): Promise<DueDelivery[]> {
    return this.db
      .transaction(() => {
        const rows = this.q.due.all(now, max);
        for (const r of rows) this.q.hide.run(now + leaseMs, r.event_id);
        return rows.map((r) => ({ eventId: r.event_id, attempts: r.attempts }));
      })
      .immediate();
  }

  async settle(eventId: string): Promise<void> {
    this.q.settle.run(eventId);
  }

  async retryAt(eventId: string, dueAt: number): Promise<void> {
    this.q.retry.run(dueAt, eventId);
  }

  async nextDue(): Promise<number | undefined> {
    return this.q.nextDue.get()?.due ?? undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
