/** What an alert says, in words and as a webhook body (docs/alerts.md, Webhook body). */
import type { AlertCondition, AlertEvent } from './alert-rule';

/** One sentence saying what fired. */
export function alertMessage(condition: AlertCondition, value: string): string {
  switch (condition.kind) {
    case 'LOW_STOCK':
      return `SKU ${condition.skuId} has ${value} units available, at or below ${condition.threshold}`;
    case 'ROAS_BELOW':
      return `ROAS over the last ${condition.days} days is ${value}, below ${condition.threshold}`;
    case 'SLA_RISK':
      return `${value} orders must ship within ${condition.withinHours} hours or are late (at least ${condition.minCount})`;
  }
}

/** The JSON body of an alert's webhook: the same bytes on every attempt. */
export function webhookBody(event: AlertEvent): string {
  const { kind, ...condition } = event.condition;
  return JSON.stringify({
    id: event.id,
    type: 'alert.fired',
    createdAt: new Date(event.firedAt).toISOString(),
    shopId: event.shopId,
    rule: { id: event.ruleId, kind, ...condition },
    value: event.value,
    message: alertMessage(event.condition, event.value),
  });
}
