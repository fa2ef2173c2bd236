/**
 * Alert rules (docs/alerts.md): `createAlertRule` / `deleteAlertRule` (alerts:write),
 * `alertRules` and `alertFired` (metrics:read, the scope of the figures alerts are about).
 * A rule belongs to the client that registered it: every read and write is by its caller name,
 * and only on shops the caller can read, so no client reaches another's rules or alerts.
 */
import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { alertFeed } from '../subscriptions/alert-feed';
import { alertMessage } from '../alerts/alert-message';
import { INITIAL_STATE, newRuleId, type AlertCondition, type AlertEvent, type AlertRule as StoredRule, type RuleState } from '../alerts/alert-rule';
import type { AlertService } from '../alerts/alert-service';
import { badUserInput, ErrorCode, notFound, publicError } from '../errors';
import { canSeeShop } from '../security/caller';
import type { Scope } from '../security/scopes';
import { Alert, AlertKind, AlertRule, AlertRuleInput, AlertStatus, CreateAlertRulePayload, DeleteAlertRulePayload } from '../schema/types/alert';
import type { Queued } from '../events/event-queue';
import { requireShop, type GraphContext } from './context';

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

function alertsOf(ctx: GraphContext): AlertService {
  if (!ctx.alerts) throw publicError(ErrorCode.INTERNAL_SERVER_ERROR, 'Alerts are not served by this server');
  return ctx.alerts;
}

function between(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(name, `must be an integer from ${min} to ${max}, got ${value}`);
}

/** The condition the input asks for, checked; and the scope its figures need beside metrics:read. */
function conditionOf(input: AlertRuleInput): { condition: AlertCondition; needs?: Scope } {
  const given = [input.lowStock && 'lowStock', input.roasBelow && 'roasBelow', input.slaRisk && 'slaRisk'].filter(Boolean);
  if (given.length !== 1)
    throw badUserInput('input', `give exactly one of lowStock, roasBelow and slaRisk, got ${given.length === 0 ? 'none' : given.join(' and ')}`);
  if (input.lowStock) {
    between('input.lowStock.threshold', input.lowStock.threshold, 0, 1_000_000_000);
    return { condition: { kind: 'LOW_STOCK', skuId: input.lowStock.skuId, threshold: input.lowStock.threshold }, needs: 'products:read' };
  }
  if (input.roasBelow) {
    const { threshold, trailingDays, minSpend } = input.roasBelow;
    if (!DECIMAL.test(threshold) || /^0+(\.0+)?$/.test(threshold))
      throw badUserInput('input.roasBelow.threshold', 'must be a ratio above 0 with at most 12 digits before the point and 6 after, like "2.5"');
    if (!DECIMAL.test(minSpend))
      throw badUserInput('input.roasBelow.minSpend', 'must be an amount with at most 12 digits before the point and 6 after, like "100.00"');
    between('input.roasBelow.trailingDays', trailingDays, 1, 90);
    return { condition: { kind: 'ROAS_BELOW', threshold, days: trailingDays, minSpend } };
  }
  const { withinHours, minCount } = input.slaRisk!;
  between('input.slaRisk.withinHours', withinHours, 1, 720);
  between('input.slaRisk.minCount', minCount, 1, 100_000);
  return { condition: { kind: 'SLA_RISK', withinHours, minCount }, needs: 'orders:read' };
}

function checkWebhookUrl(alerts: AlertService, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUserInput('input.webhookUrl', 'is not a URL');
  }
  if (url.length > 2048) throw badUserInput('input.webhookUrl', 'is longer than 2048 characters');
  if (parsed.username !== '' || parsed.password !== '') throw badUserInput('input.webhookUrl', 'must not carry credentials');
  const problem = alerts.webhookProblem(url);
  if (problem) throw badUserInput('input.webhookUrl', problem);
}

export function toAlertRule(rule: StoredRule, state: RuleState = INITIAL_STATE(rule.createdAt)): AlertRule {
  const c = rule.condition;
  return Object.assign(new AlertRule(), {
    id: rule.id,
    shopId: rule.shopId,
    kind: c.kind as AlertKind,
    lowStock: c.kind === 'LOW_STOCK' ? { skuId: c.skuId, threshold: c.threshold } : null,
    roasBelow: c.kind === 'ROAS_BELOW' ? { threshold: c.threshold, trailingDays: c.days, minSpend: c.minSpend } : null,
    slaRisk: c.kind === 'SLA_RISK' ? { withinHours: c.withinHours, minCount: c.minCount } : null,
    webhookUrl: rule.webhookUrl,
    status: state.status as AlertStatus,
    statusSince: new Date(state.since),
    firedCount: state.fired,
    createdAt: new Date(rule.createdAt),
  });
}

