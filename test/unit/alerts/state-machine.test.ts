/**
 * The edge-triggered state machine on its own: a sequence of readings, on a clock the test
 * moves, fires once on the first breach, never while breached, resolves only past the
 * hysteresis margin, and fires again on the next crossing.
 */
import type { AlertCondition, RuleState } from '../../../src/alerts/alert-rule';
import { judge, step, type Reading } from '../../../src/alerts/state-machine';

const start: RuleState = { status: 'OK', version: 0, since: 0, fired: 0 };

/** Runs readings through judge + step, one minute apart; returns the minutes at which it fired and resolved. */
function run(condition: AlertCondition, readings: Reading[], hysteresis = 0.1) {
  let state = start;
  const fired: number[] = [];
  const resolved: number[] = [];
  readings.forEach((reading, minute) => {
    const t = step(state, judge(condition, reading, hysteresis), minute * 60_000);
    if (!t) return;
    (t.fired ? fired : resolved).push(minute);
    state = t.next;
  });
  return { fired, resolved, state };
}

const units = (...values: number[]): Reading[] => values.map((v) => ({ value: String(v) }));

describe('LOW_STOCK (threshold 10, hysteresis 10%: resolves above 11)', () => {
  const lowStock: AlertCondition = { kind: 'LOW_STOCK', skuId: '1', threshold: 10 };

  it('fires once when stock crosses the threshold and not while it stays at or below it', () => {
    const { fired, resolved, state } = run(lowStock, units(50, 30, 10, 9, 4, 0, 7));
    expect(fired).toEqual([2]); // 10 is "at or below"
    expect(resolved).toEqual([]);
    expect(state).toEqual({ status: 'FIRING', version: 1, since: 2 * 60_000, fired: 1 });
  });

  it('does not resolve in the dead band, resolves past it, then fires again on the next crossing', () => {
    const { fired, resolved, state } = run(lowStock, units(9, 11, 10, 11, 12, 11, 10, 40, 5));
    // 11 is above the threshold but within the margin: the rule holds; 12 clears it.
    expect(fired).toEqual([0, 6, 8]);
    expect(resolved).toEqual([4, 7]);
    expect(state).toEqual({ status: 'FIRING', version: 5, since: 8 * 60_000, fired: 3 });
  });

  it('keeps its state when the stock cannot be read', () => {
    const { fired, resolved } = run(lowStock, [{ value: '3' }, { unknown: 'inventory search failed' }, { value: '4' }]);
    expect(fired).toEqual([0]);
    expect(resolved).toEqual([]);
  });

  it('with threshold 0 fires at zero stock and resolves at one unit', () => {
    const { fired, resolved } = run({ kind: 'LOW_STOCK', skuId: '1', threshold: 0 }, units(1, 0, 0, 1, 0));
    expect(fired).toEqual([1, 4]);
    expect(resolved).toEqual([3]);
  });
});

describe('ROAS_BELOW (2.5, min spend 100.00)', () => {
  const roas: AlertCondition = { kind: 'ROAS_BELOW', threshold: '2.5', days: 7, minSpend: '100.00' };

  it('ignores ROAS until the spend reaches the minimum, then fires on a value below the threshold', () => {
    const { fired } = run(roas, [
      { value: '0.5', spend: '99.99' },
      { value: '2.49', spend: '100.00' },
      { value: '1.2', spend: '400' },
    ]);
    expect(fired).toEqual([1]);
  });

  it('resolves at threshold × 1.1 (2.75), exactly, not below', () => {
    const { fired, resolved } = run(roas, [
      { value: '2', spend: '200' },
      { value: '2.5', spend: '200' },
      { value: '2.749999', spend: '200' },
      { value: '2.75', spend: '200' },
      { value: '2.4', spend: '200' },
    ]);
    expect(fired).toEqual([0, 4]);
    expect(resolved).toEqual([3]);
  });

  it('compares decimals exactly, never as floats', () => {
    // 0.1 + 0.2 style: "2.4999999999999999" is below 2.5 though it rounds to 2.5 as a double.
    const { fired } = run(roas, [{ value: '2.4999999999999999', spend: '1000' }]);
    expect(fired).toEqual([0]);
  });
});

describe('SLA_RISK (at least 5 orders, hysteresis 10%: resolves below 5)', () => {
  it('fires at the count, holds, resolves below it', () => {
    const { fired, resolved } = run({ kind: 'SLA_RISK', withinHours: 24, minCount: 5 }, units(0, 4, 5, 9, 5, 4, 6));
    expect(fired).toEqual([2, 6]);
    expect(resolved).toEqual([5]);
  });

  it('with a 20-order minimum and 10% hysteresis resolves only below 18', () => {
    const { fired, resolved } = run({ kind: 'SLA_RISK', withinHours: 24, minCount: 20 }, units(20, 19, 18, 17, 20));
    expect(fired).toEqual([0, 4]);
    expect(resolved).toEqual([3]);
  });
});
