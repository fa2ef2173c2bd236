/**
 * Where rules, their states, fired alerts and the webhook outbox live: the embedded store
 * (SQLite, {@link import('./sqlite-alert-store').SqliteAlertStore}) or Redis, shared by replicas
 * ({@link import('./redis-alert-store').RedisAlertStore}). A transition is a compare-and-set on
 * the rule's state version, written together with its alert and outbox entry: of two replicas
 * evaluating the same rule at once (a lease that ran out), exactly one fires.
 */
import type { AlertEvent, AlertRule, RuleState } from './alert-rule';

/** A fired alert due for (re)delivery, and the attempts already made. */
export interface DueDelivery {
  eventId: string;
  attempts: number;
}

export interface AlertStore {
  /**
   * Stores a new rule unless its owner already holds `maxPerOwner` rules.
   * @returns false when the owner is at the limit
   */
  addRule(rule: AlertRule, maxPerOwner: number): Promise<boolean>;
  /** Deletes the owner's rule with its state; false when it has no such rule. */
  deleteRule(owner: string, ruleId: string): Promise<boolean>;
  rule(ruleId: string): Promise<AlertRule | undefined>;
  /** The owner's rules, oldest first. */
  rulesOfOwner(owner: string): Promise<AlertRule[]>;
  /** Every rule on the shop, oldest first. */
  rulesOfShop(shopId: string): Promise<AlertRule[]>;
  /** Shops with at least one rule. */
  shops(): Promise<string[]>;
  /** Stored states by rule id (a rule never evaluated has none). */
  states(ruleIds: readonly string[]): Promise<Map<string, RuleState>>;
  /**
   * Writes `next` if the stored version is `next.version - 1` (0 when none is stored) and the
   * rule still exists; a firing stores `fired` too (kept `retentionMs`), and queues its webhook
   * when `deliverAt` is given.
   * @returns whether this call made the transition
   */
  transition(ruleId: string, next: RuleState, fired?: { event: AlertEvent; retentionMs: number; deliverAt?: number }): Promise<boolean>;
  event(eventId: string): Promise<AlertEvent | undefined>;
  /** Claims up to `max` deliveries due at `now`, hiding them from other claims until `now + leaseMs`. */
  claimDue(now: number, max: number, leaseMs: number): Promise<DueDelivery[]>;
  /** Removes a delivery (sent, or given up). */
  settle(eventId: string): Promise<void>;
  /** Counts a failed attempt and makes the delivery due again at `dueAt`. */
  retryAt(eventId: string, dueAt: number): Promise<void>;
  /** When the next delivery is due, if any (ms). */
  nextDue(): Promise<number | undefined>;
  close(): Promise<void>;
}
