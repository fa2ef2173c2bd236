/** Alert rules and the alerts they fire (docs/alerts.md). */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar } from '../scalars';

export enum AlertKind {
  LOW_STOCK = 'LOW_STOCK',
  ROAS_BELOW = 'ROAS_BELOW',
  SLA_RISK = 'SLA_RISK',
}
registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'What a rule watches.',
  valuesConfig: {
    LOW_STOCK: { description: "A SKU's available stock (TikTok's total_available_quantity) at or below a number of units." },
    ROAS_BELOW: { description: 'ROAS over trailing days below a ratio, once ad spend reached a minimum.' },
    SLA_RISK: {
      description: 'At least a number of orders still to ship whose ship-by time is within some hours (or past): ORDERS_AT_RISK in docs/metrics.md.',
    },
  },
});

export enum AlertStatus {
  OK = 'OK',
  FIRING = 'FIRING',
}
registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  description: 'Where a rule stands: it fires once on entering FIRING, and may fire again only after it came back to OK.',
});

@InputType({ description: "Fire when the SKU's available stock is at or below `threshold` units." })
export class LowStockInput {
  @Field(() => ID) skuId!: string;
  @Field(() => Int, { description: '0 to 1,000,000,000 units.' }) threshold!: number;
}

@InputType({ description: 'Fire when ROAS over the trailing days is below `threshold`.' })
export class RoasBelowInput {
  @Field(() => DecimalScalar, { description: 'A ratio like "2.5" (attributed revenue ÷ spend), above 0.' }) threshold!: string;
  @Field(() => Int, { defaultValue: 7, description: 'Shop days the window covers, today included (1–90).' }) trailingDays!: number;
  @Field(() => DecimalScalar, {
    defaultValue: '0',
    description: 'Ad spend (shop currency) the window must reach before ROAS counts: less says nothing either way.',
  })
  minSpend!: string;
}

@InputType({ description: 'Fire when at least `minCount` orders still to ship must ship within `withinHours` hours or are late.' })
export class SlaRiskInput {
  @Field(() => Int, { defaultValue: 24, description: '1–720 hours.' }) withinHours!: number;
  @Field(() => Int, { defaultValue: 1, description: '1–100,000 orders.' }) minCount!: number;
}

@InputType({ description: 'A rule on one shop: exactly one of lowStock, roasBelow and slaRisk.' })
export class AlertRuleInput {
  @Field(() => ID) shopId!: string;
  @Field(() => LowStockInput, { nullable: true, description: 'Needs products:read.' }) lowStock?: LowStockInput | null;
  @Field(() => RoasBelowInput, { nullable: true }) roasBelow?: RoasBelowInput | null;
  @Field(() => SlaRiskInput, { nullable: true, description: 'Needs orders:read.' }) slaRisk?: SlaRiskInput | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Also POST each alert here, signed (docs/alerts.md): an https URL under one of the prefixes the server allows (alerts.webhooks.allowedUrlPrefixes).',
  })
  webhookUrl?: string | null;
}

@ObjectType()
export class LowStockCondition {
  @Field(() => ID) skuId!: string;
  @Field(() => Int) threshold!: number;
}

@ObjectType()
export class RoasBelowCondition {
  @Field(() => DecimalScalar) threshold!: string;
  @Field(() => Int) trailingDays!: number;
  @Field(() => DecimalScalar) minSpend!: string;
}

@ObjectType()
export class SlaRiskCondition {
  @Field(() => Int) withinHours!: number;
  @Field(() => Int) minCount!: number;
}

@ObjectType({ description: "A rule the calling client registered; no client sees another's." })
export class AlertRule {
  @Field(() => ID) id!: string;
  @Field(() => ID) shopId!: string;
  @Field(() => AlertKind) kind!: AlertKind;
  @Field(() => LowStockCondition, { nullable: true }) lowStock!: LowStockCondition | null;
  @Field(() => RoasBelowCondition, { nullable: true }) roasBelow!: RoasBelowCondition | null;
  @Field(() => SlaRiskCondition, { nullable: true }) slaRisk!: SlaRiskCondition | null;
  @Field(() => String, { nullable: true }) webhookUrl!: string | null;
  @Field(() => AlertStatus) status!: AlertStatus;
  @Field(() => DateTimeScalar, { description: 'When the rule entered its status (its creation until it first fires).' }) statusSince!: Date;
  @Field(() => Int, { description: 'Times it fired.' }) firedCount!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType({ description: 'A rule that fired: its condition became true.' })
export class Alert {
  @Field(() => ID, { description: "`<rule id>-<firing number>`; the webhook's idempotency key (ShopGraph-Event-Id)." }) id!: string;
  @Field(() => ID) ruleId!: string;
  @Field(() => ID) shopId!: string;
  @Field(() => AlertKind) kind!: AlertKind;
  @Field(() => DecimalScalar, { description: 'What was observed: units, a ratio, or a number of orders.' }) value!: string;
  @Field(() => String) message!: string;
  @Field(() => DateTimeScalar) firedAt!: Date;
  @Field(() => Int, { description: 'Alerts of this subscription dropped unread just before this one (at most subscriptions.queueSize wait).' }) missed!: number;
}

@ObjectType()
export class CreateAlertRulePayload {
  @Field(() => AlertRule) rule!: AlertRule;
  @Field(() => String, {
    nullable: true,
    description: 'With a webhookUrl: the secret its webhooks are signed with (docs/alerts.md, Verifying a webhook). Shown only here: keep it.',
  })
  webhookSigningSecret!: string | null;
}

@ObjectType()
export class DeleteAlertRulePayload {
  @Field(() => ID) id!: string;
}