function toAlert(item: Queued<AlertEvent>): Alert {
  const event = item.value;
  return Object.assign(new Alert(), {
    id: event.id,
    ruleId: event.ruleId,
    shopId: event.shopId,
    kind: event.condition.kind as AlertKind,
    value: event.value,
    message: alertMessage(event.condition, event.value),
    firedAt: new Date(event.firedAt),
    missed: item.missed,
  });
}

@Resolver()
export class AlertResolver {
  @Query(() => [AlertRule], { description: "The calling client's alert rules, on one shop or on every shop it can read, oldest first." })
  async alertRules(@Arg('shopId', () => ID, { nullable: true }) given: string | null | undefined, @Ctx() ctx: GraphContext): Promise<AlertRule[]> {
    const alerts = alertsOf(ctx);
    const shopId = given ?? null;
    if (shopId !== null) await requireShop(ctx, shopId);
    const rules = (await alerts.rulesOf(ctx.caller.name)).filter((r) => (shopId === null || r.shopId === shopId) && canSeeShop(ctx.caller, r.shopId));
    const states = await alerts.store.states(rules.map((r) => r.id));
    return rules.map((r) => toAlertRule(r, states.get(r.id)));
  }

  @Mutation(() => CreateAlertRulePayload, {
    description:
      'Registers an alert rule for the calling client (needs alerts:write; LOW_STOCK also products:read, SLA_RISK orders:read). Answered once stored; the rule is evaluated at once, ' +
      "then on the shop's events and every alerts.tickSeconds, and fires through `alertFired` and its webhook.",
  })
  async createAlertRule(@Arg('input', () => AlertRuleInput) input: AlertRuleInput, @Ctx() ctx: GraphContext): Promise<CreateAlertRulePayload> {
    const alerts = alertsOf(ctx);
    await requireShop(ctx, input.shopId);
    const { condition, needs } = conditionOf(input);
    if (needs && !ctx.caller.scopes.has(needs)) {
      throw publicError(ErrorCode.FORBIDDEN, `a ${condition.kind} rule needs the ${needs} scope, which this client does not have`, { missingScopes: [needs] });
    }
    const webhookUrl = input.webhookUrl ?? null;
    if (webhookUrl !== null) checkWebhookUrl(alerts, webhookUrl);
    const rule: StoredRule = {
      id: newRuleId(),
      owner: ctx.caller.name,
      ownerKind: ctx.caller.kind,
      shopId: input.shopId,
      condition,
      webhookUrl,
      createdAt: Date.now(),
    };
    if (!(await alerts.add(rule))) {
      throw publicError(
        ErrorCode.BAD_USER_INPUT,
        `this client already has ${alerts.settings.maxRulesPerClient} alert rules, the most allowed (alerts.maxRulesPerClient); delete one first`,
      );
    }
    return Object.assign(new CreateAlertRulePayload(), {
      rule: toAlertRule(rule),
      webhookSigningSecret: webhookUrl === null ? null : (alerts.signingSecret(rule.id) ?? null),
    });
  }

  @Mutation(() => DeleteAlertRulePayload, {
    description: "Deletes one of the calling client's alert rules (needs alerts:write); NOT_FOUND when it has no such rule.",
  })
  async deleteAlertRule(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphContext): Promise<DeleteAlertRulePayload> {
    const alerts = alertsOf(ctx);
    const rule = await alerts.store.rule(id);
    // Another client's rule, or one on a shop the caller can no longer read, is not there for it.
    if (!rule || rule.owner !== ctx.caller.name || !canSeeShop(ctx.caller, rule.shopId) || !(await alerts.delete(ctx.caller.name, id)))
      throw notFound('alert rule', id);
    return Object.assign(new DeleteAlertRulePayload(), { id });
  }

  @Subscription(() => Alert, {
    description:
      "Each alert of the calling client's rules on the shop, from now on, as it fires (once per crossing, whichever replica evaluated it). A client reading slower than they come loses the oldest (`missed`).",
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphContext;
      const shopId = args.shopId as string;
      if (!ctx.live) throw publicError(ErrorCode.INTERNAL_SERVER_ERROR, 'Subscriptions are not served by this server');
      const alerts = alertsOf(ctx);
      await requireShop(ctx, shopId);
      return alertFeed(ctx.live, alerts.store, shopId, ctx.caller.name);
    },
  })
  alertFired(@Root() item: Queued<AlertEvent>, @Arg('shopId', () => ID) _shopId: string): Alert {
    return toAlert(item);
  }
}
