/**
 * Alert rules and what they record (docs/alerts.md). A rule belongs to the client that
 * registered it (its caller name) and watches one shop; its condition is one of three kinds.
 * Thresholds that are money or ratios are decimal strings, never floats.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Stock of one SKU (TikTok's `total_available_quantity`) at or below `threshold` units. */
export interface LowStockCondition {
  kind: 'LOW_STOCK';
  skuId: string;
  threshold: number;
}

/** ROAS over the trailing `days` (shop days, today included) below `threshold`, once ad spend reached `minSpend`. */
export interface RoasBelowCondition {
  kind: 'ROAS_BELOW';
  threshold: string;
  days: number;
  minSpend: string;
}

/** At least `minCount` orders awaiting shipment whose ship-by time (`rts_sla_time`) is within `withinHours`. */
export interface SlaRiskCondition {
  kind: 'SLA_RISK';
  withinHours: number;
  minCount: number;
}

export type AlertCondition = LowStockCondition | RoasBelowCondition | SlaRiskCondition;
export type AlertKind = AlertCondition['kind'];

/** A registered rule. */
export interface AlertRule {
  id: string;
  /** The caller name of the client that registered it; only it sees the rule and its alerts. */
  owner: string;
  ownerKind: 'api-key' | 'jwt' | 'local';
  shopId: string;
  condition: AlertCondition;
  webhookUrl: string | null;
  createdAt: number;
}

/** Where a rule stands. `version` grows with every transition (compare-and-set between replicas). */
export interface RuleState {
  status: 'OK' | 'FIRING';
  version: number;
  /** When the rule entered `status` (ms); its creation while never evaluated. */
  since: number;
  /** Times it fired. */
  fired: number;
}

/** A firing, as stored, pushed to subscribers and sent as a webhook. */
export interface AlertEvent {
  /** `<rule id>-<firing number>`: the webhook's idempotency key. */
  id: string;
  ruleId: string;
  owner: string;
  shopId: string;
  condition: AlertCondition;
  /** What was observed (units, a ratio or a count), as a decimal string. */
  value: string;
  firedAt: number;
}

export const INITIAL_STATE = (createdAt: number): RuleState => ({ status: 'OK', version: 0, since: createdAt, fired: 0 });

/** A new rule id: a decimal integer like TikTok's ids, so it passes every ID argument's check. */
export function newRuleId(): string {
  // 62 random bits: below 2^63, at most 19 digits.
  return (randomBytes(8).readBigUInt64BE() >> 2n).toString();
}

const id = z.string().regex(/^\d{1,20}$/);
const decimal = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/);
const conditionSchema: z.ZodType<AlertCondition> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('LOW_STOCK'), skuId: id, threshold: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('ROAS_BELOW'), threshold: decimal, days: z.number().int().positive(), minSpend: decimal }),
  z.object({ kind: z.literal('SLA_RISK'), withinHours: z.number().int().positive(), minCount: z.number().int().positive() }),
]);

/** Records as the stores keep them, checked when read back. */
export const ruleSchema: z.ZodType<AlertRule> = z.object({
  id,
  owner: z.string().min(1).max(200),
  ownerKind: z.enum(['api-key', 'jwt', 'local']),
  shopId: id,
  condition: conditionSchema,
  webhookUrl: z.string().nullable(),
  createdAt: z.number().int().nonnegative(),
});
export const stateSchema: z.ZodType<RuleState> = z.object({
  status: z.enum(['OK', 'FIRING']),
  version: z.number().int().nonnegative(),
  since: z.number().int().nonnegative(),
  fired: z.number().int().nonnegative(),
});
export const eventSchema: z.ZodType<AlertEvent> = z.object({
  id: z.string().regex(/^\d{1,20}-\d{1,12}$/),
  ruleId: id,
  owner: z.string().min(1).max(200),
  shopId: id,
  condition: conditionSchema,
  value: z.string().max(64),
  firedAt: z.number().int().nonnegative(),
});
