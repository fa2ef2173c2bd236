/**
 * Edge-triggered alerting (docs/alerts.md): a rule fires on the evaluation that first finds its
 * condition breached, stays FIRING without repeating while it is, and resolves only once the
 * value has come back past the threshold by the hysteresis margin, after which it may fire
 * again. Between the threshold and the margin (the dead band), and when nothing can be read,
 * the rule keeps its state: a value flapping around the threshold, or an upstream outage, fires
 * nothing and resolves nothing.
 */
import { Decimal } from 'decimal.js';
import type { AlertCondition, RuleState } from './alert-rule';

/** What was read for a rule: a decimal value (and, for ROAS, the spend it came with), or why nothing could be. */
export type Reading = { value: string; spend?: string } | { unknown: string };

/** Where a reading puts a rule's condition. */
export type Verdict = 'BREACHED' | 'RECOVERED' | 'HOLD';

/**
 * Judges a reading against the condition.
 * @param hysteresis - share of the threshold a value must clear to recover (integers round down)
 */
export function judge(condition: AlertCondition, reading: Reading, hysteresis: number): Verdict {
  if ('unknown' in reading) return 'HOLD';
  const value = new Decimal(reading.value);
  switch (condition.kind) {
    case 'LOW_STOCK': {
      const margin = Math.floor(condition.threshold * hysteresis);
      if (value.lte(condition.threshold)) return 'BREACHED';
      return value.gt(condition.threshold + margin) ? 'RECOVERED' : 'HOLD';
    }
    case 'ROAS_BELOW': {
      // Too little spend says nothing about ROAS either way.
      if (reading.spend === undefined || new Decimal(reading.spend).lt(condition.minSpend)) return 'HOLD';
      const threshold = new Decimal(condition.threshold);
      if (value.lt(threshold)) return 'BREACHED';
      return value.gte(threshold.mul(1 + hysteresis)) ? 'RECOVERED' : 'HOLD';
    }
    case 'SLA_RISK': {
      const margin = Math.floor(condition.minCount * hysteresis);
      if (value.gte(condition.minCount)) return 'BREACHED';
      return value.lt(condition.minCount - margin) ? 'RECOVERED' : 'HOLD';
    }
  }
}

/** A transition: the state to store and whether it is a firing. */
export interface Transition {
  next: RuleState;
  fired: boolean;
}

/** The transition a verdict makes from `state` at `now`, or null when the rule stays as it is. */
export function step(state: RuleState, verdict: Verdict, now: number): Transition | null {
  if (state.status === 'OK' && verdict === 'BREACHED') {
    return { next: { status: 'FIRING', version: state.version + 1, since: now, fired: state.fired + 1 }, fired: true };
  }
  if (state.status === 'FIRING' && verdict === 'RECOVERED') {
    return { next: { status: 'OK', version: state.version + 1, since: now, fired: state.fired }, fired: false };
  }
  return null;
}
